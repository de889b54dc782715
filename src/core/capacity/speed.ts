// One replica's speed, from the speed model (advice/speed*.ts): the time of a decode step that carries B
// sequences, and the prefill time of one request. Pipeline parallelism splits the layers into pp stages:
// each sequence's token still crosses every stage, so a token takes pp stage times plus pp − 1 hops, while
// pp micro-batches of B/pp sequences keep all stages busy (vLLM's virtual engines, SGLang's pp scheduler).

import { evaluate } from '../advice/evaluate';
import {
  SPEED_CALIBRATION,
  allReduceSeconds,
  batchedStreamShare,
  commSeconds,
  efficiencyKey,
  gpuComputeSeconds,
  predictSpeed,
  segmentEfficiency,
  stepOverheadSeconds,
  type SpeedCalibration,
  type SpeedInputs,
} from '../advice/speed';
import { batchedDecode } from '../advice/speed-batch';
import { speedInputsFor } from '../advice/speed-plan';
import type { Estimate } from '../estimate/types';
import type { GpuCatalogEntry, GpuLink } from '../hardware/types';
import type { ReplicaMemory } from './memory';
import type { ServeRuntime } from './types';

/**
 * The network between nodes when the plan does not say: one 400 Gb/s InfiniBand / RoCE NIC per GPU
 * (50 GB/s per direction), the common fabric of H100/H200 clusters. Priced as a PCIe-class link (its
 * latency class) for all-reduces and hops.
 */
export const INTERNODE_LINK: GpuLink = { kind: 'pcie', gbps: 50 };

export interface ReplicaSpeed {
  /** Seconds of one decode step carrying `batch` sequences at the mean (or p95) context. */
  stepSeconds(batch: number, p95?: boolean): number | null;
  /** Seconds of prefill for `tokens` uncached prompt tokens (latency of one request). */
  prefillSeconds(tokens: number): number | null;
  /**
   * GPU time `tokens` prompt tokens take when they ride in a forward pass of `passTokens` tokens with other
   * requests' (chunked prefill): the GEMMs and attention at the prefill efficiency that width reaches, with
   * the weight reads and per-step costs shared by the whole pass. `passTokens` defaults to `tokens`.
   */
  batchedPrefillSeconds(tokens: number, passTokens?: number): number | null;
  /**
   * Time a request of `tokens` uncached prompt tokens waits for its first token besides the prefill's GPU work:
   * the runtime's cost where its prefill runs without CUDA graphs (eagerPrefill); 0 where it replays them.
   */
  firstTokenSeconds(tokens: number): number;
  /** What the figures' ranges are (factors of TTFT, TPOT and throughput) and what they were read from. */
  band: ReplicaBand;
}

/**
 * A figure lies within value ÷ factor … value × factor. `serving`: the wider of the 80th percentiles of measured
 * error on held-out vLLM / SGLang runs for this kind of device priced today (`rows` of them) and on blind runs as
 * first priced (`firstPriced`; calibration servingBands); `speed`: llama-server, no serving run measured, so the
 * speed model's llama.cpp band (1 + its relative ±).
 */
export interface ReplicaBand {
  ttft: number;
  tpot: number;
  output: number;
  source: 'serving' | 'speed';
  rows: number;
  /** Blind runs the serving band also covers as first priced (0 for `speed`). */
  firstPriced: number;
  /** The efficiency key the serving band is read for ('default' when the kind has too few rows). */
  key: string;
}

export interface SpeedSetup {
  runtime: ServeRuntime;
  memory: ReplicaMemory;
  gpu: GpuCatalogEntry;
  tp: number;
  pp: number;
  gpusPerNode: number;
  /** Contexts decode runs at: the mean and the p95 request (prompt + half the output). */
  meanFill: number;
  p95Fill: number;
  /** Prompt tokens one forward pass takes (the scheduler's budget): a longer prompt runs in several. */
  chunkTokens?: number;
  /** Prompt tokens up to which a prefill pass replays CUDA graphs (capacity/prefill-graphs.ts); 0 = none does. */
  prefillGraphTokens?: number;
  cal?: SpeedCalibration;
}

function scaled(inp: SpeedInputs, pp: number, link: GpuLink | null): SpeedInputs {
  if (pp <= 1 && !link) return inp;
  return {
    ...inp,
    layers: Math.max(1, Math.round(inp.layers / pp)),
    moeLayers: inp.moeLayers ? Math.round(inp.moeLayers / pp) : 0,
    segments: inp.segments.map((s) => ({
      ...s,
      streamedBytes: s.streamedBytes / pp,
      weightBytes: s.weightBytes / pp,
      params: s.params / pp,
      ...(s.kvBytes !== undefined ? { kvBytes: s.kvBytes / pp } : {}),
      ...(s.attentionFlops !== undefined ? { attentionFlops: s.attentionFlops / pp } : {}),
      ...(link ? { link } : {}),
    })),
  };
}

/** vLLM and SGLang both run tensor-parallel CUDA kernels; the speed model's vLLM rules stand for both. */
function pooledView(est: Estimate): Estimate {
  return est.settings.runtime === 'vllm' ? est : { ...est, settings: { ...est.settings, runtime: 'vllm' } };
}

function inputsAt(setup: SpeedSetup, fill: number): SpeedInputs | null {
  const m = setup.memory;
  const spansNodes = setup.tp > setup.gpusPerNode;
  if (setup.runtime === 'llama.cpp') {
    return m.placement ? speedInputsFor(m.estimate, m.placement, m.hw, fill) : null;
  }
  const view = pooledView(m.estimate);
  const placement = evaluate(view, m.hw).placement;
  // speedInputsFor prices vLLM as released now (currentRelease); SGLang's overlap scheduler matches it.
  return scaled(speedInputsFor(view, placement, m.hw, fill), setup.pp, spansNodes ? INTERNODE_LINK : null);
}

/**
 * Mixture-of-experts in a batch: each of B tokens picks k of E experts, so a step reads the experts any
 * of them picked, E·(1 − (1 − k/E)^B) of them on average, not k. The speed model streams the k active
 * ones; the extra experts scale its weight bytes by 1 + (touched − k)·expert bytes ÷ active weight bytes.
 */
export function moeWeightFactor(est: Estimate, batch: number): number {
  const moe = est.model.moe;
  const w = est.weights;
  if (!moe || moe.experts <= moe.expertsActive || batch <= 1 || w.activeParameterCount <= 0) return 1;
  const perExpertParams = (w.parameterCount - w.activeParameterCount) / (moe.experts - moe.expertsActive);
  const bytesPerParam = w.bytes / Math.max(1, w.parameterCount);
  const touched = moe.experts * (1 - Math.pow(1 - moe.expertsActive / moe.experts, batch));
  const extra = Math.max(0, touched - moe.expertsActive) * perExpertParams * bytesPerParam;
  return 1 + extra / (w.activeParameterCount * bytesPerParam);
}

function withMoeBatch(inp: SpeedInputs, factor: number): SpeedInputs {
  if (factor === 1) return inp;
  return {
    ...inp,
    segments: inp.segments.map((s) => {
      const kv = s.kvBytes ?? 0;
      return { ...s, streamedBytes: kv + (s.streamedBytes - kv) * factor };
    }),
  };
}

/**
 * The pass width ε is read at: the single-request prefills it is fitted on (500-token prompts) and
 * llama.cpp's 512-token micro-batch, whose ε the runtimes without their own figure take.
 */
export const PASS_REFERENCE_TOKENS = 512;

/**
 * Efficiency of a GEMM with `tokens` rows (M) in one forward pass, relative to a 512-token pass (where ε is
 * read): it follows M / (M + M½).
 * A pass of M tokens costs a part that does not grow with M (the weight tiles loaded into shared memory,
 * partial waves of thread blocks over the SMs, the kernel launches and the non-GEMM layers) and a part per
 * token, so its rate grows with M and saturates: NVIDIA's Matrix Multiplication Background User's Guide
 * (docs.nvidia.com/deeplearning/performance/dl-performance-matrix-multiplication, "Math and memory bounds",
 * "Wave quantization") shows GEMM throughput rising with the token dimension towards the peak. vLLM and
 * SGLang run a whole prompt (up to the step's token budget) in one pass, and a loaded step carries many
 * prompts at once: a 500-token prefill and an 8192-token chunk are not the same efficiency. M½ is fitted
 * (capacity-fit.ts); without it every width takes ε. gpuComputeSeconds keeps ε × share below the peak.
 */
export function passShare(tokens: number, cal: SpeedCalibration): number {
  const half = cal.vllm.prefillHalfTokens ?? 0;
  const m = Math.max(1, tokens);
  return half > 0 ? (m / (m + half)) * ((PASS_REFERENCE_TOKENS + half) / PASS_REFERENCE_TOKENS) : 1;
}

/** GPU compute seconds per prompt token of one stage in a pass of `passTokens` (tensor ranks at once). */
function computePerTokenAt(inp: SpeedInputs | null, pooled: boolean, cal: SpeedCalibration) {
  const gpus = inp ? inp.segments.filter((s) => s.backend !== 'cpu' && s.params > 0) : [];
  if (!inp || gpus.length === 0 || gpus.some((s) => !(s.tflops != null && s.tflops > 0))) return null;
  return (passTokens: number): number => {
    const share = pooled ? passShare(passTokens, cal) : 1;
    const times = gpus.map((s) => gpuComputeSeconds(s, 1, segmentEfficiency(s, cal, inp.runtime).prefill * share, inp.hiddenSize, cal));
    return pooled ? Math.max(...times) : times.reduce((a, b) => a + b, 0);
  };
}

/**
 * One request's prefill on vLLM / SGLang: the prompt in forward passes of up to `chunk` tokens, each the
 * roofline of its GEMMs at the width's efficiency and one read of the weights, plus the step's fixed costs
 * and its all-reduces (llama.cpp's path instead splits the prompt into 512-token micro-batches). A pass of
 * m tokens on a mixture of experts reads every expert its tokens route to (moeWeightFactor at m), which
 * for a few hundred tokens is nearly all of them.
 */
function pooledPrefill(
  inp: SpeedInputs,
  perToken: (m: number) => number,
  chunk: number,
  cal: SpeedCalibration,
  moe: (m: number) => number,
) {
  const gpus = inp.segments.filter((s) => s.backend !== 'cpu' && s.params > 0);
  const pass = (m: number): number => {
    const factor = moe(m);
    const reads = gpus.map((s) => {
      const eff = segmentEfficiency(s, cal, inp.runtime).decode * batchedStreamShare(inp.runtime, cal);
      const bw = (s.bandwidthGBps ?? 0) * 1e9;
      const dequant = s.quantized && bw > 0 ? (cal.dequantPasses * 2 * s.params * factor) / bw : 0;
      const kv = s.kvBytes ?? 0;
      return (bw > 0 ? (kv + (s.streamedBytes - kv) * factor) / (eff * bw) : 0) + dequant;
    });
    return Math.max(m * perToken(m), Math.max(...reads)) + stepOverheadSeconds(inp, cal) + commSeconds(inp, m, cal);
  };
  return (tokens: number): number => {
    const n = Math.max(0, tokens);
    if (n === 0) return 0;
    const whole = Math.floor(n / chunk);
    const rest = n - whole * chunk;
    return whole * pass(chunk) + (rest > 0 ? pass(rest) : 0);
  };
}

export function replicaSpeed(setup: SpeedSetup): ReplicaSpeed {
  const base = setup.cal ?? SPEED_CALIBRATION;
  const cal = setup.runtime === 'sglang' && base.sglang ? { ...base, vllm: { ...base.vllm, ...base.sglang } } : base;
  const mean = inputsAt(setup, setup.meanFill);
  const p95 = setup.p95Fill === setup.meanFill ? mean : inputsAt(setup, setup.p95Fill);
  const pooled = setup.runtime !== 'llama.cpp';
  const pp = pooled ? setup.pp : 1;
  // A pipeline boundary moves one bf16 activation per token; between nodes it crosses the network.
  const hop = (tokens: number) => {
    if (pp <= 1) return 0;
    const link = setup.tp * pp > setup.gpusPerNode ? INTERNODE_LINK : setup.gpu.link;
    return (pp - 1) * (allReduceSeconds(2, tokens * (mean?.hiddenSize ?? 4096) * 2, link, cal) / 2);
  };
  const stepCache = new Map<string, number | null>();
  const stepSeconds = (batch: number, usingP95 = false): number | null => {
    const inp = usingP95 ? p95 : mean;
    if (!inp) return null;
    const b = Math.max(1, Math.round(batch));
    const key = `${b}|${usingP95 ? 1 : 0}`;
    const hit = stepCache.get(key);
    if (hit !== undefined) return hit;
    const micro = Math.max(1, Math.ceil(b / pp));
    const r = batchedDecode(withMoeBatch(inp, moeWeightFactor(setup.memory.estimate, micro)), micro, cal);
    const t = r ? pp / r.perSequenceTokensPerSecond + hop(micro) : null;
    stepCache.set(key, t);
    return t;
  };
  const computeAt = computePerTokenAt(mean, pooled, cal);
  const moeReads = (m: number) => moeWeightFactor(setup.memory.estimate, m);
  const pooledPass =
    pooled && mean && computeAt ? pooledPrefill(mean, computeAt, Math.max(1, setup.chunkTokens ?? 8192), cal, moeReads) : null;
  const prefillPerToken = (() => {
    if (!mean) return null;
    const p = predictSpeed(mean, cal).prefillSecondsPerToken;
    return p == null ? null : p * pp;
  })();
  const prefillSeconds = (tokens: number): number | null => {
    const hops = hop(Math.min(tokens, 8192));
    if (pooledPass) return pooledPass(tokens) * pp + hops;
    return prefillPerToken == null ? null : Math.max(0, tokens) * prefillPerToken + hops;
  };
  const batchedPrefillSeconds = (tokens: number, passTokens = tokens): number | null =>
    computeAt == null ? null : Math.max(0, tokens) * computeAt(passTokens) * pp;
  const first = mean?.segments.find((s) => s.backend !== 'cpu');
  const key = efficiencyKey(first?.family, first?.tier);
  const eagerCost = pooled
    ? (cal.servingFirstTokenSeconds[key] ??
      (first?.family ? cal.servingFirstTokenSeconds[first.family] : undefined) ??
      cal.servingFirstTokenSeconds.default)
    : 0;
  const chunk = Math.max(1, setup.chunkTokens ?? 8192);
  const graphTokens = setup.prefillGraphTokens ?? 0;
  const firstTokenSeconds = (tokens: number): number => (eagerPrefill(tokens, chunk, graphTokens) ? eagerCost : 0);
  return { stepSeconds, prefillSeconds, batchedPrefillSeconds, firstTokenSeconds, band: replicaBand(setup, cal, key, pooled, pp) };
}

/**
 * Whether a `tokens`-token prompt, run in passes of up to `chunk` tokens, has a pass wider than the CUDA-graph
 * size: that pass runs its kernels one by one, launched from Python. SGLang before its piecewise graphs
 * measures the cost: a 1024-token prompt on Grok-2 at TP 8 has a 104.61 ms TTFT (sgl-project/sglang PR 13622)
 * where its weight reads take a few ms. It is paid once a request: a prompt long enough for several passes has
 * GPU work in each that hides the launches of the next.
 */
export function eagerPrefill(tokens: number, chunk: number, graphTokens: number): boolean {
  return Math.min(Math.max(0, tokens), chunk) > graphTokens;
}

function replicaBand(setup: SpeedSetup, cal: SpeedCalibration, key: string, pooled: boolean, pp: number): ReplicaBand {
  if (pooled) {
    const own = cal.servingBands[key];
    const b = own ?? cal.servingBands.default;
    return {
      ttft: b.ttft,
      tpot: b.tpot,
      output: b.output,
      rows: b.rows,
      firstPriced: b.firstPriced,
      source: 'serving',
      key: own ? key : 'default',
    };
  }
  const speed = setup.tp * pp > 1 ? cal.bands['multi-gpu'] : (cal.bands[key] ?? cal.bands.default);
  return { ttft: 1 + speed.prefill, tpot: 1 + speed.decode, output: 1 + speed.decode, rows: 0, firstPriced: 0, source: 'speed', key };
}

/** The sentence that says what a plan's ranges are (CLI, Serve view, plan document). */
export function bandText(b: ReplicaBand): {
  key: 'capacity.band.serving' | 'capacity.band.servingAll' | 'capacity.band.speed';
  params: Record<string, string | number>;
} {
  const params = {
    rows: b.rows,
    firstPriced: b.firstPriced,
    ttft: b.ttft.toFixed(2),
    tpot: b.tpot.toFixed(2),
    output: b.output.toFixed(2),
  };
  if (b.source === 'speed') return { key: 'capacity.band.speed', params };
  return { key: b.key === 'default' ? 'capacity.band.servingAll' : 'capacity.band.serving', params };
}
