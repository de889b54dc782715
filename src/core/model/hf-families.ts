// config.json → ModelSpec for the 2025–26 attention families: GLM-4.5/4.6, MiniMax-M2, ERNIE 4.5,
// Hunyuan, Seed-OSS, SmolLM3, OLMo 2/3 and DeepSeek V3.2's sparse-attention indexer. Field names are
// those of each family's transformers configuration_*.py; tensor shapes follow llama.cpp's loaders
// (src/models/*.cpp), which is where each trait below is checked.

import { num, type Json } from './hf-fields';
import type { ModelSpec, MoeSpec } from './types';

/** model_type → llama.cpp architecture name (llama-arch.cpp). OLMo 3 converts to the olmo2 architecture. */
export const FAMILY_ARCH: Record<string, string> = {
  glm4_moe: 'glm4moe',
  minimax_m2: 'minimax-m2',
  smollm3: 'smollm3',
  ernie4_5: 'ernie4_5',
  ernie4_5_moe: 'ernie4_5-moe',
  hunyuan_v1_dense: 'hunyuan-dense',
  hunyuan_v1_moe: 'hunyuan-moe',
  seed_oss: 'seed_oss',
  olmo2: 'olmo2',
  olmo3: 'olmo2',
  deepseek_v32: 'deepseek32',
  gemma3n: 'gemma3n',
  gemma3n_text: 'gemma3n',
  // Llama 3.2 Vision's language model: llama.cpp dropped mllama, so the name is transformers' own.
  mllama_text_model: 'mllama',
};

/** Families whose config leaves tie_word_embeddings out while their checkpoints tie (transformers' defaults). */
export const FAMILY_TIED_BY_DEFAULT = new Set([
  'ernie4_5',
  'ernie4_5_moe',
  'hunyuan_v1_dense',
  'hunyuan_v1_moe',
  'smollm3',
  'gemma3n',
  'gemma3n_text',
]);

/** A scalar field, or the first entry of a per-layer list (Hunyuan writes moe_topk: [8, 8, …]). */
function first(c: Json, key: string): number | undefined {
  const v = c[key];
  if (Array.isArray(v) && typeof v[0] === 'number') return v[0];
  return num(c, key);
}

/** Per-layer widths (Gemma 3n writes intermediate_size as a list): the ffnPerLayer array and the widest. */
function perLayerWidths(spec: ModelSpec, v: unknown): number | undefined {
  if (!Array.isArray(v) || v.length !== spec.layers || !v.every((x): x is number => typeof x === 'number' && x > 0)) return undefined;
  if (v.some((x) => x !== v[0])) spec.ffnPerLayer = v;
  return v.reduce((a, b) => Math.max(a, b), 0);
}

/**
 * Gemma 3n (E2B/E4B): Gemma 3's four norms and QK-norm, a 4:1 sliding pattern, the last
 * num_kv_shared_layers reusing earlier KV, AltUp/LAuReL on every layer and a per-layer embedding table.
 * llama.cpp converts only the per-layer vocabulary (vocab_size_per_layer_input), so both tables use it.
 */
function gemma3n(spec: ModelSpec, c: Json, intermediate: number | undefined): number | undefined {
  spec.normsPerLayer = 4;
  spec.qkNorm = true;
  spec.vocabSize = num(c, 'vocab_size_per_layer_input') ?? spec.vocabSize;
  const shared = num(c, 'num_kv_shared_layers') ?? 0;
  if (shared > 0) spec.kvLayers = spec.layers - shared;
  const window = num(c, 'sliding_window');
  const types = Array.isArray(c.layer_types) ? c.layer_types : [];
  const firstFull = types.indexOf('full_attention');
  if (window) spec.slidingWindow = { window, period: firstFull >= 0 ? firstFull + 1 : 5, kind: 'sliding' };
  spec.altup = {
    inputs: num(c, 'altup_num_inputs') ?? 4,
    laurelRank: num(c, 'laurel_rank') ?? 64,
    perLayerWidth: num(c, 'hidden_size_per_layer_input') ?? 256,
  };
  return intermediate ?? perLayerWidths(spec, c.intermediate_size);
}

/** Biases, norms and QK-norm per family; returns the dense FFN width (Gemma 3n reads a per-layer list). */
export function applyModernTraits(spec: ModelSpec, modelType: string, c: Json, intermediate: number | undefined): number | undefined {
  switch (modelType) {
    case 'gemma3n':
    case 'gemma3n_text':
      return gemma3n(spec, c, intermediate);
    case 'mllama_text_model': {
      // Its cross_attention_layers attend to the image tokens only: they cache no text tokens, so the
      // context's KV is that of the other layers (the image tokens' KV is counted with the projector).
      const cross = Array.isArray(c.cross_attention_layers) ? c.cross_attention_layers.length : 0;
      if (cross > 0) spec.kvLayers = spec.layers - cross;
      break;
    }
    case 'glm4_moe':
      // Glm4MoeAttention: q/k/v carry attention_bias, o_proj never; QK-norm only on GLM-4.5 (355B).
      spec.bias = { qkv: c.attention_bias === true, attnOut: false, ffn: false };
      spec.qkNorm = c.use_qk_norm === true;
      break;
    case 'minimax_m2':
      // qk_norm_type "per_layer": one RMSNorm over all heads' q (and k) at once.
      spec.qkNorm = c.use_qk_norm !== false;
      spec.qkNormFull = true;
      break;
    case 'hunyuan_v1_dense':
    case 'hunyuan_v1_moe':
      spec.qkNorm = c.use_qk_norm !== false;
      break;
    case 'seed_oss':
      spec.bias = { qkv: c.attention_bias !== false, attnOut: c.attention_out_bias === true, ffn: c.mlp_bias === true };
      break;
    case 'olmo2':
    case 'olmo3':
      // OLMo 2 normalises after attention and after the FFN, and q/k over the whole projection.
      spec.qkNorm = true;
      spec.qkNormFull = true;
      break;
    case 'deepseek_v32': {
      const heads = num(c, 'index_n_heads');
      const headDim = num(c, 'index_head_dim');
      if (heads && headDim) spec.indexer = { heads, headDim, topK: num(c, 'index_topk') ?? 2048 };
      break;
    }
    default:
      break;
  }
  return intermediate;
}

/** GLM-4.5: DeepSeek-style routed + shared experts after first_k_dense_replace dense layers, with the score-correction bias. */
function glmMoe(c: Json): MoeSpec {
  const width = num(c, 'moe_intermediate_size') ?? 0;
  const shared = num(c, 'n_shared_experts') ?? 0;
  return {
    experts: num(c, 'n_routed_experts') ?? 0,
    expertsActive: num(c, 'num_experts_per_tok') ?? 8,
    sharedExperts: shared,
    expertFfnSize: width,
    denseLeadingLayers: num(c, 'first_k_dense_replace') ?? 0,
    layerStep: 1,
    // llama.cpp's glm4moe loader requires ffn_exp_probs_b on every MoE layer.
    scoreCorrectionBias: true,
  };
}

/** ERNIE 4.5 MoE: moe_* fields; the shared experts together are moe_num_shared_experts × moe_intermediate_size wide. */
function ernieMoe(c: Json): MoeSpec {
  return {
    experts: first(c, 'moe_num_experts') ?? 0,
    expertsActive: num(c, 'moe_k') ?? 8,
    sharedExperts: num(c, 'moe_num_shared_experts') ?? 0,
    expertFfnSize: first(c, 'moe_intermediate_size') ?? 0,
    denseLeadingLayers: num(c, 'moe_layer_start_index') ?? 0,
    layerStep: num(c, 'moe_layer_interval') ?? 1,
    ...(c.moe_use_aux_free === true ? { scoreCorrectionBias: true } : {}),
  };
}

/** Hunyuan MoE: per-layer lists of top-k and shared count; its shared MLP is intermediate_size wide. */
function hunyuanMoe(c: Json): MoeSpec {
  const shared = first(c, 'num_shared_expert') ?? 1;
  return {
    experts: first(c, 'num_experts') ?? 0,
    expertsActive: first(c, 'moe_topk') ?? 8,
    sharedExperts: shared,
    expertFfnSize: first(c, 'moe_intermediate_size') ?? num(c, 'intermediate_size') ?? 0,
    ...(shared > 0 ? { sharedExpertFfnSize: num(c, 'intermediate_size') ?? 0 } : {}),
    denseLeadingLayers: 0,
    layerStep: 1,
  };
}

/** The mixture of experts of a modern family, when it has one; `undefined` for dense families. */
export function modernMoe(modelType: string, c: Json, intermediate: number | undefined): MoeSpec | undefined {
  switch (modelType) {
    case 'glm4_moe':
      return glmMoe(c);
    case 'minimax_m2':
      return {
        experts: num(c, 'num_local_experts') ?? 0,
        expertsActive: num(c, 'num_experts_per_tok') ?? 8,
        sharedExperts: 0,
        expertFfnSize: intermediate ?? 0,
        denseLeadingLayers: 0,
        layerStep: 1,
        ...(c.use_routing_bias !== false ? { scoreCorrectionBias: true } : {}),
      };
    case 'ernie4_5_moe':
      return ernieMoe(c);
    case 'hunyuan_v1_moe':
      return hunyuanMoe(c);
    default:
      return undefined;
  }
}
