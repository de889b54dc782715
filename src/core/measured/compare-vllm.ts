// Planned vs measured for a vLLM start-up log: the estimate is recomputed for the log's own settings
// (max_model_len, gpu_memory_utilization, dtype / quantization, KV dtype, tensor and pipeline
// parallelism) and set against what vLLM's memory profile printed per worker: weights, activation peak
// (compute), the KV pool, and the KV pool in tokens and maximum concurrency. The pool follows vLLM's
// own rule (worker.py / gpu_worker.py): total × utilisation − weights − activation peak − non-torch.

import { MODEL_CATALOG } from '../catalog/index';
import { defaultSettings, estimate } from '../estimate/index';
import type { EstimateSettings, KvCacheType, ModelInput } from '../estimate/types';
import { rankWeightBytes } from '../estimate/runtimes/rank-weights';
import { floatBytesOfFormat } from '../estimate/runtimes/types';
import { vllmHybridSlotFactor } from '../estimate/runtimes/vllm-groups';
import { vllmProfilePeakBytes } from '../estimate/runtimes/vllm-profile';
import { resolveQuant } from '../quant/formats';
import { GiB } from '../units';
import type { ComponentComparison } from './compare';
import { componentRow, quantityRow, type QuantityComparison } from './compare-rows';
import type { VllmLog, VllmMemory } from './vllm-log';

export interface VllmComparison {
  runtime: 'vllm';
  settings: EstimateSettings;
  tensorParallel: number;
  pipelineParallel: number;
  bandRelative: number;
  components: ComponentComparison[];
  quantities: QuantityComparison[];
  notes: string[];
}

/** vLLM prints two decimals of GiB in its profile (four for the weights line): half of that is rounding. */
const ROUNDING = 0.005 * GiB;

const QUANT_OF: Record<string, string> = {
  awq: 'awq',
  awq_marlin: 'awq',
  gptq: 'gptq',
  gptq_marlin: 'gptq',
  fp8: 'fp8',
  bitsandbytes: 'nf4',
  mxfp4: 'mxfp4',
  modelopt_fp4: 'nvfp4',
  modelopt: 'fp8',
};

/** The catalog model a vLLM `model=` names: its Hugging Face repo, or the last path part of a local copy. */
export function catalogInputForName(name: string | undefined): { input: ModelInput; id: string } | null {
  if (!name) return null;
  const full = name.trim().replace(/\/+$/, '').toLowerCase();
  const base = full.split('/').pop() ?? full;
  const hit =
    MODEL_CATALOG.find((m) => m.hfRepo.toLowerCase() === full) ??
    MODEL_CATALOG.find((m) => (m.hfRepo.split('/').pop() ?? '').toLowerCase() === base) ??
    MODEL_CATALOG.find((m) => m.spec.id.toLowerCase() === base);
  return hit ? { input: { spec: hit.spec }, id: hit.spec.id } : null;
}

/** The run's settings as the log printed them; what it lacks keeps vLLM's default (and is noted). */
export function vllmSettingsFromLog(log: VllmLog, notes: string[]): EstimateSettings {
  const s = defaultSettings('vllm');
  const st = log.settings;
  const q = st.quantization && st.quantization !== 'None' ? QUANT_OF[st.quantization.toLowerCase()] : undefined;
  if (q) s.quant = q;
  else if (st.quantization && st.quantization !== 'None')
    notes.push(`Quantization "${st.quantization}" is not modelled; planned as ${s.quant}.`);
  else if (st.dtype === 'float16' || st.dtype === 'half') s.quant = 'fp16';
  else if (st.dtype === 'float32') s.quant = 'fp32';
  const kvFloat: KvCacheType = s.quant === 'fp16' ? 'f16' : 'bf16';
  const kv: KvCacheType = st.kvCacheDtype && /^fp8/.test(st.kvCacheDtype) ? 'fp8' : kvFloat;
  s.kvTypeK = kv;
  s.kvTypeV = kv;
  if (st.maxModelLen) s.context = st.maxModelLen;
  else notes.push(`No max_model_len in the log; assumed ${s.context}.`);
  if (st.gpuMemoryUtilization) s.gpuMemoryUtilization = st.gpuMemoryUtilization;
  else notes.push(`No gpu_memory_utilization in the log; assumed ${s.gpuMemoryUtilization}.`);
  if (st.maxNumBatchedTokens) s.maxBatchedTokens = st.maxNumBatchedTokens;
  if (st.maxNumSeqs) s.maxSeqs = st.maxNumSeqs;
  if (log.version) s.vllmRelease = log.version;
  return s;
}

function rankRows(
  r: VllmMemory,
  device: string,
  planned: { weights: number; activation: number; pool: number | null },
  band: number,
): ComponentComparison[] {
  const rows: ComponentComparison[] = [];
  if (r.weightsBytes !== undefined) rows.push(componentRow('weights', device, planned.weights, r.weightsBytes, band, ROUNDING));
  if (r.activationPeakBytes !== undefined)
    rows.push(componentRow('compute', device, planned.activation, r.activationPeakBytes, band, ROUNDING));
  if (r.kvCacheBytes !== undefined) rows.push(componentRow('kvCache', device, planned.pool, r.kvCacheBytes, band, ROUNDING));
  return rows;
}

export function compareVllmLog(log: VllmLog, input: ModelInput, settings: EstimateSettings, notes: string[] = []): VllmComparison {
  const tp = log.settings.tensorParallel ?? 1;
  const pp = log.settings.pipelineParallel ?? 1;
  const est = estimate(input, settings);
  const band = est.band.relative;
  const ranks = tp * pp;
  // Each worker holds its share of the weights plus what vLLM keeps whole on every tensor-parallel rank, and profiles
  // the peak of its own shard: the same rules the Serve view prices a deployment with (rank-weights.ts,
  // vllm-profile.ts). The log does not name the GPU, so ROCm's expert padding is left out.
  const weights = rankWeightBytes(est.model, settings.quant, est.weights.bytes, 'vllm', tp, pp);
  const activation = est.vllm
    ? vllmProfilePeakBytes(
        est.model,
        settings.maxBatchedTokens,
        settings.maxSeqs ?? 256,
        tp,
        floatBytesOfFormat(resolveQuant(settings.quant)),
        settings.vllmRelease,
      )
    : est.compute.device;
  const nonTorch = est.vllm?.nonTorchBytes ?? 0;
  const heads = typeof est.model.kvHeads === 'number' ? est.model.kvHeads : est.model.kvHeads.reduce((a, b) => Math.max(a, b), 1);
  const kvShare = est.model.mla != null ? 1 : Math.max(1, Math.ceil(heads / tp)) / heads / pp;
  // A hybrid model's logged tokens are counted over its padded layer groups (estimate/runtimes/vllm-groups.ts).
  const perToken = (est.vllm?.kvBytesPerToken ?? est.kvCache.bytesPerToken) * kvShare * vllmHybridSlotFactor(est.model);
  const blockSize = est.vllm?.blockSize ?? 16;
  const components: ComponentComparison[] = [];
  let firstPool: number | null = null;
  // vLLM 0.21+ measures its CUDA graphs by capturing them and takes that estimate off the pool: a measurement the
  // plan cannot make, so it is taken from the same log (and said so).
  const graphs = (r: VllmMemory) =>
    log.cudaGraphEstimateApplied ? Math.max(0, r.cudaGraphEstimateBytes ?? log.ranks[0]?.cudaGraphEstimateBytes ?? 0) : 0;
  log.ranks.forEach((r, i) => {
    // The pool follows from the GPU's size, which only the log knows: vLLM's rule with the planned parts.
    const usable = r.usableBytes ?? (r.totalGpuBytes !== undefined ? r.totalGpuBytes * settings.gpuMemoryUtilization : undefined);
    const pool = usable !== undefined ? Math.max(0, usable - weights - activation - nonTorch - graphs(r)) : null;
    if (i === 0) firstPool = pool;
    const device = log.ranks.length > 1 ? r.worker : 'all';
    components.push(...rankRows(r, device, { weights, activation, pool }, band));
  });
  const quantities: QuantityComparison[] = [];
  // Without the GPU's size the planned pool is unknown; the pool vLLM printed still tests the bytes per token.
  const measuredPool = log.ranks[0]?.kvCacheBytes;
  const poolForTokens = firstPool ?? measuredPool ?? null;
  if (firstPool === null && measuredPool !== undefined)
    notes.push('KV tokens are planned for the pool vLLM printed (Available KV cache memory), which tests the planned bytes per token.');
  const plannedTokens = poolForTokens !== null && perToken > 0 ? Math.floor(poolForTokens / perToken / blockSize) * blockSize : null;
  const measuredTokens = log.kvCacheTokens ?? (log.gpuBlocks !== undefined ? log.gpuBlocks * blockSize : undefined);
  if (measuredTokens !== undefined) quantities.push(quantityRow('kvTokens', plannedTokens, measuredTokens, band));
  if (log.maxConcurrency) {
    const plannedConc = plannedTokens !== null ? Math.round((plannedTokens / log.maxConcurrency.tokensPerRequest) * 100) / 100 : null;
    quantities.push(quantityRow('maxConcurrency', plannedConc, log.maxConcurrency.requests, band));
  }
  if (firstPool === null && (measuredTokens !== undefined || log.ranks.some((r) => r.kvCacheBytes !== undefined)))
    notes.push('The log does not print total_gpu_memory, so the planned KV pool (which is what the GPU has left) cannot be computed.');
  if (log.gpuBlocks !== undefined && log.kvCacheTokens === undefined)
    notes.push(`KV tokens are GPU blocks × ${blockSize} (vLLM's default block size).`);
  notes.push(
    'No total row: vLLM fills total × gpu_memory_utilization by design, so planned and measured totals agree by construction; the KV pool carries the difference.',
  );
  const firstGraphs = log.ranks[0] ? graphs(log.ranks[0]) : 0;
  if (firstGraphs > 0)
    notes.push(
      `vLLM took its CUDA-graph estimate (${(firstGraphs / GiB).toFixed(2)} GiB, from this log) off the pool; the planned pool takes the same figure.`,
    );
  notes.push(
    `Planned per worker: 1/${ranks} of the weights plus the tensors kept whole on every rank (tensor parallel ${tp}, pipeline parallel ${pp}); non-torch memory planned at ${(nonTorch / GiB).toFixed(2)} GiB.`,
  );
  return { runtime: 'vllm', settings, tensorParallel: tp, pipelineParallel: pp, bandRelative: band, components, quantities, notes };
}
