// vLLM: a paged KV cache in 16-token blocks that takes whatever gpu_memory_utilization leaves, the activation
// peak of its V1 profiling run (vllm-profile.ts, the same rule the serving capacity uses), and non-torch memory
// on top of the CUDA context.

import { vllmKv } from '../kv';
import { CUDA_CONTEXT_BYTES, VLLM_NON_TORCH_BYTES, floatBytesOfFormat, type RuntimeRules } from './types';
import {
  FUSED_MOE_CHUNK_TOKENS,
  fusedMoeWorkspaceBytes,
  vllmProfilePeakBytes,
  vllmSamplerBytesPerLogit,
  vllmSamplerSorts,
  vllmSortSamplerBytesPerLogit,
} from './vllm-profile';

/**
 * The estimate prices one GPU holding the whole model: EstimateSettings has no tensor-parallel size, so the
 * profile rule runs at TP 1 (the serving capacity passes its deployment's TP to the same rule).
 */
const ESTIMATE_TP = 1;

export const vllm: RuntimeRules = {
  tiedOutputCopy: false,
  dtypeFromFormat: true,
  parts(spec, settings, format, plan) {
    const kv = vllmKv(spec, settings, plan);
    const dtype = floatBytesOfFormat(format);
    const maxSeqs = settings.maxSeqs ?? 256;
    const tokens = settings.maxBatchedTokens;
    const release = settings.vllmRelease;
    const act = vllmProfilePeakBytes(spec, tokens, maxSeqs, ESTIMATE_TP, dtype, release);
    const moe = fusedMoeWorkspaceBytes(spec, tokens, ESTIMATE_TP, dtype) > 0;
    const sorts = vllmSamplerSorts(release, Math.min(maxSeqs, tokens));
    const perLogit = sorts ? vllmSortSamplerBytesPerLogit(dtype) : vllmSamplerBytesPerLogit(dtype);
    const sortNote = sorts ? ` (top-p sorts the vocabulary${release ? ` in vLLM ${release}` : ''})` : '';
    return {
      kv,
      compute: {
        bytes: act,
        device: act,
        host: 0,
        tokens,
        basis:
          `vLLM V1 profiling peak, tensor parallel 1: the larger of the ${tokens}-token forward pass × (2·n_ff + 4·n_embd) and the ` +
          `sampler's ${Math.min(maxSeqs, tokens)} rows × n_vocab × ${perLogit} B${sortNote} plus two copies of the hidden states, in ${dtype}-byte activations` +
          (moe
            ? `, plus the fused MoE kernel's workspace, up to ${FUSED_MOE_CHUNK_TOKENS} tokens × top_k × (max(2·n_ff_exp, n_embd) + n_ff_exp).`
            : '.'),
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
