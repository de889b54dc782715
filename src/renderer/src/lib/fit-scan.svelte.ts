// Fit verdicts for many models without freezing the window: work runs in slices of a few milliseconds
// between frames, results appear as they come, and a newer request (another filter, other hardware)
// cancels the older one. One advise() costs ~1–3 ms, so a library of 150 models takes a few hundred ms
// in all, but no single slice blocks input for longer than SLICE_MS plus one advise.

import type { Advice } from '$core/advice/types';

export const SLICE_MS = 8;
/** Results reach the page at most this often after the first slice: each publish re-renders the list. */
export const PUBLISH_MS = 120;
/** Work longer than this shows a busy indicator. */
export const BUSY_AFTER_MS = 200;

/** What a badge needs from one advice. */
export interface FitSummary {
  verdict: Advice['verdict'];
  /** Decode tok/s at the planned context; null when the speed model lacks a figure or nothing runs. */
  decodeTps: number | null;
  gpuLayers: number;
  totalLayers: number;
  /** The quant the summary is for. */
  quant: string;
}

export function summarize(a: Advice, quant: string): FitSummary {
  const tps = a.speed.decodeTokensPerSecond;
  return {
    verdict: a.verdict,
    decodeTps: tps != null && Number.isFinite(tps) ? tps : null,
    gpuLayers: a.gpuLayers,
    totalLayers: a.totalLayers,
    quant,
  };
}

export interface FitScan<T> {
  /** The result for a key once its slice has run; undefined before. */
  get(key: string): T | undefined;
  readonly done: boolean;
  /** True once the current run has taken longer than BUSY_AFTER_MS. */
  readonly busy: boolean;
  readonly progress: { done: number; total: number };
}

/** Yields to the event loop without the 4 ms clamp of nested setTimeout. */
function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(null);
  });
}

/** A computation that can pause between steps (each step one advise()), so a slice can end mid-key. */
export type Steps<T> = Generator<void, T, void>;

function isSteps<T>(x: T | Steps<T>): x is Steps<T> {
  return typeof x === 'object' && x !== null && typeof (x as Steps<T>).next === 'function' && Symbol.iterator in (x as object);
}

/**
 * A reactive scan. `run(keys, compute)` starts over: results fill in slice by slice; calling run again
 * abandons the previous pass. `compute` must be pure; it returns the result, or a generator that yields
 * between costly steps and returns the result.
 */
export function createFitScan<T>(): FitScan<T> & { run(keys: readonly string[], compute: (key: string) => T | Steps<T>): void } {
  // Results are replaced as a whole object per slice (one update per slice, not one per key).
  const s = $state({ results: {} as Record<string, T>, done: true, busy: false, progress: { done: 0, total: 0 } });
  let generation = 0;

  async function pass(gen: number, keys: readonly string[], compute: (key: string) => T | Steps<T>): Promise<void> {
    const started = performance.now();
    const found: Record<string, T> = {};
    let i = 0;
    let pending: Steps<T> | null = null;
    let lastPublish = 0;
    while (i < keys.length) {
      const sliceStart = performance.now();
      while (i < keys.length && performance.now() - sliceStart < SLICE_MS) {
        if (!pending) {
          const r = compute(keys[i]!);
          if (!isSteps(r)) {
            found[keys[i]!] = r;
            i += 1;
            continue;
          }
          pending = r;
        }
        const step = pending.next();
        if (step.done) {
          found[keys[i]!] = step.value;
          pending = null;
          i += 1;
        }
      }
      if (gen !== generation) return;
      const now = performance.now();
      if (lastPublish === 0 || now - lastPublish >= PUBLISH_MS || i >= keys.length) {
        lastPublish = now;
        s.results = { ...found };
        s.progress = { done: i, total: keys.length };
      }
      if (performance.now() - started > BUSY_AFTER_MS) s.busy = true;
      if (i < keys.length) await nextTask();
      if (gen !== generation) return;
    }
    s.done = true;
    s.busy = false;
  }

  return {
    get(key) {
      return Object.hasOwn(s.results, key) ? s.results[key] : undefined;
    },
    get done() {
      return s.done;
    },
    get busy() {
      return s.busy;
    },
    get progress() {
      return s.progress;
    },
    run(keys, compute) {
      generation += 1;
      s.done = keys.length === 0;
      s.busy = false;
      s.results = {};
      s.progress = { done: 0, total: keys.length };
      void pass(generation, keys, compute);
    },
  };
}
