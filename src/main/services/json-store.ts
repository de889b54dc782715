// Atomic JSON persistence: a crash mid-write leaves the previous file intact, and a file that cannot be
// parsed is moved aside (never silently overwritten) so the user's data can still be recovered.

import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

export interface ReadResult<T> {
  value: T | null;
  /** One sentence when the file existed but could not be used; null when fine or absent. */
  problem: string | null;
}

export async function readJson<T>(file: string, validate: (raw: unknown) => T): Promise<ReadResult<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { value: null, problem: null };
    return { value: null, problem: `Could not read ${basename(file)}: ${(error as Error).message}` };
  }
  try {
    return { value: validate(JSON.parse(text)), problem: null };
  } catch (error) {
    const aside = await quarantine(file);
    const reason = error instanceof Error ? error.message : String(error);
    return {
      value: null,
      problem: `${basename(file)} was unreadable (${reason}); it was kept as ${basename(aside)} and defaults are used.`,
    };
  }
}

async function quarantine(file: string): Promise<string> {
  const ext = extname(file) || '.json';
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const aside = join(dirname(file), `${basename(file, ext)}.corrupt-${stamp}${ext}`);
  await rename(file, aside).catch(() => undefined);
  return aside;
}

export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
