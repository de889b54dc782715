// Serving capacity against measured runs (tests/fixtures/serving/serving.csv, quoted with their URLs in
// SOURCES.md): each row runs capacity() with the run's own deployment and workload and is compared with
// what the runtime logged (KV pool tokens) or the benchmark reported (TTFT, TPOT, output tokens/s).

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SpeedCalibration } from '../../src/core/advice/speed-calibration';
import { capacity, type Arrival, type ServeRuntime } from '../../src/core/capacity/index';
import { getModel } from '../../src/core/catalog';
import { defaultSettings } from '../../src/core/estimate/index';
import { getGpu } from '../../src/core/hardware/gpu-catalog';
import { parseCsv } from './csv';

export interface CapacityCase {
  id: string;
  kind: 'pool' | 'load';
  row: Record<string, string>;
  measured: { kvTokens?: number; ttftMs?: number; tpotMs?: number; outputTps?: number };
  predicted: { kvTokens: number; ttftMs: number; tpotMs: number; outputTps: number };
}

const num = (s: string | undefined): number | undefined => (s === undefined || s.trim() === '' ? undefined : Number(s));

export function servingRows(): Record<string, string>[] {
  const here = dirname(fileURLToPath(import.meta.url));
  return parseCsv(readFileSync(resolve(here, '../fixtures/serving/serving.csv'), 'utf8'));
}

/**
 * Burst (lockstep) arrivals only where the benchmark kept them: fixed lengths started together (column
 * `lengths`, or no p95 lengths in rows without it). Random lengths stagger after the first wave: steady.
 */
export function arrivalOf(row: Record<string, string>): Arrival {
  if (rateOf(row) !== undefined) return 'steady';
  const fixed = row.lengths ? row.lengths === 'fixed' : !num(row.isl_p95) && !num(row.osl_p95);
  return fixed && (row.arrival ?? 'burst') !== 'steady' ? 'burst' : 'steady';
}

/**
 * Share of a random-length benchmark's requests that start in its first wave: `--max-concurrency C` over
 * `--num-prompts N` starts C requests at once, and the N − C after them arrive as others finish (steady).
 * 0 where the source does not state N (column `num_prompts`), or for fixed lengths (lockstep throughout).
 */
export function burstShare(row: Record<string, string>): number {
  const n = num(row.num_prompts);
  const c = num(row.concurrency) ?? 1;
  if (arrivalOf(row) !== 'steady' || row.lengths !== 'random' || !n || !(c > 1)) return 0;
  return Math.min(1, c / n);
}

/**
 * The TTFT a row is compared on. The planner prices a warm server's steady state. A random-length closed-loop
 * run's mean also carries its first wave, started at once, and whatever that run met first: kernels built on
 * first use of a shape and, with seeded prompts, radix-cache hits on the previous run's prompts (the cookbook
 * runs' P99 TTFT is 3–10 × their median, with one-off decode stalls of 0.4–5.5 s, SOURCES.md). Where the source
 * prints the run's median TTFT (column `ttft_median_ms`), the median, a steady-state request, is compared with
 * the steady-state price; elsewhere the mean, with the first wave priced as a burst (burstShare).
 */
export function ttftStatistic(row: Record<string, string>): 'median' | 'mean' {
  if (num(row.ttft_median_ms) === undefined) return 'mean';
  // A request rate (column `rate`) has no first wave: every request is a steady-state one. A source that
  // prints no mean leaves the median as the run's only figure.
  return row.lengths === 'random' || rateOf(row) !== undefined || num(row.ttft_ms) === undefined ? 'median' : 'mean';
}

/**
 * An open-loop run below saturation outputs what it is offered (rate × output length), on the server and in the
 * planner alike, so its throughput tests nothing: it is compared only where either side could not keep up
 * (the measured output 5 % or more below the offered, or the planner saturated).
 */
function offeredOnly(row: Record<string, string>, predictedSaturated: boolean): boolean {
  const rate = rateOf(row);
  const out = num(row.output_tps);
  if (rate === undefined || out === undefined || predictedSaturated) return false;
  return out >= 0.95 * rate * (num(row.osl) ?? 1);
}

/** Requests per second of an open-loop run (Poisson arrivals at a stated rate; column `rate`), else undefined. */
export function rateOf(row: Record<string, string>): number | undefined {
  return num(row.rate);
}

/**
 * Requests in flight: the stated max concurrency, but never more than the run's prompts (S51 ran 400 prompts
 * at `--max-concurrency` 512 and 1024, so at most 400 were ever in flight).
 */
export function inFlight(row: Record<string, string>): number {
  const c = num(row.concurrency) ?? 1;
  const n = num(row.num_prompts);
  return n && n < c ? n : c;
}

/**
 * The blind rounds reported apart (set = blind): gathered by collectors who did not see the planner's figures,
 * after the constants were frozen at `frozen`, and fitted on nothing. The first round (S50, S51, S70–S73) was
 * reported and then split into fit and check (SOURCES.md).
 */
export const BLIND_ROUNDS: { round: number; frozen: string; sources: string[] }[] = [
  { round: 2, frozen: 'dddbd3d', sources: ['S90', 'S91', 'S110'] },
  { round: 3, frozen: '62abb75', sources: ['S130', 'S131', 'S132', 'S133', 'S134', 'S150'] },
  { round: 4, frozen: 'd96fced', sources: ['S170', 'S171', 'S172', 'S173', 'S190', 'S191', 'S192', 'S193', 'S194', 'S195', 'S196'] },
  { round: 5, frozen: 'dc59dbc', sources: ['S210', 'S211', 'S212', 'S213', 'S214'] },
  { round: 6, frozen: '80f6ffb', sources: ['S250', 'S251', 'S252'] },
  { round: 7, frozen: '134f7f3', sources: ['S290', 'S300', 'S301', 'S302', 'S303', 'S304', 'S305', 'S306', 'S307', 'S308', 'S309'] },
  { round: 8, frozen: 'e47a8ff', sources: ['S310', 'S311'] },
  { round: 9, frozen: '8697d9e', sources: ['S320', 'S350', 'S351', 'S360', 'S361', 'S370', 'S371'] },
  { round: 10, frozen: '4014652', sources: ['S380'] },
  { round: 11, frozen: '8bdba0c', sources: ['S410', 'S411', 'S412', 'S413', 'S414', 'S415'] },
  { round: 12, frozen: '2a72ef0', sources: ['S440'] },
  { round: 13, frozen: 'b950a96', sources: ['S470', 'S471', 'S472', 'S473'] },
  { round: 14, frozen: '87422d3', sources: ['S490', 'S491'] },
  { round: 15, frozen: '545abe3', sources: ['S520'] },
  { round: 16, frozen: '36b2f12', sources: ['S540'] },
  { round: 17, frozen: '3ba5243', sources: ['S550'] },
  { round: 18, frozen: 'de5c204', sources: ['S570'] },
];

export function blindRound(row: Record<string, string>): number | undefined {
  return BLIND_ROUNDS.find((b) => b.sources.includes(row.source!))?.round;
}

export function runCase(row: Record<string, string>, cal?: SpeedCalibration): CapacityCase {
  const steady = runAt(row, arrivalOf(row), cal);
  if (ttftStatistic(row) === 'median') return steady;
  const f = burstShare(row);
  if (f === 0) return steady;
  // The first wave's mean TTFT carries the queue behind the others' prefills; its TPOT and the run's
  // throughput are the steady state's (the wave is a small part of a long run's tokens).
  const burst = runAt(row, 'burst', cal);
  return { ...steady, predicted: { ...steady.predicted, ttftMs: f * burst.predicted.ttftMs + (1 - f) * steady.predicted.ttftMs } };
}

/**
 * A request-rate row runs as an open loop, unless its prompts run out first: a run of N prompts never has more
 * than N in flight (as inFlight), so where the open loop at its rate would hold more than N at once the run is
 * its N prompts in flight together, arriving at independent moments.
 */
function runAt(row: Record<string, string>, arrival: Arrival, cal?: SpeedCalibration): CapacityCase {
  const { inFlight, queue, ...open } = runLoad(row, arrival, cal);
  const n = num(row.num_prompts);
  const rate = rateOf(row);
  if (rate === undefined || n === undefined) return open;
  const base = inFlight > n ? stripped(runLoad(row, 'steady', cal, n)) : open;
  const wait = finiteRunWaitSeconds(row, n, rate, queue, cal);
  if (wait === null) return base;
  return {
    ...base,
    predicted: { ...base.predicted, ttftMs: Math.max(base.predicted.ttftMs, wait.alone * 1000 + wait.prefill * 1000) + wait.slots * 1000 },
  };
}

function stripped(c: ReturnType<typeof runLoad>): CapacityCase {
  const { inFlight: _n, queue: _q, ...rest } = c;
  return rest;
}

/**
 * What a run of N prompts sent at λ requests/s (`--request-rate` with `--num-prompts`) waits that an endless open
 * loop at λ does not: it is a transient, not a steady state. Its prompts arrive 1/λ apart over N/λ seconds:
 * - while slots are free the server admits each at once, and prefills queue when one takes longer than 1/λ: the
 *   k-th waits k·(p − 1/λ), on average (m − 1)/2·(p − 1/λ) over the m admitted, p the prefill time of one prompt
 *   in that wave (read from the planner's first-wave price: a wave of several passes, as the rate rows' waves are,
 *   waits on average for about half of its prefills, (m − 1)/2·p);
 * - where λ exceeds what the replicas complete (μ, the saturated open loop), requests beyond the B slots queue for
 *   one: the backlog (λ − μ)·t − B grows until the last arrival, and an arrival waits backlog ÷ μ.
 * Null where neither applies.
 */
function finiteRunWaitSeconds(
  row: Record<string, string>,
  n: number,
  rate: number,
  queue: { batchLimit: number; saturated: boolean; mu: number },
  cal?: SpeedCalibration,
): { alone: number; prefill: number; slots: number } | null {
  if (!(n > 1) || !(rate > 0)) return null;
  const m = Math.max(1, Math.min(n, Math.floor(queue.batchLimit)));
  const alone = runLoad(row, 'burst', cal, 1).predicted.ttftMs / 1000;
  const wave = m > 1 ? runLoad(row, 'burst', cal, m).predicted.ttftMs / 1000 : alone;
  const p = m > 1 ? (2 * (wave - alone)) / (m - 1) : 0;
  const prefill = ((m - 1) / 2) * Math.max(0, p - 1 / rate);
  let slots = 0;
  if (queue.saturated && queue.mu > 0 && rate > queue.mu) {
    const span = n / rate;
    const fill = queue.batchLimit / (rate - queue.mu);
    if (fill < span) slots = ((rate - queue.mu) * (span - fill) ** 2) / (2 * span * queue.mu);
  }
  return prefill > 0 || slots > 0 ? { alone, prefill, slots } : null;
}

function runLoad(
  row: Record<string, string>,
  arrival: Arrival,
  cal?: SpeedCalibration,
  users?: number,
): CapacityCase & { inFlight: number; queue: { batchLimit: number; saturated: boolean; mu: number } } {
  const model = getModel(row.model!);
  const gpu = getGpu(row.gpu!);
  if (!model || !gpu) throw new Error(`${row.id}: unknown model ${row.model} or GPU ${row.gpu}`);
  const runtime = row.runtime as ServeRuntime;
  const base = { ...defaultSettings(runtime), quant: row.quant!, kvTypeK: row.kv_type as 'bf16', kvTypeV: row.kv_type as 'bf16' };
  const batched = num(row.max_batched_tokens);
  if (batched) base.maxBatchedTokens = batched;
  const isl = num(row.isl) ?? 1;
  const osl = num(row.osl) ?? 1;
  const gpus = num(row.gpus) ?? 1;
  const maxLen = num(row.max_model_len);
  const frac = num(row.mem_fraction);
  const seqs = num(row.max_num_seqs);
  // A fixed-length burst run's later waves (load.ts waveFirstToken) where the source states its prompt count;
  // a wave priced on its own (users given) is a first wave.
  const stated = num(row.num_prompts);
  const runPrompts =
    users === undefined && rateOf(row) === undefined && arrival === 'burst' && arrivalOf(row) === 'burst' && stated
      ? Math.max(stated, inFlight(row))
      : undefined;
  const plan = capacity({
    input: { spec: model.spec },
    base,
    gpu,
    workload: {
      ...(rateOf(row) !== undefined && users === undefined ? { rate: rateOf(row)! } : { users: users ?? inFlight(row), arrival }),
      ...(runPrompts !== undefined ? { promptsPerRun: runPrompts } : {}),
      promptTokens: isl,
      outputTokens: osl,
      ...(num(row.isl_p95) ? { promptP95: num(row.isl_p95)! } : {}),
      ...(num(row.osl_p95) ? { outputP95: num(row.osl_p95)! } : {}),
    },
    deployment: {
      runtime,
      gpusPerNode: gpus,
      tp: num(row.tp) ?? 1,
      pp: num(row.pp) ?? 1,
      nodes: 1,
      ...(maxLen ? { maxModelLen: maxLen } : {}),
      ...(frac ? { memoryFraction: frac } : {}),
      ...(seqs ? { maxNumSeqs: seqs } : {}),
      ...(batched ? { maxBatchedTokens: batched } : {}),
      ...(row.version ? { runtimeVersion: row.version } : {}),
    },
    layouts: false,
    ...(cal ? { speedCalibration: cal } : {}),
  });
  const measured: CapacityCase['measured'] = {};
  const set = (k: keyof CapacityCase['measured'], v: number | undefined) => {
    if (v !== undefined) measured[k] = v;
  };
  set('kvTokens', num(row.kv_tokens));
  set('ttftMs', ttftStatistic(row) === 'median' ? num(row.ttft_median_ms) : num(row.ttft_ms));
  set('tpotMs', num(row.tpot_ms));
  set('outputTps', users === undefined && offeredOnly(row, plan.atLoad.saturated) ? undefined : num(row.output_tps));
  return {
    inFlight: plan.atLoad.users,
    queue: { batchLimit: plan.model.batchLimit, saturated: plan.atLoad.saturated, mu: plan.atLoad.requestsPerSecond },
    id: row.id!,
    kind: row.kind as 'pool' | 'load',
    row,
    measured,
    predicted: {
      kvTokens: plan.pool.kvPoolTokens,
      ttftMs: plan.atLoad.ttftMs.value,
      tpotMs: plan.atLoad.tpotMs.value,
      outputTps: plan.atLoad.outputTokensPerSecond.value,
    },
  };
}

export function relError(predicted: number, measured: number): number {
  return (predicted - measured) / measured;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** A band as a factor: the value measured lies within predicted ÷ f … predicted × f. */
export interface BandFactors {
  ttft: number;
  tpot: number;
  output: number;
  rows: number;
}

/** The 80th percentile of |ln(predicted / measured)| as a factor, over `errors`; NaN with none. */
function factor80(ratios: number[]): number {
  const s = ratios.map((r) => Math.abs(Math.log(r))).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return Math.exp(s[Math.min(s.length - 1, Math.ceil(0.8 * s.length) - 1)]!);
}

/**
 * The serving bands (speed-calibration.ts servingBands) from load cases: per device kind (`keyOf`), the 80th
 * percentile factor of each measure over the kind's rows, where every measure has `minRows`; `default` over
 * all of them. Rounded to 0.05, as shipped.
 */
export function servingBandsFrom(cases: CapacityCase[], keyOf: (c: CapacityCase) => string, minRows = 8): Record<string, BandFactors> {
  const round = (x: number) => Math.round(x * 20) / 20;
  const of = (cs: CapacityCase[]): BandFactors | null => {
    const r = (k: keyof CapacityCase['measured']) =>
      cs.filter((c) => c.measured[k] !== undefined).map((c) => c.predicted[k] / c.measured[k]!);
    const [t, p, o] = [r('ttftMs'), r('tpotMs'), r('outputTps')];
    if (Math.min(t.length, p.length, o.length) < minRows) return null;
    return { ttft: round(factor80(t)), tpot: round(factor80(p)), output: round(factor80(o)), rows: cs.length };
  };
  const out: Record<string, BandFactors> = { default: of(cases)! };
  for (const key of new Set(cases.map(keyOf))) {
    const b = of(cases.filter((c) => keyOf(c) === key));
    if (b) out[key] = b;
  }
  return out;
}

/** A shipped serving band: `rows` held-out rows priced today and `firstPriced` blind rows as first priced. */
export interface ShippedBand extends BandFactors {
  firstPriced: number;
}

/**
 * The ranges the app ships: for each kind the held-out rows measure, the wider of their factor today and the factor
 * of the blind rows as first priced (capacity-frozen.ts) on that kind, or on every kind where it has too few. Today's
 * rules were partly read from the blind rows' misses, so their held-out factor alone is narrower than what a run the
 * planner has not seen meets; the first-priced one is what such runs did meet.
 */
export function widerBands(heldOut: Record<string, BandFactors>, firstPriced: Record<string, BandFactors>): Record<string, ShippedBand> {
  const out: Record<string, ShippedBand> = {};
  for (const [key, h] of Object.entries(heldOut)) {
    const f = firstPriced[key] ?? firstPriced.default!;
    out[key] = {
      ttft: Math.max(h.ttft, f.ttft),
      tpot: Math.max(h.tpot, f.tpot),
      output: Math.max(h.output, f.output),
      rows: h.rows,
      firstPriced: f.rows,
    };
  }
  return out;
}
