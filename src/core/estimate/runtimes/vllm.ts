// vLLM: a paged KV cache in 16-token blocks that takes whatever gpu_memory_utilization leaves, an
// activation peak measured by its profiling run, and non-torch memory on top of the CUDA context.

import { vllmActivation } from '../compute';
import { vllmKv } from '../kv';
import { CUDA_CONTEXT_BYTES, VLLM_NON_TORCH_BYTES, floatBytesOfFormat, type RuntimeRules } from './types';

export const vllm: RuntimeRules = {
  tiedOutputCopy: false,
  dtypeFromFormat: true,
  parts(spec, settings, format, plan) {
    const kv = vllmKv(spec, settings, plan);
    const dtype = floatBytesOfFormat(format);
    const maxSeqs = settings.maxSeqs ?? 256;
    const act = vllmActivation(spec, settings.maxBatchedTokens, maxSeqs, dtype);
    return {
      kv,
      compute: {
        bytes: act,
        device: act,
        host: 0,
        tokens: settings.maxBatchedTokens,
        basis: `vLLM profiling peak: ${settings.maxBatchedTokens} batched tokens × (2·n_ff + 4·n_embd) in ${dtype}-byte activations plus the sampler's logits for ${Math.min(maxSeqs, settings.maxBatchedTokens)} sequences.`,
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
