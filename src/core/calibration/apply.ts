// Applying a machine's calibration to an estimate and its speed, as a separate step on their outputs:
// the estimator and the speed model stay as they are, and the figures they gave stay available beside
// the calibrated ones. Weights and KV cache are exact and are carried over untouched, whatever the
// calibration holds.

import type { SpeedEstimate } from '../advice/types';
import type { Estimate } from '../estimate/types';
import { translate, type Locale } from '../i18n';
import { learnCalibration } from './learn';
import type { Calibration, EvidenceDoc, EvidenceRecord } from './types';

export interface Figures {
  estimate: Estimate;
  speed: SpeedEstimate;
}

export interface Applied {
  /** Bytes added to (or taken from) each GPU's runtime overhead; 0 when not learned. */
  overheadDeltaBytes: number;
  /** Factor on the compute buffers; 1 when not learned. */
  computeScale: number;
  decodeFactor: number;
  prefillFactor: number;
}

export interface CalibrationResult {
  uncalibrated: Figures;
  /** The same objects as `uncalibrated` when there is no calibration to apply. */
  calibrated: Figures;
  applied: Applied | null;
  /** "calibrated from 3 runs on this machine" in both languages; null when nothing was applied. */
  basis: { runs: number; en: string; ja: string } | null;
}

export function basisText(locale: Locale, runs: number): string {
  return translate(locale, runs === 1 ? 'calibration.basis.one' : 'calibration.basis.other', { runs });
}

/** The calibration to use: none without the user's consent, none for a machine without stored runs. */
export function activeCalibration(
  doc: Pick<EvidenceDoc, 'consent'> & { records: readonly EvidenceRecord[] },
  machine: string,
): Calibration | null {
  return doc.consent ? learnCalibration(doc.records, machine) : null;
}

function speedFactors(c: Calibration, devices: string | undefined): { decode: number; prefill: number } {
  const keys = Object.keys(c.speed);
  const key = devices ?? (keys.length === 1 ? keys[0] : undefined);
  const f = key !== undefined ? c.speed[key] : undefined;
  return { decode: f?.decode ?? 1, prefill: f?.prefill ?? 1 };
}

function calibrateEstimate(est: Estimate, c: Calibration): { estimate: Estimate; overhead: number; scale: number } {
  const scale = c.computeScale ?? 1;
  // One overhead figure governs every GPU's budget: the largest learned residual keeps each GPU safe.
  const residuals = Object.values(c.overheadBytes).map((o) => o.bytes);
  const learned = residuals.length > 0 && est.overheadPerGpu.bytes > 0 ? Math.max(...residuals) : 0;
  const overheadBytes = Math.max(0, est.overheadPerGpu.bytes + learned);
  const overhead = overheadBytes - est.overheadPerGpu.bytes;
  const compute = {
    ...est.compute,
    device: Math.round(est.compute.device * scale),
    host: Math.round(est.compute.host * scale),
    ...(est.compute.cpu !== undefined ? { cpu: Math.round(est.compute.cpu * scale) } : {}),
  };
  const delta = compute.device - est.compute.device + (compute.host - est.compute.host) + overhead;
  const estimate: Estimate = {
    ...est,
    compute: { ...compute, bytes: compute.device + compute.host },
    overheadPerGpu: { ...est.overheadPerGpu, bytes: overheadBytes },
    totalBytes: est.totalBytes + delta,
    band: { ...est.band, low: est.band.low + delta, high: est.band.high + delta },
    // Exact figures: the very objects the estimator produced, never a copy a calibration could touch.
    weights: est.weights,
    kvCache: est.kvCache,
  };
  return { estimate, overhead, scale };
}

const times = (x: number | null, f: number) => (x === null ? null : x * f);

/**
 * New figures from a calibration (or the same ones without). `speedDevices` names the devices the speed
 * is for (speedDeviceKey); without it, a calibration that knows one device set uses that one.
 */
export function applyCalibration(
  estimate: Estimate,
  speed: SpeedEstimate,
  calibration: Calibration | null,
  opts: { speedDevices?: string } = {},
): CalibrationResult {
  const uncalibrated = { estimate, speed };
  if (!calibration || calibration.runs < 1) return { uncalibrated, calibrated: uncalibrated, applied: null, basis: null };
  const e = calibrateEstimate(estimate, calibration);
  const f = speedFactors(calibration, opts.speedDevices);
  const calibratedSpeed: SpeedEstimate = {
    ...speed,
    decodeTokensPerSecond: times(speed.decodeTokensPerSecond, f.decode),
    decodeAtFullContextTokensPerSecond: times(speed.decodeAtFullContextTokensPerSecond, f.decode),
    prefillTokensPerSecond: times(speed.prefillTokensPerSecond, f.prefill),
  };
  return {
    uncalibrated,
    calibrated: { estimate: e.estimate, speed: calibratedSpeed },
    applied: { overheadDeltaBytes: e.overhead, computeScale: e.scale, decodeFactor: f.decode, prefillFactor: f.prefill },
    basis: { runs: calibration.runs, en: basisText('en', calibration.runs), ja: basisText('ja', calibration.runs) },
  };
}
