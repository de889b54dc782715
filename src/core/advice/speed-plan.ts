// Turns a placement into speed-model segments: which bytes each device streams per generated token and
// which parameters it multiplies in prefill.

import type { Estimate } from '../estimate/types';
import { outputWeightBytes, type PlacementResult } from './placement';
import { SPEED_CALIBRATION, fp16AccumulateFactor, predictSpeed, type SpeedBackend, type SpeedCalibration, type SpeedSegment } from './speed';
import type { PlanningDevice, PlanningHardware, SpeedEstimate } from './types';

/**
 * RAM bandwidth assumed when nothing better is known: dual-channel DDR4-3200 (51.2 GB/s theoretical),
 * the common floor of desktops that run offloaded layers. Shown as an assumption next to the figure.
 */
export const DEFAULT_RAM_BANDWIDTH_GBPS = 50;

interface ModelShares {
  /** Fraction of a layer's weight bytes one token streams (MoE: active experts only). */
  activeFraction: number;
  /** Active matmul parameters of each repeating layer. */
  layerParams: number[];
  outputParams: number;
  /** KV bytes of each layer for one sequence, per token of context (0 for recurrent). */
  kvPerSeq: number[];
}

function shares(est: Estimate): ModelShares {
  const w = est.weights;
  const perLayer = w.perLayer;
  const layerBytes = perLayer.reduce((a, b) => a + b, 0);
  const vocabHidden = est.model.vocabSize * est.model.hiddenSize;
  const tiedOrNone = est.model.tiedEmbeddings;
  // Embedding lookups read one row; the output matrix is read whole. Everything else sits in layers.
  const total = Math.max(0, w.parameterCount - (tiedOrNone ? vocabHidden : 2 * vocabHidden));
  const active = Math.max(0, w.activeParameterCount - (tiedOrNone ? vocabHidden : 2 * vocabHidden));
  const activeFraction = total > 0 ? Math.min(1, Math.max(0, active / total)) : 1;
  const layerParams = perLayer.map((b) => (layerBytes > 0 ? (active * b) / layerBytes : 0));
  const par = Math.max(1, est.settings.parallel);
  const kvPerSeq = est.kvCache.perLayer.map((b) => b / par);
  return { activeFraction, layerParams, outputParams: vocabHidden, kvPerSeq };
}

export function backendOf(d: PlanningDevice): SpeedBackend {
  return d.kind === 'unified' && /apple|\bm[1-9]\b/i.test(d.name) ? 'metal' : 'cuda';
}

function effectiveTflops(d: PlanningDevice): number | null {
  return d.fp16Tflops != null && d.fp16Tflops > 0 ? d.fp16Tflops * fp16AccumulateFactor(d.name) : null;
}

/** Bytes of KV a token reads in layer i when `fill` tokens of context are held. */
function kvRead(s: ModelShares, i: number, fill: number, ctxAlloc: number): number {
  const perSeq = s.kvPerSeq[i] ?? 0;
  if (ctxAlloc <= 0) return perSeq;
  return perSeq * Math.min(1, fill / ctxAlloc);
}

export function segmentsFor(
  est: Estimate,
  placement: PlacementResult,
  hw: PlanningHardware,
  fill: number,
): { segments: SpeedSegment[]; gpuCount: number } {
  const s = shares(est);
  const w = est.weights.perLayer;
  const ctxAlloc = est.kvCache.contextAllocated;
  const quantized = est.weights.bitsPerWeight < 15;
  const out = outputWeightBytes(est);

  if (est.settings.runtime === 'vllm') {
    const n = Math.max(1, placement.devices.length);
    let streamed = out;
    let params = s.outputParams;
    let weights = out;
    for (let i = 0; i < w.length; i++) {
      streamed += (w[i] ?? 0) * s.activeFraction + kvRead(s, i, fill, ctxAlloc);
      params += s.layerParams[i] ?? 0;
      weights += w[i] ?? 0;
    }
    const bws = hw.devices.map((d) => d.bandwidthGBps);
    const tfs = hw.devices.map(effectiveTflops);
    const slowestBw = bws.some((b) => b == null) ? null : Math.min(...(bws as number[]));
    const slowestTf = tfs.some((t) => t == null) ? null : Math.min(...(tfs as number[]));
    const backend = hw.devices[0] ? backendOf(hw.devices[0]) : 'cuda';
    return {
      segments: [{ backend, streamedBytes: streamed / n, weightBytes: weights / n, params: params / n, bandwidthGBps: slowestBw, tflops: slowestTf, quantized }],
      gpuCount: n,
    };
  }

  const onGpu = new Array<boolean>(w.length).fill(false);
  const segments: SpeedSegment[] = [];
  let gpuCount = 0;
  placement.devices.forEach((p, di) => {
    const dev = hw.devices[di];
    if (!dev || (p.layers === 0 && !p.holdsOutput)) return;
    gpuCount++;
    let streamed = p.holdsOutput ? out : 0;
    let params = p.holdsOutput ? s.outputParams : 0;
    let weights = p.holdsOutput ? out : 0;
    if (p.layerRange) {
      for (let i = p.layerRange[0]; i <= p.layerRange[1]; i++) {
        onGpu[i] = true;
        streamed += (w[i] ?? 0) * s.activeFraction + kvRead(s, i, fill, ctxAlloc);
        params += s.layerParams[i] ?? 0;
        weights += w[i] ?? 0;
      }
    }
    segments.push({ backend: backendOf(dev), streamedBytes: streamed, weightBytes: weights, params, bandwidthGBps: dev.bandwidthGBps, tflops: effectiveTflops(dev), quantized });
  });
  let cpuStreamed = placement.outputOnGpu ? 0 : out;
  let cpuParams = placement.outputOnGpu ? 0 : s.outputParams;
  let cpuWeights = cpuStreamed;
  for (let i = 0; i < w.length; i++) {
    if (onGpu[i]) continue;
    cpuStreamed += (w[i] ?? 0) * s.activeFraction + kvRead(s, i, fill, ctxAlloc);
    cpuParams += s.layerParams[i] ?? 0;
    cpuWeights += w[i] ?? 0;
  }
  if (cpuStreamed > 0) {
    segments.push({
      backend: 'cpu',
      streamedBytes: cpuStreamed,
      weightBytes: cpuWeights,
      params: cpuParams,
      bandwidthGBps: hw.ramBandwidthGBps ?? DEFAULT_RAM_BANDWIDTH_GBPS,
      tflops: hw.cpuTflops ?? null,
      quantized,
      unifiedMemory: hw.devices.some((d) => d.kind === 'unified'),
    });
  }
  return { segments, gpuCount };
}

export function speedFor(
  est: Estimate,
  placement: PlacementResult,
  hw: PlanningHardware,
  fillTokens: number | undefined,
  cal: SpeedCalibration = SPEED_CALIBRATION,
): SpeedEstimate {
  const ctx = Math.max(1, est.settings.context);
  const fill = Math.max(0, Math.min(ctx, fillTokens ?? Math.min(ctx, 2048)));
  const layers = est.weights.perLayer.length;
  const batch = Math.max(1, Math.min(est.settings.ubatch || 512, 512));
  const at = (f: number) => {
    const { segments, gpuCount } = segmentsFor(est, placement, hw, f);
    return { p: predictSpeed({ segments, layers, gpuCount, prefillBatchTokens: batch }, cal), segments };
  };
  const now = at(fill);
  const full = at(Math.max(fill, est.kvCache.contextAllocated || ctx));
  const bytesPerToken = now.segments.reduce((a, s) => a + s.streamedBytes, 0);
  const offloaded = placement.offloadedBytes > 0;
  const multi = now.segments.filter((s) => s.backend !== 'cpu').length > 1;
  // CPU-resident layers add RAM-bandwidth uncertainty that the (GPU-only) calibration set cannot show.
  const widen = offloaded ? 1.5 : 1;
  const baseDecode = multi ? cal.bandDecodeMultiGpu : cal.bandDecode;
  const basePrefill = multi ? cal.bandPrefillMultiGpu : cal.bandPrefill;
  // Name what is missing instead of a bare "unknown": the devices in use that lack the figure.
  const inUse = placement.devices.flatMap((p, i) => (p.layers > 0 || p.holdsOutput ? [hw.devices[i]] : [])).filter((d): d is PlanningDevice => d != null);
  const noBw = inUse.filter((d) => d.bandwidthGBps == null || !(d.bandwidthGBps > 0)).map((d) => d.name);
  const noTf = inUse.filter((d) => effectiveTflops(d) == null).map((d) => d.name);
  const decode = now.p.decodeSeconds ? 1 / now.p.decodeSeconds : null;
  const prefill = now.p.prefillSecondsPerToken ? 1 / now.p.prefillSecondsPerToken : null;
  return {
    decodeMissing: decode == null ? 'no-bandwidth' : null,
    prefillMissing: prefill == null ? 'no-throughput' : null,
    missingBandwidthOn: decode == null ? [...new Set(noBw)] : [],
    missingThroughputOn: prefill == null ? [...new Set(noTf)] : [],
    decodeTokensPerSecond: decode,
    decodeAtFullContextTokensPerSecond: full.p.decodeSeconds ? 1 / full.p.decodeSeconds : null,
    prefillTokensPerSecond: prefill,
    contextTokens: fill,
    band: { decode: Math.min(0.9, baseDecode * widen), prefill: Math.min(0.9, basePrefill * widen) },
    bytesPerToken,
    basis: {
      key: est.settings.runtime === 'llama.cpp' ? 'advice.speed.basis.calibrated' : 'advice.speed.basis.extrapolated',
      eta: cal.eta,
      etaCpu: cal.etaCpu,
      t0Ms: cal.t0 * 1000,
      prefillEfficiency: cal.prefillEfficiency,
      gpuMs: now.p.gpuSeconds * 1000,
      cpuMs: now.p.cpuSeconds * 1000,
      fixedMs: now.p.fixedSeconds * 1000,
      ramBandwidthGBps: hw.ramBandwidthGBps ?? DEFAULT_RAM_BANDWIDTH_GBPS,
      ramBandwidthAssumed: hw.ramBandwidthGBps == null,
    },
  };
}
