// What each runtime contributes to an estimate beyond the weights: its KV cache layout, compute buffers,
// output buffer and per-GPU reserve. One file per runtime holds that runtime's rules.

import type { ModelSpec } from '../../model/types';
import type { QuantFormat } from '../../quant/formats';
import type { KvResult, LayerPlan } from '../kv';
import type { Estimate, EstimateSettings } from '../types';

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

/**
 * Per-GPU memory outside the runtime's own buffers. llama.cpp / transformers: the CUDA context with
 * cuBLAS handles and driver allocations, 0.3–1 GiB per device in public logs (a Vulkan run left
 * 0.83 GiB unaccounted); 0.5 GiB is the middle of that range. vLLM: its measured "non-torch memory"
 * (0.03–0.1 GiB on small single GPUs, 1.8 GiB on an H100) on top of the same context.
 */
export const CUDA_CONTEXT_BYTES = 0.5 * GiB;
export const VLLM_NON_TORCH_BYTES = 0.15 * GiB;

export interface RuntimeParts {
  kv: KvResult;
  compute: Estimate['compute'];
  outputBuffer: Estimate['outputBuffer'];
  overhead: Estimate['overheadPerGpu'];
  vllm: Estimate['vllm'];
  warnings: string[];
}

export interface RuntimeRules {
  /** KV, compute, output and overhead: they depend on the spec and settings but not on the weight quant. */
  parts(spec: ModelSpec, settings: EstimateSettings, format: QuantFormat, plan: LayerPlan): RuntimeParts;
  /**
   * Whether a tied embedding is resident twice: llama.cpp keeps the input table in host memory and
   * uploads the same matrix again as the output layer (Gemma 3 27B Q4_K_M: 15773.97 MiB GPU + 1102.77 MiB host).
   */
  tiedOutputCopy: boolean;
  /** Whether the activation dtype follows the weight format (memo key for the quant-independent parts). */
  dtypeFromFormat: boolean;
}

export function floatBytesOfFormat(f: QuantFormat): number {
  return f.scheme === 'float' && f.floatBytes === 4 ? 4 : 2;
}
