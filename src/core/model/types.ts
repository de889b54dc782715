// The architecture facts the memory engine needs to list every tensor of a decoder-only LLM.
// One ModelSpec serves every source: the built-in catalog, a Hugging Face config.json, a GGUF header
// or a bare parameter count (the article's generic P). Field names follow the meaning, not any one file
// format; the importers translate.

import type { VisionTower } from '../multi/projector-hf-tensors';

/** Where the numbers of a spec came from; decides the uncertainty band of an estimate. */
export type ModelBasis = 'gguf' | 'safetensors' | 'config' | 'catalog' | 'parameters';

export type NormKind = 'rms' | 'layer';

/**
 * How attention layers alternate. Mirrors llama.cpp's "swa pattern": in every group of `period`
 * layers the first `period - 1` use the local window and the last one is global (full). Gemma 3 is
 * period 6, Gemma 2 and gpt-oss period 2, Llama 4 chunked attention period 4.
 */
export interface SlidingWindowSpec {
  /** Tokens each local layer attends to (Gemma 2: 4096, Gemma 3: 1024 or 512, gpt-oss: 128). */
  window: number;
  /** Layers per group; the last layer of each group is global. 1 means every layer is local. */
  period: number;
  /** 'sliding' keeps the last `window` tokens; 'chunked' (Llama 4) attends within fixed chunks. */
  kind: 'sliding' | 'chunked';
}

/** DeepSeek-V2/V3 multi-head latent attention: the cache holds a compressed latent per token. */
export interface MlaSpec {
  kvLoraRank: number;
  /** 0 when queries are not low-rank (DeepSeek-V2-Lite). */
  qLoraRank: number;
  qkNopeHeadDim: number;
  qkRopeHeadDim: number;
  vHeadDim: number;
}

export interface MoeSpec {
  experts: number;
  /** Experts routed per token. */
  expertsActive: number;
  /** Always-on shared experts (DeepSeek, Qwen2-MoE, Llama 4); 0 when none. */
  sharedExperts: number;
  /** FFN width of one routed expert. */
  expertFfnSize: number;
  /** FFN width of one shared expert; defaults to expertFfnSize. */
  sharedExpertFfnSize?: number;
  /** Leading layers that use the dense FFN (`intermediateSize`) instead of experts (DeepSeek: 3). */
  denseLeadingLayers: number;
  /** Every `layerStep`-th layer is MoE, the others dense (Llama 4 Maverick: 2). 1 = all layers. */
  layerStep: number;
  /** Explicit MoE layers where a pattern string places them (Nemotron-H's "E" blocks); overrides the two rules above. */
  layers?: number[];
  /** Routed experts carry biases (gpt-oss). */
  expertBias?: boolean;
  /** Qwen2-MoE gates its shared expert with a scalar projection (h × 1). */
  sharedExpertGate?: boolean;
  /** The router carries a bias vector of `experts` (gpt-oss). */
  routerBias?: boolean;
  /** DeepSeek-V3's e_score_correction_bias: one value per expert per MoE layer. */
  scoreCorrectionBias?: boolean;
}

/**
 * The token mixer of a recurrent layer, sized the way llama.cpp loads it (src/models/*.cpp):
 * Mamba-2 (Granite 4 hybrid, Nemotron-H), gated DeltaNet linear attention (Qwen3-Next) or LFM2's
 * short gated convolution.
 */
export type RecurrentMixer =
  | {
      kind: 'mamba2';
      /** Convolution kernel (mamba_d_conv / conv_kernel). */
      dConv: number;
      /** mamba_expand × hidden, or heads × head_dim. */
      dInner: number;
      /** mamba_d_state / ssm_state_size. */
      dState: number;
      nGroup: number;
      /** SSM heads (mamba_n_heads). */
      nHead: number;
      /** The conv1d carries a bias vector (mamba_conv_bias / use_conv_bias). */
      convBias: boolean;
    }
  | {
      kind: 'gated-deltanet';
      dConv: number;
      headKDim: number;
      headVDim: number;
      kHeads: number;
      vHeads: number;
    }
  | {
      kind: 'shortconv';
      /** conv_L_cache: the kernel length; the state keeps L − 1 columns of n_embd. */
      lCache: number;
    };

/** Fixed-size per-sequence state of recurrent / linear-attention layers (Mamba, RWKV, hybrids). */
export interface RecurrentSpec {
  /** Indices of the layers that are recurrent instead of attention. */
  layers: number[];
  /** Elements of state held per layer per sequence (conv + ssm state), stored as f32 by llama.cpp. */
  stateElementsPerLayer: number;
  /** What the recurrent layers compute; absent when only the state size is known (a GGUF of an unknown family). */
  mixer?: RecurrentMixer;
}

/**
 * Encoder-only embedding and reranker models (BERT, XLM-RoBERTa, NomicBERT, Jina v3): bidirectional
 * attention, LayerNorm with biases, no output head, so llama.cpp allocates no KV cache and every input
 * is one micro-batch. Fields are what the tensor list needs beyond the decoder's.
 */
export interface EncoderSpec {
  /** Rows of the learned position table as the GGUF holds it (RoBERTa: max_position_embeddings − 2); 0 with rotary positions. */
  positions: number;
  /** Rows of the token-type table (type_vocab_size); XLM-RoBERTa has 1, BERT 2. */
  tokenTypes: number;
  /** q, k and v in one attn_qkv tensor (NomicBERT's Wqkv). */
  fusedQkv: boolean;
  /** Sequence-classification head (rerankers): a dense h × h layer then `labels` outputs, llama.cpp's cls / cls.output. */
  classifier?: { labels: number };
  /**
   * Parameters the checkpoint holds that llama.cpp's converter drops (the BERT pooler's dense h × h + h, RoBERTa's two padding position rows):
   * counted in the parameter total, never priced as weights.
   */
  unloadedParameters: number;
}

/** DeepSeek V3.2's lightning indexer: a small extra attention that picks the top-k tokens per query. */
export interface IndexerSpec {
  heads: number;
  headDim: number;
  /** Tokens each query keeps (index_topk). */
  topK: number;
}

export interface ModelSpec {
  /** Stable id: catalog id, or a synthetic one for imported files. */
  id: string;
  name: string;
  /** llama.cpp architecture name where one exists ("llama", "qwen2", "gemma3", "qwen3moe", ...). */
  architecture: string;
  layers: number;
  hiddenSize: number;
  /** Dense FFN width (for MoE models: the width of dense layers, if any). */
  intermediateSize: number;
  heads: number;
  /** KV heads; a per-layer array where layers differ (Nemotron-style). */
  kvHeads: number | number[];
  /** Key head dimension (explicit head_dim; not always hidden/heads). */
  headDimK: number;
  /** Value head dimension (equals headDimK except for MLA and a few others). */
  headDimV: number;
  vocabSize: number;
  tiedEmbeddings: boolean;
  /** Maximum context the model was trained/configured for. */
  maxContext: number;
  /** Gated FFN (SwiGLU/GeGLU: gate, up, down) vs plain two-matrix MLP (GPT-2, Falcon-7B). */
  gatedFfn: boolean;
  /** Bias vectors present: on q/k/v (Qwen2), on the attention output, on FFN matrices. */
  bias: { qkv: boolean; attnOut: boolean; ffn: boolean };
  norm: NormKind;
  /** LayerNorm with a bias vector next to each norm weight (Falcon-7B); Cohere's LayerNorm has none. */
  normBias?: boolean;
  /** Norm vectors per layer: 2 for Llama-like, 4 for Gemma 2/3, 1 for Cohere/parallel blocks. */
  normsPerLayer: number;
  /** Per-head RMS norm on q and k (Qwen3, Gemma 3, OLMo 2). */
  qkNorm: boolean;
  /** The q/k norm weights differ per head ([head_dim, heads] and [head_dim, kv_heads]: Command R+). */
  qkNormPerHead?: boolean;
  /** One q/k norm over the whole projection ([heads·head_dim] and [kv_heads·head_dim]: OLMo 2, MiniMax-M2). */
  qkNormFull?: boolean;
  /** Attention sinks: one learned scalar per head per layer (gpt-oss). */
  attentionSinks?: boolean;
  slidingWindow?: SlidingWindowSpec;
  mla?: MlaSpec;
  moe?: MoeSpec;
  recurrent?: RecurrentSpec;
  /**
   * Dense FFN width per layer where layers differ (Nemotron-H: 0 on its Mamba-2 and attention blocks,
   * which carry no FFN). Overrides `intermediateSize` for non-MoE layers.
   */
  ffnPerLayer?: number[];
  /** The query projection also emits a per-head output gate, doubling its width (Qwen3-Next). */
  attnOutputGate?: boolean;
  /** Encoder-only embedding / reranker model; absent for decoders. */
  encoder?: EncoderSpec;
  /** Sparse-attention indexer with its own key cache (DeepSeek V3.2). */
  indexer?: IndexerSpec;
  /**
   * Layers, from the first, that keep their own KV cache; later layers reuse an earlier layer's
   * (Gemma 3n: num_hidden_layers − num_kv_shared_layers = 20). Absent: every attention layer has one.
   */
  kvLayers?: number;
  /** Gemma 3n's AltUp streams, LAuReL rank and per-layer input width (hidden_size_per_layer_input). */
  altup?: { inputs: number; laurelRank: number; perLayerWidth: number };
  /**
   * Multi-token-prediction layers shipped in the checkpoint beyond `layers` (GLM-4.5, DeepSeek V3,
   * Qwen3-Next). Not in the tensor list: llama.cpp skips them unless asked to draft with them, vLLM
   * loads them only for speculative decoding, transformers ignores them.
   */
  mtpLayers?: number;
  /**
   * "Approximated because …" sentences: parts of the source this spec could not model (an unknown
   * family, recurrent layers it cannot place, an indexer). Empty or absent when the spec is exact to its source.
   */
  approximations?: string[];
  /**
   * Exact parameter count when a source states it (GGUF tensor sum, safetensors total). When absent,
   * the count is computed from the tensor inventory.
   */
  parameterCountOverride?: number;
  /**
   * The vision tower of a multimodal checkpoint (config.json vision_config), planned as a projector member
   * beside the text model; the text counts above never include it.
   */
  vision?: VisionTower;
  basis: ModelBasis;
}
