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
import { loadRows, quantile, rowsFor, speedCsvPath, summarizeSpeed, type SpeedAccuracyRow } from './speed';

type Raw = Record<string, string>;

const grid = (from: number, to: number, step: number) =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Number((from + i * step).toFixed(6)));

const SHARED_GRID: Array<[keyof SpeedCalibration, number[]]> = [
  ['t0', [0, 0.25e-3, 0.5e-3, 1e-3, 1.5e-3, 2e-3, 3e-3]],
  ['perLayer', [0, 10e-6, 20e-6, 30e-6, 40e-6, 60e-6, 80e-6, 100e-6]],
  ['rowSyncPerLayer', [0, 0.05e-3, 0.1e-3, 0.15e-3, 0.2e-3, 0.3e-3]],
  ['rowPrefillPerParam', [0, 0.25e-13, 0.5e-13, 1e-13, 2e-13, 4e-13]],
  ['dequantPasses', [0, 0.5, 1, 1.5, 2, 3, 4]],
  ['etaCpuUnified', [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]],
];

function groupKey(r: SpeedAccuracyRow): string {
  return `${r.metric}|${r.family}|${r.gpuCount > 1 ? 'multi' : 'one'}`;
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

/** Coordinate descent over the grids; deterministic. */
export function fitSpeedCalibration(
  raw: Raw[],
  start: SpeedCalibration = SPEED_CALIBRATION,
): { calibration: SpeedCalibration; objective: number } {
  const score = (cal: SpeedCalibration) => groupedMedian(rowsFor(raw, cal));
  const keys = [...new Set(rowsFor(raw, start).map((r) => r.family))].filter((k) => k !== '' && k !== 'cpu').sort();
  let cal: SpeedCalibration = { ...start, efficiency: { ...start.efficiency } };
  let best = score(cal);
  const tryCal = (trial: SpeedCalibration): boolean => {
    const e = score(trial);
    if (e < best - 1e-9) {
      best = e;
      cal = trial;
      return true;
    }
    return false;
  };
  for (let round = 0; round < 4; round++) {
    let improved = false;
    for (const key of keys) {
      for (const v of grid(0.3, 1.0, 0.025)) improved = tryCal(withEfficiency(cal, key, 'decode', v)) || improved;
      for (const v of grid(0.1, 1.0, 0.025)) improved = tryCal(withEfficiency(cal, key, 'prefill', v)) || improved;
    }
    for (const [param, values] of SHARED_GRID) for (const v of values) improved = tryCal({ ...cal, [param]: v }) || improved;
    if (!improved) break;
  }
  return { calibration: cal, objective: best };
}

/** ± bands: the 80th percentile of |error| per efficiency key and phase (single GPU), and for several GPUs. */
export function fitBands(rows: SpeedAccuracyRow[]): SpeedCalibration['bands'] {
  const scored = rows.filter((r) => r.included && r.error != null);
  const p80 = (rs: SpeedAccuracyRow[], metric: string, fallback: number) => {
    const v = rs.filter((r) => r.metric === metric).map((r) => Math.abs(r.error!));
    return v.length >= 3 ? Number(Math.min(0.9, quantile(v, 0.8)).toFixed(2)) : fallback;
  };
  const single = scored.filter((r) => r.gpuCount === 1);
  const multi = scored.filter((r) => r.gpuCount > 1);
  const all: SpeedBand = { decode: p80(single, 'decode', 0.3), prefill: p80(single, 'prefill', 0.3) };
  const perKey: Record<string, SpeedBand> = {};
  for (const key of [...new Set(single.map((r) => r.family))].filter((k) => k !== '').sort()) {
    const rs = single.filter((r) => r.family === key);
    perKey[key] = { decode: p80(rs, 'decode', all.decode), prefill: p80(rs, 'prefill', all.prefill) };
  }
  // A device of a family without measurements gets the widest band any measured family shows.
  const gpuBands = Object.entries(perKey)
    .filter(([k]) => k !== 'cpu')
    .map(([, b]) => b);
  const def: SpeedBand = {
    decode: Math.max(all.decode, ...gpuBands.map((b) => b.decode)),
    prefill: Math.max(all.prefill, ...gpuBands.map((b) => b.prefill)),
  };
  return {
    default: def,
    'multi-gpu': { decode: p80(multi, 'decode', def.decode), prefill: p80(multi, 'prefill', def.prefill) },
    ...perKey,
  };
}

/**
 * Hold-out check: fit on the runs of half the hardware (alternating by name) and score the other half,
 * both ways. Rows of a GPU never inform its own prediction.
 */
export function holdOutByHardware(raw: Raw[]): { foldMedians: number[]; heldOut: SpeedAccuracyRow[] } {
  const names = [...new Set(raw.map((r) => r['hardware'] ?? ''))].sort();
  const fold = (r: Raw) => names.indexOf(r['hardware'] ?? '') % 2;
  const heldOut: SpeedAccuracyRow[] = [];
  const foldMedians: number[] = [];
  for (const k of [0, 1]) {
    const { calibration } = fitSpeedCalibration(raw.filter((r) => fold(r) !== k));
    const test = rowsFor(
      raw.filter((r) => fold(r) === k),
      calibration,
    );
    foldMedians.push(summarizeSpeed(test).medianAbsError);
    heldOut.push(...test);
  }
  return { foldMedians, heldOut };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const raw = loadRows(speedCsvPath());
  const { calibration, objective } = fitSpeedCalibration(raw);
  const rows = rowsFor(raw, calibration);
  console.log(JSON.stringify({ objective, calibration: { ...calibration, bands: fitBands(rows) } }, null, 2));
  console.log(JSON.stringify(summarizeSpeed(rows), null, 2));
  if (process.argv.includes('--hold-out')) {
    const h = holdOutByHardware(raw);
    console.log(JSON.stringify({ foldMedians: h.foldMedians, heldOut: summarizeSpeed(h.heldOut) }, null, 2));
  }
}
