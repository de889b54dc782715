// Latency and throughput of one replica at a load, from its decode step time t(B) and its prefill time P.
//
// Continuous batching (vLLM, SGLang, llama-server) runs up to `batchLimit` requests at once; more wait for
// a slot. Prefill work (P per request, less the cached shared prefix) takes GPU time from the decode steps,
// whether it runs as its own step or as chunks inside one, so at λ requests/s a fraction ρ = λ·P of the
// time is prefill and the B running sequences get (1 − ρ)·B/t(B) tokens/s. Each request emits O tokens:
//   λ·O = (1 − ρ)·B / t(B)   ⇒   λ = B / (O·t(B) + B·P)
//   TPOT = t(B) / (1 − ρ);   TTFT = P + t(B)/2 (joining at a step boundary) + M/D/1 prefill queue ρ·P/(2(1 − ρ))
// Closed loop (N users, each sending the next request when one finishes): B = min(N, limit), and the
// N − B waiting users queue for a slot: by Little's law wait = N/λ − (TTFT + O·TPOT). With equal lengths
// the batch moves in lockstep, so its prefills arrive as one wave: a request waits for half of the others'
// batched prefills instead of the M/D/1 queue (a vLLM sweep of fixed 256/128 requests, S5, shows TTFT
// growing with concurrency this way).
// Open loop (a rate r): the B for which λ(B) = r, found by bisection; beyond λ(limit) the queue grows
// without bound (saturated).
// p95: TTFT at the p95 prompt with the queue wait × ln 20 (an exponential tail); TPOT at the p95 context.

import type { ReplicaSpeed } from './speed';
import type { Banded, LoadPoint, Workload } from './types';

export interface ReplicaModel {
  speed: ReplicaSpeed;
  batchLimit: number;
  /** Prefill work pipeline stages overlap: the GPU-time share of a request's prefill is P ÷ pp. */
  pp: number;
}

interface Core {
  batch: number;
  lambda: number;
  step: number;
  stepP95: number;
  prefill: number;
  prefillP95: number;
  /** GPU time of one request's prefill inside a batched chunk (what it costs the others). */
  busy: number;
  rho: number;
}

const LN20 = Math.log(20);

function uncached(w: Workload, tokens: number): number {
  const share = Math.min(1, Math.max(0, w.sharedPrefix ?? 0));
  return tokens * (1 - share);
}

function core(m: ReplicaModel, w: Workload, batch: number): Core | null {
  const b = Math.max(1e-9, batch);
  const step = m.speed.stepSeconds(Math.max(1, b));
  const stepP95 = m.speed.stepSeconds(Math.max(1, b), true);
  const prefill = m.speed.prefillSeconds(uncached(w, w.promptTokens));
  const prefillP95 = m.speed.prefillSeconds(uncached(w, w.promptP95 ?? w.promptTokens));
  const batched = m.speed.batchedPrefillSeconds(uncached(w, w.promptTokens));
  if (step == null || stepP95 == null || prefill == null || prefillP95 == null) return null;
  const busy = Math.min(prefill, batched ?? prefill) / Math.max(1, m.pp);
  const out = Math.max(1, w.outputTokens);
  const lambda = b / (out * step + b * busy);
  return { batch: b, lambda, step, stepP95, prefill, prefillP95, busy, rho: Math.min(0.999, lambda * busy) };
}

function band(value: number, rel: number): Banded {
  return { value, low: value * (1 - rel), high: value * (1 + rel) };
}

function point(m: ReplicaModel, w: Workload, c: Core, users: number, saturated: boolean, waves = false): LoadPoint {
  const busy = c.busy;
  // Closed loop with equal lengths: the batch starts and ends together, so its prefills arrive as one wave
  // and a request waits on average for half of the others'. Independent arrivals queue as M/D/1.
  const ahead = waves ? Math.max(0, c.batch - 1) : 0;
  const prefillQueue = waves ? (busy * ahead) / 2 : (c.rho * busy) / (2 * (1 - c.rho));
  const prefillQueueP95 = waves ? busy * ahead * 0.95 : prefillQueue * LN20;
  const tpot = c.step / (1 - c.rho);
  const tpotP95 = c.stepP95 / (1 - c.rho);
  const out = Math.max(1, w.outputTokens);
  const fixed = m.speed.firstTokenSeconds;
  const ttftService = c.prefill + c.step / 2 + prefillQueue + fixed;
  const inService = ttftService + out * tpot;
  const slotWait = Math.max(0, users / c.lambda - inService);
  const ttft = ttftService + slotWait;
  const ttftP95 = c.prefillP95 + c.step / 2 + prefillQueueP95 + fixed + slotWait;
  const rel = m.speed.band;
  const outputRate = c.lambda * out;
  const meets =
    !saturated &&
    (w.ttftP95S === undefined || ttftP95 <= w.ttftP95S) &&
    (w.tpotP95Ms === undefined || tpotP95 * 1000 <= w.tpotP95Ms) &&
    (w.ttftP50S === undefined || ttft <= w.ttftP50S) &&
    (w.tpotP50Ms === undefined || tpot * 1000 <= w.tpotP50Ms);
  return {
    users,
    batch: c.batch,
    ttftMs: band(ttft * 1000, rel.prefill),
    ttftP95Ms: ttftP95 * 1000,
    tpotMs: band(tpot * 1000, rel.decode),
    tpotP95Ms: tpotP95 * 1000,
    perUserTokensPerSecond: 1 / tpot,
    outputTokensPerSecond: band(outputRate, rel.decode),
    requestsPerSecond: c.lambda,
    queueSeconds: slotWait,
    saturated,
    meetsTargets: meets,
  };
}

/** One replica with `users` requests in flight, each sending the next when the last one ends. */
export function closedLoop(m: ReplicaModel, w: Workload, users: number): LoadPoint | null {
  if (m.batchLimit < 1) return null;
  const c = core(m, w, Math.min(Math.max(1, users), m.batchLimit));
  // Equal output lengths keep a closed loop in lockstep (benchmarks with fixed lengths); varied lengths
  // spread the arrivals out. Without a p95 the lengths are taken as fixed.
  const lockstep = (w.outputP95 ?? w.outputTokens) === w.outputTokens;
  return c ? point(m, w, c, Math.max(1, users), false, lockstep) : null;
}

/** One replica offered `rate` requests per second. */
export function openLoop(m: ReplicaModel, w: Workload, rate: number): LoadPoint | null {
  if (m.batchLimit < 1) return null;
  const top = core(m, w, m.batchLimit);
  if (!top) return null;
  if (rate >= top.lambda) {
    const p = point(m, w, top, m.batchLimit, true);
    return { ...p, requestsPerSecond: top.lambda };
  }
  // λ(B) grows with B (a fractional B is a slot busy part of the time): bisect for λ(B) = rate.
  let lo = 0;
  let hi = m.batchLimit;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    const c = core(m, w, mid);
    if (c && c.lambda < rate) lo = mid;
    else hi = mid;
  }
  const c = core(m, w, hi);
  if (!c) return null;
  const p = point(m, w, c, 0, false);
  // In flight: Little's law on the time a request spends from arrival to its last token.
  const inFlight = c.lambda * (p.ttftMs.value / 1000 + Math.max(1, w.outputTokens) * (p.tpotMs.value / 1000));
  return { ...p, users: inFlight };
}
