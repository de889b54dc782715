// Atomic JSON persistence for settings and profiles. Promises kept here:
// - a crash mid-write leaves the previous file intact (temp file, fsync, rename);
// - a file that cannot be parsed is moved aside, never silently overwritten;
// - a file that exists but cannot be read (permissions, I/O error, not a regular file) is not "absent":
//   the store refuses to write over it and says why;
// - opening never blocks: only regular files are read (a FIFO in its place would wait forever);
// - writers in one process are serialized, and writers in two processes (the app and the CLI) take a
//   lock file and re-read before they modify, so no update is lost.

import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, mkdir, open, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { AppError } from './errors';
import { fsReason } from './fs-reasons';

export interface ReadResult<T> {
  value: T | null;
  /** One sentence when the file existed but could not be used; null when fine or absent. */
  problem: string | null;
  /** True when the file is there but was not read and must not be overwritten. */
  blocked: boolean;
}

/** Settings and profiles are kilobytes; anything far larger is not ours and is not read into memory. */
export const MAX_JSON_BYTES = 8 * 1024 * 1024;

/** A store that cannot be written: one sentence, crosses IPC as an io-error. */
export class StoreError extends AppError {
  constructor(message: string) {
    super('io-error', message);
    this.name = 'StoreError';
  }
}

/**
 * Opens without blocking and only if the path is a regular file. Returns its text, or null when absent;
 * throws with `code` set for anything else.
 */
async function readRegularFile(file: string): Promise<string | null> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer that never comes.
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    if (info.size > MAX_JSON_BYTES) throw Object.assign(new Error('too large'), { code: 'E2BIG' });
    return await handle.readFile('utf8');
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Reads and validates a JSON file. `validate` returns the typed value or throws (valibot's `v.parse`
 * fits). Absent → { value: null }. Unparseable, invalid or oversized → moved aside as
 * `<name>.corrupt-<timestamp>.json` and reported. Unreadable or not a regular file → left in place,
 * reported, and `blocked` so that nothing is written over it.
 */
export async function readJson<T>(file: string, validate: (raw: unknown) => T): Promise<ReadResult<T>> {
  const name = basename(file);
  let text: string | null;
  try {
    text = await readRegularFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'E2BIG') return aside(file, `${name} was larger than ${MAX_JSON_BYTES / 1024 / 1024} MiB`);
    const why = code === 'ENOTREG' ? 'it is not a regular file' : fsReason(error);
    return {
      value: null,
      blocked: true,
      problem: `Could not read ${name} because ${why}; it was left as it is, and changes will not be saved until it can be read.`,
    };
  }
  if (text === null) return { value: null, problem: null, blocked: false };
  try {
    // A BOM from a hand edit in Notepad is not corruption.
    return { value: validate(JSON.parse(text.replace(/^\uFEFF/, ''))), problem: null, blocked: false };
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
    return aside(file, `${name} was unreadable (${reason})`);
  }
}

async function aside(file: string, what: string): Promise<ReadResult<never>> {
  const moved = await quarantine(file);
  if (moved) return { value: null, blocked: false, problem: `${what}; it was kept as ${basename(moved)} and defaults are used.` };
  // No copy was made: say so, and do not write over the only copy there is.
  return {
    value: null,
    blocked: true,
    problem: `${what}; it could not be moved aside, so it was left as it is and changes will not be saved.`,
  };
}

/** `profiles.json` → `profiles.corrupt-2026-01-02T03-04-05-678Z.json` beside it. */
export function corruptName(file: string, now = new Date()): string {
  const ext = extname(file) || '.json';
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return join(dirname(file), `${basename(file, ext)}.corrupt-${stamp}${ext}`);
}

/** Moves the file aside; the new path, or null when it could not be moved. */
async function quarantine(file: string): Promise<string | null> {
  let target = corruptName(file);
  // Two corruptions in the same millisecond must not overwrite the first copy.
  for (let i = 1; i < 100; i += 1) {
    try {
      await stat(target);
      target = corruptName(file).replace(/(\.[^.]+)$/, `-${i}$1`);
    } catch {
      break;
    }
  }
  try {
    await rename(file, target);
    return target;
  } catch {
    return null;
  }
}

function tempPrefix(file: string): string {
  return `.${basename(file)}.`;
}

/** Writes to a temp file in the same folder, fsyncs it, renames it over `file`, then fsyncs the folder. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `${tempPrefix(file)}${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  if (process.platform !== 'win32') {
    // Makes the rename itself durable; best effort (some filesystems refuse to fsync a directory).
    try {
      const d = await open(dir, 'r');
      await d.sync().catch(() => undefined);
      await d.close();
    } catch {
      // ignore
    }
  }
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files a killed writer left beside `file` (`.<name>.<pid>.<random>.tmp`), but only those
 * whose writer is gone: another process may be mid-write right now.
 */
export async function removeStaleTemps(file: string): Promise<number> {
  const prefix = tempPrefix(file);
  let names: string[];
  try {
    names = await readdir(dirname(file));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const n of names) {
    if (!n.startsWith(prefix) || !n.endsWith('.tmp')) continue;
    const pid = Number(n.slice(prefix.length).split('.')[0]);
    if (processAlive(pid)) continue;
    await unlink(join(dirname(file), n)).then(
      () => (removed += 1),
      () => undefined,
    );
  }
  return removed;
}

/**
 * Creates `lock` holding our pid and the time, all at once: the content goes to a private file that is
 * then hard-linked to the lock name (EEXIST when another writer holds it). Where hard links are not
 * supported, O_EXCL creation and a write is the fallback.
 */
async function createLock(file: string, lock: string): Promise<void> {
  const content = `${process.pid}\n${Date.now()}\n`;
  // Named like a temp file, so removeStaleTemps finds it if we are killed before the unlink below.
  const mine = join(dirname(file), `${tempPrefix(file)}${process.pid}.${randomBytes(4).toString('hex')}.lock.tmp`);
  try {
    await writeFile(mine, content, { flag: 'wx' });
    try {
      await link(mine, lock);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    }
  } finally {
    await unlink(mine).catch(() => undefined);
  }
  const h = await open(lock, 'wx');
  await h.writeFile(content).finally(() => h.close());
}

/** A lock older than this is a crashed writer's even if its pid was reused. */
const LOCK_STALE_MS = 30_000;
const LOCK_WAIT_MS = 3_000;

/**
 * Runs `task` holding `<file>.lock` (created with O_EXCL). A lock whose process is gone, or which is
 * older than LOCK_STALE_MS, is taken over. Waits up to LOCK_WAIT_MS for another live writer.
 */
export async function withFileLock<T>(file: string, task: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  await mkdir(dirname(file), { recursive: true });
  const until = Date.now() + LOCK_WAIT_MS;
  for (let attempt = 0; ; attempt += 1) {
    try {
      await createLock(file, lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StoreError(`Could not save ${basename(file)} because ${fsReason(error)}.`);
      }
    }
    const holder = await readRegularFile(lock).catch(() => null);
    const info = await stat(lock).catch(() => null);
    const pid = Number((holder ?? '').split('\n')[0]);
    const age = info ? Date.now() - info.mtimeMs : 0;
    // A lock is written whole (see createLock); an empty one is a writer killed between creating and
    // writing it on a file system without hard links, stale after a moment.
    const stale = info !== null && (age > LOCK_STALE_MS || (pid > 0 ? !processAlive(pid) : age > 2000));
    if (stale) {
      // Only the lock judged stale: if another writer replaced it meanwhile, leave theirs alone.
      const again = await readRegularFile(lock).catch(() => null);
      if (again === holder) await unlink(lock).catch(() => undefined);
      continue;
    }
    if (Date.now() > until) {
      throw new StoreError(`Could not save ${basename(file)} because another VRAM Planner window or command is saving it; try again.`);
    }
    await new Promise((r) => setTimeout(r, Math.min(100, 5 + attempt * 5)));
  }
  try {
    return await task();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}

/** One queue per store: each task starts after the previous one settled. */
export function createSerialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const next = tail.then(task, task);
    tail = next.catch(() => undefined);
    return next;
  };
}

/** The sentence for a write that failed, naming the store's file and never a temp file. */
export function writeFailure(file: string, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  return new StoreError(`Could not save ${basename(file)} because ${fsReason(error)}; the previous copy was kept.`);
}
