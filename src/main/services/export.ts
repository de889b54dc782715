// Writing exported plans: atomically (temp file in the same folder, fsync, rename), so a failed or
// interrupted write never leaves a half-written file where the user's previous export was. No electron
// here: the save dialog and the PDF renderer arrive as functions.

import { randomBytes } from 'node:crypto';
import { lstat, open, readlink, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve as resolvePath } from 'node:path';
import { renderMarkdown } from '../../core/plan/markdown';
import type { Plan, PlanRenderOptions } from '../../core/plan/types';
import type { PlanLocale } from '../../core/plan/text';
import { AppError } from './errors';
import { fsReason } from './fs-reasons';

let counter = 0;

/**
 * Where a write to `path` must really go: through a symlink (chain) to its target, so the link stays a
 * link. Refuses anything that is not a regular file or absent (a device, FIFO or socket: writing
 * "through" /dev/full as root replaced the device node), with `code` ENOTREG, or a folder (EISDIR).
 */
export async function writeTarget(path: string): Promise<string> {
  let target = path;
  for (let hops = 0; hops < 40; hops += 1) {
    const info = await lstat(target).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (info === null) return target;
    if (info.isSymbolicLink()) {
      target = resolvePath(dirname(target), await readlink(target));
      continue;
    }
    if (info.isDirectory()) throw Object.assign(new Error(`${basename(path)} is a folder`), { code: 'EISDIR' });
    if (!info.isFile()) throw Object.assign(new Error(`${basename(path)} is not a regular file`), { code: 'ENOTREG' });
    return target;
  }
  throw Object.assign(new Error(`${basename(path)} is a symbolic link loop`), { code: 'ELOOP' });
}

/**
 * Writes `data` to `path` through a temp file in the same directory (same file system, so the rename
 * is atomic), flushed to disk before the rename. On any failure the temp file is removed and whatever
 * was at `path` before is untouched. A symlink is written through to its target; special files are
 * refused (see writeTarget).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const target = await writeTarget(path);
  const dir = dirname(target);
  // Short and independent of the name: a legal 250-byte name plus a long suffix passed NAME_MAX.
  const temp = join(dir, `.vp-${process.pid}-${(counter++).toString(36)}-${randomBytes(3).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  try {
    handle = await open(temp, 'wx', 0o644);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = null;
    await rename(temp, target);
  } catch (error) {
    if (handle) await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  // Make the rename itself durable where the platform allows syncing a directory (not Windows).
  if (process.platform !== 'win32') {
    const dirHandle = await open(dir, 'r').catch(() => null);
    if (dirHandle) {
      await dirHandle.sync().catch(() => undefined);
      await dirHandle.close().catch(() => undefined);
    }
  }
}

/** Why a write failed, as the end of a sentence ("because …"), never naming a temp file. */
export function writeErrorReason(error: unknown): string {
  return fsReason(error, { missing: 'the folder does not exist' });
}

export type ExportKind = 'markdown' | 'pdf';

export interface LastFolderStore {
  get(): Promise<string | null>;
  set(folder: string): Promise<void>;
}

export interface ExportDeps {
  /** Shows the save dialog with a suggested path; null when the user cancels. */
  chooseSavePath(defaultPath: string): Promise<string | null>;
  renderPdf(plan: Plan, opts: PlanRenderOptions): Promise<Uint8Array>;
  lastFolder: LastFolderStore;
  /** Folder for the first export (the user's documents folder). */
  defaultFolder?: string;
}

/** "vram-plan-llama-3.1-8b-instruct-Q4_K_M.md": safe on every file system. */
/** "vram-plan-<model>-<quant>-<lang>.md": several exports of one session stay apart in a folder. */
export function planFileName(plan: Plan, kind: ExportKind, locale: PlanLocale = 'en'): string {
  const slug = `${plan.model?.id ?? 'model'}-${plan.quant?.id ?? ''}`
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 100);
  return `vram-plan-${slug || 'model'}-${locale === 'ja' ? 'ja' : 'en'}.${kind === 'pdf' ? 'pdf' : 'md'}`;
}

function reasonOf(error: unknown): string {
  return writeErrorReason(error);
}

/**
 * Asks where to save, renders, writes atomically and remembers the folder. Returns the saved path, or
 * null when the user cancelled the dialog. Errors are AppErrors with one plain sentence.
 */
export async function exportPlan(
  kind: ExportKind,
  plan: Plan,
  opts: PlanRenderOptions,
  deps: ExportDeps,
): Promise<{ path: string } | null> {
  if (kind !== 'markdown' && kind !== 'pdf')
    throw new AppError('invalid-argument', `Cannot export a plan as "${String(kind)}"; choose Markdown or PDF.`);
  const folder = (await deps.lastFolder.get().catch(() => null)) ?? deps.defaultFolder ?? '';
  const name = planFileName(plan, kind, opts.locale);
  const suggested = folder ? join(folder, name) : name;
  const chosen = await deps.chooseSavePath(suggested);
  if (!chosen) return null;
  const wanted = kind === 'pdf' ? '.pdf' : '.md';
  const path = extname(chosen) ? chosen : `${chosen}${wanted}`;

  const existing = await stat(path).catch(() => null);
  if (existing?.isDirectory()) throw new AppError('io-error', `Could not save ${basename(path)} because a folder has that name.`);

  let data: string | Uint8Array;
  try {
    data = kind === 'markdown' ? renderMarkdown(plan, opts.locale) : await deps.renderPdf(plan, opts);
  } catch (error) {
    throw new AppError('internal', `Could not render the plan as ${kind === 'pdf' ? 'PDF' : 'Markdown'}: ${reasonOf(error)}.`);
  }
  try {
    await writeFileAtomic(path, data);
  } catch (error) {
    throw new AppError('io-error', `Could not save ${basename(path)} because ${reasonOf(error)}; any existing file was left as it was.`);
  }
  await deps.lastFolder.set(dirname(path)).catch(() => undefined);
  return { path };
}
