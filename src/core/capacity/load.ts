// Latency and throughput of one replica at a load, from its decode step time t(B) and its prefill time P.
//
// Continuous batching (vLLM, SGLang, llama-server) runs up to `batchLimit` requests at once; more wait for
// a slot. Prefill work (p per request: its prompt less the cached shared prefix, at the batched-prefill
// rate of the pass it rides in, speed.ts passShare) takes GPU time from the decode steps, whether it runs as
// its own step or as chunks inside one, so at λ requests/s a fraction ρ = λ·p of the time is prefill and the B running sequences get (1 − ρ)·B/t(B)
// tokens/s. Each request emits O tokens:
//   λ·O = (1 − ρ)·B / t(B)   ⇒   λ = B / (O·t(B) + B·p)
// and a step that carries the prefills arriving meanwhile lasts T = t(B) + λ·T·p, so TPOT = T = t(B)/(1 − ρ):
// chunked prefill slows every running request's tokens by the prompt work it carries.
// The scheduler admits at most `chunkTokens` prompt tokens a step (vLLM V1 max_num_batched_tokens less the
// B decode tokens that share it, SGLang chunked_prefill_size, llama.cpp n_batch): a full-chunk step takes
// t(B) + chunk·p/P, so λ can never exceed chunk / (P·t(B) + chunk·p); past that, prompts queue.
//
// Arrivals (time to first token):
//  steady (default): requests arrive at independent moments: users who each send the next request when the
//   last one ends, with lengths and think times that differ, or a random-length benchmark after its first
//   wave. A request waits for the step in progress, then rides the next step with whatever else arrived.
//   Steps carrying Poisson prefill arrivals (T_k = t + p·A_k, A_k ~ Poisson(λ·T_{k−1})) have mean T and
//   variance p·ρ·T/(1 − ρ²); an arrival lands in a step with the renewal residual E[T²]/(2E[T])
//   (Kleinrock, Queueing Systems I, §5.2):
//     R = T/2 + ρ·p / (2(1 − ρ²))
//   and its own step also carries the others that arrived in the same (length-biased, 2R) interval:
//     TTFT = first-token overhead + R + P_own + (chunks − 1)·t(B) + 2R·ρ
//  burst: a fixed-length benchmark that starts every request at once. Its first wave of B prompts is admitted
//   `chunk` prompt tokens a pass, and a request has its first token when the pass that completes its prompt
//   ends: all of a one-pass wave wait for the whole pass (waveFirstToken). Forced to one length, the requests
//   of a pass finish together and return together, so the passes stay apart in every later wave: a wave
//   that fits one pass returns to an idle engine and waits for its pass again; a wider one returns while the
//   engine runs the pass of the group before it, and waits for that pass and then its own. A run of N prompts
//   (promptsPerRun) has B/N of them in the first wave. SGLang, which runs a waiting prefill batch before any
//   decode step, prefills the whole wave and then decodes it, so a request's tokens wait only for the
//   prefills after its own (perToken).
// Closed loop (N users): B = min(N, limit); the N − B waiting users queue for a slot: by Little's law
// wait = N/λ − (TTFT + O·TPOT). Open loop (a rate r, Poisson): the B for which λ(B) = r, found by bisection;
// beyond λ(limit) the queue grows without bound (saturated).
// p95: TTFT at the p95 prompt, the step in progress taken whole, the queueing terms × ln 20 (an
// exponential tail); TPOT at the p95 context.

import type { ReplicaSpeed } from './speed';
import type { Arrival, Banded, LoadPoint, Workload } from './types';

export interface ReplicaModel {
  speed: ReplicaSpeed;
  batchLimit: number;
  /** Prefill work pipeline stages overlap: the GPU-time share of a request's prefill is P ÷ pp. */
  pp: number;
  /** Prompt tokens one scheduler step admits (vLLM max_num_batched_tokens, SGLang chunked_prefill_size). */
  chunkTokens?: number;
  /** vLLM V1 and llama.cpp count the decode tokens against the same budget; SGLang prefills apart. */
  chunkSharedWithDecode?: boolean;
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
  /** Prompt tokens a step admits at this batch. */
  chunk: number;
  /** λ the GPU time allows, and λ the prompt-token budget allows (the smaller one holds). */
  byWork: number;
  byBudget: number;
}

const LN20 = Math.log(20);

/** Prompt tokens a request prefills: those past the shared prefix the prefix cache holds. */
export function uncached(w: Workload, tokens: number): number {
  const share = Math.min(1, Math.max(0, w.sharedPrefix ?? 0));
  return tokens * (1 - share);
}

function chunkAt(m: ReplicaModel, batch: number): number {
  const c = m.chunkTokens;
  if (c === undefined || !(c > 0)) return Infinity;
  return Math.max(1, m.chunkSharedWithDecode === false ? c : c - batch);
}

function core(m: ReplicaModel, w: Workload, batch: number, arrival: Arrival = 'steady'): Core | null {
  const b = Math.max(1e-9, batch);
  const step = m.speed.stepSeconds(Math.max(1, b));
  const stepP95 = m.speed.stepSeconds(Math.max(1, b), true);
  const prompt = uncached(w, w.promptTokens);
  const prefill = m.speed.prefillSeconds(prompt);
  const prefillP95 = m.speed.prefillSeconds(uncached(w, w.promptP95 ?? w.promptTokens));
  if (step == null || stepP95 == null || prefill == null || prefillP95 == null) return null;
  const out = Math.max(1, w.outputTokens);
  const chunk = chunkAt(m, b);
  const rates = (busy: number) => {
    const byWork = b / (out * step + b * busy);
    const byBudget = prompt > 0 && Number.isFinite(chunk) ? chunk / (prompt * step + chunk * busy) : Infinity;
    return { byWork, byBudget, lambda: Math.min(byWork, byBudget) };
  };
  // The width of the pass a prompt rides in (the GEMMs' M: speed.ts passShare): a burst's wave fills the
  // budget with the others' prompts; a steady step carries the λ·T prompts that arrived during the last
  // one, and in vLLM the B decode tokens too. λ depends on the prefill cost: one fixed-point round.
  const separate = m.chunkSharedWithDecode === false;
  const decodeRows = separate ? 0 : b;
  const passOf = (prompts: number) => Math.max(1, Math.min(m.chunkTokens ?? Infinity, prompts * prompt + decodeRows));
  const busyAt = (prompts: number) => {
    // SGLang runs waiting prompts as a forward pass of their own (no mixed chunk by default): the n prompts
    // of a prefill batch share its whole cost (weight and expert reads, step overhead), not only their GEMMs.
    if (separate) {
      const n = Math.max(1, prompts);
      return Math.min(prefill, (m.speed.prefillSeconds(n * prompt) ?? n * prefill) / n) / Math.max(1, m.pp);
    }
    return Math.min(prefill, m.speed.batchedPrefillSeconds(prompt, passOf(prompts)) ?? prefill) / Math.max(1, m.pp);
  };
  let busy = busyAt(arrival === 'burst' ? b : 1);
  let r = rates(busy);
  if (arrival !== 'burst') {
    const perStep = (r.lambda * step) / Math.max(1e-3, 1 - Math.min(0.999, r.lambda * busy));
    busy = busyAt(Math.max(1, perStep));
    r = rates(busy);
  }
  return { batch: b, step, stepP95, prefill, prefillP95, busy, rho: Math.min(0.999, r.lambda * busy), chunk, ...r };
}

function band(value: number, factor: number): Banded {
  const f = Math.max(1, factor);
  return { value, low: value / f, high: value * f };
}

/**
 * Time to first token of a fixed-length burst (the header's rule). A pass of n prompt tokens costs the fixed
 * part of one request's prefill (its weight reads and step costs: P less its own tokens at the batched rate)
 * plus n tokens at the batched rate (busy ÷ prompt: the GPU time a prompt takes inside a wide pass).
 * First wave: the i-th prompt is done with pass ⌈i·prompt / chunk⌉; it waits for every pass up to its own,
 * after the step in progress when it arrived (t(B)/2, as a lone request). Later waves: a one-pass wave (or a
 * lone user) waits as the first did; a wider one waits for a full pass ahead of its own.
 */
function waveFirstToken(m: ReplicaModel, w: Workload, c: Core, fixed: number, fixedP95: number): { mean: number; p95: number } {
  const prompt = Math.max(1, uncached(w, w.promptTokens));
  const perToken = c.busy / prompt;
  const budget = m.chunkTokens !== undefined && m.chunkTokens > 0 ? m.chunkTokens : Infinity;
  // A prompt longer than the budget pays the fixed part once for each of its passes (P covers them all).
  const ownPasses = Number.isFinite(budget) ? Math.max(1, Math.ceil(prompt / budget - 1e-9)) : 1;
  const passFixed = Math.max(0, c.prefill - prompt * perToken) / ownPasses;
  const pass = (tokens: number) => passFixed + tokens * perToken;
  const users = Math.max(1, Math.round(c.batch));
  const wave = users * prompt;
  const passes = Number.isFinite(budget) ? Math.max(1, Math.ceil(wave / budget - 1e-9)) : 1;
  let total = 0;
  const ends: number[] = [];
  for (let i = 1; i <= users; i++) {
    const g = passes === 1 ? 1 : Math.max(1, Math.ceil((i * prompt) / budget - 1e-9));
    const end = g * passFixed + Math.min(wave, g * budget) * perToken;
    ends.push(end);
    total += end;
  }
  const tail = c.prefillP95 - c.prefill;
  const first = {
    mean: fixed + c.step / 2 + total / users,
    p95: fixedP95 + c.step / 2 + ends[Math.min(users - 1, Math.floor(0.95 * users))]! + tail,
  };
  const share = Math.min(1, users / Math.max(1, w.promptsPerRun ?? users));
  // A lone user, or a wave one pass holds, returns to an idle engine: every wave is priced as the first.
  if (passes === 1 || users === 1 || share >= 1) return first;
  // Later groups: the pass in progress (another group's, the budget less the decode tokens sharing it: c.chunk),
  // then their own pass, or the passes of a prompt longer than one.
  const width = Number.isFinite(c.chunk) ? c.chunk : wave;
  const ahead = pass(Math.min(wave, width));
  const own = Math.ceil(prompt / width - 1e-9) * passFixed + Math.max(prompt, Math.min(wave, width)) * perToken;
  const later = { mean: fixed + ahead + own, p95: fixedP95 + ahead + own + tail };
  // The run's p95 request: in the first wave's slowest 5 % ÷ share where that wave is more than 5 % of the run.
  const slow = share > 0.05 ? ends[Math.min(users - 1, Math.floor((1 - 0.05 / share) * users))]! : 0;
  return {
    mean: share * first.mean + (1 - share) * later.mean,
    p95: Math.max(later.p95, share > 0.05 ? fixedP95 + c.step / 2 + slow + tail : 0),
  };
}

/** Seconds from arrival to the first token, mean and p95, without the wait for a slot. */
function firstToken(m: ReplicaModel, w: Workload, c: Core, arrival: Arrival): { mean: number; p95: number } {
  const fixed = m.speed.firstTokenSeconds(uncached(w, w.promptTokens));
  const fixedP95 = m.speed.firstTokenSeconds(uncached(w, w.promptP95 ?? w.promptTokens));
  if (arrival === 'burst') return waveFirstToken(m, w, c, fixed, fixedP95);
  const rho = c.rho;
  const T = c.step / (1 - rho);
  const spread = (rho * c.busy) / (2 * (1 - rho * rho));
  const residual = T / 2 + spread;
  const sharers = 2 * residual * rho;
  const chunks = (tokens: number) => (Number.isFinite(c.chunk) ? Math.max(1, Math.ceil(uncached(w, tokens) / c.chunk)) : 1);
  const extra = (tokens: number) => (chunks(tokens) - 1) * c.step;
  return {
    mean: fixed + residual + c.prefill + extra(w.promptTokens) + sharers,
    p95: fixedP95 + T + c.prefillP95 + extra(w.promptP95 ?? w.promptTokens) + (spread + sharers) * LN20,
  };
}

function meets(w: Workload, saturated: boolean, ttft: number, ttftP95: number, tpot: number, tpotP95: number): boolean {
  return (
    !saturated &&
    (w.ttftP95S === undefined || ttftP95 <= w.ttftP95S) &&
    (w.tpotP95Ms === undefined || tpotP95 * 1000 <= w.tpotP95Ms) &&
    (w.ttftP50S === undefined || ttft <= w.ttftP50S) &&
    (w.tpotP50Ms === undefined || tpot * 1000 <= w.tpotP50Ms)
  );
}

/**
 * Seconds per output token, mean and p95. A prefill that runs between the decode steps delays every
 * request decoding then. Steady arrivals, or prefill chunks carried inside the decode steps (vLLM, llama.cpp),
 * spread the prefills over every request's tokens: T = t(B)/(1 − ρ). SGLang runs a waiting prefill batch
 * before any decode step (scheduler.py get_next_batch_to_run: "Run prefill first if possible"), so a lockstep burst prefills its
 * whole wave and then decodes it: the i-th of B prompts prefilled has its first token already and waits only
 * for the B − i after it, so the wave's prefill time a = B·p lands on a request's tokens as a·(B − i)/B:
 * on average (B − 1)/(2B) of it, for the p95 request 0.95·(B − 1)/B.
 */
function perToken(m: ReplicaModel, c: Core, arrival: Arrival): { mean: number; p95: number } {
  const stall = (c.step * c.rho) / (1 - c.rho);
  if (arrival !== 'burst' || m.chunkSharedWithDecode !== false) {
    return { mean: c.step + stall, p95: c.stepP95 + (c.stepP95 * c.rho) / (1 - c.rho) };
  }
  const b = Math.max(1, c.batch);
  return { mean: c.step + (stall * (b - 1)) / (2 * b), p95: c.stepP95 + (stall * 0.95 * (b - 1)) / b };
}

function point(m: ReplicaModel, w: Workload, c: Core, users: number, saturated: boolean, arrival: Arrival): LoadPoint {
  const { mean: tpot, p95: tpotP95 } = perToken(m, c, arrival);
  const out = Math.max(1, w.outputTokens);
  const first = firstToken(m, w, c, arrival);
  const inService = first.mean + out * tpot;
  const slotWait = Math.max(0, users / c.lambda - inService);
  const ttft = first.mean + slotWait;
  const ttftP95 = first.p95 + slotWait;
  const rel = m.speed.band;
  return {
    users,
    batch: c.batch,
    arrival,
    ttftMs: band(ttft * 1000, rel.ttft),
    ttftP95Ms: ttftP95 * 1000,
    tpotMs: band(tpot * 1000, rel.tpot),
    tpotP95Ms: tpotP95 * 1000,
    perUserTokensPerSecond: 1 / tpot,
    outputTokensPerSecond: band(c.lambda * out, rel.output),
    requestsPerSecond: c.lambda,
    queueSeconds: slotWait,
    saturated,
    meetsTargets: meets(w, saturated, ttft, ttftP95, tpot, tpotP95),
  };
}

/** One replica with `users` requests in flight, each sending the next when the last one ends. */
export function closedLoop(m: ReplicaModel, w: Workload, users: number): LoadPoint | null {
  if (m.batchLimit < 1) return null;
  const arrival = w.arrival ?? 'steady';
  const c = core(m, w, Math.min(Math.max(1, users), m.batchLimit), arrival);
  return c ? point(m, w, c, Math.max(1, users), false, arrival) : null;
}

/**
 * The batch that sustains the most requests/s: the limit, unless the prompt budget binds first (λ by work
 * grows with B, λ by budget shrinks as decode tokens take the budget): then where the two cross.
 */
function peakBatch(m: ReplicaModel, w: Workload): number {
  const atLimit = core(m, w, m.batchLimit);
  if (!atLimit || atLimit.byWork <= atLimit.byBudget) return m.batchLimit;
  let lo = 1e-6;
  let hi = m.batchLimit;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    const c = core(m, w, mid);
    if (c && c.byWork < c.byBudget) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** One replica offered `rate` requests per second (independent arrivals: always steady). */
export function openLoop(m: ReplicaModel, w: Workload, rate: number): LoadPoint | null {
  if (m.batchLimit < 1) return null;
  const top = core(m, w, peakBatch(m, w));
  if (!top) return null;
  if (rate >= top.lambda) {
    const p = point(m, w, top, top.batch, true, 'steady');
    return { ...p, requestsPerSecond: top.lambda };
  }
  // λ(B) grows with B (a fractional B is a slot busy part of the time): bisect for λ(B) = rate.
  let lo = 0;
  let hi = top.batch;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    const c = core(m, w, mid);
    if (c && c.lambda < rate) lo = mid;
    else hi = mid;
  }
  const c = core(m, w, hi);
  if (!c) return null;
  const p = point(m, w, c, 0, false, 'steady');
  // In flight: Little's law on the time a request spends from arrival to its last token.
  const inFlight = c.lambda * (p.ttftMs.value / 1000 + Math.max(1, w.outputTokens) * (p.tpotMs.value / 1000));
  return { ...p, users: inFlight };
}
