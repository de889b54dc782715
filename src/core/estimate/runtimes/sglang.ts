// SGLang: weights plus a token-granular KV pool (page size 1) that takes whatever `mem_fraction_static`
// leaves after the weights; activations and CUDA graphs live in the (1 − mem_fraction_static) share
// that SGLang keeps back. The KV row per token is the same as vLLM's (n_kv_heads·(head_dim + head_dim_v)
// per layer in the cache dtype, MLA: the latent), so the per-sequence cache reuses vllmKv.
//
// SGLang's own rule (python/sglang/srt/server_args.py, _handle_gpu_memory_settings, 2025): with
// gpu_mem the device's memory in MiB, reserved = 512 + max(chunked_prefill_size, 2048) × 1.5 +
// cuda_graph_max_bs × 2 + tp × pp / 8 × 1024 MiB (at least 10 GiB above 60 GiB of memory) and
// mem_fraction_static = round((gpu_mem − reserved) / gpu_mem, 3). model_runner.profile_max_num_token
// then sizes the pool as free-after-weights − total × (1 − mem_fraction_static).

import type { ModelSpec } from '../../model/types';
import { recurrentStateBytesPerLayer } from '../../model/tensors-recurrent';
import { activeFfnWidth } from '../compute';
import { vllmKv } from '../kv';
import { CUDA_CONTEXT_BYTES, MiB, floatBytesOfFormat, type RuntimeRules } from './types';

/** SGLang's chunked_prefill_size and cuda_graph_max_bs defaults by device memory (CUDA branch). */
export function sglangGraphDefaults(gpuMemBytes: number, tp: number): { chunkedPrefill: number; cudaGraphMaxBs: number } {
  const mib = gpuMemBytes / MiB;
  if (mib < 20 * 1024) return { chunkedPrefill: 2048, cudaGraphMaxBs: 8 };
  if (mib < 35 * 1024) return { chunkedPrefill: 2048, cudaGraphMaxBs: tp < 4 ? 24 : 80 };
  if (mib < 60 * 1024) return { chunkedPrefill: 4096, cudaGraphMaxBs: tp < 4 ? 32 : 160 };
  if (mib < 160 * 1024) return { chunkedPrefill: 8192, cudaGraphMaxBs: tp < 4 ? 256 : 512 };
  return { chunkedPrefill: 16384, cudaGraphMaxBs: 512 };
}

/** SGLang's default --mem-fraction-static for a device of `gpuMemBytes` at tensor × pipeline parallel sizes. */
export function sglangMemFractionStatic(gpuMemBytes: number, tp = 1, pp = 1): number {
  const mib = gpuMemBytes / MiB;
  if (!(mib > 0)) return 0.88;
  const d = sglangGraphDefaults(gpuMemBytes, tp);
  let reserved = 512 + Math.max(d.chunkedPrefill, 2048) * 1.5 + d.cudaGraphMaxBs * 2 + ((tp * pp) / 8) * 1024;
  if (mib > 60 * 1024) reserved = Math.max(reserved, 10 * 1024);
  return Math.round(((mib - reserved) / mib) * 1000) / 1000;
}

/**
 * One chunked-prefill pass: the gate/up output and hidden-state copies of `chunkTokens` tokens
 * (2·n_ff + 4·n_embd per token in the activation dtype), and logits for the last position of each of up to
 * `maxRequests` requests. Without input logprobs SGLang's LogitsProcessor (python/sglang/srt/layers/
 * logits_processor.py) keeps only those rows: the lm_head matmul in the model dtype, its `.float()` copy
 * (4 B, none for an fp32 model), and the fp32 softmax probabilities its Sampler draws from (4 B, layers/sampler.py).
 */
export function sglangChunkActivationBytes(spec: ModelSpec, chunkTokens: number, maxRequests: number, dtypeBytes: number): number {
  const forward = chunkTokens * (2 * activeFfnWidth(spec) + 4 * spec.hiddenSize) * dtypeBytes;
  const perLogit = dtypeBytes + (dtypeBytes < 4 ? 4 : 0) + 4;
  return forward + Math.min(maxRequests, chunkTokens) * spec.vocabSize * perLogit;
}

/** SGLang's share of the post-weights memory a hybrid model's recurrent states get: --mamba-full-memory-ratio r
 * splits it r : 1 between the state slots and the KV pool (server_args default 0.9). */
export const SGLANG_MAMBA_FULL_MEMORY_RATIO = 0.9;
/** State slots per running request with the radix cache on (MAMBA_CACHE_SIZE_MAX_RUNNING_REQUESTS_RATIO). */
export const SGLANG_MAMBA_SLOTS_PER_REQUEST = 3;

/**
 * Bytes of recurrent state one request holds on one tensor-parallel rank (Mamba2CacheParams.mamba_cache_per_req):
 * per recurrent layer, the convolution state in bf16 (SGLANG_MAMBA_CONV_DTYPE) and the temporal (SSM / DeltaNet)
 * state in fp32 (the default mamba_ssm_dtype), both split over the ranks by heads. 0 for a model without
 * recurrent layers. A state known only by its size (no mixer) is taken as fp32 throughout.
 */
export function sglangStateBytesPerRequest(spec: ModelSpec, tp = 1, pp = 1): number {
  const rec = spec.recurrent;
  if (!rec || rec.layers.length === 0) return 0;
  const perLayer = recurrentStateBytesPerLayer(spec, { conv: 2, ssm: 4 });
  return (perLayer / Math.max(1, tp)) * Math.ceil(rec.layers.length / Math.max(1, pp));
}

export const sglang: RuntimeRules = {
  tiedOutputCopy: false,
  dtypeFromFormat: true,
  parts(spec, settings, format, plan) {
    const kv = vllmKv(spec, settings, plan);
    const dtype = floatBytesOfFormat(format);
    // The activation of one chunked-prefill pass; SGLang does not add it to the pool's arithmetic (it sits
    // in the reserved share), but it is real memory on the device.
    const act = sglangChunkActivationBytes(spec, settings.maxBatchedTokens, settings.maxSeqs ?? 256, dtype);
    return {
      kv: { ...kv, basis: kv.basis.replace('vLLM paged cache', 'SGLang token pool').replace(` in 16-token blocks`, '') },
      compute: {
        bytes: act,
        device: act,
        host: 0,
        tokens: settings.maxBatchedTokens,
        basis: `SGLang chunked prefill of ${settings.maxBatchedTokens} tokens × (2·n_ff + 4·n_embd) activations plus the last position's logits per request; it lives in the share mem_fraction_static leaves free, with the CUDA graphs.`,
      },
      outputBuffer: { bytes: 0, basis: 'SGLang keeps logits inside its activation share.' },
      overhead: {
        bytes: CUDA_CONTEXT_BYTES,
        basis: 'CUDA context and NCCL buffers per GPU, about 0.5 GiB, taken before SGLang measures free memory.',
      },
      // The pool arithmetic placeVllm runs: no activation term (it is inside the reserved share), page size 1.
      vllm: { activationPeakBytes: 0, nonTorchBytes: 0, kvBytesPerToken: kv.perTokenAllLayers, blockSize: 1 },
      warnings: [],
    };
  },
};
