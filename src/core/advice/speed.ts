// Speed model: the work each device does per token, per phase, divided by what that device achieves.
//
// Decode (one sequence) is memory-bound: a device streams the active weights of its layers and the KV
// read so far, at η_family × its bandwidth. How devices combine depends on the split:
//  - layer split (llama.cpp's default since 2024): devices run one after another, so their times add,
//    plus one hop per boundary (the activation vector over the link and a fixed synchronisation);
//  - tensor parallel (vLLM, llama.cpp --split-mode tensor): every device holds 1/n of every matrix and
//    they run at once, so the slowest device sets the pace, plus two all-reduces per layer priced by the
//    link (latency + ring traffic);
//  - row split (llama.cpp --split-mode row; the only multi-GPU mode of 2023 builds): weights split like
//    tensor parallelism, but results are gathered on the main GPU after every matrix, a measured cost per
//    layer per extra GPU.
// Prefill is compute-bound: (2 × active parameters + attention FLOPs at the context) ÷ (ε_family × FP16
// peak), plus dequantising quantised weights once per micro-batch. CPU-resident layers stream at RAM
// bandwidth; in prefill llama.cpp uploads their weights to the GPU once per micro-batch.
//
// The constants are data (speed-calibration.ts), fitted by tests/accuracy/speed-fit.ts.

import type { GpuFamily, GpuLink } from '../hardware/types';
import { SPEED_CALIBRATION, efficiencyKey, type SpeedCalibration } from './speed-calibration';

export { SPEED_CALIBRATION, efficiencyKey, type SpeedCalibration, type FamilyEfficiency } from './speed-calibration';

export type SpeedBackend = 'cuda' | 'metal' | 'cpu';
export type SplitMode = 'layer' | 'row' | 'tensor';
export type SpeedRuntime = 'llama.cpp' | 'vllm';

/** A contiguous share of the model on one device (or the CPU). */
export interface SpeedSegment {
  backend: SpeedBackend;
  /** Efficiency family of the device; absent: the calibration's default. */
  family?: GpuFamily;
  /** Sub-family where efficiency differs by it (Apple: base / pro / max / ultra). */
  tier?: string;
  /** Bytes this segment streams per generated token (active weights + KV read). */
  streamedBytes: number;
  /** The KV part of streamedBytes (read once per sequence in a batch; weights once per step). */
  kvBytes?: number;
  /** Weight bytes resident here (for the prefill upload of CPU layers). */
  weightBytes: number;
  /** Active matmul parameters here (prefill FLOPs = 2 × this per token). */
  params: number;
  /** Attention FLOPs per prompt token on this segment's layers at the prompt's context. */
  attentionFlops?: number;
  bandwidthGBps: number | null;
  /** Effective FP16 peak (already scaled for FP16 accumulate where the card allows it). */
  tflops: number | null;
  /**
   * Peak the weight GEMMs run at when it is not the FP16 one: vLLM / SGLang run FP8 (W8A8) checkpoints'
   * linear layers as FP8 × FP8 GEMMs and INT8 W8A8 ones as INT8 GEMMs on GPUs with those tensor cores.
   * Attention stays at `tflops`. Absent: `tflops`.
   */
  gemmTflops?: number | null;
  quantized: boolean;
  /** CPU segment on a unified-memory machine (bandwidth is the SoC's figure). */
  unifiedMemory?: boolean;
  /** How this device reaches its peers (all-reduce and pipeline-hop pricing). */
  link?: GpuLink | null;
}

export interface SpeedInputs {
  segments: SpeedSegment[];
  /** Repeating layers of the model (launch / sync costs scale with them). */
  layers: number;
  /** GPUs taking part. */
  gpuCount: number;
  /** Tokens per micro-batch in prefill (min(prompt, ubatch)): dequantisation is amortised over it. */
  prefillBatchTokens: number;
  /** How the GPUs share the model; default 'layer' (and 'tensor' for vLLM). */
  split?: SplitMode;
  runtime?: SpeedRuntime;
  /** Width of the activation a hop or an all-reduce moves per token. Default 4096. */
  hiddenSize?: number;
  /** Layers with routed experts (MoE); they cost more launches per token. */
  moeLayers?: number;
  /**
   * Prompt tokens handed to the runtime at once (llama.cpp: up to n_batch = 2048). With a layer split the
   * micro-batches of one batch flow through the GPUs as a pipeline; absent: one micro-batch, no overlap.
   */
  promptTokens?: number;
  /**
   * vLLM / SGLang as released now: the scheduler prepares the next step while the GPU runs this one
   * (vLLM's async scheduling, SGLang's overlap scheduler) and a decode step replays as one CUDA graph
   * with its attention inside (vLLM's FULL_AND_PIECEWISE graphs), so only `vllm.overlappedStepSeconds`
   * of host time and `vllm.currentLayerShare` of the per-layer launch costs show.
   */
  currentRelease?: boolean;
}

export interface SpeedPrediction {
  decodeSeconds: number | null;
  prefillSecondsPerToken: number | null;
  gpuSeconds: number;
  cpuSeconds: number;
  /** Per-token costs that do not scale with bytes: t0, per-layer launches, hops and all-reduces. */
  fixedSeconds: number;
  /** The multi-GPU part of fixedSeconds (hops, all-reduces, row-split syncs). */
  commSeconds: number;
}

/** Decode (η) and prefill (ε) efficiency of a segment's device for a runtime. */
export function segmentEfficiency(
  s: SpeedSegment,
  cal: SpeedCalibration,
  runtime: SpeedRuntime = 'llama.cpp',
): { decode: number; prefill: number } {
  if (s.backend === 'cpu') return { decode: s.unifiedMemory ? cal.etaCpuUnified : cal.etaCpu, prefill: cal.prefillEfficiencyCpu };
  const borrowed = s.family ? cal.borrow[s.family] : undefined;
  const fam = s.family
    ? (cal.efficiency[s.tier ? `${s.family}:${s.tier}` : s.family] ??
      cal.efficiency[s.family] ??
      (borrowed ? cal.efficiency[borrowed] : undefined))
    : undefined;
  const base = fam ?? { decode: cal.eta, prefill: s.backend === 'metal' ? cal.prefillEfficiencyMetal : cal.prefillEfficiency };
  if (runtime !== 'vllm') return base;
  const r = cal.runtime.vllm;
  const own = s.family ? (cal.vllmEfficiency[efficiencyKey(s.family, s.tier)] ?? cal.vllmEfficiency[s.family]) : undefined;
  return { decode: own?.decode ?? base.decode * r.decode, prefill: own?.prefill ?? base.prefill * r.prefill };
}

const hasFigure = (x: number | null): x is number => x != null && x > 0;

/** Seconds one all-reduce of `bytes` takes among n devices joined by `link` (ring: 2(n−1)/n of the data). */
export function allReduceSeconds(
  n: number,
  bytes: number,
  link: GpuLink | null | undefined,
  cal: SpeedCalibration = SPEED_CALIBRATION,
): number {
  if (n <= 1) return 0;
  const kind = link?.kind ?? 'pcie';
  const gbps = link && link.gbps > 0 ? link.gbps : cal.defaultLinkGBps;
  return cal.allReduceLatency[kind] + ((2 * (n - 1)) / n) * (bytes / (gbps * 1e9));
}

/** Seconds a pipeline hop takes for `tokens` activations of `hidden` floats (F32 in llama.cpp). */
function hopSeconds(tokens: number, hidden: number, link: GpuLink | null | undefined, cal: SpeedCalibration): number {
  const gbps = link && link.gbps > 0 ? link.gbps : cal.defaultLinkGBps;
  return cal.hopLatency + (tokens * hidden * 4) / (gbps * 1e9);
}

function splitOf(inp: SpeedInputs): SplitMode {
  return inp.split ?? (inp.runtime === 'vllm' ? 'tensor' : 'layer');
}

/** Link of the slowest GPU (the ring runs at its pace). */
function slowestLink(gpus: SpeedSegment[]): GpuLink | null {
  let best: GpuLink | null = null;
  for (const s of gpus) if (s.link && (!best || s.link.gbps < best.gbps)) best = s.link;
  return best;
}

/** Communication per step of `tokens` tokens: hops (layer split), all-reduces (tensor), syncs (row). */
export function commSeconds(inp: SpeedInputs, tokens: number, cal: SpeedCalibration): number {
  const gpus = inp.segments.filter((s) => s.backend !== 'cpu' && s.streamedBytes > 0);
  const n = Math.max(gpus.length, inp.gpuCount > 1 && splitOf(inp) !== 'layer' ? inp.gpuCount : 0);
  const hidden = inp.hiddenSize ?? 4096;
  const split = splitOf(inp);
  if (split === 'tensor') return n > 1 ? inp.layers * 2 * allReduceSeconds(n, tokens * hidden * 2, slowestLink(gpus), cal) : 0;
  if (split === 'row') return n > 1 ? inp.layers * (n - 1) * cal.rowSyncPerLayer : 0;
  // Layer split: one hop per boundary between consecutive non-empty segments (GPU→GPU and GPU↔CPU).
  const used = inp.segments.filter((s) => s.streamedBytes > 0);
  let t = 0;
  for (let i = 1; i < used.length; i++) t += hopSeconds(tokens, hidden, used[i - 1]!.link ?? used[i]!.link, cal);
  return t;
}

interface StreamTimes {
  gpu: number;
  cpu: number;
  known: boolean;
}

/** Share of the decode bandwidth a step of 2 or more tokens reaches: the runtime's GEMMs, not its mat-vec. */
export function batchedStreamShare(runtime: SpeedRuntime | undefined, cal: SpeedCalibration): number {
  return runtime === 'vllm' ? cal.vllm.batchedStreamEfficiency : cal.batchedStreamEfficiency;
}

/** Streaming time per decode step; `batch` sequences read their own KV, the weights once. */
export function streamSeconds(inp: SpeedInputs, cal: SpeedCalibration, batch = 1): StreamTimes {
  const parallel = splitOf(inp) !== 'layer';
  let gpu = 0;
  let cpu = 0;
  let known = true;
  for (const s of inp.segments) {
    if (s.streamedBytes <= 0) continue;
    if (!hasFigure(s.bandwidthGBps)) {
      known = false;
      continue;
    }
    const kv = Math.min(s.kvBytes ?? 0, s.streamedBytes);
    const bytes = s.streamedBytes - kv + kv * batch;
    const kernels = batch > 1 ? batchedStreamShare(inp.runtime, cal) : 1;
    const t = bytes / (segmentEfficiency(s, cal, inp.runtime).decode * kernels * s.bandwidthGBps * 1e9);
    if (s.backend === 'cpu') cpu += t;
    // Tensor / row split: the devices stream their shares at the same time; the slowest sets the pace.
    else gpu = parallel ? Math.max(gpu, t) : gpu + t;
  }
  return { gpu, cpu, known };
}

/**
 * Seconds per prompt token on one segment. A micro-batch of `batch` tokens reads the weights once and
 * multiplies every token through them, so the step takes the longer of the two (a roofline): small
 * micro-batches are memory-bound like decode, large ones compute-bound.
 */
/**
 * How much more of its FP16 peak a GPU reaches on a model of this width than on an 8B-class one
 * (hidden 4096, where ε is read): a GEMM's share of peak grows with its size (fewer partial tiles and
 * waves, more reuse per byte). (hidden / 4096)^exponent, never past the peak; the exponent is fitted.
 */
export function gemmSizeFactor(hidden: number | undefined, cal: SpeedCalibration): number {
  if (!(hidden && hidden > 0)) return 1;
  return Math.pow(hidden / 4096, cal.prefillSizeExponent);
}

/**
 * Seconds of GPU compute for `tokens` tokens on a segment: the weight GEMMs at ε × size factor of the
 * peak, attention (FlashAttention kernels) at its own share κ × ε, which the fit finds lower: its
 * softmax and online rescaling do not run on the tensor cores.
 */
export function gpuComputeSeconds(
  s: SpeedSegment,
  tokens: number,
  prefillEff: number,
  hidden: number | undefined,
  cal: SpeedCalibration,
): number {
  const peak = (s.tflops ?? 0) * 1e12;
  const gemmPeak = s.gemmTflops != null && s.gemmTflops > 0 ? s.gemmTflops * 1e12 : peak;
  const gemm = (2 * s.params * tokens) / (Math.min(1, prefillEff * gemmSizeFactor(hidden, cal)) * gemmPeak);
  const attention = ((s.attentionFlops ?? 0) * tokens) / (Math.min(1, prefillEff * cal.attentionEfficiency) * peak);
  return gemm + attention;
}

function prefillSegmentSeconds(
  s: SpeedSegment,
  hasGpu: boolean,
  batch: number,
  cal: SpeedCalibration,
  runtime?: SpeedRuntime,
  hidden?: number,
): number | null {
  const flops = 2 * s.params + (s.attentionFlops ?? 0);
  if (s.backend === 'cpu') {
    // llama.cpp runs large batches of CPU-resident layers on the GPU, uploading their weights.
    if (hasGpu) return s.weightBytes / (cal.pcieGBps * 1e9 * batch);
    if (!hasFigure(s.tflops)) return null;
    return flops / (cal.prefillEfficiencyCpu * s.tflops * 1e12);
  }
  if (!hasFigure(s.tflops)) return null;
  const eff = segmentEfficiency(s, cal, runtime);
  const compute = gpuComputeSeconds(s, 1, eff.prefill, hidden, cal);
  if (!hasFigure(s.bandwidthGBps)) return compute;
  const kernels = batch > 1 ? batchedStreamShare(runtime, cal) : 1;
  const memory = s.streamedBytes / (eff.decode * kernels * s.bandwidthGBps * 1e9 * batch);
  const dequant = s.quantized ? (cal.dequantPasses * 2 * s.params) / (s.bandwidthGBps * 1e9 * batch) : 0;
  return Math.max(compute, memory) + dequant;
}

/**
 * Seconds per prompt token of a layer split's GPUs when `tokens` prompt tokens arrive in micro-batches
 * of `batch`: llama.cpp's pipeline parallelism (PR #6017) sends micro-batch k+1 into the first GPU while
 * micro-batch k runs on the next, so m micro-batches take Σ stages + (m − 1) × the slowest stage instead
 * of m × Σ stages. At most `pipelineCopies` micro-batches are in flight (GGML_SCHED_MAX_COPIES), so with
 * more GPUs than copies a cycle takes at least Σ stages ÷ copies. Only a share ω of that ideal overlap
 * is reached (calibration `pipelineOverlap`).
 */
export function pipelinedSeconds(stages: number[], batch: number, tokens: number, cal: SpeedCalibration): number {
  const sum = stages.reduce((a, b) => a + b, 0);
  const m = Math.max(1, Math.ceil(Math.min(Math.max(tokens, batch), cal.pipelineBatchTokens) / batch));
  if (stages.length <= 1 || m <= 1) return sum;
  const ideal = Math.max(Math.max(...stages), sum / Math.max(1, cal.pipelineCopies));
  // Measured pipelines overlap less than the ideal (synchronisation, copies through the host, stages of
  // unequal speed): a share ω of the ideal saving per extra micro-batch, fitted.
  const cycle = sum - cal.pipelineOverlap * (sum - ideal);
  return (sum + (m - 1) * cycle) / m;
}

function prefillSeconds(inp: SpeedInputs, cal: SpeedCalibration): number | null {
  const batch = Math.max(1, inp.prefillBatchTokens);
  const hasGpu = inp.segments.some((s) => s.backend !== 'cpu' && s.params > 0);
  const parallel = splitOf(inp) !== 'layer';
  const stages: number[] = [];
  let cpu = 0;
  let totalParams = 0;
  for (const s of inp.segments) {
    if (s.params <= 0) continue;
    totalParams += s.params;
    const t = prefillSegmentSeconds(s, hasGpu, batch, cal, inp.runtime, inp.hiddenSize);
    if (t == null) return null;
    if (s.backend === 'cpu') cpu += t;
    else stages.push(t);
  }
  const gpu = parallel ? Math.max(0, ...stages) : pipelinedSeconds(stages, batch, inp.promptTokens ?? batch, cal);
  if (gpu + cpu === 0) return null;
  let comm = commSeconds(inp, batch, cal) / batch;
  // 2023 row split gathered every matrix on the main GPU: a cost that grows with the weights and GPUs.
  if (splitOf(inp) === 'row') comm += cal.rowPrefillPerParam * totalParams * Math.max(0, inp.gpuCount - 1);
  return gpu + cpu + comm + stepOverheadSeconds(inp, cal) / batch;
}

/**
 * Per-step time that does not scale with bytes or FLOPs: sampling, graph launch, kernel launches; for
 * vLLM also the host side of a step (scheduler, input preparation, sampler and output processing in
 * Python) and, with tensor parallelism, handing each step to the worker processes. Paid once per step,
 * so it dominates single-sequence decode and is amortised over a batch.
 */
export function stepOverheadSeconds(inp: SpeedInputs, cal: SpeedCalibration): number {
  const layers = inp.layers * cal.perLayer + (inp.moeLayers ?? 0) * cal.moeLayer;
  if (inp.runtime !== 'vllm') return cal.t0 + layers;
  const current = inp.currentRelease === true;
  const gpu = cal.t0 + layers * (current ? cal.vllm.currentLayerShare : 1);
  const host = current ? cal.vllm.overlappedStepSeconds : cal.vllm.stepSeconds;
  return gpu + host + (inp.gpuCount > 1 ? cal.vllm.tensorParallelStepSeconds : 0);
}

export function predictSpeed(inp: SpeedInputs, cal: SpeedCalibration = SPEED_CALIBRATION): SpeedPrediction {
  const stream = streamSeconds(inp, cal);
  const comm = commSeconds(inp, 1, cal);
  const fixedSeconds = stepOverheadSeconds(inp, cal) + comm;
  const decodeSeconds = stream.known ? stream.gpu + stream.cpu + fixedSeconds : null;
  return {
    decodeSeconds,
    prefillSecondsPerToken: prefillSeconds(inp, cal),
    gpuSeconds: stream.gpu,
    cpuSeconds: stream.cpu,
    fixedSeconds,
    commSeconds: comm,
  };
}

/**
 * GeForce cards run FP16 tensor math with FP16 accumulate (what cuBLAS uses for llama.cpp's F16 GEMMs)
 * at twice the FP32-accumulate rate the catalog lists; workstation and datacenter parts do not halve it.
 */
export function fp16AccumulateFactor(name: string): number {
  return /geforce|\brtx\s*[2-5]0[5-9]0/i.test(name) && !/ada|\bA\d{4}\b|pro/i.test(name) ? 2 : 1;
}
