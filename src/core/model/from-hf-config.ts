// Hugging Face config.json → ModelSpec. Each family's traps are handled where the family is named:
// explicit head_dim (Qwen3, Gemma, Mistral Nemo/Small, gpt-oss), Gemma 3 / Llama 4 `text_config`
// nesting, MoE width fields that differ per family, DeepSeek MLA, Falcon's non-gated MLP and fused
// LayerNorm, Cohere's single LayerNorm, and Phi-3's sliding_window artefact (ignored like runtimes do).

import type { ModelSpec, MoeSpec, SlidingWindowSpec } from './types';

export { hfQuantizationFormat } from './hf-quant-format';

import { bool, isObject, ModelImportError, num, required, type Json } from './hf-fields';
import { applyHybrid, graniteHybridMoe, lfm2Moe } from './hf-hybrid';
import { isEncoderConfig, specFromEncoderConfig } from './hf-encoder';
import { genericMoe, unmodelledShape } from './hf-unknown';
import { applyModernTraits, FAMILY_ARCH, FAMILY_TIED_BY_DEFAULT, modernMoe } from './hf-families';
import { visionSpecFields } from '../multi/projector-hf';

export { ModelImportError } from './hf-fields';

/** Maps HF model_type to llama.cpp's architecture name. */
const ARCH: Record<string, string> = {
  llama: 'llama',
  mistral: 'llama',
  mixtral: 'llama',
  qwen2: 'qwen2',
  qwen2_moe: 'qwen2moe',
  qwen3: 'qwen3',
  qwen3_moe: 'qwen3moe',
  gemma: 'gemma',
  gemma2: 'gemma2',
  gemma3: 'gemma3',
  gemma3_text: 'gemma3',
  phi3: 'phi3',
  cohere: 'command-r',
  falcon: 'falcon',
  deepseek_v2: 'deepseek2',
  deepseek_v3: 'deepseek2',
  gpt_oss: 'gpt-oss',
  llama4: 'llama4',
  llama4_text: 'llama4',
  qwen3_next: 'qwen3next',
  granitemoehybrid: 'granitehybrid',
  nemotron_h: 'nemotron_h',
  lfm2: 'lfm2',
  lfm2_moe: 'lfm2moe',
  ...FAMILY_ARCH,
};

const TIED_BY_DEFAULT = new Set(['gemma', 'gemma2', 'gemma3', 'gemma3_text', 'cohere', 'falcon']);

/** Sliding pattern from a `layer_types` list ("sliding_attention" / "full_attention"). */
function patternFromLayerTypes(types: unknown, layers: number): number | undefined {
  if (!Array.isArray(types) || types.length === 0) return undefined;
  const firstFull = types.findIndex((t) => t === 'full_attention');
  if (firstFull < 0) return types.every((t) => t === 'sliding_attention' || t === 'chunked_attention') ? 1 : undefined;
  const period = firstFull + 1;
  for (let i = 0; i < Math.min(types.length, layers); i++) {
    const shouldBeFull = (i + 1) % period === 0;
    if ((types[i] === 'full_attention') !== shouldBeFull) return undefined;
  }
  return period;
}

export interface SpecImport {
  spec: ModelSpec;
  warnings: string[];
  /** Facts about parts deliberately left out (multi-token-prediction layers); not problems with the config. */
  notes: string[];
}

/** model_type, with the multimodal wrappers resolved, and llama.cpp's architecture name for it. */
function resolveModelType(config: Json, c: Json, text: Json | undefined): { modelType: string; architecture: string; known: boolean } {
  const topType = typeof config.model_type === 'string' ? config.model_type : undefined;
  let modelType = (typeof c.model_type === 'string' ? c.model_type : topType) ?? '';
  if (text && topType === 'gemma3') modelType = 'gemma3';
  if (text && topType === 'llama4') modelType = 'llama4';
  // Kimi K2 ships DeepseekV3ForCausalLM under Moonshot's own model_type; its model card says to rename it
  // deepseek_v3 for runtimes without it, and llama.cpp converts it as deepseek2.
  if (modelType === 'kimi_k2') modelType = 'deepseek_v3';
  // Qwen3-VL's language model is Qwen3 (dense) or Qwen3-MoE with multimodal RoPE sections, which carry no weights.
  if (modelType === 'qwen3_vl_text') modelType = 'qwen3';
  if (modelType === 'qwen3_vl_moe_text') modelType = 'qwen3_moe';
  // Qwen2.5-VL keeps Qwen2's language model at the top level of its config (the ViT is in vision_config).
  if (modelType === 'qwen2_5_vl') modelType = 'qwen2';
  if (modelType === 'qwen3_5_text' || modelType === 'qwen3_5_moe_text') modelType = 'qwen3_next';
  // GLM-4.7-Flash (Glm4MoeLiteForCausalLM) is DeepSeek V3's MLA + MoE layout; llama.cpp converts it as deepseek2.
  if (modelType === 'glm4_moe_lite') modelType = 'deepseek_v3';
  // GLM-5 (GlmMoeDsaForCausalLM) is DeepSeek V3.2's MLA + lightning-indexer layout (llama.cpp glm-dsa).
  if (modelType === 'glm_moe_dsa') modelType = 'deepseek_v32';
  // Own properties only: `in` and ARCH[...] also find "constructor", "toString" and "__proto__".
  const known = Object.hasOwn(ARCH, modelType);
  return { modelType, architecture: known ? ARCH[modelType]! : 'llama', known };
}

/** Per-family structure (biases, norms, QK-norm, sinks). Returns Falcon's default FFN width when it applies. */
function applyFamily(spec: ModelSpec, modelType: string, c: Json, hidden: number, intermediate: number | undefined): number | undefined {
  switch (modelType) {
    case 'qwen2':
    case 'qwen2_moe':
      spec.bias = { qkv: true, attnOut: false, ffn: false };
      break;
    case 'qwen3':
    case 'qwen3_moe':
      spec.qkNorm = true;
      break;
    case 'gemma2':
      spec.normsPerLayer = 4;
      break;
    case 'gemma3':
    case 'gemma3_text':
      spec.normsPerLayer = 4;
      spec.qkNorm = true;
      break;
    case 'cohere':
      spec.norm = 'layer';
      spec.normsPerLayer = 1;
      if (c.use_qk_norm === true) {
        // Command R+ normalises q and k with a separate LayerNorm weight per head.
        spec.qkNorm = true;
        spec.qkNormPerHead = true;
      }
      break;
    case 'falcon': {
      spec.norm = 'layer';
      spec.normBias = true;
      spec.gatedFfn = false;
      const parallel = c.parallel_attn !== false;
      spec.normsPerLayer = c.new_decoder_architecture ? 2 : parallel ? 1 : 2;
      spec.bias = { qkv: c.bias === true, attnOut: c.bias === true, ffn: c.bias === true };
      return intermediate ?? 4 * hidden;
    }
    case 'gpt_oss':
      spec.bias = { qkv: true, attnOut: true, ffn: false };
      spec.attentionSinks = true;
      break;
    default:
      break;
  }
  return intermediate;
}

/**
 * Sliding-window attention: only the families whose runtimes really use it (Mistral v0.1's and
 * Phi-3's values are config artefacts llama.cpp ignores; Qwen gates it behind use_sliding_window).
 */
function readSliding(c: Json, modelType: string, isGemma3: boolean, layers: number): SlidingWindowSpec | undefined {
  const window = num(c, 'sliding_window', 'attention_chunk_size');
  let sliding: SlidingWindowSpec | undefined;
  if (modelType === 'gemma2' && window) sliding = { window, period: 2, kind: 'sliding' };
  if (isGemma3 && window) {
    const period = patternFromLayerTypes(c.layer_types, layers) ?? num(c, 'sliding_window_pattern') ?? 6;
    sliding = { window, period, kind: 'sliding' };
  }
  if (modelType === 'gpt_oss') {
    const period = patternFromLayerTypes(c.layer_types, layers) ?? 2;
    sliding = { window: window ?? 128, period, kind: 'sliding' };
  }
  // OLMo 3: three sliding-window layers, then one global (layer_types).
  if (modelType === 'olmo3' && window) {
    const period = patternFromLayerTypes(c.layer_types, layers);
    if (period) sliding = { window, period, kind: 'sliding' };
  }
  if (modelType === 'llama4') {
    const chunk = num(c, 'attention_chunk_size');
    if (chunk) sliding = { window: chunk, period: 4, kind: 'chunked' };
  }
  return sliding;
}

function qwenMoe(c: Json, warnings: string[]): MoeSpec {
  const sharedWidth = num(c, 'shared_expert_intermediate_size') ?? 0;
  const mlpOnly = Array.isArray(c.mlp_only_layers) ? c.mlp_only_layers.length : 0;
  if (mlpOnly > 0) warnings.push('mlp_only_layers is set: those dense layers are sized as MoE layers.');
  return {
    experts: num(c, 'num_experts') ?? 0,
    expertsActive: num(c, 'num_experts_per_tok') ?? 8,
    sharedExperts: sharedWidth > 0 ? 1 : 0,
    expertFfnSize: num(c, 'moe_intermediate_size') ?? 0,
    denseLeadingLayers: 0,
    layerStep: num(c, 'decoder_sparse_step') ?? 1,
    // Absent rather than false without a shared expert, so the spec equals one written by hand.
    ...(sharedWidth > 0 ? { sharedExpertFfnSize: sharedWidth, sharedExpertGate: true } : {}),
  };
}

/** DeepSeek V2/V3: routed and shared experts, and multi-head latent attention on the spec. */
function deepseekMoe(c: Json, spec: ModelSpec, heads: number): MoeSpec {
  const moe: MoeSpec = {
    experts: num(c, 'n_routed_experts') ?? 0,
    expertsActive: num(c, 'num_experts_per_tok') ?? 6,
    sharedExperts: num(c, 'n_shared_experts') ?? 0,
    expertFfnSize: num(c, 'moe_intermediate_size') ?? 0,
    denseLeadingLayers: num(c, 'first_k_dense_replace') ?? 0,
    layerStep: num(c, 'moe_layer_freq') ?? 1,
    ...(c.topk_method === 'noaux_tc' ? { scoreCorrectionBias: true } : {}),
  };
  const qLora = num(c, 'q_lora_rank') ?? 0;
  const kvLora = required(c, 'kv_lora_rank', 'kv_lora_rank');
  const nope = num(c, 'qk_nope_head_dim') ?? 128;
  const rope = num(c, 'qk_rope_head_dim') ?? 64;
  const vDim = num(c, 'v_head_dim') ?? 128;
  spec.mla = { kvLoraRank: kvLora, qLoraRank: qLora, qkNopeHeadDim: nope, qkRopeHeadDim: rope, vHeadDim: vDim };
  spec.headDimK = nope + rope;
  spec.headDimV = vDim;
  spec.kvHeads = heads;
  return moe;
}

/** Mixture of experts per family; Llama 4 also swaps in its dense layers' width. */
function readMoe(
  c: Json,
  modelType: string,
  spec: ModelSpec,
  intermediate: number | undefined,
  warnings: string[],
): { moe?: MoeSpec; intermediate: number | undefined } {
  switch (modelType) {
    case 'mixtral':
      return {
        moe: {
          experts: num(c, 'num_local_experts') ?? 8,
          expertsActive: num(c, 'num_experts_per_tok') ?? 2,
          sharedExperts: 0,
          expertFfnSize: intermediate ?? 0,
          denseLeadingLayers: 0,
          layerStep: 1,
        },
        intermediate,
      };
    case 'qwen2_moe':
    case 'qwen3_moe':
      return { moe: qwenMoe(c, warnings), intermediate };
    case 'qwen3_next':
      // Qwen3.5's dense sizes run the same hybrid stack with a plain gated MLP and no experts.
      return num(c, 'num_experts') === undefined ? { intermediate } : { moe: qwenMoe(c, warnings), intermediate };
    case 'granitemoehybrid':
      return graniteHybridMoe(c);
    case 'lfm2_moe':
      return { moe: lfm2Moe(c), intermediate };
    case 'nemotron_h':
      // Set by applyHybrid from the pattern string's "E" blocks.
      return { moe: spec.moe, intermediate };
    case 'deepseek_v2':
    case 'deepseek_v3':
    case 'deepseek_v32':
      return { moe: deepseekMoe(c, spec, spec.heads), intermediate };
    case 'gpt_oss':
      return {
        moe: {
          experts: num(c, 'num_local_experts', 'num_experts') ?? 32,
          expertsActive: num(c, 'num_experts_per_tok', 'experts_per_token') ?? 4,
          sharedExperts: 0,
          expertFfnSize: intermediate ?? 0,
          denseLeadingLayers: 0,
          layerStep: 1,
          expertBias: true,
          routerBias: true,
        },
        intermediate,
      };
    case 'llama4':
      return {
        moe: {
          experts: num(c, 'num_local_experts') ?? 16,
          expertsActive: num(c, 'num_experts_per_tok') ?? 1,
          sharedExperts: 1,
          expertFfnSize: intermediate ?? 0,
          // Llama4TextMoe builds its shared expert with the routed experts' intermediate_size.
          sharedExpertFfnSize: intermediate ?? 0,
          denseLeadingLayers: 0,
          layerStep: num(c, 'interleave_moe_layer_step') ?? 1,
        },
        intermediate: num(c, 'intermediate_size_mlp') ?? intermediate,
      };
    case 'glm4_moe':
    case 'minimax_m2':
    case 'ernie4_5_moe':
    case 'hunyuan_v1_moe':
      return { moe: modernMoe(modelType, c, intermediate), intermediate };
    default:
      // Unknown families: experts under the common field names, so an unknown MoE is not priced as a small dense model.
      return Object.hasOwn(ARCH, modelType) ? { intermediate } : { moe: genericMoe(c), intermediate };
  }
}

/** The dense FFN width where dense layers exist; a MoE-only model keeps 0 (DeepSeek keeps its value). */
function setDenseWidth(spec: ModelSpec, c: Json, modelType: string, moe: MoeSpec | undefined, intermediate: number | undefined): void {
  const needsDense = !moe || moe.denseLeadingLayers > 0 || moe.layerStep > 1;
  if (needsDense) {
    if (intermediate === undefined) required(c, 'intermediate_size', 'intermediate_size');
    spec.intermediateSize = intermediate ?? 0;
  } else {
    spec.intermediateSize = modelType.startsWith('deepseek_v') ? (intermediate ?? 0) : 0;
  }
  if (spec.intermediateSize <= 0 && needsDense) {
    throw new ModelImportError('The config field "intermediate_size" is missing or zero, so the feed-forward layers cannot be sized.');
  }
}

/** Gemma3TextConfig defaults apply when a multimodal text_config leaves fields out. */
function gemma3Defaults(c: Json): void {
  c.num_attention_heads ??= 8;
  c.num_key_value_heads ??= 4;
  c.head_dim ??= 256;
  c.vocab_size ??= 262208;
  c.sliding_window ??= 4096;
  c.max_position_embeddings ??= 131072;
}

/** Puts every "approximated because …" on the spec and in the warnings; returns the notes on parts left out. */
function recordUnmodelled(spec: ModelSpec, c: Json, modelType: string, known: boolean, warnings: string[]): string[] {
  const unmodelled = unmodelledShape(c, modelType, known, spec);
  // Family importers may already have added their own (and warned about them).
  const approximations = [...(spec.approximations ?? []), ...unmodelled.approximations];
  if (approximations.length > 0) spec.approximations = approximations;
  for (const a of unmodelled.approximations) warnings.push(a);
  return unmodelled.notes;
}

export function specFromHfConfig(config: unknown, opts: { id?: string; name?: string } = {}): SpecImport {
  if (!isObject(config)) {
    throw new ModelImportError('The config is not a JSON object, so no model architecture can be read from it.');
  }
  if (isEncoderConfig(config)) return specFromEncoderConfig(config, opts);
  const warnings: string[] = [];
  // Multimodal wrappers (Gemma 3, Llama 4, Mistral 3) keep the language model in text_config.
  const text = isObject(config.text_config) ? config.text_config : undefined;
  const c: Json = text ? { ...config, ...text } : { ...config };
  const { modelType, architecture, known } = resolveModelType(config, c, text);
  const isGemma3 = modelType === 'gemma3' || modelType === 'gemma3_text';
  if (isGemma3) gemma3Defaults(c);

  const hidden = required(c, 'hidden_size', 'hidden_size', 'n_embd', 'd_model');
  const layers = required(c, 'num_hidden_layers', 'num_hidden_layers', 'n_layer', 'num_layers');
  const heads = required(c, 'num_attention_heads', 'num_attention_heads', 'n_head', 'num_heads');
  const vocab = required(c, 'vocab_size', 'vocab_size', 'padded_vocab_size');
  let kvHeads = num(c, 'num_key_value_heads', 'num_kv_heads', 'n_head_kv') ?? heads;
  if (modelType === 'falcon' && num(c, 'num_kv_heads') === undefined && c.multi_query !== false && !c.new_decoder_architecture) {
    kvHeads = 1; // Falcon-7B: multi_query defaults to true.
  }
  const headDim = num(c, 'head_dim', 'head_size') ?? Math.floor(hidden / heads);
  // MLA models take their head sizes from qk_nope/qk_rope/v_head_dim, so hidden / heads does not matter there.
  if (!Number.isInteger(hidden / heads) && num(c, 'head_dim') === undefined && num(c, 'kv_lora_rank') === undefined) {
    warnings.push(
      `hidden_size ${hidden} is not a multiple of ${heads} heads and no head_dim is given; head_dim was rounded down to ${headDim}.`,
    );
  }
  const nameOrPath = typeof c._name_or_path === 'string' && c._name_or_path ? c._name_or_path : null;
  const attnBias = bool(c, 'attention_bias') ?? false;
  const spec: ModelSpec = {
    id: opts.id ?? nameOrPath ?? `hf-${modelType || 'model'}`,
    name: opts.name ?? opts.id ?? nameOrPath ?? `Imported ${modelType || 'model'}`,
    architecture,
    layers,
    hiddenSize: hidden,
    intermediateSize: 0,
    heads,
    kvHeads,
    headDimK: headDim,
    headDimV: headDim,
    vocabSize: vocab,
    tiedEmbeddings:
      bool(c, 'tie_word_embeddings') ??
      bool(config, 'tie_word_embeddings') ??
      (TIED_BY_DEFAULT.has(modelType) || FAMILY_TIED_BY_DEFAULT.has(modelType)),
    maxContext:
      num(c, 'max_position_embeddings', 'max_sequence_length', 'seq_length', 'n_positions') ?? (modelType === 'falcon' ? 2048 : 4096),
    gatedFfn: true,
    bias: { qkv: attnBias, attnOut: attnBias, ffn: bool(c, 'mlp_bias') ?? false },
    norm: 'rms',
    normsPerLayer: 2,
    qkNorm: false,
    basis: 'config',
  };

  let intermediate = applyFamily(spec, modelType, c, hidden, num(c, 'intermediate_size', 'ffn_hidden_size', 'n_inner', 'ffn_dim'));
  intermediate = applyHybrid(spec, modelType, c, intermediate, warnings);
  intermediate = applyModernTraits(spec, modelType, c, intermediate);
  const sliding = readSliding(c, modelType, isGemma3, layers);
  if (sliding) spec.slidingWindow = sliding;
  const read = readMoe(c, modelType, spec, intermediate, warnings);
  const moe = read.moe;
  intermediate = read.intermediate;
  if (moe) {
    if (!(moe.experts > 1) || !(moe.expertFfnSize > 0)) {
      throw new ModelImportError(
        `The ${modelType} config has no usable expert count or expert width, so its mixture-of-experts layers cannot be sized.`,
      );
    }
    spec.moe = moe;
  }
  setDenseWidth(spec, c, modelType, moe, intermediate);
  const notes = recordUnmodelled(spec, c, modelType, known, warnings);
  Object.assign(spec, visionSpecFields(config));
  if (kvHeads <= 0 || heads % kvHeads !== 0) {
    if (!spec.mla) warnings.push(`num_key_value_heads ${kvHeads} does not divide num_attention_heads ${heads}; check the config.`);
  }
  return { spec, warnings, notes };
}
