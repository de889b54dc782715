// Defaults per runtime and the validation every entry point (UI, CLI, IPC) runs before estimate().

import { isKnownQuant } from '../quant/formats';
import { mlxOptionsProblem } from './runtimes/mlx-options';
import type { EstimateSettings, KvCacheType, Runtime } from './types';

export class EstimateInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EstimateInputError';
  }
}

const RUNTIMES: readonly Runtime[] = ['llama.cpp', 'vllm', 'transformers', 'sglang', 'mlx'];
const KV_TYPES: readonly KvCacheType[] = ['f32', 'f16', 'bf16', 'q8_0', 'q4_0', 'q4_1', 'q5_0', 'q5_1', 'iq4_nl', 'fp8'];

/** Largest context any shipped model accepts today is ~10M tokens (Llama 4 Scout); beyond is a typo. */
export const MAX_CONTEXT = 16 * 1024 * 1024;
export const MAX_PARALLEL = 4096;

/**
 * KV cache types each runtime offers, default first: llama.cpp's --cache-type-k/v choices people use;
 * vLLM's kv_cache_dtype (auto = the model dtype, or fp8); transformers' cache in the model dtype.
 */
const RUNTIME_KV_TYPES: Record<Runtime, readonly KvCacheType[]> = {
  'llama.cpp': ['f16', 'q8_0', 'q4_0'],
  vllm: ['bf16', 'fp8'],
  transformers: ['bf16', 'f16'],
  sglang: ['bf16', 'fp8'],
  // MLX: the model dtype, or --kv-bits 8 / 4 (group 64), offered under the llama.cpp names of the same size.
  mlx: ['bf16', 'q8_0', 'q4_0'],
};

export function kvCacheTypesFor(runtime: Runtime): readonly KvCacheType[] {
  return RUNTIME_KV_TYPES[runtime];
}

export function defaultSettings(runtime: Runtime = 'llama.cpp'): EstimateSettings {
  switch (runtime) {
    // Both serve Hugging Face checkpoints in bf16 with a bf16 cache; only the runtime differs.
    case 'vllm':
    case 'sglang':
    case 'transformers':
      return {
        runtime,
        quant: 'bf16',
        context: 4096,
        parallel: 1,
        kvTypeK: 'bf16',
        kvTypeV: 'bf16',
        flashAttention: true,
        ubatch: 512,
        batch: 2048,
        gpuMemoryUtilization: 0.9,
        maxBatchedTokens: 8192,
      };
    // mlx-community's default conversion (4-bit, group 64) with mlx_lm's bf16 cache.
    case 'mlx':
      return { ...defaultSettings('vllm'), runtime: 'mlx', quant: 'mlx-4bit' };
    default:
      return {
        runtime: 'llama.cpp',
        quant: 'Q4_K_M',
        context: 4096,
        parallel: 1,
        kvTypeK: 'f16',
        kvTypeV: 'f16',
        flashAttention: true,
        ubatch: 512,
        batch: 2048,
        gpuMemoryUtilization: 0.9,
        maxBatchedTokens: 8192,
      };
  }
}

function wholeNumber(value: unknown, name: string, min: number, max: number, hint: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || !Number.isInteger(value)) {
    throw new EstimateInputError(`${name} must be a whole number, not ${String(value)}.`);
  }
  if (value < min) throw new EstimateInputError(`${name} must be at least ${min}; ${value} ${hint}.`);
  if (value > max) throw new EstimateInputError(`${name} of ${value} is above the supported maximum of ${max}.`);
}

/** Throws EstimateInputError with one clear sentence on the first invalid setting. */
export function validateSettings(settings: EstimateSettings): void {
  if (typeof settings !== 'object' || settings === null) {
    throw new EstimateInputError('Settings are missing; pass an object such as defaultSettings().');
  }
  if (!RUNTIMES.includes(settings.runtime)) {
    throw new EstimateInputError(`Unknown runtime "${String(settings.runtime)}"; use llama.cpp, vllm, sglang, transformers or mlx.`);
  }
  if (typeof settings.quant !== 'string' || !isKnownQuant(settings.quant)) {
    throw new EstimateInputError(
      `Unknown quantisation "${String(settings.quant)}"; use a llama.cpp file type such as Q4_K_M or a format such as bf16, fp8, int8, nf4, awq, gptq, mxfp4 or nvfp4.`,
    );
  }
  wholeNumber(settings.context, 'Context length', 1, MAX_CONTEXT, 'tokens leaves no room for a prompt');
  wholeNumber(settings.parallel, 'Parallel sequences', 1, MAX_PARALLEL, 'means nothing would run');
  if (settings.context * settings.parallel > 64 * MAX_CONTEXT) {
    throw new EstimateInputError('Context × parallel sequences is too large to be a real deployment.');
  }
  wholeNumber(settings.ubatch, 'Micro-batch (ubatch)', 1, 1 << 20, 'tokens cannot run a graph');
  wholeNumber(settings.batch, 'Batch', 1, 1 << 22, 'tokens cannot run a graph');
  wholeNumber(settings.maxBatchedTokens, 'Max batched tokens', 1, 1 << 22, 'tokens cannot run a graph');
  for (const [name, kv] of [
    ['K cache type', settings.kvTypeK],
    ['V cache type', settings.kvTypeV],
  ] as const) {
    if (!KV_TYPES.includes(kv)) {
      throw new EstimateInputError(`${name} "${String(kv)}" is not supported; use f16, bf16, q8_0, q4_0 or fp8.`);
    }
  }
  const u = settings.gpuMemoryUtilization;
  if (typeof u !== 'number' || !Number.isFinite(u) || u <= 0 || u > 1) {
    throw new EstimateInputError(`GPU memory utilisation must be above 0 and at most 1, not ${String(u)}.`);
  }
  if (settings.kvPadding !== undefined) wholeNumber(settings.kvPadding, 'KV padding', 1, 4096, 'cells is not a padding');
  if (settings.prefillTokens !== undefined) {
    wholeNumber(settings.prefillTokens, 'Prefill tokens', 1, MAX_CONTEXT, 'tokens is not a prompt');
  }
  if (settings.maxSeqs !== undefined) wholeNumber(settings.maxSeqs, 'Max sequences', 1, 65536, 'sequences cannot serve');
  const mlxProblem = settings.mlx === undefined ? null : mlxOptionsProblem(settings.mlx);
  if (mlxProblem) throw new EstimateInputError(mlxProblem);
}
