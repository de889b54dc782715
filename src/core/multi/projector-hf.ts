// A vision projector from a Hugging Face config.json's vision_config: the tower's parameters counted from
// its shapes (projector-hf-tensors.ts), its bytes at the type the runtime loads it in, the tokens one image
// becomes in the language model's context, and the encoder's compute buffer for the largest image (the
// same ViT-graph formula as for an mmproj GGUF: projectorCompute).

import type { Runtime } from '../estimate/types';
import { projectorCompute } from './projector';
import { imageTokens, type ImageTokens } from './projector-hf-tokens';
import { visionTensors, type VisionFamily, type VisionTensor, type VisionTower } from './projector-hf-tensors';

export type { VisionFamily, VisionTensor, VisionTower } from './projector-hf-tensors';
export { visionTensors } from './projector-hf-tensors';

type Json = Readonly<Record<string, unknown>>;

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A positive whole number; transformers' InternVL configs write square sizes as [h, w], read as h. */
function int(c: Json, ...keys: string[]): number | undefined {
  for (const k of keys) {
    const raw = c[k];
    const x = Array.isArray(raw) && raw.length === 2 && raw[0] === raw[1] ? (raw[0] as unknown) : raw;
    if (typeof x === 'number' && Number.isInteger(x) && x > 0) return x;
  }
  return undefined;
}

class Missing extends Error {}

function need(c: Json, ...keys: string[]): number {
  const x = int(c, ...keys);
  if (x === undefined) throw new Missing(keys[0]);
  return x;
}

/** The language model's width: text_config (Gemma 3, Mistral 3, mllama, InternVL -hf), llm_config (InternVL), or top level (Qwen2.5-VL). */
function textWidth(config: Json): number | undefined {
  for (const k of ['text_config', 'llm_config']) {
    const t = config[k];
    if (isObject(t)) {
      const w = int(t, 'hidden_size');
      if (w !== undefined) return w;
    }
  }
  return int(config, 'hidden_size');
}

function familyOf(config: Json, vc: Json): VisionFamily | null {
  const top = typeof config.model_type === 'string' ? config.model_type : '';
  const own = typeof vc.model_type === 'string' ? vc.model_type : '';
  if (top === 'gemma3' && own === 'siglip_vision_model') return 'gemma3';
  if (own === 'pixtral') return 'pixtral';
  if (top === 'qwen2_5_vl') return 'qwen2.5-vl';
  if (['qwen3_vl', 'qwen3_vl_moe', 'qwen3_5', 'qwen3_5_moe'].includes(own) || top.startsWith('qwen3_vl')) return 'qwen3-vl';
  if (top === 'mllama') return 'mllama';
  if (top === 'internvl_chat' || top === 'internvl') return 'internvl';
  return null;
}

/** The shapes that only one family has, read where that family's config keeps them. */
function familyFields(family: VisionFamily, config: Json, vc: Json, t: VisionTower): void {
  if (family === 'gemma3') {
    t.tokensPerImage = int(config, 'mm_tokens_per_image') ?? 256;
    // The 4 × 4 average pool: (896 / 14) patches per side pooled to √256 = 16 tokens per side.
    t.merge = Math.floor(t.imageSize / t.patchSize / Math.sqrt(t.tokensPerImage));
  } else if (family === 'pixtral') {
    t.merge = int(config, 'spatial_merge_size') ?? 2;
    t.projectorBias = config.multimodal_projector_bias === true;
  } else if (family === 'qwen2.5-vl' || family === 'qwen3-vl') {
    t.merge = int(vc, 'spatial_merge_size') ?? 2;
    t.temporalPatch = int(vc, 'temporal_patch_size') ?? 2;
    if (family === 'qwen3-vl') {
      t.positionEmbeddings = need(vc, 'num_position_embeddings');
      t.deepstack = Array.isArray(vc.deepstack_visual_indexes) ? vc.deepstack_visual_indexes.length : 0;
    }
  } else if (family === 'mllama') {
    t.globalLayers = int(vc, 'num_global_layers') ?? 0;
    t.maxTiles = int(vc, 'max_num_tiles') ?? 4;
    t.aspectRatios = int(vc, 'max_aspect_ratio_id') ?? 8;
    t.outputDim = int(vc, 'vision_output_dim') ?? t.width;
    t.merge = 1;
    // The language model's cross-attention layers attend to the image tokens, so they hold a KV cache
    // of those tokens (K and V, kv_heads × head_dim each) whatever the text context is.
    const tc = isObject(config.text_config) ? config.text_config : {};
    t.crossLayers = Array.isArray(tc.cross_attention_layers) ? tc.cross_attention_layers.length : 0;
    const heads = int(tc, 'num_attention_heads') ?? 1;
    t.crossKvWidth = (int(tc, 'num_key_value_heads') ?? heads) * (int(tc, 'head_dim') ?? Math.floor(t.textWidth / heads));
  } else {
    const ratio = typeof config.downsample_ratio === 'number' ? config.downsample_ratio : 0.5;
    t.merge = Math.round(1 / ratio);
    t.qkvBias = vc.qkv_bias !== false && vc.attention_bias !== false;
    t.qkNorm = vc.qk_normalization === true || vc.use_qk_norm === true;
    t.maxTiles = int(config, 'max_dynamic_patch') ?? 12;
  }
}

/**
 * The vision tower of a multimodal config.json, or null when it has none or one of a family not modelled
 * here (Gemma 3n's MobileNet, Kimi's MoonViT, Llama 4's): the caller then plans the text model alone.
 */
export function visionTowerFromHfConfig(config: unknown): VisionTower | null {
  if (!isObject(config) || !isObject(config.vision_config)) return null;
  const vc = config.vision_config;
  const family = familyOf(config, vc);
  const text = textWidth(config);
  if (family === null || text === undefined) return null;
  try {
    const t: VisionTower = {
      family,
      modelType: typeof vc.model_type === 'string' ? vc.model_type : String(config.model_type),
      layers: need(vc, 'num_hidden_layers', 'depth'),
      width: need(vc, 'hidden_size', 'embed_dim'),
      ffn: need(vc, 'intermediate_size'),
      heads: need(vc, 'num_attention_heads', 'num_heads'),
      patchSize: need(vc, 'patch_size'),
      channels: int(vc, 'num_channels', 'in_channels', 'in_chans') ?? 3,
      imageSize: int(vc, 'image_size') ?? 0,
      textWidth: text,
      merge: 1,
    };
    familyFields(family, config, vc, t);
    return t;
  } catch (e) {
    if (e instanceof Missing) return null;
    throw e;
  }
}

/** `{ vision }` for a spec when the config has a tower the planner sizes, else nothing. */
export function visionSpecFields(config: unknown): { vision?: VisionTower } {
  const vision = visionTowerFromHfConfig(config);
  return vision ? { vision } : {};
}

/** Parameters of the tower and its projector, each tensor counted once. */
export function visionParameterCount(t: VisionTower): number {
  return visionTensors(t).reduce((a, x) => a + x.shape.reduce((p, n) => p * n, 1), 0);
}

/** mmproj types llama.cpp's converter writes (--outtype f16 is the default; q8_0 on request); bf16: the checkpoint as vLLM loads it. */
export type ProjectorType = 'f16' | 'q8_0' | 'bf16';

export const PROJECTOR_TYPES: readonly ProjectorType[] = ['f16', 'q8_0', 'bf16'];

/** Q8_0: blocks of 32 values, each 32 int8 + one f16 scale = 34 bytes (ggml-common.h block_q8_0). */
const Q8_0_BLOCK = 32;
const Q8_0_BYTES = 34;

function tensorBytes(x: VisionTensor, type: ProjectorType): number {
  const n = x.shape.reduce((p, d) => p * d, 1);
  // The checkpoint as vLLM / transformers load it: every tensor in the checkpoint's bf16.
  if (type === 'bf16') return 2 * n;
  if (x.kind === 'vector' || x.kind === 'f32') return 4 * n;
  if (x.kind === 'f16') return 2 * n;
  if (x.kind === 'patch') return type === 'f16' ? 2 * n : 4 * n;
  const row = x.shape[x.shape.length - 1]!;
  // convert_hf_to_gguf falls back to F16 for a tensor whose rows are not whole Q8_0 blocks.
  if (type === 'q8_0' && row % Q8_0_BLOCK === 0) return (n / Q8_0_BLOCK) * Q8_0_BYTES;
  return 2 * n;
}

/** Bytes of the tower's tensors at `type` (tensor data only; the GGUF header adds a few hundred KB on disk). */
export function visionWeightsBytes(t: VisionTower, type: ProjectorType): number {
  return visionTensors(t).reduce((a, x) => a + tensorBytes(x, type), 0);
}

export { imageTokens, type ImageTokens } from './projector-hf-tokens';

export interface HfProjector {
  family: VisionFamily;
  parameterCount: number;
  type: ProjectorType;
  weightsBytes: number;
  tokens: ImageTokens;
  /** Encoder compute buffer for the largest image, plus mllama's cross-attention KV of the image tokens. */
  computeBytes: number;
  /** mllama only: the text model's cross-attention KV for `images` images per sequence (f16). */
  crossAttentionKvBytes: number;
  /** The figures with their formulas, for the report. */
  basis: string;
}

export interface HfProjectorOptions {
  runtime: Runtime;
  /** Defaults to f16 for llama.cpp (the mmproj llama.cpp's converter and ggml-org ship) and bf16 elsewhere. */
  type?: ProjectorType;
  flashAttention?: boolean;
  /** Images per request (mllama's cross-attention KV grows with them); at least 1 is planned for. */
  images?: number;
  parallel?: number;
}

/** The projector member's bytes for a tower when `runtime` serves the model. */
export function projectorFromHf(t: VisionTower, o: HfProjectorOptions): HfProjector {
  const type = o.type ?? (o.runtime === 'llama.cpp' ? 'f16' : 'bf16');
  const tokens = imageTokens(t, o.runtime);
  const fa = o.flashAttention ?? true;
  const n = tokens.encoderPatches;
  const encoder = projectorCompute(n, t.width, t.ffn, t.heads, fa);
  const images = Math.max(1, o.images ?? 1);
  const parallel = Math.max(1, o.parallel ?? 1);
  // K and V in f16 for every image token in every cross-attention layer, per sequence.
  const crossKv = t.family === 'mllama' ? 2 * 2 * (t.crossLayers ?? 0) * (t.crossKvWidth ?? 0) * n * images * parallel : 0;
  const parameterCount = visionParameterCount(t);
  const weightsBytes = visionWeightsBytes(t, type);
  const cross =
    crossKv > 0
      ? `; cross-attention KV ${crossKv} B = 2 × 2 B × ${t.crossLayers} layers × ${t.crossKvWidth} × ${n} image tokens × ${images} image(s) × ${parallel} sequence(s)`
      : '';
  const unsupported =
    t.family === 'mllama' && o.runtime === 'llama.cpp' ? "llama.cpp's mtmd has no mllama projector (Ollama and vLLM run it); " : '';
  const basis =
    `${unsupported}${t.modelType} vision tower + projector: ${parameterCount} parameters from the config's shapes, ${weightsBytes} B at ${type}; ` +
    `tokens per image: ${tokens.rule}; encoder compute 4 B × ${n} patches × max(6 × ${t.width}${fa ? '' : ` + 2 × ${t.heads} × ${n}`}, 3 × ${t.width} + ${t.ffn}) = ${encoder} B${cross}`;
  return {
    family: t.family,
    parameterCount,
    type,
    weightsBytes,
    tokens,
    computeBytes: encoder + crossKv,
    crossAttentionKvBytes: crossKv,
    basis,
  };
}
