// Fits the speed model's constants (src/core/advice/speed-calibration.ts) on measured runs. The app
// ships the fitted numbers as data; this file is how they were obtained and how to redo it:
// `npx tsx tests/accuracy/speed-fit.ts` prints the fitted calibration, the ± bands and the hold-out.
//
// Efficiency is fitted per family (and Apple tier): decode η on the decode rows of that family, prefill
// ε on its prefill rows. The shared constants (fixed costs, row-split costs, dequantisation) are fitted
// on all rows. The objective is the mean over groups (metric × family × one/several GPUs) of the median
// |error|, so a family with few rows is not drowned by one with many.

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SPEED_CALIBRATION, type SpeedBand, type SpeedCalibration } from '../../src/core/advice/speed-calibration';
import { LEGACY_2023, loadRows, quantile, rowsFor, speedCsvPath, summarizeSpeed, type LegacyBuild, type SpeedAccuracyRow } from './speed';
import { loadModern, modernRowsFor } from './speed-modern';

type Raw = Record<string, string>;

const grid = (from: number, to: number, step: number) =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Number((from + i * step).toFixed(6)));

/** Product constants for current builds: fitted on the modern fit rows. */
const CURRENT_GRID: Array<[keyof SpeedCalibration, number[]]> = [
  ['t0', [0, 0.25e-3, 0.5e-3, 0.75e-3, 1e-3, 1.5e-3, 2e-3]],
  ['perLayer', [0, 5e-6, 10e-6, 20e-6, 30e-6, 40e-6, 60e-6]],
  ['moeLayer', [0, 10e-6, 20e-6, 40e-6, 60e-6, 80e-6, 100e-6]],
  ['dequantPasses', [0, 0.5, 1, 2]],
  ['batchedStreamEfficiency', grid(0.2, 1, 0.05)],
  // Layer-split hop and PCIe all-reduce: fitted on the modern multi-GPU fit rows (4 × RTX 4090, S9).
  ['hopLatency', [0, 10e-6, 25e-6, 50e-6, 100e-6, 200e-6]],
  // Prefill efficiency by model width: single-GPU prefill rows of 7B–70B models on the same GPUs.
  ['prefillSizeExponent', grid(0, 0.8, 0.05)],
  // Attention's share of ε: the depth rows (pp512@d32768) against the same GPUs at no depth.
  ['attentionEfficiency', grid(0.2, 1, 0.05)],
  // Pipeline overlap of a layer split: the 4 × RTX 4090 pp2048 run (S9, m39) against its pp512 (check).
  ['pipelineOverlap', grid(0, 1, 0.05)],
];
const PCIE_ALL_REDUCE = [10e-6, 25e-6, 50e-6, 75e-6, 100e-6, 125e-6, 150e-6];
/** vLLM's host time per step: fitted on the vLLM fit rows (S10, TP=1). */
const VLLM_STEP = grid(0, 8e-3, 0.25e-3);
/** Row-split and CPU constants: fitted on the development set (the only runs that show them). */
const ROW_GRID: Array<[keyof SpeedCalibration, number[]]> = [
  ['rowSyncPerLayer', [0, 0.05e-3, 0.1e-3, 0.15e-3, 0.2e-3, 0.3e-3]],
  ['rowPrefillPerParam', [0, 0.25e-13, 0.5e-13, 1e-13, 2e-13, 4e-13]],
  ['etaCpuUnified', [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]],
  ['prefillEfficiencyCpu', grid(0.2, 1, 0.05)],
];
const LEGACY_GRID: Array<[keyof LegacyBuild, number[]]> = [
  ['t0', [0, 0.5e-3, 1e-3, 1.5e-3, 2e-3, 2.5e-3, 3e-3]],
  ['perLayer', [0, 20e-6, 40e-6, 60e-6, 80e-6, 100e-6]],
  ['dequantPasses', [0, 0.5, 1, 1.5, 2, 3, 4]],
];

/** Rows of both sets: the development set with the legacy-build constants, the modern fit rows without. */
export interface FitData {
  dev: Raw[];
  modern: Raw[];
}

export function fitData(): FitData {
  return { dev: loadRows(speedCsvPath()), modern: loadModern().filter((r) => r['set'] === 'fit') };
}

export function scoredRows(data: FitData, cal: SpeedCalibration, legacy: LegacyBuild): SpeedAccuracyRow[] {
  return [...rowsFor(data.dev, cal, legacy), ...modernRowsFor(data.modern, cal)];
}

/**
 * Prefill micro-batches below 64 tokens are memory-bound (the weights are read once per micro-batch),
 * larger ones compute-bound: two regimes governed by different constants, so they are separate groups
 * and a sweep over micro-batch sizes cannot let one regime outvote the other.
 */
function regimeOf(r: SpeedAccuracyRow): string {
  if (r.metric !== 'prefill') return '';
  const ub = Number(/ub (\d+)/.exec(r.note)?.[1] ?? 512);
  return ub < 64 ? '|memory-bound' : '|compute-bound';
}

function groupKey(r: SpeedAccuracyRow): string {
  return `${r.id.startsWith('m') ? 'modern' : 'dev'}|${r.metric}|${r.family}|${r.gpuCount > 1 ? 'multi' : 'one'}${regimeOf(r)}`;
}

/** Mean over groups of the median |error|; the fit's objective. */
export function groupedMedian(rows: SpeedAccuracyRow[]): number {
  const groups = new Map<string, number[]>();
  for (const r of rows) {
    if (!r.included || r.error == null) continue;
    const k = groupKey(r);
    groups.set(k, [...(groups.get(k) ?? []), Math.abs(r.error)]);
  }
  const medians = [...groups.values()].map((v) => quantile(v, 0.5));
  return medians.reduce((a, b) => a + b, 0) / Math.max(1, medians.length);
}

function withEfficiency(cal: SpeedCalibration, key: string, phase: 'decode' | 'prefill', v: number): SpeedCalibration {
  const cur = cal.efficiency[key] ?? { decode: cal.eta, prefill: cal.prefillEfficiency };
  return { ...cal, efficiency: { ...cal.efficiency, [key]: { ...cur, [phase]: v } } };
}

export interface Fit {
  calibration: SpeedCalibration;
  legacy: LegacyBuild;
  objective: number;
}

/** The trial calibrations one pass of coordinate descent tries, in order. */
function* trials(cal: SpeedCalibration, legacy: LegacyBuild, keys: string[]): Generator<[SpeedCalibration, LegacyBuild]> {
  for (const key of keys) {
    // Decode η stops at 0.95: no GPU streams its weights faster than that share of its stated bandwidth
    // in published copy benchmarks; past it the fit would only be trading η against the fixed costs.
    for (const v of grid(0.3, 0.95, 0.025)) yield [withEfficiency(cal, key, 'decode', v), legacy];
    for (const v of grid(0.1, 1.0, 0.025)) yield [withEfficiency(cal, key, 'prefill', v), legacy];
  }
  for (const [param, values] of [...CURRENT_GRID, ...ROW_GRID]) for (const v of values) yield [{ ...cal, [param]: v }, legacy];
  for (const v of PCIE_ALL_REDUCE) yield [{ ...cal, allReduceLatency: { ...cal.allReduceLatency, pcie: v } }, legacy];
  for (const [param, values] of LEGACY_GRID) for (const v of values) yield [cal, { ...legacy, [param]: v }];
}

type Trials = (cal: SpeedCalibration, legacy: LegacyBuild) => Iterable<[SpeedCalibration, LegacyBuild]>;

/** Coordinate descent: take the first trial that improves, restart; deterministic. */
function descend(start: Fit, trialsOf: Trials, score: (cal: SpeedCalibration, legacy: LegacyBuild) => number): Fit {
  let best = start;
  for (let round = 0; round < 4; round++) {
    const before = best.objective;
    for (let improved = true; improved;) {
      improved = false;
      for (const [cal, legacy] of trialsOf(best.calibration, best.legacy)) {
        const e = score(cal, legacy);
        if (e < best.objective - 1e-9) {
          best = { calibration: cal, legacy, objective: e };
          improved = true;
          break;
        }
      }
    }
    if (best.objective >= before - 1e-9) break;
  }
  return best;
}

const isVllm = (r: Raw) => /vllm/i.test(r['runtime'] ?? '');

/**
 * Two stages, so one runtime's rows cannot move the other's constants: the llama.cpp constants on the
 * llama.cpp rows, then vLLM's per-step time on the vLLM rows with everything else held. (Fitted together,
 * the single vLLM fit row could be explained as well by a larger MoE launch cost, which would then move
 * every llama.cpp MoE prediction.)
 */
export function fitSpeedCalibration(
  data: FitData,
  start: SpeedCalibration = SPEED_CALIBRATION,
  startLegacy: LegacyBuild = LEGACY_2023,
): Fit {
  const llama: FitData = { dev: data.dev, modern: data.modern.filter((r) => !isVllm(r)) };
  const vllm: FitData = { dev: [], modern: data.modern.filter(isVllm) };
  const scoreOn = (d: FitData) => (cal: SpeedCalibration, legacy: LegacyBuild) => groupedMedian(scoredRows(d, cal, legacy));
  const keys = [...new Set(scoredRows(llama, start, startLegacy).map((r) => r.family))].filter((k) => k !== '' && k !== 'cpu').sort();
  const init: Fit = {
    calibration: { ...start, efficiency: { ...start.efficiency } },
    legacy: { ...startLegacy },
    objective: scoreOn(llama)(start, startLegacy),
  };
  const first = descend(init, (cal, legacy) => trials(cal, legacy, keys), scoreOn(llama));
  let best = first;
  if (vllm.modern.length > 0) {
    const vllmTrials: Trials = function* (cal, legacy) {
      for (const v of VLLM_STEP) yield [{ ...cal, vllm: { ...cal.vllm, stepSeconds: v } }, legacy];
    };
    best = descend({ ...first, objective: scoreOn(vllm)(first.calibration, first.legacy) }, vllmTrials, scoreOn(vllm));
  }
  return { ...best, objective: scoreOn(data)(best.calibration, best.legacy) };
}

/**
 * Every measured row: the development set and the whole modern set. The bands are read from all of
 * them (they describe the errors users will see; they are not part of the fit).
 */
export function allMeasuredRows(cal: SpeedCalibration = SPEED_CALIBRATION, legacy: LegacyBuild = LEGACY_2023): SpeedAccuracyRow[] {
  return [...rowsFor(loadRows(speedCsvPath()), cal, legacy), ...modernRowsFor(loadModern(), cal)];
}

/** ± bands: the 80th percentile of |error| per efficiency key and phase (single GPU), and for several GPUs. */
export function fitBands(rows: SpeedAccuracyRow[]): SpeedCalibration['bands'] {
  const scored = rows.filter((r) => r.included && r.error != null);
  const single = scored.filter((r) => r.gpuCount === 1);
  // Several GPUs: the current-build runs (the modern set). The 2023 development rows are all the row
  // split, which the planner no longer plans (it prices layer split and tensor parallelism).
  const multi = scored.filter((r) => r.gpuCount > 1 && r.id.startsWith('m'));
  const p80 = (rs: SpeedAccuracyRow[], metric: string) => {
    const v = rs.filter((r) => r.metric === metric).map((r) => Math.abs(r.error!));
    return v.length >= 3 ? Number(Math.min(0.9, quantile(v, 0.8)).toFixed(2)) : null;
  };
  const perKey: Record<string, { decode: number | null; prefill: number | null }> = {};
  for (const key of [...new Set(single.map((r) => r.family))].filter((k) => k !== '').sort()) {
    const rs = single.filter((r) => r.family === key);
    perKey[key] = { decode: p80(rs, 'decode'), prefill: p80(rs, 'prefill') };
  }
  // A device of a family (or phase) with fewer than 3 measurements gets the widest band any measured
  // GPU family shows.
  const gpu = Object.entries(perKey).filter(([k]) => k !== 'cpu');
  const widest = (phase: 'decode' | 'prefill') => Math.max(...gpu.map(([, b]) => b[phase] ?? 0));
  const def: SpeedBand = { decode: widest('decode'), prefill: widest('prefill') };
  const bands: SpeedCalibration['bands'] = {
    default: def,
    'multi-gpu': { decode: p80(multi, 'decode') ?? def.decode, prefill: p80(multi, 'prefill') ?? def.prefill },
  };
  for (const [key, b] of Object.entries(perKey)) bands[key] = { decode: b.decode ?? def.decode, prefill: b.prefill ?? def.prefill };
  return bands;
}

/**
 * Hold-out check: fit on the runs of half the hardware (alternating by name) and score the other half,
 * both ways. Rows of a GPU never inform its own prediction.
 */
export function holdOutByHardware(data: FitData): { foldMedians: number[]; heldOut: SpeedAccuracyRow[] } {
  const names = [...new Set([...data.dev, ...data.modern].map((r) => r['hardware'] ?? ''))].sort();
  const fold = (r: Raw) => names.indexOf(r['hardware'] ?? '') % 2;
  const heldOut: SpeedAccuracyRow[] = [];
  const foldMedians: number[] = [];
  for (const k of [0, 1]) {
    const train = { dev: data.dev.filter((r) => fold(r) !== k), modern: data.modern.filter((r) => fold(r) !== k) };
    const { calibration, legacy } = fitSpeedCalibration(train);
    const test = scoredRows(
      { dev: data.dev.filter((r) => fold(r) === k), modern: data.modern.filter((r) => fold(r) === k) },
      calibration,
      legacy,
    );
    foldMedians.push(summarizeSpeed(test).medianAbsError);
    heldOut.push(...test);
  }
  return { foldMedians, heldOut };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const data = fitData();
  const fit = fitSpeedCalibration(data);
  const rows = scoredRows(data, fit.calibration, fit.legacy);
  console.log(
    JSON.stringify({ objective: fit.objective, legacy: fit.legacy, calibration: { ...fit.calibration, bands: fitBands(rows) } }, null, 2),
  );
  console.log(JSON.stringify(summarizeSpeed(rows), null, 2));
  const check = modernRowsFor(
    loadModern().filter((r) => r['set'] === 'check'),
    fit.calibration,
  );
  console.log('check set', JSON.stringify(summarizeSpeed(check), null, 2));
  if (process.argv.includes('--hold-out')) {
    const h = holdOutByHardware(data);
    console.log(JSON.stringify({ foldMedians: h.foldMedians, heldOut: summarizeSpeed(h.heldOut) }, null, 2));
  }
}
