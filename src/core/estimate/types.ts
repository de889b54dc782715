// The contract between the memory engine (estimate/) and its consumers (advice/, plan/, UI, CLI).
// Bytes everywhere; every component carries the basis a user can read.

import type { ModelSpec } from '../model/types';

export type Runtime = 'llama.cpp' | 'vllm' | 'transformers' | 'sglang' | 'mlx';

/** KV cache element types a runtime can store (llama.cpp -ctk/-ctv names; fp8 for vLLM). */
export type KvCacheType = 'f32' | 'f16' | 'bf16' | 'q8_0' | 'q4_0' | 'q4_1' | 'q5_0' | 'q5_1' | 'iq4_nl' | 'fp8';

/** One tensor as the engine sees it: exact when it comes from a GGUF or safetensors header. */
export interface TensorInfo {
  name: string;
  /** ggml order (innermost first), as GGUF stores it. */
  shape: number[];
  /** ggml type name ("Q4_K", "F16") or a safetensors dtype mapped to one ("BF16", "F8_E4M3" → "F8"). */
  type: string;
  bytes: number;
  /** Layer index for blk.N.* tensors, null for token_embd / output / final norm. */
  layer: number | null;
}

export interface ModelInput {
  spec: ModelSpec;
  /** Exact tensor list (GGUF header, safetensors headers). When absent it is derived from the spec. */
  tensors?: TensorInfo[];
}

export interface EstimateSettings {
  runtime: Runtime;
  /** llama.cpp file type ("F16", "Q8_0", "Q4_K_M", ...) or HF format ("bf16", "fp8", "int8", "nf4", "awq", "gptq", "mlx-4bit"). Ignored when tensors are exact. */
  quant: string;
  /** Context per sequence, in tokens. */
  context: number;
  /** Parallel sequences (llama.cpp -np, vLLM concurrent requests). */
  parallel: number;
  kvTypeK: KvCacheType;
  kvTypeV: KvCacheType;
  flashAttention: boolean;
  /** llama.cpp -ub (physical batch); also scales vLLM's profile batch through maxBatchedTokens. */
  ubatch: number;
  /** llama.cpp -b (logical batch). */
  batch: number;
  /** vLLM --gpu-memory-utilization (0 < x ≤ 1). */
  gpuMemoryUtilization: number;
  /** vLLM --max-num-batched-tokens. */
  maxBatchedTokens: number;
  /** llama.cpp --swa-full: keep a full-context cache for sliding-window layers too (forks do this). */
  swaFull?: boolean;
  /**
   * llama.cpp --kv-unified: one cache stream shared by all sequences (n_ctx = context × parallel) instead
   * of one stream per sequence (node-llama-cpp's default, assumed when absent).
   */
  kvUnified?: boolean;
  /** Cells the KV context is padded to (llama.cpp: 256 on current builds; older builds 32). */
  kvPadding?: number;
  /** transformers: prompt tokens processed in one forward pass (prefill); defaults to `context`. */
  prefillTokens?: number;
  /** GGUF recipes: whether llama-quantize had an importance matrix (default: yes for IQ types only). */
  imatrix?: boolean;
  /**
   * GPU backend the device buffers are sized for; CUDA/ROCm flash attention adds f16 copies of one
   * layer's quantised K/V. Absent: assumed CUDA.
   */
  backend?: 'cuda' | 'rocm' | 'metal' | 'vulkan' | 'sycl' | 'cpu';
  /** vLLM --max-num-seqs (sequences the sampler is profiled with); default 256. */
  maxSeqs?: number;
  /** vLLM's release ("0.11.2"): 0.11.1–0.16 sort the vocabulary to sample (vllm-profile.ts). Absent: the newest. */
  vllmRelease?: string;
  /** MLX (mlx_lm.generate / mlx_lm.server, LM Studio's MLX engine): options beyond the common ones. */
  mlx?: MlxOptions;
}

/** mlx_lm's memory options; absent fields take mlx_lm's defaults. */
export interface MlxOptions {
  /** --kv-bits: quantise the KV cache (affine, 2–8 bits); absent: the model dtype (or q8_0/q4_0 as kvTypeK). */
  kvBits?: number;
  /** --kv-group-size (default 64). */
  kvGroupSize?: number;
  /** --quantized-kv-start: tokens kept in the model dtype before the cache is quantised (generate CLI: 5000). */
  quantizedKvStart?: number;
  /** --max-kv-size: a rotating cache of this many tokens per sequence (absent: the cache grows with the context). */
  maxKvSize?: number;
  /** --prefill-step-size: prompt tokens per forward pass (default 2048). */
  prefillStepSize?: number;
  /** mlx_lm.server --prompt-cache-bytes: bytes of finished requests' KV caches kept for reuse. */
  promptCacheBytes?: number;
}

export interface Component {
  bytes: number;
  /** One sentence: which formula or measurement produced the figure. */
  basis: string;
}

export interface WeightsBreakdown extends Component {
  /** Bytes of each repeating block (blk.N), index = layer. */
  perLayer: number[];
  /** Input embedding table: llama.cpp keeps it in host memory even with every layer offloaded. */
  tokenEmbedding: number;
  /**
   * Output projection (lm_head) bytes on the device. When embeddings are tied, vLLM/transformers reuse
   * the embedding (0 here), while llama.cpp keeps the input table in host memory and uploads the same
   * matrix again as the output layer, so it appears here and in `bytes` a second time.
   */
  output: number;
  /** Final norm and other small non-layer tensors. */
  other: number;
  /** Sum of the tensors as stored (the file's tensor data); `bytes` adds llama.cpp's tied-output copy. */
  fileBytes?: number;
  /** Bytes per tensor type, e.g. { Q4_K: ..., Q6_K: ..., F32: ... }. */
  byType: Record<string, number>;
  /** True when the sizes are the file's own tensor table (GGUF / safetensors header), not a recipe. */
  fromFile: boolean;
  /** Effective bits per weight over all weights. */
  bitsPerWeight: number;
  parameterCount: number;
  activeParameterCount: number;
}

export interface KvBreakdown extends Component {
  perLayer: number[];
  /** Context actually allocated per sequence after the runtime's padding. */
  contextAllocated: number;
  /** Bytes one more token of context costs across all layers (for full-attention layers). */
  bytesPerToken: number;
  /** Cells each sliding-window layer keeps per sequence (0 when the model has none). */
  slidingCells?: number;
  /** Fixed bytes that do not grow with context (sliding-window and recurrent layers). */
  fixedBytes?: number;
}

export interface ComputeBreakdown extends Component {
  /** Graph buffer on the (first/main) GPU. */
  device: number;
  /** Small host-side buffer (inputs, CPU-side graph pieces). */
  host: number;
  /**
   * llama.cpp with nothing offloaded: the single CPU compute buffer (inputs and graph together, no
   * device copies of the mask). Absent for other runtimes.
   */
  cpu?: number;
  /** Tokens per graph evaluation the figure was sized for (llama.cpp n_ubatch, vLLM batched tokens). */
  tokens?: number;
}

export type UncertaintyBasis = ModelSpec['basis'];

export interface Estimate {
  model: ModelSpec;
  settings: EstimateSettings;
  /** Human label of what the quant means concretely ("Q4_K_M (mix of Q4_K, Q6_K)"). */
  quantLabel: string;
  weights: WeightsBreakdown;
  kvCache: KvBreakdown;
  compute: ComputeBreakdown;
  /** Output/logits buffer (llama.cpp: n_vocab × n_outputs × 4 B per sequence). */
  outputBuffer: Component;
  /** Per-GPU runtime context and allocator slack (CUDA/ROCm context, vLLM non-torch memory). */
  overheadPerGpu: Component;
  /** weights + kv + compute + output + one GPU's overhead, for a single device holding everything. */
  totalBytes: number;
  /** Band around totalBytes that depends on the basis: low / high are byte bounds, relative the ± fraction. */
  band: { low: number; high: number; relative: number; basis: UncertaintyBasis };
  /** The article's P × Q/8 × 1.2 for comparison, in bytes (decimal GB when shown). */
  seedFormula: { bytes: number; bits: number; parameters: number };
  /** vLLM only: what the runtime reserves and what is left for KV on a given budget is the advisor's job. */
  vllm?: { activationPeakBytes: number; nonTorchBytes: number; kvBytesPerToken: number; blockSize: number };
  warnings: string[];
}
