// llama.cpp: a KV cache padded to 256 cells per stream, graph buffers sized for one micro-batch (the
// device buffer on each GPU, a host buffer for the CPU side), logits in a host output buffer, and a CUDA
// or ROCm context per GPU.

import { llamaCppCompute } from '../compute';
import { llamaCppEncoderParts } from '../encoder-compute';
import { kvRowBytes, llamaCppKv, padTo } from '../kv';
import { CUDA_CONTEXT_BYTES, type RuntimeRules } from './types';

const FLOAT_KV = ['f16', 'f32', 'bf16'];

export const llamaCpp: RuntimeRules = {
  tiedOutputCopy: true,
  dtypeFromFormat: false,
  parts(spec, settings, _format, plan) {
    const warnings: string[] = [];
    if (settings.kvTypeK === 'fp8' || settings.kvTypeV === 'fp8') warnings.push('llama.cpp has no fp8 KV cache; q8_0 was assumed.');
    if (!settings.flashAttention && !FLOAT_KV.includes(settings.kvTypeV)) {
      warnings.push('llama.cpp needs flash attention for a quantised V cache; turn flash attention on or use an f16 V cache.');
    }
    const pad = settings.kvPadding ?? 256;
    const unified = settings.kvUnified === true && settings.parallel > 1;
    const ctxSeq = unified ? padTo(settings.context * settings.parallel, pad) : padTo(settings.context, pad);
    const nCtx = unified ? ctxSeq : ctxSeq * settings.parallel;
    const T = Math.min(Math.min(nCtx, settings.batch), settings.ubatch);
    const kv = llamaCppKv(spec, settings, T, plan);
    if (spec.encoder) return llamaCppEncoderParts(spec, settings, T, kv, warnings);
    const quantKv = !FLOAT_KV.includes(settings.kvTypeK) || !FLOAT_KV.includes(settings.kvTypeV);
    // With flash attention on CUDA/ROCm a quantised cache is converted to f16 rows for the kernel.
    const f16Copy = settings.flashAttention && quantKv && ['cuda', 'rocm'].includes(settings.backend ?? 'cuda');
    const c = llamaCppCompute(spec, {
      tokens: T,
      nKv: ctxSeq,
      nSwa: kv.slidingCells,
      hasFullLayers: plan.hasFull,
      flashAttention: settings.flashAttention,
      quantKvF16CopyBytes: f16Copy ? kvRowBytes('f16', plan.maxElems) * (plan.hasFull ? ctxSeq : kv.slidingCells) : 0,
    });
    return {
      kv,
      compute: { bytes: c.device + c.host, device: c.device, host: c.host, cpu: c.cpu, basis: c.basis, tokens: T },
      outputBuffer: {
        bytes: spec.vocabSize * 4 * settings.parallel,
        basis: `llama.cpp output buffer: n_vocab × ${settings.parallel} sequence(s) × 4 B of logits, in host memory.`,
      },
      overhead: {
        bytes: CUDA_CONTEXT_BYTES,
        basis: 'CUDA/ROCm context and driver allocations per GPU, about 0.5 GiB (0.3–1 GiB in public logs).',
      },
      vllm: undefined,
      warnings,
    };
  },
};
