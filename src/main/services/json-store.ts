// Atomic JSON persistence: a crash mid-write leaves the previous file intact, and a file that cannot be
// parsed is moved aside (never silently overwritten) so the user's data can still be recovered.

import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

export interface ReadResult<T> {
  value: T | null;
  /** One sentence when the file existed but could not be used; null when fine or absent. */
  problem: string | null;
}

/** Settings and profiles are kilobytes; anything far larger is not ours and is not read into memory. */
export const MAX_JSON_BYTES = 8 * 1024 * 1024;

/**
 * Reads and validates a JSON file. `validate` returns the typed value or throws (valibot's `v.parse`
 * fits). Absent file → { value: null, problem: null }. Unparseable, invalid or oversized file → moved
 * aside as `<name>.corrupt-<timestamp>.json` and reported in `problem`.
 */
export async function readJson<T>(file: string, validate: (raw: unknown) => T): Promise<ReadResult<T>> {
  let text: string;
  try {
    const info = await stat(file);
    if (info.size > MAX_JSON_BYTES) {
      const aside = await quarantine(file);
      return { value: null, problem: `${basename(file)} was larger than ${MAX_JSON_BYTES / 1024 / 1024} MiB; it was kept as ${basename(aside)} and defaults are used.` };
    }
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { value: null, problem: null };
    return { value: null, problem: `Could not read ${basename(file)}: ${(error as Error).message}` };
  }
  try {
    // A BOM from a hand edit in Notepad is not corruption.
    return { value: validate(JSON.parse(text.replace(/^\uFEFF/, ''))), problem: null };
  } catch (error) {
    const aside = await quarantine(file);
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
    return {
      value: null,
      problem: `${basename(file)} was unreadable (${reason}); it was kept as ${basename(aside)} and defaults are used.`,
    };
  }
}

/** `profiles.json` → `profiles.corrupt-2026-01-02T03-04-05-678Z.json` beside it. */
export function corruptName(file: string, now = new Date()): string {
  const ext = extname(file) || '.json';
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return join(dirname(file), `${basename(file, ext)}.corrupt-${stamp}${ext}`);
}

async function quarantine(file: string): Promise<string> {
  let aside = corruptName(file);
  // Two corruptions in the same millisecond must not overwrite the first copy.
  for (let i = 1; i < 100; i += 1) {
    try {
      await stat(aside);
      aside = corruptName(file).replace(/(\.[^.]+)$/, `-${i}$1`);
    } catch {
      break;
    }
  }
  await rename(file, aside).catch(() => undefined);
  return aside;
}

/** Writes to a temp file in the same folder, fsyncs it, renames it over `file`, then fsyncs the folder. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
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
