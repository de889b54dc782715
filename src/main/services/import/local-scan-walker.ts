// The file-system side of the local model scan (local-scan.ts): the bounded folder walk (per-source
// entry budgets, an overall cap, symlink loops, boundaries it never crosses: issue 13 item 15) and the
// small stat helpers and GGUF shard grouping the scanners share.

import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fsErrorSentence } from './errors';
import { GGUF_SHARD_RE } from '../gguf-shards';

/** Never walked, whatever a symlink or a user folder points at: the root and kernel pseudo-filesystems. */
const FORBIDDEN_ROOTS = ['/proc', '/sys', '/dev'];

function forbidden(real: string): boolean {
  return real === '/' || FORBIDDEN_ROOTS.some((r) => real === r || real.startsWith(`${r}/`));
}

/**
 * Bounded folder listing. Each source (the Ollama store, LM Studio's folder, the HF cache, each user
 * folder) gets its own entry budget, so one folder with 100 k files cannot starve the others; the whole
 * scan has an overall cap too. A walk never leaves the file system its source starts on (a symlink to
 * `/` or a network mount inside a models folder is not followed) and never enters /proc, /sys or /dev.
 */
export class Walker {
  entries = 0;
  truncated = false;
  readonly problems: string[] = [];
  private readonly visited = new Set<string>();
  private sourceEntries = 0;
  private sourceRoot = '';
  private sourceDev: number | null = null;
  private sourceReal = '';
  private sourceTruncated = false;
  private readonly crossed = new Set<string>();

  constructor(
    readonly maxDepth: number,
    readonly maxEntries: number,
    readonly maxEntriesPerSource: number,
  ) {}

  /** Starts a new source's budget; its device is the one the walk must stay on. */
  async startSource(root: string): Promise<void> {
    this.sourceEntries = 0;
    this.sourceRoot = root;
    this.sourceTruncated = false;
    this.sourceDev = (await stat(root).catch(() => null))?.dev ?? null;
    this.sourceReal = await realpath(root).catch(() => root);
  }

  private stop(message: string): null {
    if (!this.truncated || !this.problems.includes(message)) this.problems.push(message);
    this.truncated = true;
    return null;
  }

  /** Lists a folder once per real path; null when unreadable, already seen, off-limits or over budget. */
  async list(dir: string): Promise<Dirent[] | null> {
    if (this.entries >= this.maxEntries) return this.stop(`Stopped after ${this.maxEntries} folder entries; some models may be missing.`);
    if (this.sourceEntries >= this.maxEntriesPerSource) {
      if (this.sourceTruncated) return null;
      this.sourceTruncated = true;
      return this.stop(
        `Stopped scanning ${this.sourceRoot} after ${this.maxEntriesPerSource} folder entries; some models there may be missing.`,
      );
    }
    let real: string;
    let dev: number;
    try {
      real = await realpath(dir);
      dev = (await stat(real)).dev;
    } catch (error) {
      this.problems.push(`Skipped ${dir}: ${fsErrorSentence(error, dir)}`);
      return null;
    }
    if (this.visited.has(real)) return null;
    this.visited.add(real);
    // A folder the user chose is scanned even under /dev (say /dev/shm/models); only what a walk reaches
    // through it is held to the rule.
    if (real !== this.sourceReal && forbidden(real)) {
      this.problems.push(`Skipped ${dir}: it leads to ${real}, which is not a models folder.`);
      return null;
    }
    if (this.sourceDev !== null && dev !== this.sourceDev) {
      if (!this.crossed.has(this.sourceRoot)) {
        this.crossed.add(this.sourceRoot);
        this.problems.push(
          `Skipped ${dir}: it is on another file system than ${this.sourceRoot}; add it as a folder of its own to scan it.`,
        );
      }
      return null;
    }
    try {
      const list = await readdir(dir, { withFileTypes: true });
      const room = Math.min(this.maxEntries - this.entries, this.maxEntriesPerSource - this.sourceEntries);
      const taken = Math.min(list.length, room);
      this.entries += taken;
      this.sourceEntries += taken;
      if (list.length > room) {
        if (this.entries >= this.maxEntries) this.stop(`Stopped after ${this.maxEntries} folder entries; some models may be missing.`);
        else {
          this.sourceTruncated = true;
          this.stop(
            `Stopped scanning ${this.sourceRoot} after ${this.maxEntriesPerSource} folder entries; some models there may be missing.`,
          );
        }
        return list.slice(0, room);
      }
      return list;
    } catch (error) {
      this.problems.push(`Skipped ${dir}: ${fsErrorSentence(error, dir)}`);
      return null;
    }
  }
}

/** Resolves a dirent (following symlinks) to file/dir; null for broken links and other kinds. */
export async function kindOf(dir: string, entry: Dirent): Promise<'file' | 'dir' | null> {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'dir';
  if (!entry.isSymbolicLink()) return null;
  try {
    const info = await stat(join(dir, entry.name));
    return info.isDirectory() ? 'dir' : info.isFile() ? 'file' : null;
  } catch {
    return null;
  }
}

export async function fileSize(path: string): Promise<number | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export interface GgufGroup {
  /** First shard, or the single file. */
  path: string;
  files: string[];
  missingShards: number;
}

/** Groups split GGUFs (name-00001-of-00003.gguf) so each model is listed once. */
export function groupGgufFiles(dir: string, names: string[]): GgufGroup[] {
  const singles: GgufGroup[] = [];
  const splits = new Map<string, { total: number; parts: Map<number, string> }>();
  for (const name of names.sort()) {
    const m = GGUF_SHARD_RE.exec(name);
    if (!m) {
      singles.push({ path: join(dir, name), files: [join(dir, name)], missingShards: 0 });
      continue;
    }
    const key = `${m[1]}|${m[3]}`;
    const group = splits.get(key) ?? { total: Number(m[3]), parts: new Map<number, string>() };
    group.parts.set(Number(m[2]), join(dir, name));
    splits.set(key, group);
  }
  for (const group of splits.values()) {
    const ordered = [...group.parts.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
    singles.push({ path: ordered[0]!, files: ordered, missingShards: Math.max(0, group.total - ordered.length) });
  }
  return singles;
}

export function isProjector(name: string): boolean {
  return /(^|[-_.])mmproj([-_.]|$)/i.test(name);
}
