// Learning this machine's calibration from its stored runs. Medians throughout: one odd run (a second
// program on the GPU, a throttled laptop) moves a median far less than a mean. Weights and KV cache are
// never learned: they follow from the file and the settings exactly, so a difference there means a
// different model or settings, not this machine.

import { isGpuBuffer } from '../measured/compare';
import type { Calibration, EvidenceComponent, EvidenceRecord, SpeedFactor } from './types';

/**
 * Compute buffers are sized from the graph at the ubatch; a measured one outside half to twice the plan
 * means a different graph (another build, other settings), not a machine trait, so the scale stops there.
 */
export const COMPUTE_SCALE_RANGE = [0.5, 2] as const;
/** Speed: a run more than 4× off the plan measured something else (CPU fallback, thermal limit). */
export const SPEED_FACTOR_RANGE = [0.25, 4] as const;

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const clamp = (x: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, x));

function computeRatio(r: EvidenceRecord): number | null {
  const c = r.components.find((x) => x.name === 'compute' && x.device === 'all');
  return c && c.plannedBytes !== null && c.plannedBytes > 0 && c.measuredBytes > 0 ? c.measuredBytes / c.plannedBytes : null;
}

/** Planned and measured sums of one device's rows; null when a row lacks its plan. */
function deviceFigures(rows: EvidenceComponent[]): { planned: Record<string, number>; measured: Record<string, number> } | null {
  const planned: Record<string, number> = {};
  const measured: Record<string, number> = {};
  for (const x of rows) {
    if (x.plannedBytes === null) return null;
    planned[x.name] = (planned[x.name] ?? 0) + x.plannedBytes;
    measured[x.name] = (measured[x.name] ?? 0) + x.measuredBytes;
  }
  return { planned, measured };
}

/**
 * What one GPU used beyond the plan outside weights and KV: (measured total − measured weights − KV) −
 * (planned total − planned weights − KV), less the part the compute scale already explains. Only a run
 * that measured the device's whole use has a "total" row for it (nvidia-smi per process, the live watch's
 * peak: driver context included, planned = the plan's bytes on that GPU with its overhead); a log's
 * buffers never show the driver context, so they teach nothing about overhead.
 */
function overheadResidual(r: EvidenceRecord, device: string, scale: number): number | null {
  const f = deviceFigures(r.components.filter((x) => x.device === device));
  if (!f || f.measured.total === undefined || f.planned.total === undefined) return null;
  // A monitor's reading (the watch's peak, nvidia-smi) has the GPU's total alone: weights and KV are exact
  // and never learned, so with neither row on either side the whole difference is overhead (and compute).
  const parts = [f.planned.weights, f.planned.kvCache].filter((x) => x !== undefined).length;
  if (parts === 1) return null;
  const other = (o: Record<string, number>) => o.total! - (o.weights ?? 0) - (o.kvCache ?? 0);
  return other(f.measured) - other(f.planned) - (scale - 1) * (f.planned.compute ?? 0);
}

/** A GPU as a log names its buffer ("CUDA0") or as a monitor numbers it ("GPU0": readings, the watch's peak). */
const isGpuDevice = (device: string) => isGpuBuffer(device) || /^GPU\d+$/.test(device);

function speedRatios(r: EvidenceRecord, kind: 'decode' | 'prefill'): Map<string, number> {
  const by = new Map<string, number[]>();
  for (const s of r.speed) {
    if (s.kind !== kind || s.plannedTokensPerSecond === null || s.plannedTokensPerSecond <= 0 || s.measuredTokensPerSecond <= 0) continue;
    by.set(s.devices, [...(by.get(s.devices) ?? []), s.measuredTokensPerSecond / s.plannedTokensPerSecond]);
  }
  // One figure per run and device set: a benchmark with five depths is still one run.
  return new Map([...by.entries()].map(([k, xs]) => [k, median(xs)!]));
}

function learnSpeed(runs: EvidenceRecord[]): Record<string, SpeedFactor> {
  const samples = new Map<string, { decode: number[]; prefill: number[] }>();
  for (const r of runs) {
    for (const kind of ['decode', 'prefill'] as const) {
      for (const [devices, ratio] of speedRatios(r, kind)) {
        const s = samples.get(devices) ?? { decode: [], prefill: [] };
        s[kind].push(ratio);
        samples.set(devices, s);
      }
    }
  }
  const out: Record<string, SpeedFactor> = {};
  for (const [devices, s] of samples) {
    const d = median(s.decode);
    const p = median(s.prefill);
    out[devices] = {
      decode: d === null ? null : clamp(d, SPEED_FACTOR_RANGE),
      prefill: p === null ? null : clamp(p, SPEED_FACTOR_RANGE),
      decodeRuns: s.decode.length,
      prefillRuns: s.prefill.length,
    };
  }
  return out;
}

/** The calibration of one machine (by MachineKey.key); null when none of its runs is stored. */
export function learnCalibration(records: readonly EvidenceRecord[], machine: string): Calibration | null {
  const runs = records.filter((r) => r.machine.key === machine);
  if (runs.length === 0) return null;
  const ratios = runs.map(computeRatio).filter((x): x is number => x !== null);
  const m = median(ratios);
  const computeScale = m === null ? null : clamp(m, COMPUTE_SCALE_RANGE);
  const residuals = new Map<string, number[]>();
  for (const r of runs) {
    const devices = new Set(r.components.filter((x) => isGpuDevice(x.device)).map((x) => x.device));
    for (const d of devices) {
      const x = overheadResidual(r, d, computeScale ?? 1);
      if (x !== null) residuals.set(d, [...(residuals.get(d) ?? []), x]);
    }
  }
  const overheadBytes: Calibration['overheadBytes'] = {};
  for (const [d, xs] of residuals) overheadBytes[d] = { bytes: Math.round(median(xs)!) + 0, runs: xs.length };
  return { machine, runs: runs.length, overheadBytes, computeScale, computeRuns: ratios.length, speed: learnSpeed(runs) };
}
