// One versioned JSON document in the user-data folder (the workspace, the user's model library), with
// the promises of json-store: atomic writes, a damaged file moved aside and reported, an unreadable one
// never written over, and read-modify-write under the cross-process lock so the app and the CLI never
// lose each other's change.

import { basename } from 'node:path';
import { createSerialQueue, readJson, removeStaleTemps, StoreError, withFileLock, writeFailure, writeJsonAtomic } from './json-store';

export interface DocStore<T> {
  /** The document (the empty one when absent or damaged). */
  get(): Promise<T>;
  /** Applies `change` to a fresh read and writes the result atomically. */
  modify<R>(change: (doc: T) => { next: T; result: R }): Promise<R>;
  /** A sentence about a damaged or unreadable file, or null. */
  problem(): string | null;
}

export function createDocStore<T>(file: string, validate: (raw: unknown) => T, empty: () => T): DocStore<T> {
  let cache: T | null = null;
  let lastProblem: string | null = null;
  let blocked = false;
  let cleaned = false;
  const serial = createSerialQueue();

  async function read(): Promise<T> {
    if (!cleaned) {
      cleaned = true;
      await removeStaleTemps(file);
    }
    const r = await readJson(file, validate);
    if (r.problem || !lastProblem) lastProblem = r.problem;
    blocked = r.blocked;
    cache = r.value ?? empty();
    return cache;
  }

  return {
    get: () => (cache ? Promise.resolve(cache) : serial(read)),
    modify: (change) =>
      serial(() =>
        withFileLock(file, async () => {
          const current = await read();
          if (blocked) throw new StoreError(lastProblem ?? `${basename(file)} could not be read, so it was not changed.`);
          const { next, result } = change(current);
          try {
            await writeJsonAtomic(file, next);
          } catch (error) {
            throw writeFailure(file, error);
          }
          cache = next;
          return result;
        }),
      ),
    problem: () => lastProblem,
  };
}
