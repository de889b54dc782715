// One replica's speed, from the speed model (advice/speed*.ts): the time of a decode step that carries B
// sequences, and the prefill time of one request. Pipeline parallelism splits the layers into pp stages:
// each sequence's token still crosses every stage, so a token takes pp stage times plus pp − 1 hops, while
// pp micro-batches of B/pp sequences keep all stages busy (vLLM's virtual engines, SGLang's pp scheduler).

import { evaluate } from '../advice/evaluate';
import {
  SPEED_CALIBRATION,
  allReduceSeconds,
  efficiencyKey,
  gpuComputeSeconds,
  predictSpeed,
  segmentEfficiency,
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
   * GPU time `tokens` prompt tokens take when they ride in a large batched prefill with other requests'
   * (chunked prefill): the GEMMs and attention at the prefill efficiency, with the weight reads and
   * per-step costs shared by the whole chunk.
   */
  batchedPrefillSeconds(tokens: number): number | null;
  /** Time every request's first token waits besides the prefill work (server, admission, eager prefill). */
  firstTokenSeconds: number;
  /** Relative ± band of decode and prefill from the speed model's measured errors. */
  band: { decode: number; prefill: number };
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

export function replicaSpeed(setup: SpeedSetup): ReplicaSpeed {
  const cal = setup.cal ?? SPEED_CALIBRATION;
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
  const prefillPerToken = (() => {
    if (!mean) return null;
    const p = predictSpeed(mean, cal).prefillSecondsPerToken;
    return p == null ? null : p * pp;
  })();
  const prefillSeconds = (tokens: number): number | null =>
    prefillPerToken == null ? null : Math.max(0, tokens) * prefillPerToken + hop(Math.min(tokens, 8192));
  // Tensor parallel ranks work at once (the slowest sets the pace); a layer split's stages add up.
  const computePerToken = (() => {
    if (!mean) return null;
    const gpus = mean.segments.filter((s) => s.backend !== 'cpu' && s.params > 0);
    if (gpus.length === 0 || gpus.some((s) => !(s.tflops != null && s.tflops > 0))) return null;
    const times = gpus.map((s) => gpuComputeSeconds(s, 1, segmentEfficiency(s, cal, mean.runtime).prefill, mean.hiddenSize, cal));
    return (pooled ? Math.max(...times) : times.reduce((a, b) => a + b, 0)) * pp;
  })();
  const batchedPrefillSeconds = (tokens: number): number | null => (computePerToken == null ? null : Math.max(0, tokens) * computePerToken);
  const first = mean?.segments.find((s) => s.backend !== 'cpu');
  const key = efficiencyKey(first?.family, first?.tier);
  const firstTokenSeconds = pooled
    ? (cal.servingFirstTokenSeconds[key] ??
      (first?.family ? cal.servingFirstTokenSeconds[first.family] : undefined) ??
      cal.servingFirstTokenSeconds.default)
    : 0;
  const band = setup.tp * pp > 1 ? cal.bands['multi-gpu'] : (cal.bands[key] ?? cal.bands.default);
  return { stepSeconds, prefillSeconds, batchedPrefillSeconds, firstTokenSeconds, band: { decode: band.decode, prefill: band.prefill } };
}
