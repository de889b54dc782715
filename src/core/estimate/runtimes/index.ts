// The runtimes the engine knows, by name. Adding one (SGLang, MLX) is a file beside these and a line here.

import type { Runtime } from '../types';
import { llamaCpp } from './llamacpp';
import { mlx } from './mlx';
import { sglang } from './sglang';
import { transformers } from './transformers';
import type { RuntimeRules } from './types';
import { vllm } from './vllm';

export const RUNTIME_RULES: Record<Runtime, RuntimeRules> = {
  'llama.cpp': llamaCpp,
  vllm,
  transformers,
  sglang,
  mlx,
};

export { CUDA_CONTEXT_BYTES, VLLM_NON_TORCH_BYTES, floatBytesOfFormat } from './types';
export type { RuntimeParts, RuntimeRules } from './types';
