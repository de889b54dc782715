// What vLLM V1 and SGLang take out of a GPU before their KV pool, following each runtime's own arithmetic
// (the pool rule itself is in memory.ts). Checked against the pool rows of tests/fixtures/serving/serving.csv.
//
// vLLM V1 (vllm/v1/worker/gpu_worker.py determine_available_memory): pool = total × gpu_memory_utilization −
// (weights + profiled torch peak + non-torch increase). "total" is torch.cuda.mem_get_info's total; the CUDA
// context already exists when the start-up snapshot is taken, so it is not part of the subtraction. A vLLM
// 0.19.0 log shows the arithmetic to the hundredth (llm-d-planner accuracy logs, SOURCES.md S7): "Desired GPU
// memory utilization is (0.95, 75.23 GiB). Actual usage is 14.99 GiB for weight, 1.89 GiB for peak
// activation, 0.25 GiB for non-torch memory" and "Available KV cache memory: 58.11 GiB" (75.23 − 17.13).
// CUDA graphs are captured after the pool is sized and are not subtracted (the same logs: "In v0.19, CUDA
// graph memory profiling will be enabled by default", i.e. not yet).
//
// SGLang (python/sglang/srt/model_executor/model_runner.py, init_torch_distributed → profile_max_num_token):
// pool = free-after-weights − free-after-distributed-init × (1 − mem_fraction_static). The second term is the
// free memory measured once NCCL and the custom all-reduce are set up, not the board's total.

import type { ModelSpec } from '../model/types';
import type { GpuCatalogEntry } from '../hardware/types';
import { activeFfnWidth } from '../estimate/compute';
import { layerPlan } from '../estimate/kv';

const GiB = 1024 ** 3;

/**
 * vLLM's non-torch increase during the profiling run, per GPU. One GPU: 0.24–0.27 GiB over 20 vLLM 0.19.0
 * runs on H100 (S7). Tensor parallel over an NVLink-4 switch (H100/H200/B200 baseboards, ≥ 450 GB/s per
 * direction), where NCCL turns on NVLink SHARP (NVLS) and registers its buffers on the first collective:
 * 2.06–2.21 GiB over 13 TP-2/4 runs (S7). Tensor parallel over PCIe or bridges (no NVLS): 0.21 GiB on
 * 8 × L40S (vLLM 0.10.2, S8) and 0.20 GiB on 4 × RTX 3090 (vllm PR 14447's log).
 */
export function vllmNonTorchBytes(gpu: GpuCatalogEntry, tp: number): number {
  if (tp <= 1) return 0.25 * GiB;
  return nvlsSwitch(gpu) ? 2.1 * GiB : 0.2 * GiB;
}

/** An NVLink-4-or-later switch baseboard: the only place NCCL enables NVLS. */
function nvlsSwitch(gpu: GpuCatalogEntry): boolean {
  return gpu.link.kind === 'nvlink' && gpu.link.gbps >= 450;
}

/**
 * The torch peak of vLLM V1's profile_run (v1/worker/gpu_model_runner.py): `_dummy_run(max_num_batched_tokens)`
 * and then `_dummy_sampler_run` on min(max_num_seqs, tokens) rows. With torch.compile the forward pass keeps
 * little, so the sampler sets the peak: per row and vocabulary entry the bf16 logits (2 B), their fp32 copy
 * (4 B), the softmax probabilities (4 B) and the exponential draws FlashInfer's sampler divides by (4 B),
 * 14 B in all, on top of the T × hidden hidden states (two bf16 copies). vLLM 0.19.0 on H100 (S7, 8192
 * tokens, 1024 rows): Llama-3.1-8B 1.89 GiB measured, 1.84 here; Qwen2.5-7B 2.21 / 2.14; gemma-2-9b
 * 3.65 / 3.53; phi-4 1.52 / 1.50. A fused-MoE layer adds its expert workspace, which stays allocated.
 */
export function vllmProfilePeakBytes(spec: ModelSpec, batchedTokens: number, maxSeqs: number, tp: number): number {
  const t = Math.max(1, batchedTokens);
  const rows = Math.min(maxSeqs, t);
  const h = spec.hiddenSize;
  const sampler = t * h * 4 + rows * spec.vocabSize * 14;
  // Without the compiled graph's fusion the FFN intermediates of the widest dense layer (split by TP) would set
  // the peak; MoE layers' intermediates live in the workspace below instead.
  const denseFfn = spec.moe ? 0 : activeFfnWidth(spec) / tp;
  const forward = t * (2 * denseFfn + 4 * h) * 2;
  return Math.max(forward, sampler) + fusedMoeWorkspaceBytes(spec, t, tp);
}

/** VLLM_FUSED_MOE_CHUNK_SIZE's default (vllm/envs.py): the fused MoE kernel works on at most this many tokens. */
const FUSED_MOE_CHUNK_TOKENS = 16 * 1024;

/**
 * vllm/model_executor/layers/fused_moe/fused_moe.py fused_experts_impl: for M tokens it allocates
 * workspace13 = M × top_k × max(N, K) and workspace2 = M × top_k × N/2 in the activation dtype, with
 * N = the w13 rows per rank (2 × expert FFN / tp) and K = hidden. vLLM 0.19.0 (S7): Qwen3-30B-A3B measures
 * 2.68 GiB of peak where the dense sampler rule alone gives 2.09 (+0.34 here); Mixtral-8x7B at TP 2 1.21
 * (0.55 + 0.66); DeepSeek-V2-Lite 1.93 (1.48 + 0.39).
 */
export function fusedMoeWorkspaceBytes(spec: ModelSpec, batchedTokens: number, tp: number): number {
  const moe = spec.moe;
  if (!moe || moe.expertsActive <= 0) return 0;
  const m = Math.min(batchedTokens, FUSED_MOE_CHUNK_TOKENS);
  const n = (2 * moe.expertFfnSize) / tp;
  return m * moe.expertsActive * (Math.max(n, spec.hiddenSize) + n / 2) * 2;
}

/**
 * vLLM V1's hybrid KV allocator (v1/core/kv_cache_utils.py, _get_kv_cache_groups_uniform_page_size) splits
 * the layers of each attention type into groups of `group_size` = the smallest type's layer count, padding the
 * last group of a type, and every block holds one page per group member. The token count vLLM logs is therefore
 * the pool over (page bytes × group_size × groups) per token, not over the model's layers. Returns that
 * slot count ÷ attention layers: gemma-3-27b (10 global, 52 sliding) has 7 groups of 10, 70 slots for 62
 * layers, and S7's log agrees to the byte ratio (19.53 GiB over 36,560 tokens = 70 × 8 KiB per token);
 * gemma-3-4b 35 for 34, gemma-3-12b and Llama-4-Scout none. Mamba hybrids take another path (page alignment),
 * not modelled here, and differing per-layer rows (padded pages) keep a factor of 1.
 */
export function vllmHybridSlotFactor(spec: ModelSpec): number {
  const plan = layerPlan(spec);
  if (plan.kinds.includes('recurrent')) return 1;
  const counts = { full: 0, sliding: 0 };
  const rows = new Set<number>();
  plan.kinds.forEach((kind, il) => {
    if (kind !== 'full' && kind !== 'sliding') return;
    counts[kind]++;
    rows.add(plan.k[il]! + plan.v[il]!);
  });
  if (counts.full === 0 || counts.sliding === 0 || rows.size !== 1) return 1;
  const group = Math.min(counts.full, counts.sliding);
  const slots = (Math.ceil(counts.full / group) + Math.ceil(counts.sliding / group)) * group;
  return slots / (counts.full + counts.sliding);
}

/**
 * What SGLang's init_torch_distributed leaves free, per GPU: the visible memory less the CUDA context and,
 * with more than one rank, what NCCL and the custom all-reduce take at set-up. SGLang logs the latter:
 * "Init torch distributed ends. mem usage=2.01 GB" on 8 × H200 (sgl-project/sglang PR 11716; its "GB" is
 * GiB, utils.get_available_gpu_memory divides by 1 << 30).
 */
export function sglangFreeAfterInitBytes(visibleBytes: number, contextBytes: number, ranks: number): number {
  return Math.max(0, visibleBytes - contextBytes - (ranks > 1 ? 2.0 * GiB : 0));
}
