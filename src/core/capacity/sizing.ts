// How many replicas serve a workload, the knee of one deployment (the most users it serves within the
// targets) and the sweep the charts draw: all from the per-replica load model.

import { closedLoop, openLoop, type ReplicaModel } from './load';
import type { ReplicaSpeed } from './speed';
import type { LoadPoint, Workload } from './types';

/** The speed model run `factor` times slower (factor > 1) or faster: the band's ends. */
export function scaledSpeed(s: ReplicaSpeed, factor: number): ReplicaSpeed {
  return {
    stepSeconds: (b, p95) => {
      const t = s.stepSeconds(b, p95);
      return t == null ? null : t * factor;
    },
    prefillSeconds: (n) => {
      const t = s.prefillSeconds(n);
      return t == null ? null : t * factor;
    },
    batchedPrefillSeconds: (n, pass) => {
      const t = s.batchedPrefillSeconds(n, pass);
      return t == null ? null : t * factor;
    },
    firstTokenSeconds: (n) => s.firstTokenSeconds(n) * factor,
    band: s.band,
  };
}

/** The load over `replicas` identical replicas sharing the work evenly: its users, rate and a burst run's prompts. */
export function loadOn(m: ReplicaModel, w: Workload, replicas: number): LoadPoint | null {
  const r = Math.max(1, replicas);
  const own = w.promptsPerRun !== undefined ? { ...w, promptsPerRun: w.promptsPerRun / r } : w;
  const p = w.rate !== undefined ? openLoop(m, own, w.rate / r) : closedLoop(m, own, (w.users ?? 1) / r);
  if (!p) return null;
  const times = (b: LoadPoint['outputTokensPerSecond']) => ({ value: b.value * r, low: b.low * r, high: b.high * r });
  return { ...p, users: p.users * r, requestsPerSecond: p.requestsPerSecond * r, outputTokensPerSecond: times(p.outputTokensPerSecond) };
}

function hasTargets(w: Workload): boolean {
  return w.ttftP95S !== undefined || w.tpotP95Ms !== undefined || w.ttftP50S !== undefined || w.tpotP50Ms !== undefined;
}

/** Serves the workload: within the targets when there are some, else without queueing for a slot. */
function serves(m: ReplicaModel, w: Workload, replicas: number): boolean {
  const p = loadOn(m, w, replicas);
  if (!p || p.saturated) return false;
  if (hasTargets(w)) return p.meetsTargets;
  return w.rate !== undefined ? true : p.queueSeconds <= 0;
}

/** Fewest replicas that serve the workload (null: not even MAX_REPLICAS, or a replica serves no one). */
export const MAX_REPLICAS = 4096;
export function replicasNeeded(m: ReplicaModel, w: Workload): number | null {
  if (m.batchLimit < 1) return null;
  let hi = 1;
  while (!serves(m, w, hi)) {
    hi *= 2;
    if (hi > MAX_REPLICAS) return null;
  }
  let lo = Math.floor(hi / 2) + 1;
  if (hi === 1) return 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (serves(m, w, mid)) hi = mid;
    else lo = mid + 1;
  }
  return hi;
}

/** The most concurrent users (up to `max`) `replicas` replicas serve within the targets; null without targets. */
export function kneeUsers(m: ReplicaModel, w: Workload, replicas: number, max = 512): number | null {
  if (!hasTargets(w)) return null;
  const at = (n: number) => loadOn(m, { ...w, rate: undefined, users: n }, replicas)?.meetsTargets === true;
  if (!at(1)) return 0;
  let lo = 1;
  let hi = max;
  if (at(hi)) return hi;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (at(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The chart's sweep: the load point at each user count (closed loop) over `replicas` replicas. */
export function sweepUsers(m: ReplicaModel, w: Workload, replicas: number, users: readonly number[]): Array<LoadPoint | null> {
  return users.map((n) => loadOn(m, { ...w, rate: undefined, users: n }, replicas));
}

/** 1, 2, 3, 4, 6, 8, … up to `max`: about 4 points per doubling, enough for a smooth chart. */
export function sweepGrid(max = 512): number[] {
  const out: number[] = [];
  for (let n = 1; n <= max; n = n < 4 ? n + 1 : Math.round(n * Math.SQRT2)) out.push(n);
  if (out[out.length - 1] !== max) out.push(max);
  return out;
}
