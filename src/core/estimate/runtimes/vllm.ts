// vLLM: a paged KV cache in 16-token blocks that takes whatever gpu_memory_utilization leaves, an
// activation peak measured by its profiling run, and non-torch memory on top of the CUDA context.

import { vllmActivation } from '../compute';
import type { ModelSpec } from '../../model/types';
import { vllmKv } from '../kv';
import { CUDA_CONTEXT_BYTES, VLLM_NON_TORCH_BYTES, floatBytesOfFormat, type RuntimeRules } from './types';

/**
 * What vLLM's fused MoE kernel adds to the profiled peak beyond the dense rule's FFN intermediates
 * (vllm/model_executor/layers/fused_moe/fused_moe.py, fused_experts_impl): for M = min(batched tokens,
 * VLLM_FUSED_MOE_CHUNK_SIZE) tokens it allocates one buffer of M × top_k × max(N, hidden) (N = the w13
 * rows, 2 × moe_intermediate) shared by the gate/up output and the down projection's per-expert output,
 * and M × top_k × N/2 for the activated product. The dense rule already counts M × 2·(top_k × moe
 * intermediate), the gate/up output; what it lacks is the down projection's top_k copies of the hidden
 * state per token before they are summed: M × top_k × hidden in the activation dtype.
 */
/** VLLM_FUSED_MOE_CHUNK_SIZE's default in vllm/envs.py: 16 × 1024 now (32768 in 2025 releases). */
export const FUSED_MOE_CHUNK_TOKENS = 16 * 1024;
export function fusedMoeExtraBytes(spec: ModelSpec, batchedTokens: number, dtypeBytes: number): number {
  const moe = spec.moe;
  if (!moe || moe.expertsActive <= 0) return 0;
  const m = Math.min(batchedTokens, FUSED_MOE_CHUNK_TOKENS);
  return m * moe.expertsActive * spec.hiddenSize * dtypeBytes;
}

export const vllm: RuntimeRules = {
  tiedOutputCopy: false,
  dtypeFromFormat: true,
  parts(spec, settings, format, plan) {
    const kv = vllmKv(spec, settings, plan);
    const dtype = floatBytesOfFormat(format);
    const maxSeqs = settings.maxSeqs ?? 256;
    const moeExtra = fusedMoeExtraBytes(spec, settings.maxBatchedTokens, dtype);
    const act = vllmActivation(spec, settings.maxBatchedTokens, maxSeqs, dtype) + moeExtra;
    return {
      kv,
      compute: {
        bytes: act,
        device: act,
        host: 0,
        tokens: settings.maxBatchedTokens,
        basis: `vLLM profiling peak: ${settings.maxBatchedTokens} batched tokens × (2·n_ff + 4·n_embd) in ${dtype}-byte activations plus the sampler's logits for ${Math.min(maxSeqs, settings.maxBatchedTokens)} sequences${moeExtra > 0 ? `, plus the fused MoE kernel's per-expert outputs (batched tokens × top_k × n_embd)` : ''}.`,
      },
      outputBuffer: { bytes: 0, basis: 'vLLM keeps logits inside its activation peak.' },
      overhead: {
        bytes: CUDA_CONTEXT_BYTES + VLLM_NON_TORCH_BYTES,
        basis:
          'CUDA context (~0.5 GiB) plus vLLM non-torch memory (~0.15 GiB on one GPU; up to ~1.8 GiB on H100 and more per GPU with tensor parallelism).',
      },
      vllm: { activationPeakBytes: act, nonTorchBytes: VLLM_NON_TORCH_BYTES, kvBytesPerToken: kv.perTokenAllLayers, blockSize: 16 },
      warnings: [],
    };
  },
};
