// Turns a placement into speed-model segments: which bytes each device streams per generated token,
// which parameters it multiplies and how many attention FLOPs it spends per prompt token.

import type { Estimate } from '../estimate/types';
import { PLANNING_DEFAULTS } from './choice';
import { outputWeightBytes, type PlacementResult } from './placement';
import {
  SPEED_CALIBRATION,
  efficiencyKey,
  predictSpeed,
  segmentEfficiency,
  type SpeedCalibration,
  type SpeedInputs,
  type SpeedSegment,
} from './speed';
import { batchedDecode, type BatchedDecode } from './speed-batch';
import { DEFAULT_CPU_TFLOPS } from './speed-cpu';
import { isKnownQuant, resolveQuant } from '../quant/formats';
import { deviceTraits, effectiveTflops } from './speed-device';
import type { PlanningDevice, PlanningHardware, SpeedEstimate } from './types';

export { backendOf } from './speed-device';

interface ModelShares {
  /** Fraction of a layer's weight bytes one token streams (MoE: active experts only). */
  activeFraction: number;
  /** Active matmul parameters of each repeating layer. */
  layerParams: number[];
  outputParams: number;
  /** Cache bytes of each layer for one sequence: KV at the allocated context, or a recurrent layer's state. */
  kvPerSeq: number[];
  /** Layers whose cache is a recurrent state (Mamba, gated delta net), not keys and values. */
  recurrent: boolean[];
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
  const stateLayers = new Set(est.model.recurrent?.layers ?? []);
  const recurrent = perLayer.map((_, i) => stateLayers.has(i));
  return { activeFraction, layerParams, outputParams: vocabHidden, kvPerSeq, recurrent };
}

/**
 * Cache bytes a token moves in layer i when `fill` tokens of context are held: the KV written so far, or a
 * recurrent layer's whole state, which does not grow with the context and is read and written back at
 * every token (vLLM's selective_state_update and llama.cpp's ssm_scan update it in place).
 */
function kvRead(s: ModelShares, i: number, fill: number, ctxAlloc: number): number {
  const perSeq = s.kvPerSeq[i] ?? 0;
  if (s.recurrent[i]) return 2 * perSeq;
  if (ctxAlloc <= 0) return perSeq;
  return perSeq * Math.min(1, fill / ctxAlloc);
}

/**
 * Attention FLOPs per token in layer i at context c: per query head, q·K over c keys (2·c·d_k) and the
 * weighted sum of c values (2·c·d_v): the "logits" and "softmax @ query reduction" rows of Hoffmann et
 * al. 2022 (Chinchilla), Appendix F. Sliding-window layers see at most their window; layers without a
 * KV cache (recurrent) have none.
 */
export function attentionFlops(est: Estimate, s: ModelShares, i: number, context: number): number {
  if (s.recurrent[i] || !((s.kvPerSeq[i] ?? 0) > 0)) return 0;
  const m = est.model;
  const sw = m.slidingWindow;
  const local = sw != null && (sw.period <= 1 || (i + 1) % sw.period !== 0);
  const c = local ? Math.min(context, sw.window) : context;
  return 2 * c * m.heads * (m.headDimK + m.headDimV);
}

/** What one range of layers costs per token: bytes read, KV part, weights held, params, attention. */
interface Work {
  streamed: number;
  kv: number;
  weights: number;
  params: number;
  attention: number;
}

const emptyWork = (out: number, params: number): Work => ({ streamed: out, kv: 0, weights: out, params, attention: 0 });

function layerWork(est: Estimate, s: ModelShares, i: number, fill: number, into: Work): void {
  const w = est.weights.perLayer[i] ?? 0;
  const kv = kvRead(s, i, fill, est.kvCache.contextAllocated);
  into.streamed += w * s.activeFraction + kv;
  into.kv += kv;
  into.params += s.layerParams[i] ?? 0;
  into.weights += w;
  // A prompt of `fill` tokens from an empty cache sees fill/2 keys on average.
  into.attention += attentionFlops(est, s, i, fill / 2);
}

function segmentOf(d: PlanningDevice, w: Work, quantized: boolean, share = 1, fp8Gemms = false): SpeedSegment {
  const t = deviceTraits(d);
  const seg: SpeedSegment = {
    backend: t.backend,
    streamedBytes: w.streamed * share,
    kvBytes: w.kv * share,
    weightBytes: w.weights * share,
    params: w.params * share,
    attentionFlops: w.attention * share,
    bandwidthGBps: d.bandwidthGBps,
    tflops: effectiveTflops(d),
    quantized,
    link: t.link,
  };
  const fp16 = seg.tflops ?? 0;
  if (fp8Gemms && t.fp8Tflops != null && t.fp8Tflops > fp16) seg.gemmTflops = t.fp8Tflops;
  if (t.family) seg.family = t.family;
  if (t.tier) seg.tier = t.tier;
  return seg;
}

/** Tensor parallelism (vLLM): every GPU holds 1/n of every layer; they run at once. */
function tensorSegments(est: Estimate, placement: PlacementResult, hw: PlanningHardware, fill: number, s: ModelShares): SpeedSegment[] {
  const n = Math.max(1, placement.devices.length);
  const out = outputWeightBytes(est);
  const work = emptyWork(out, s.outputParams);
  for (let i = 0; i < est.weights.perLayer.length; i++) layerWork(est, s, i, fill, work);
  const quantized = est.weights.bitsPerWeight < 15;
  // vLLM and SGLang quantise the activations of an FP8 checkpoint per token and run its linear layers as
  // FP8 × FP8 GEMMs (CUTLASS / hipBLASLt scaled_mm, the fused-MoE FP8 path) where the GPU has FP8 tensor
  // cores; elsewhere (Ampere) they dequantise to 16-bit (Marlin FP8), so the FP16 peak holds.
  const fp8Gemms = isKnownQuant(est.settings.quant) && resolveQuant(est.settings.quant).scheme === 'fp8';
  return hw.devices.slice(0, n).map((d) => segmentOf(d, work, quantized, 1 / n, fp8Gemms));
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
  const work = emptyWork(out, placement.outputOnGpu ? 0 : s.outputParams);
  for (let i = 0; i < est.weights.perLayer.length; i++) if (!onGpu[i]) layerWork(est, s, i, fill, work);
  if (work.streamed <= 0) return null;
  return {
    backend: 'cpu',
    streamedBytes: work.streamed,
    kvBytes: work.kv,
    weightBytes: work.weights,
    params: work.params,
    attentionFlops: work.attention,
    bandwidthGBps: hw.ramBandwidthGBps ?? PLANNING_DEFAULTS.ramBandwidthGBps,
    // The detected CPU's peak (speed-cpu.ts) or, for catalog hardware, a common desktop CPU's.
    tflops: hw.cpuTflops ?? DEFAULT_CPU_TFLOPS,
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
  if (est.settings.runtime === 'vllm') {
    const segments = tensorSegments(est, placement, hw, fill, s);
    return { segments, gpuCount: segments.length };
  }
  const onGpu = new Array<boolean>(est.weights.perLayer.length).fill(false);
  const segments: SpeedSegment[] = [];
  placement.devices.forEach((p, di) => {
    const dev = hw.devices[di];
    if (!dev || (p.layers === 0 && !p.holdsOutput)) return;
    const work = emptyWork(p.holdsOutput ? outputWeightBytes(est) : 0, p.holdsOutput ? s.outputParams : 0);
    if (p.layerRange) {
      for (let i = p.layerRange[0]; i <= p.layerRange[1]; i++) {
        onGpu[i] = true;
        layerWork(est, s, i, fill, work);
      }
    }
    segments.push(segmentOf(dev, work, est.weights.bitsPerWeight < 15));
  });
  const gpuCount = segments.length;
  const cpu = cpuSegment(est, placement, hw, fill, s, onGpu);
  if (cpu) segments.push(cpu);
  return { segments, gpuCount };
}

/** The speed-model inputs for a placement at `fill` tokens of context. */
export function speedInputsFor(est: Estimate, placement: PlacementResult, hw: PlanningHardware, fill: number): SpeedInputs {
  const { segments, gpuCount } = segmentsFor(est, placement, hw, fill);
  const vllm = est.settings.runtime === 'vllm';
  return {
    segments,
    layers: est.weights.perLayer.length,
    gpuCount,
    prefillBatchTokens: Math.max(1, Math.min(est.settings.ubatch || 512, 512, Math.max(1, fill))),
    // A prompt that fills the context to `fill`: on a layer split its micro-batches pipeline across GPUs.
    promptTokens: Math.max(1, fill),
    split: vllm ? 'tensor' : 'layer',
    runtime: vllm ? 'vllm' : 'llama.cpp',
    // A plan is for the vLLM users install now: async scheduling and full-graph decode (speed-calibration.ts).
    ...(vllm ? { currentRelease: true } : {}),
    hiddenSize: est.model.hiddenSize,
    moeLayers: moeLayerCount(est),
  };
}

/** Layers with routed experts: all but the dense leading ones, every `layerStep`-th. */
function moeLayerCount(est: Estimate): number {
  const moe = est.model.moe;
  if (!moe) return 0;
  const layers = est.weights.perLayer.length;
  let n = 0;
  for (let i = moe.denseLeadingLayers; i < layers; i++) if ((i - moe.denseLeadingLayers) % Math.max(1, moe.layerStep) === 0) n++;
  return n;
}

/** The ± band: 80th percentile of measured |error| for the kind of device in use (or several GPUs). */
function bandFor(segments: SpeedSegment[], cal: SpeedCalibration): { decode: number; prefill: number } {
  const gpus = segments.filter((s) => s.backend !== 'cpu');
  if (gpus.length > 1) return cal.bands['multi-gpu'];
  const g = gpus[0];
  if (!g) return cal.bands['cpu'] ?? cal.bands.default;
  return cal.bands[efficiencyKey(g.family, g.tier)] ?? (g.family ? cal.bands[g.family] : undefined) ?? cal.bands.default;
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
  const nowIn = speedInputsFor(est, placement, hw, fill);
  const now = predictSpeed(nowIn, cal);
  const full = predictSpeed(speedInputsFor(est, placement, hw, Math.max(fill, est.kvCache.contextAllocated || ctx)), cal);
  const bytesPerToken = nowIn.segments.reduce((a, s) => a + s.streamedBytes, 0);
  // CPU-resident layers add RAM-bandwidth uncertainty that the GPU measurements cannot show.
  const widen = placement.offloadedBytes > 0 ? 1.5 : 1;
  const band = bandFor(nowIn.segments, cal);
  // Name what is missing instead of a bare "unknown": the devices in use that lack the figure.
  const inUse = placement.devices
    .flatMap((p, i) => (p.layers > 0 || p.holdsOutput || est.settings.runtime === 'vllm' ? [hw.devices[i]] : []))
    .filter((d): d is PlanningDevice => d != null);
  const noBw = inUse.filter((d) => d.bandwidthGBps == null || !(d.bandwidthGBps > 0)).map((d) => d.name);
  const noTf = inUse.filter((d) => effectiveTflops(d) == null).map((d) => d.name);
  const decode = now.decodeSeconds ? 1 / now.decodeSeconds : null;
  const prefill = now.prefillSecondsPerToken ? 1 / now.prefillSecondsPerToken : null;
  const first = nowIn.segments.find((s) => s.backend !== 'cpu');
  return {
    decodeMissing: decode == null ? 'no-bandwidth' : null,
    prefillMissing: prefill == null ? 'no-throughput' : null,
    missingBandwidthOn: decode == null ? [...new Set(noBw)] : [],
    missingThroughputOn: prefill == null ? [...new Set(noTf)] : [],
    decodeTokensPerSecond: decode,
    decodeAtFullContextTokensPerSecond: full.decodeSeconds ? 1 / full.decodeSeconds : null,
    prefillTokensPerSecond: prefill,
    contextTokens: fill,
    band: { decode: Math.min(0.9, band.decode * widen), prefill: Math.min(0.9, band.prefill * widen) },
    bytesPerToken,
    basis: {
      key: basisKey(est.settings.runtime),
      eta: first ? segmentEfficiency(first, cal, nowIn.runtime).decode : cal.etaCpu,
      etaCpu: cal.etaCpu,
      t0Ms: cal.t0 * 1000,
      prefillEfficiency: first ? segmentEfficiency(first, cal, nowIn.runtime).prefill : cal.prefillEfficiencyCpu,
      gpuMs: now.gpuSeconds * 1000,
      cpuMs: now.cpuSeconds * 1000,
      fixedMs: now.fixedSeconds * 1000,
      ramBandwidthGBps: hw.ramBandwidthGBps ?? PLANNING_DEFAULTS.ramBandwidthGBps,
      ramBandwidthAssumed: hw.ramBandwidthGBps == null,
    },
  };
}

/** Which sentence explains the figure: llama.cpp is calibrated, vLLM adds its fitted host time, the rest extrapolate. */
function basisKey(runtime: string): string {
  if (runtime === 'llama.cpp') return 'advice.speed.basis.calibrated';
  return runtime === 'vllm' ? 'advice.speed.basis.vllm' : 'advice.speed.basis.extrapolated';
}

/**
 * Batched decode for a placement: aggregate and per-sequence tokens/s when `batch` sequences decode
 * together, each with `fillTokens` of context (capacity planning: llama-server --parallel, vLLM).
 */
export function batchedSpeedFor(
  est: Estimate,
  placement: PlacementResult,
  hw: PlanningHardware,
  batch: number,
  fillTokens: number,
  cal: SpeedCalibration = SPEED_CALIBRATION,
): BatchedDecode | null {
  return batchedDecode(speedInputsFor(est, placement, hw, Math.max(0, fillTokens)), batch, cal);
}
