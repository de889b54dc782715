// The bounded folder walk behind the local model scan (local-scan.ts): per-source entry budgets, an
// overall cap, symlink loops, and boundaries a walk never crosses (issue 13 item 15).

import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { fsErrorSentence } from './errors';

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
      return this.stop(`Stopped scanning ${this.sourceRoot} after ${this.maxEntriesPerSource} folder entries; some models there may be missing.`);
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
        this.problems.push(`Skipped ${dir}: it is on another file system than ${this.sourceRoot}; add it as a folder of its own to scan it.`);
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
          this.stop(`Stopped scanning ${this.sourceRoot} after ${this.maxEntriesPerSource} folder entries; some models there may be missing.`);
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
