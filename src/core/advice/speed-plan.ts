// Turns a placement into speed-model segments: which bytes each device streams per generated token and
// which parameters it multiplies in prefill.

import type { Estimate } from '../estimate/types';
import { PLANNING_DEFAULTS } from './choice';
import { outputWeightBytes, type PlacementResult } from './placement';
import {
  SPEED_CALIBRATION,
  fp16AccumulateFactor,
  predictSpeed,
  type SpeedBackend,
  type SpeedCalibration,
  type SpeedSegment,
} from './speed';
import type { PlanningDevice, PlanningHardware, SpeedEstimate } from './types';

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

/** What streaming one range of layers costs per token: bytes read, weights held, active parameters. */
interface Work {
  streamed: number;
  weights: number;
  params: number;
}

function layerWork(est: Estimate, s: ModelShares, i: number, fill: number, into: Work): void {
  const w = est.weights.perLayer[i] ?? 0;
  into.streamed += w * s.activeFraction + kvRead(s, i, fill, est.kvCache.contextAllocated);
  into.params += s.layerParams[i] ?? 0;
  into.weights += w;
}

/** vLLM tensor parallelism: every GPU streams 1/n of every layer; the slowest GPU sets the pace. */
function vllmSegments(est: Estimate, placement: PlacementResult, hw: PlanningHardware, fill: number, s: ModelShares): SpeedSegment[] {
  const n = Math.max(1, placement.devices.length);
  const out = outputWeightBytes(est);
  const work: Work = { streamed: out, weights: out, params: s.outputParams };
  for (let i = 0; i < est.weights.perLayer.length; i++) layerWork(est, s, i, fill, work);
  const bws = hw.devices.map((d) => d.bandwidthGBps);
  const tfs = hw.devices.map(effectiveTflops);
  const slowest = (xs: Array<number | null>) => (xs.some((x) => x == null) ? null : xs.reduce<number>((m, x) => Math.min(m, x!), Infinity));
  return [
    {
      backend: hw.devices[0] ? backendOf(hw.devices[0]) : 'cuda',
      streamedBytes: work.streamed / n,
      weightBytes: work.weights / n,
      params: work.params / n,
      bandwidthGBps: slowest(bws),
      tflops: slowest(tfs),
      quantized: est.weights.bitsPerWeight < 15,
    },
  ];
}

/** What the CPU streams: every layer no GPU holds, and the output layer when it stayed in RAM. */
function cpuSegment(
  est: Estimate,
  placement: PlacementResult,
  hw: PlanningHardware,
  fill: number,
  s: ModelShares,
  onGpu: boolean[],
): SpeedSegment | null {
  const out = placement.outputOnGpu ? 0 : outputWeightBytes(est);
  const work: Work = { streamed: out, weights: out, params: placement.outputOnGpu ? 0 : s.outputParams };
  for (let i = 0; i < est.weights.perLayer.length; i++) if (!onGpu[i]) layerWork(est, s, i, fill, work);
  if (work.streamed <= 0) return null;
  return {
    backend: 'cpu',
    streamedBytes: work.streamed,
    weightBytes: work.weights,
    params: work.params,
    bandwidthGBps: hw.ramBandwidthGBps ?? PLANNING_DEFAULTS.ramBandwidthGBps,
    tflops: hw.cpuTflops ?? null,
    quantized: est.weights.bitsPerWeight < 15,
    unifiedMemory: hw.devices.some((d) => d.kind === 'unified'),
  };
}

export function segmentsFor(
  est: Estimate,
  placement: PlacementResult,
  hw: PlanningHardware,
  fill: number,
): { segments: SpeedSegment[]; gpuCount: number } {
  const s = shares(est);
  if (est.settings.runtime === 'vllm')
    return { segments: vllmSegments(est, placement, hw, fill, s), gpuCount: Math.max(1, placement.devices.length) };
  const onGpu = new Array<boolean>(est.weights.perLayer.length).fill(false);
  const segments: SpeedSegment[] = [];
  placement.devices.forEach((p, di) => {
    const dev = hw.devices[di];
    if (!dev || (p.layers === 0 && !p.holdsOutput)) return;
    const out = p.holdsOutput ? outputWeightBytes(est) : 0;
    const work: Work = { streamed: out, weights: out, params: p.holdsOutput ? s.outputParams : 0 };
    if (p.layerRange) {
      for (let i = p.layerRange[0]; i <= p.layerRange[1]; i++) {
        onGpu[i] = true;
        layerWork(est, s, i, fill, work);
      }
    }
    segments.push({
      backend: backendOf(dev),
      streamedBytes: work.streamed,
      weightBytes: work.weights,
      params: work.params,
      bandwidthGBps: dev.bandwidthGBps,
      tflops: effectiveTflops(dev),
      quantized: est.weights.bitsPerWeight < 15,
    });
  });
  const gpuCount = segments.length;
  const cpu = cpuSegment(est, placement, hw, fill, s, onGpu);
  if (cpu) segments.push(cpu);
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
  const inUse = placement.devices
    .flatMap((p, i) => (p.layers > 0 || p.holdsOutput ? [hw.devices[i]] : []))
    .filter((d): d is PlanningDevice => d != null);
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
      ramBandwidthGBps: hw.ramBandwidthGBps ?? PLANNING_DEFAULTS.ramBandwidthGBps,
      ramBandwidthAssumed: hw.ramBandwidthGBps == null,
    },
  };
}
