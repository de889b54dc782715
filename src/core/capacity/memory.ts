// One replica's memory: the estimate for the runtime at max_model_len, and the KV pool the runtime's own
// rule leaves on each of its tp × pp GPUs.
//  vLLM:     pool = total × gpu_memory_utilization − non-torch − weights/(tp·pp) − profiled activation peak,
//            in 16-token blocks; it logs "# GPU blocks" and "Maximum concurrency for N tokens per request"
//            = blocks ÷ ⌈max_model_len / 16⌉ (vllm/v1/core/kv_cache_utils.py).
//  SGLang:   pool = free after weights − total × (1 − mem_fraction_static) (model_runner.profile_max_num_token),
//            one token per page; activations and CUDA graphs live in the share it keeps back.
//  llama.cpp: -np slots × per-slot context, allocated up front; the estimate and the advisor decide the fit.
// Tensor parallelism splits weights and KV heads (a head is never split: with more ranks than KV heads each
// rank keeps a whole head, MLA's latent is whole on every rank); pipeline parallelism splits layers.

import type { Estimator } from '../advice/advise';
import { evaluate } from '../advice/evaluate';
import { planningHardwareFromCatalog } from '../advice/hardware';
import type { PlanningHardware } from '../advice/types';
import { maxKvHeads, type PlacementResult } from '../advice/placement';
import { defaultSettings, estimate } from '../estimate/index';
import {
  SGLANG_MAMBA_FULL_MEMORY_RATIO,
  SGLANG_MAMBA_SLOTS_PER_REQUEST,
  sglangGraphDefaults,
  sglangMemFractionStatic,
  sglangStateBytesPerRequest,
} from '../estimate/runtimes/sglang';
import { rankWeightBytes } from '../estimate/runtimes/rank-weights';
import { vllmProfilePeakBytes } from '../estimate/runtimes/vllm-profile';
import type { Estimate, EstimateSettings, ModelInput } from '../estimate/types';
import type { GpuCatalogEntry } from '../hardware/types';
import { sglangFreeAfterInitBytes, vllmNonTorchBytes } from './runtime-memory';
import { vllmHybridBlockTokens, vllmHybridLayout, vllmStateBytesPerLayer } from '../estimate/runtimes/vllm-groups';
import type { Deployment, DeviceMemory, PoolFacts, ServeRuntime } from './types';

const GiB = 1024 ** 3;

/**
 * Memory the CUDA runtime reports as the device's total (torch.cuda.mem_get_info), the figure vLLM's
 * gpu_memory_utilization and SGLang's mem_fraction_static multiply: the board's memory less what the
 * driver keeps. An RTX 3090 (24576 MiB) logs total_gpu_memory=23.58GiB (vllm issue 10517): 0.42 GiB.
 */
export const DRIVER_RESERVED_BYTES = 0.42 * GiB;
export function visibleBytes(gpu: GpuCatalogEntry): number {
  return Math.max(0, gpu.memoryBytes - DRIVER_RESERVED_BYTES);
}

/** vLLM V1 serve defaults (vllm/engine/arg_utils.py get_batch_defaults): larger on ≥70 GiB GPUs except A100. */
export function vllmServeDefaults(gpu: GpuCatalogEntry): { maxNumSeqs: number; maxBatchedTokens: number } {
  const big = gpu.memoryBytes >= 70 * GiB && !/a100/i.test(gpu.name);
  return big ? { maxNumSeqs: 1024, maxBatchedTokens: 8192 } : { maxNumSeqs: 256, maxBatchedTokens: 2048 };
}

export function defaultMemoryFraction(runtime: ServeRuntime, gpu: GpuCatalogEntry, tp: number, pp: number): number {
  if (runtime === 'sglang') return sglangMemFractionStatic(gpu.memoryBytes, tp, pp);
  return 0.9;
}

export interface ReplicaMemory {
  estimate: Estimate;
  pool: PoolFacts;
  perDevice: DeviceMemory;
  fits: boolean;
  /** llama.cpp only: where the advisor put the layers (the speed inputs follow it). */
  placement: PlacementResult | null;
  hw: PlanningHardware;
}

export interface MemoryInput {
  input: ModelInput;
  /** The user's settings (quant, KV type); context and parallel are set here from the deployment. */
  base: EstimateSettings;
  gpu: GpuCatalogEntry;
  deployment: Deployment;
  /** Tokens per request of the workload (prompt + output): the length the concurrency is counted in. */
  requestTokens: number;
  estimator?: Estimator;
}

function settingsFor(m: MemoryInput, maxModelLen: number, maxNumSeqs: number): EstimateSettings {
  const d = m.deployment;
  const s: EstimateSettings = { ...defaultSettings(d.runtime), ...m.base, runtime: d.runtime, context: maxModelLen };
  if (d.runtime === 'llama.cpp') return { ...s, parallel: maxNumSeqs, kvUnified: false };
  const batched =
    d.maxBatchedTokens ??
    (d.runtime === 'sglang' ? sglangGraphDefaults(m.gpu.memoryBytes, d.tp).chunkedPrefill : vllmServeDefaults(m.gpu).maxBatchedTokens);
  return {
    ...s,
    parallel: 1,
    maxSeqs: maxNumSeqs,
    maxBatchedTokens: batched,
    gpuMemoryUtilization: m.deployment.memoryFraction ?? s.gpuMemoryUtilization,
  };
}

/**
 * What the runtime's pool rule subtracts besides the weights, per GPU (runtime-memory.ts has the sources).
 * vLLM: utilisation × total less its profiled torch peak and non-torch increase; the CUDA context is not
 * counted. SGLang: mem_fraction_static × what is free after distributed set-up; activations and CUDA graphs
 * live in the share it keeps back, so nothing else is subtracted.
 */
function poolBudget(
  m: MemoryInput,
  est: Estimate,
  batchedTokens: number,
  maxNumSeqs: number,
  fraction: number,
): { activation: number; overhead: number; capacity: number } {
  const d = m.deployment;
  const visible = visibleBytes(m.gpu);
  if (d.runtime === 'sglang') {
    const free = sglangFreeAfterInitBytes(visible, est.overheadPerGpu.bytes, d.tp * d.pp, m.gpu.link);
    return { activation: 0, overhead: visible - free, capacity: free * fraction };
  }
  // A custom estimator (tests, what-ifs) keeps its own activation; the catalog path takes vLLM's profile rule.
  const activation =
    m.estimator || !est.vllm
      ? (est.vllm?.activationPeakBytes ?? est.compute.device)
      : vllmProfilePeakBytes(est.model, batchedTokens, maxNumSeqs, d.tp, 2, d.runtimeVersion);
  const overhead = vllmNonTorchBytes(m.gpu, d.tp, d.runtimeVersion);
  return { activation, overhead, capacity: visible * fraction - overhead };
}

/** How a pool is cut into blocks: the tokens a block holds, and for `poolBytes` the blocks counted and requests' needs. */
interface BlockRule {
  blockTokens: number;
  /** The layer groups, when vLLM pages recurrent states with the attention (the basis names them). */
  groups?: { groups: number; groupSize: number; stateGroups: number };
  of(poolBytes: number): { counted: number; pooled: number; perRequest: (tokens: number) => number };
}

/** One page per token of every layer, in blocks of `blockTokens`: a request takes the blocks its tokens fill. */
function plainBlocks(perToken: number, blockTokens: number): BlockRule {
  return {
    blockTokens,
    of: (poolBytes) => {
      const blocks = perToken > 0 ? Math.floor(poolBytes / perToken / blockTokens) : 0;
      return { counted: blocks, pooled: blocks, perRequest: (n) => Math.ceil(Math.max(1, n) / blockTokens) };
    },
  };
}

/**
 * vLLM's blocks (estimate/runtimes/vllm-groups.ts). A sliding-window hybrid counts its tokens over the padded
 * layer groups. With recurrent layers a block is one page for each of a group's layers, sized to hold one layer's
 * state; the logged token count is num_blocks ÷ groups × block, and a request takes its attention blocks plus one
 * block per group of state layers (kv_cache_utils get_max_concurrency_for_kv_cache_config).
 */
function vllmBlocks(spec: Estimate['model'], attentionPerToken: number, tp: number, pp: number): BlockRule {
  const layout = vllmHybridLayout(spec);
  if (!layout || layout.stateGroups === 0) return plainBlocks(attentionPerToken * (layout?.slotFactor ?? 1), 16);
  const stateLayer = vllmStateBytesPerLayer(spec, tp);
  // attentionPerToken is this rank's share of all attention layers' K and V (÷ pp); one layer's is ÷ the layers.
  const perLayerToken = (attentionPerToken * pp) / layout.attentionLayers;
  const blockTokens = vllmHybridBlockTokens(stateLayer, perLayerToken);
  const blockBytes = blockTokens * perLayerToken * layout.groupSize;
  const groups = layout.attentionGroups + layout.stateGroups;
  return {
    blockTokens,
    groups: { groups, groupSize: layout.groupSize, stateGroups: layout.stateGroups },
    of: (poolBytes) => {
      const pooled = Math.floor(poolBytes / blockBytes);
      const perRequest = (n: number) => layout.attentionGroups * Math.ceil(Math.max(1, n) / blockTokens) + layout.stateGroups;
      return { counted: Math.floor(pooled / groups), pooled, perRequest };
    },
  };
}

function pooledMemory(m: MemoryInput, maxModelLen: number, maxNumSeqs: number): ReplicaMemory {
  const d = m.deployment;
  const fraction = d.memoryFraction ?? defaultMemoryFraction(d.runtime, m.gpu, d.tp, d.pp);
  const settings = { ...settingsFor(m, maxModelLen, maxNumSeqs), gpuMemoryUtilization: fraction };
  const est = (m.estimator ?? estimate)(m.input, settings);
  const ranks = d.tp * d.pp;
  const heads = Math.max(1, maxKvHeads(est));
  const mla = est.model.mla != null;
  const headsPerGpu = mla ? 1 : Math.max(1, Math.ceil(heads / d.tp));
  const kvShare = (mla ? 1 : headsPerGpu / heads) / d.pp;
  const attentionPerToken = (est.vllm?.kvBytesPerToken ?? est.kvCache.bytesPerToken) * kvShare;
  const blocksOf =
    d.runtime === 'vllm' ? vllmBlocks(est.model, attentionPerToken, d.tp, d.pp) : plainBlocks(attentionPerToken, est.vllm?.blockSize ?? 16);
  const block = blocksOf.blockTokens;
  const { activation, overhead, capacity } = poolBudget(m, est, settings.maxBatchedTokens, maxNumSeqs, fraction);
  const weights = rankWeightBytes(est.model, settings.quant, est.weights.bytes, d.runtime, d.tp, d.pp, m.gpu.vendor === 'amd');
  const rest = Math.max(0, capacity - weights - activation);
  // SGLang on a hybrid (Mamba / DeltaNet) model: the rest is split between state slots and the KV pool, and a
  // request runs only with slots for it (model_runner_kv_cache: _handle_max_mamba_cache, _resolve_max_num_reqs).
  const state = d.runtime === 'sglang' ? sglangStateBytesPerRequest(est.model, d.tp, d.pp) : 0;
  const stateSlots = state > 0 ? Math.floor((rest * SGLANG_MAMBA_FULL_MEMORY_RATIO) / (1 + SGLANG_MAMBA_FULL_MEMORY_RATIO) / state) : 0;
  const stateBytes = stateSlots * state;
  const poolBytes = rest - stateBytes;
  const { counted, pooled, perRequest } = blocksOf.of(poolBytes);
  const kvTokens = counted * block;
  const maxConcurrency = Math.floor(pooled / perRequest(m.requestTokens));
  const bySlots = state > 0 ? Math.floor(stateSlots / SGLANG_MAMBA_SLOTS_PER_REQUEST) : Infinity;
  const scheduler = d.runtime === 'sglang' ? Math.min(maxNumSeqs, Math.max(1, Math.floor(kvTokens / 2)), bySlots) : maxNumSeqs;
  const pool: PoolFacts = {
    kvPoolBytesPerGpu: poolBytes,
    kvPoolTokens: kvTokens,
    maxConcurrency,
    maxConcurrencyAtMaxModelLen: Math.floor(pooled / perRequest(maxModelLen)),
    maxModelLen,
    maxNumSeqs: scheduler,
    batchLimit: Math.max(0, Math.min(maxConcurrency, scheduler)),
    memoryFraction: fraction,
    kvHeadsPerGpu: headsPerGpu,
    replicatedKv: mla ? ranks > 1 : d.tp > heads,
    basis: {
      key:
        d.runtime === 'sglang'
          ? state > 0
            ? 'capacity.basis.sglangHybrid'
            : 'capacity.basis.sglang'
          : blocksOf.groups
            ? 'capacity.basis.vllmHybrid'
            : 'capacity.basis.vllm',
      params: {
        fraction,
        totalBytes: visibleBytes(m.gpu),
        ranks,
        block,
        ...(blocksOf.groups ?? {}),
        ...(state > 0
          ? { slots: stateSlots, stateBytes: state, ratio: SGLANG_MAMBA_FULL_MEMORY_RATIO, perRequest: SGLANG_MAMBA_SLOTS_PER_REQUEST }
          : {}),
      },
    },
  };
  return {
    estimate: est,
    pool,
    perDevice: {
      name: m.gpu.name,
      capacityBytes: visibleBytes(m.gpu),
      weightsBytes: weights,
      kvBytes: poolBytes,
      stateBytes,
      activationBytes: activation,
      overheadBytes: overhead,
    },
    fits: poolBytes > 0 && kvTokens >= Math.min(maxModelLen, m.requestTokens),
    placement: null,
    hw: planningHardwareFromCatalog(m.gpu, d.tp),
  };
}

function llamaMemory(m: MemoryInput, maxModelLen: number, slots: number): ReplicaMemory {
  const settings = settingsFor(m, maxModelLen, slots);
  const ranks = m.deployment.tp * m.deployment.pp;
  const hw = planningHardwareFromCatalog(m.gpu, ranks);
  const est = (m.estimator ?? estimate)(m.input, settings);
  const ev = evaluate(est, hw);
  const fits = ev.verdict === 'fits' || ev.verdict === 'tight';
  const first = ev.placement.devices[0];
  const kvTokens = est.kvCache.contextAllocated * slots;
  const concurrency = fits ? Math.min(slots, Math.floor(kvTokens / Math.max(1, m.requestTokens))) : 0;
  const pool: PoolFacts = {
    kvPoolBytesPerGpu: est.kvCache.bytes / ranks,
    kvPoolTokens: kvTokens,
    maxConcurrency: concurrency,
    maxConcurrencyAtMaxModelLen: fits ? slots : 0,
    maxModelLen,
    maxNumSeqs: slots,
    batchLimit: concurrency,
    memoryFraction: 1,
    kvHeadsPerGpu: maxKvHeads(est),
    replicatedKv: false,
    basis: { key: 'capacity.basis.llama', params: { slots, cells: est.kvCache.contextAllocated, total: slots * maxModelLen } },
  };
  return {
    estimate: est,
    pool,
    perDevice: {
      name: m.gpu.name,
      capacityBytes: m.gpu.memoryBytes,
      weightsBytes: first?.weightsBytes ?? 0,
      kvBytes: first?.kvBytes ?? 0,
      stateBytes: 0,
      activationBytes: first?.computeBytes ?? 0,
      overheadBytes: est.overheadPerGpu.bytes,
    },
    fits,
    placement: ev.placement,
    hw,
  };
}

/** A replica's memory for the runtime; `maxNumSeqs` is the runtime default unless the deployment sets it. */
export function replicaMemory(m: MemoryInput, users: number): ReplicaMemory {
  const d = m.deployment;
  const maxModelLen = d.maxModelLen ?? m.requestTokens;
  if (d.runtime === 'llama.cpp') {
    if (d.maxNumSeqs) return llamaMemory(m, maxModelLen, d.maxNumSeqs);
    // No -np given: the most slots up to one per user that still fit (each slot holds a whole context).
    let lo = 1;
    let hi = Math.max(1, Math.min(Math.floor(users), 512));
    let best = llamaMemory(m, maxModelLen, lo);
    if (!best.fits) return best;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      const r = llamaMemory(m, maxModelLen, mid);
      if (r.fits) {
        lo = mid;
        best = r;
      } else hi = mid - 1;
    }
    return best;
  }
  const seqs = d.maxNumSeqs ?? (d.runtime === 'vllm' ? vllmServeDefaults(m.gpu).maxNumSeqs : 4096);
  return pooledMemory(m, maxModelLen, seqs);
}
