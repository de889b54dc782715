// The tensors of a vision tower and its projector, by family, from the shapes in an HF config.json's
// vision_config. Each list mirrors the module tree of the Hugging Face modeling code named per family (the
// same tensors the checkpoint's safetensors hold and llama.cpp's convert_hf_to_gguf.py writes to the
// mmproj GGUF), so the parameter count is the checkpoint's and the bytes follow the converter's type rules.

/**
 * How convert_hf_to_gguf.py types a tensor of an mmproj file:
 * - vector: 1-D (norms, biases, gates, class embedding): always F32 (ModelBase keeps n_dims ≤ 1 in F32);
 * - patch: the patch-embedding convolution: F16 in an f16 file and F32 otherwise (MmprojModel.tensor_force_quant:
 *   ".patch_embd.weight" / ".patch_merger.weight");
 * - f32: forced to F32 (Gemma 3's ".embeddings." and InternVL's position embedding);
 * - f16: forced to F16 (Gemma 3's input_projection, llama.cpp issue 13025);
 * - matrix: the file's type (F16, or Q8_0 where the row length is a multiple of 32, else F16).
 */
export type VisionTensorKind = 'vector' | 'patch' | 'f32' | 'f16' | 'matrix';

export interface VisionTensor {
  name: string;
  /** Row-major as PyTorch stores it: the last dimension is the row length ggml quantizes along. */
  shape: number[];
  kind: VisionTensorKind;
}

export type VisionFamily = 'gemma3' | 'pixtral' | 'qwen2.5-vl' | 'qwen3-vl' | 'mllama' | 'internvl';

/** The shapes that size a vision tower and its projector, read from config.json (see projector-hf.ts). */
export interface VisionTower {
  family: VisionFamily;
  /** vision_config.model_type, or the top-level model_type where the vision config has none. */
  modelType: string;
  layers: number;
  width: number;
  ffn: number;
  heads: number;
  patchSize: number;
  channels: number;
  /** Side in pixels of the image (or tile) the encoder is built for; dynamic-resolution towers: 0. */
  imageSize: number;
  /** Width of the language model the projector writes into. */
  textWidth: number;
  /** Patches merged per side into one language-model token (avg-pool, patch merger, pixel shuffle). */
  merge: number;
  /** Gemma 3: mm_tokens_per_image. */
  tokensPerImage?: number;
  /** Qwen-VL: frames per temporal patch of the Conv3d patch embedding. */
  temporalPatch?: number;
  /** Qwen3-VL: learned position embeddings; mllama / InternVL use imageSize instead. */
  positionEmbeddings?: number;
  /** Qwen3-VL: DeepStack mergers (one per deepstack_visual_indexes entry). */
  deepstack?: number;
  /** mllama: gated global layers after the local ones; tiles per image; aspect-ratio ids; output width. */
  globalLayers?: number;
  maxTiles?: number;
  aspectRatios?: number;
  outputDim?: number;
  /** mllama: the language model's cross-attention layers and their K (or V) width, kv_heads × head_dim. */
  crossLayers?: number;
  crossKvWidth?: number;
  /** Pixtral: biases on the projector's linear layers (multimodal_projector_bias). */
  projectorBias?: boolean;
  /** InternVL: biases on qkv; layer-scale vectors (ls1, ls2); per-head q/k RMS norms. */
  qkvBias?: boolean;
  qkNorm?: boolean;
}

const v = (name: string, n: number): VisionTensor => ({ name, shape: [n], kind: 'vector' });
const m = (name: string, rows: number, cols: number): VisionTensor => ({ name, shape: [rows, cols], kind: 'matrix' });
/** A Linear layer: weight [out, in] and, with bias, a bias vector [out]. */
function linear(name: string, inF: number, outF: number, bias: boolean): VisionTensor[] {
  return bias ? [m(`${name}.weight`, outF, inF), v(`${name}.bias`, outF)] : [m(`${name}.weight`, outF, inF)];
}
const layerNorm = (name: string, n: number): VisionTensor[] => [v(`${name}.weight`, n), v(`${name}.bias`, n)];

/** A pre-norm ViT block with LayerNorms and a two-matrix MLP (SigLIP, Qwen3-VL, mllama, InternViT). */
function vitBlock(p: string, t: VisionTower, qkvBias: boolean, outBias: boolean): VisionTensor[] {
  const d = t.width;
  return [
    ...layerNorm(`${p}.norm1`, d),
    ...linear(`${p}.attn.qkv`, d, 3 * d, qkvBias),
    ...linear(`${p}.attn.proj`, d, d, outBias),
    ...layerNorm(`${p}.norm2`, d),
    ...linear(`${p}.mlp.fc1`, d, t.ffn, true),
    ...linear(`${p}.mlp.fc2`, t.ffn, d, true),
  ];
}

function repeat(n: number, f: (i: number) => VisionTensor[]): VisionTensor[] {
  const out: VisionTensor[] = [];
  for (let i = 0; i < n; i++) for (const x of f(i)) out.push(x);
  return out;
}

/**
 * Gemma 3 (transformers models/siglip/modeling_siglip.py + gemma3/modeling_gemma3.py): SigLIP embeddings
 * (Conv2d patch embedding with bias, learned position per patch), layers with biased q/k/v/o, the
 * post-layernorm, and Gemma3MultiModalProjector: an RMSNorm (mm_soft_emb_norm) and one bias-free
 * matrix (mm_input_projection_weight, vision width × text width); its 4 × 4 average pool has no weights.
 */
function gemma3(t: VisionTower): VisionTensor[] {
  const d = t.width;
  const side = Math.floor(t.imageSize / t.patchSize);
  return [
    { name: 'embeddings.patch_embedding.weight', shape: [d, t.channels, t.patchSize, t.patchSize], kind: 'f32' },
    v('embeddings.patch_embedding.bias', d),
    { name: 'embeddings.position_embedding.weight', shape: [side * side, d], kind: 'f32' },
    ...repeat(t.layers, (i) => vitBlock(`layers.${i}`, t, true, true)),
    ...layerNorm('post_layernorm', d),
    v('mm_soft_emb_norm.weight', d),
    { name: 'mm_input_projection_weight', shape: [t.textWidth, d], kind: 'f16' },
  ];
}

/**
 * Mistral 3 / Pixtral (transformers models/pixtral/modeling_pixtral.py + mistral3/modeling_mistral3.py): a
 * bias-free Conv2d patch embedding, ln_pre (RMSNorm), layers of RMSNorm + bias-free q/k/v/o + SwiGLU
 * (gate, up, down) with 2-D RoPE (no position weights), then Mistral3MultiModalProjector: RMSNorm, the
 * patch merger (merge² × width → width, no bias) and two linears to the text width.
 */
function pixtral(t: VisionTower): VisionTensor[] {
  const d = t.width;
  const b = t.projectorBias ?? false;
  return [
    { name: 'patch_conv.weight', shape: [d, t.channels, t.patchSize, t.patchSize], kind: 'patch' },
    v('ln_pre.weight', d),
    ...repeat(t.layers, (i) => [
      v(`layers.${i}.attention_norm.weight`, d),
      ...['q', 'k', 'v', 'o'].map((x) => m(`layers.${i}.attention.${x}_proj.weight`, d, d)),
      v(`layers.${i}.ffn_norm.weight`, d),
      m(`layers.${i}.feed_forward.gate_proj.weight`, t.ffn, d),
      m(`layers.${i}.feed_forward.up_proj.weight`, t.ffn, d),
      m(`layers.${i}.feed_forward.down_proj.weight`, d, t.ffn),
    ]),
    v('projector.norm.weight', d),
    { name: 'projector.patch_merger.merging_layer.weight', shape: [d, d * t.merge * t.merge], kind: 'patch' },
    ...linear('projector.linear_1', d, t.textWidth, b),
    ...linear('projector.linear_2', t.textWidth, t.textWidth, b),
  ];
}

/**
 * Qwen2.5-VL (transformers models/qwen2_5_vl/modeling_qwen2_5_vl.py): a bias-free Conv3d patch embedding
 * (temporal × patch × patch), blocks of RMSNorm + fused biased qkv + biased proj + biased SwiGLU, and the
 * PatchMerger: RMSNorm ln_q, then merge² × width → merge² × width → text width, both biased.
 */
function qwen25(t: VisionTower): VisionTensor[] {
  const d = t.width;
  const merged = d * t.merge * t.merge;
  return [
    { name: 'patch_embed.proj.weight', shape: [d, t.channels, t.temporalPatch ?? 2, t.patchSize, t.patchSize], kind: 'patch' },
    ...repeat(t.layers, (i) => [
      v(`blocks.${i}.norm1.weight`, d),
      ...linear(`blocks.${i}.attn.qkv`, d, 3 * d, true),
      ...linear(`blocks.${i}.attn.proj`, d, d, true),
      v(`blocks.${i}.norm2.weight`, d),
      ...linear(`blocks.${i}.mlp.gate_proj`, d, t.ffn, true),
      ...linear(`blocks.${i}.mlp.up_proj`, d, t.ffn, true),
      ...linear(`blocks.${i}.mlp.down_proj`, t.ffn, d, true),
    ]),
    v('merger.ln_q.weight', d),
    ...linear('merger.mlp.0', merged, merged, true),
    ...linear('merger.mlp.2', merged, t.textWidth, true),
  ];
}

/**
 * Qwen3-VL and Qwen3.5 (transformers models/qwen3_vl/modeling_qwen3_vl.py): a biased Conv3d patch
 * embedding, learned position embeddings (num_position_embeddings, interpolated), LayerNorm blocks with
 * biased qkv/proj/fc1/fc2, the merger (LayerNorm over the width, then merge² × width → same → text width)
 * and one DeepStack merger per deepstack_visual_indexes entry, whose LayerNorm is after the shuffle
 * (use_postshuffle_norm: over merge² × width). Qwen3.5 has no DeepStack mergers (an empty list).
 */
function qwen3(t: VisionTower): VisionTensor[] {
  const d = t.width;
  const merged = d * t.merge * t.merge;
  const merger = (p: string, normWidth: number): VisionTensor[] => [
    ...layerNorm(`${p}.norm`, normWidth),
    ...linear(`${p}.linear_fc1`, merged, merged, true),
    ...linear(`${p}.linear_fc2`, merged, t.textWidth, true),
  ];
  return [
    { name: 'patch_embed.proj.weight', shape: [d, t.channels, t.temporalPatch ?? 2, t.patchSize, t.patchSize], kind: 'patch' },
    v('patch_embed.proj.bias', d),
    m('pos_embed.weight', t.positionEmbeddings ?? 0, d),
    ...repeat(t.layers, (i) => vitBlock(`blocks.${i}`, t, true, true)),
    ...merger('merger', d),
    ...repeat(t.deepstack ?? 0, (i) => merger(`deepstack_merger_list.${i}`, merged)),
  ];
}

/**
 * Llama 3.2 Vision (transformers models/mllama/modeling_mllama.py, MllamaVisionModel): a bias-free Conv2d
 * patch embedding, a class token, the gated position embedding (per patch + class, plus one per tile per
 * aspect-ratio id), gated pre- and post-tile embeddings, layernorm_pre/post, local layers with bias-free
 * q/k/v/o, then gated global layers (two scalar gates each), and the projector: one biased linear from
 * vision_output_dim (the final output concatenated with intermediate layers' outputs) to the text width.
 * The text model's cross-attention layers are not here: they are layers of the language model.
 */
function mllama(t: VisionTower): VisionTensor[] {
  const d = t.width;
  const perTile = (t.imageSize / t.patchSize) ** 2 + 1;
  const tiles = t.maxTiles ?? 4;
  const ratios = (t.aspectRatios ?? 8) + 1;
  const layer = (p: string, gated: boolean): VisionTensor[] => [
    ...['q', 'k', 'v', 'o'].map((x) => m(`${p}.self_attn.${x}_proj.weight`, d, d)),
    ...linear(`${p}.mlp.fc1`, d, t.ffn, true),
    ...linear(`${p}.mlp.fc2`, t.ffn, d, true),
    ...layerNorm(`${p}.input_layernorm`, d),
    ...layerNorm(`${p}.post_attention_layernorm`, d),
    ...(gated ? [v(`${p}.gate_attn`, 1), v(`${p}.gate_ffn`, 1)] : []),
  ];
  return [
    { name: 'patch_embedding.weight', shape: [d, t.channels, t.patchSize, t.patchSize], kind: 'patch' },
    v('class_embedding', d),
    v('gated_positional_embedding.gate', 1),
    m('gated_positional_embedding.embedding', perTile, d),
    m('gated_positional_embedding.tile_embedding.weight', ratios, tiles * perTile * d),
    v('pre_tile_positional_embedding.gate', 1),
    m('pre_tile_positional_embedding.embedding.weight', ratios, tiles * d),
    v('post_tile_positional_embedding.gate', 1),
    m('post_tile_positional_embedding.embedding.weight', ratios, tiles * d),
    ...layerNorm('layernorm_pre', d),
    ...layerNorm('layernorm_post', d),
    ...repeat(t.layers, (i) => layer(`transformer.layers.${i}`, false)),
    ...repeat(t.globalLayers ?? 0, (i) => layer(`global_transformer.layers.${i}`, true)),
    ...linear('multi_modal_projector', t.outputDim ?? d, t.textWidth, true),
  ];
}

/**
 * InternVL (OpenGVLab modeling_intern_vit.py + modeling_internvl_chat.py; transformers models/internvl):
 * InternViT embeddings (class token, biased Conv2d patch embedding, a position per patch + class), layers
 * of LayerNorm + qkv (biased when qkv_bias) + biased proj + biased fc1/fc2 with layer-scale vectors ls1/ls2
 * (and per-layer q/k norms when qk_normalization), no final norm; then mlp1: LayerNorm over the
 * pixel-shuffled width (merge² × width), a biased linear to the text width, GELU, a biased linear.
 */
function internvl(t: VisionTower): VisionTensor[] {
  const d = t.width;
  const side = Math.floor(t.imageSize / t.patchSize);
  const merged = d * t.merge * t.merge;
  return [
    v('embeddings.class_embedding', d),
    { name: 'embeddings.patch_embedding.weight', shape: [d, t.channels, t.patchSize, t.patchSize], kind: 'patch' },
    v('embeddings.patch_embedding.bias', d),
    { name: 'embeddings.position_embedding', shape: [side * side + 1, d], kind: 'f32' },
    ...repeat(t.layers, (i) => [
      ...vitBlock(`encoder.layers.${i}`, t, t.qkvBias ?? true, true),
      v(`encoder.layers.${i}.ls1`, d),
      v(`encoder.layers.${i}.ls2`, d),
      ...(t.qkNorm ? [v(`encoder.layers.${i}.attn.q_norm.weight`, d), v(`encoder.layers.${i}.attn.k_norm.weight`, d)] : []),
    ]),
    ...layerNorm('mlp1.0', merged),
    ...linear('mlp1.1', merged, t.textWidth, true),
    ...linear('mlp1.3', t.textWidth, t.textWidth, true),
  ];
}

const BUILDERS: Record<VisionFamily, (t: VisionTower) => VisionTensor[]> = {
  gemma3,
  pixtral,
  'qwen2.5-vl': qwen25,
  'qwen3-vl': qwen3,
  mllama,
  internvl,
};

export function visionTensors(t: VisionTower): VisionTensor[] {
  return BUILDERS[t.family](t);
}
