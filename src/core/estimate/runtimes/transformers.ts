// Hugging Face transformers: a dynamic cache in the model dtype that grows with the sequence, the
// prefill activation peak, and the CUDA context plus the caching allocator's slack per GPU.

import { transformersActivation } from '../compute';
import { transformersKv } from '../kv';
import { CUDA_CONTEXT_BYTES, floatBytesOfFormat, type RuntimeRules } from './types';

export const transformers: RuntimeRules = {
  tiedOutputCopy: false,
  dtypeFromFormat: true,
  parts(spec, settings, format, plan) {
    const kv = transformersKv(spec, settings, floatBytesOfFormat(format), plan);
    const prompt = Math.min(settings.prefillTokens ?? settings.context, settings.context);
    const act = transformersActivation(spec, prompt, settings.parallel, 2);
    return {
      kv,
      compute: {
        bytes: act,
        device: act,
        host: 0,
        tokens: prompt,
        basis: `transformers prefill of ${prompt} tokens: (3·n_ff + 4·n_embd) activations per token in 16-bit plus fp32 logits of the last position.`,
      },
      outputBuffer: { bytes: 0, basis: 'transformers keeps logits inside its activation peak.' },
      overhead: {
        bytes: CUDA_CONTEXT_BYTES,
        basis: 'CUDA context and the caching allocator’s slack per GPU, about 0.5 GiB, outside torch’s allocated figure.',
      },
      vllm: undefined,
      warnings: [],
    };
  },
};
