// Turns Hugging Face tensor names and safetensors dtypes into the engine's TensorInfo: GGUF-style names
// for the tensors the engine treats specially (embedding, output, final norm), blk.N.* for the repeating
// blocks, and the number of real weights each tensor holds once packed 4-bit storage is unpacked.

import type { TensorInfo } from '../../../core/estimate/types';

export interface HfQuantInfo {
  /** quantization_config.quant_method, lower-cased ("awq", "gptq", "bitsandbytes", "fp8", "mxfp4", ...). */
  method: string | null;
  /** Bits of packed integer weights (AWQ/GPTQ: 4 unless stated). */
  bits: number;
  /** bitsandbytes load_in_4bit: weights are U8 holding two 4-bit values. */
  bnb4bit: boolean;
  /** bitsandbytes 4-bit code: "NF4" or "FP4". */
  bnbType?: string;
  /** MLX: the group size and mode of config.json's "quantization" block. */
  mlxGroupSize?: number;
  mlxMode?: string;
}

/**
 * MLX checkpoints (mlx-community, LM Studio) state {"quantization": {"group_size", "bits", "mode"}}; mlx-lm
 * since PR #957 also copies it to "quantization_config" (without a quant_method), so it is read first.
 */
function readMlxQuant(config: Record<string, unknown>): HfQuantInfo | null {
  const mlx = config['quantization'];
  if (!mlx || typeof mlx !== 'object' || Array.isArray(mlx)) return null;
  const m = mlx as Record<string, unknown>;
  const b = m['bits'];
  if (typeof b !== 'number' || ![2, 3, 4, 5, 6, 8].includes(b) || m['quant_method'] !== undefined) return null;
  const g = m['group_size'];
  const mode = m['mode'];
  return {
    method: 'mlx',
    bits: b,
    bnb4bit: false,
    ...(typeof g === 'number' ? { mlxGroupSize: g } : {}),
    ...(typeof mode === 'string' ? { mlxMode: mode } : {}),
  };
}

export function readQuantInfo(config: Record<string, unknown>): HfQuantInfo {
  const mlx = readMlxQuant(config);
  if (mlx) return mlx;
  const text = config['text_config'];
  const q =
    config['quantization_config'] ??
    (text && typeof text === 'object' ? (text as Record<string, unknown>)['quantization_config'] : undefined);
  if (!q || typeof q !== 'object' || Array.isArray(q)) {
    return { method: null, bits: 16, bnb4bit: false };
  }
  const qc = q as Record<string, unknown>;
  const method = typeof qc['quant_method'] === 'string' ? qc['quant_method'].toLowerCase() : null;
  const rawBits = qc['bits'] ?? qc['w_bit'] ?? qc['weight_bits'];
  const bits = typeof rawBits === 'number' && [2, 3, 4, 8].includes(rawBits) ? rawBits : 4;
  const bnb4bit =
    method === 'bitsandbytes' && (qc['load_in_4bit'] === true || (qc['_load_in_4bit'] === true && qc['load_in_8bit'] !== true));
  const bnbType = typeof qc['bnb_4bit_quant_type'] === 'string' && qc['bnb_4bit_quant_type'].toLowerCase() === 'fp4' ? 'FP4' : 'NF4';
  return { method, bits, bnb4bit, bnbType };
}

// Quantisation side tensors: scales, zero points, group indices, bitsandbytes state. They cost memory
// (so their bytes count) but are not parameters of the model.
const AUX_SUFFIXES = [
  '.scales',
  '_scales',
  '.qzeros',
  '.g_idx',
  '.absmax',
  '.quant_map',
  '.nested_absmax',
  '.nested_quant_map',
  '.SCB',
  '.weight_format',
  '.weight_scale_inv',
  '.weight_scale',
  '.weight_zero_point',
  '.weight_global_scale',
  '.input_scale',
  '.input_global_scale',
  '.k_scale',
  '.v_scale',
];

export function isQuantAux(name: string): boolean {
  if (/\.quant_state\./.test(name)) return true;
  return AUX_SUFFIXES.some((s) => name.endsWith(s));
}

/** Real weights stored in a tensor: packed integer and 4-bit storage holds several per element. */
export function logicalElements(name: string, dtype: string, elements: number, quant: HfQuantInfo): number {
  if (isQuantAux(name)) return 0;
  if (quant.method === 'mlx') {
    // MLX affine quantisation: U32 words of packed weights, plus per-group scales and biases.
    if (name.endsWith('.biases')) return 0;
    if (dtype === 'U32' && name.endsWith('.weight')) return Math.round((elements * 32) / quant.bits);
  }
  if (dtype === 'I32' && (name.endsWith('.qweight') || name.endsWith('.weight_packed'))) {
    // 3-bit GPTQ packs 32 values into three words, so the factor is 32 / bits, not a whole number.
    return Math.round((elements * 32) / quant.bits);
  }
  // gpt-oss MXFP4 experts: *_blocks hold two FP4 values per byte (scales are separate tensors).
  if (dtype === 'U8' && name.endsWith('_blocks')) return elements * 2;
  if (dtype === 'U8' && quant.bnb4bit && name.endsWith('.weight')) return elements * 2;
  // Sub-byte float dtypes (F4, F6) already count values in their shape.
  return elements;
}

/**
 * The type name TensorInfo carries: ggml names where one exists ("BF16", "F8" for any FP8), and a readable
 * name for packed integer storage, which has no ggml equivalent ("AWQ-4bit", "GPTQ-4bit", "NF4", "MXFP4").
 */
export function tensorTypeName(name: string, dtype: string, elements: number, quant: HfQuantInfo): string {
  if (dtype.startsWith('F8_')) return 'F8';
  if (logicalElements(name, dtype, elements, quant) <= elements) return dtype;
  if (dtype === 'U8' && name.endsWith('_blocks')) return 'MXFP4';
  if (quant.bnb4bit && dtype === 'U8') return quant.bnbType ?? 'NF4';
  const method = quant.method ?? 'int';
  const label = method === 'awq' ? 'AWQ' : method === 'gptq' ? 'GPTQ' : method === 'mlx' ? 'MLX' : 'INT';
  return `${label}-${quant.bits}bit`;
}

/**
 * Row-major shape holding the real weight count: packed storage is widened along its packed axis (GPTQ
 * packs the input rows, AWQ/MLX/bitsandbytes/MXFP4 the last axis), so element counts match GGUF's.
 */
export function logicalShape(name: string, dtype: string, shape: number[], elements: number, quant: HfQuantInfo): number[] {
  const logical = logicalElements(name, dtype, elements, quant);
  if (logical <= elements || elements === 0 || shape.length === 0) return [...shape];
  const factor = logical / elements;
  const out = [...shape];
  const axis = quant.method === 'gptq' || (quant.bnb4bit && dtype === 'U8') ? 0 : out.length - 1;
  out[axis] = out[axis]! * factor;
  return out;
}

const LAYER_RE = /^(?:model\.)?(?:language_model\.)?(?:model\.)?(?:layers|h|blocks)\.(\d+)\.(.+)$/;
const TRANSFORMER_LAYER_RE = /^(?:transformer|backbone|gpt_neox)\.(?:layers|h|blocks)\.(\d+)\.(.+)$/;
const EMBED_RE =
  /^(?:(?:model\.)?(?:language_model\.)?(?:model\.)?embed_tokens|transformer\.wte|transformer\.word_embeddings|backbone\.embeddings|gpt_neox\.embed_in)\.weight$/;
const OUTPUT_RE = /^(?:language_model\.)?(?:lm_head|embed_out)\.weight$/;
const NORM_RE =
  /^(?:(?:model\.)?(?:language_model\.)?(?:model\.)?norm|transformer\.ln_f|backbone\.norm_f|gpt_neox\.final_layer_norm)\.weight$/;

// Common per-layer suffixes → llama.cpp names, so byType/perLayer tables read the same for GGUF and HF.
const LAYER_NAMES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^self_attn\.q_proj\./, 'attn_q.'],
  [/^self_attn\.k_proj\./, 'attn_k.'],
  [/^self_attn\.v_proj\./, 'attn_v.'],
  [/^self_attn\.o_proj\./, 'attn_output.'],
  [/^self_attn\.q_norm\./, 'attn_q_norm.'],
  [/^self_attn\.k_norm\./, 'attn_k_norm.'],
  [/^input_layernorm\./, 'attn_norm.'],
  [/^mlp\.gate_proj\./, 'ffn_gate.'],
  [/^mlp\.up_proj\./, 'ffn_up.'],
  [/^mlp\.down_proj\./, 'ffn_down.'],
];

export interface NamedTensor {
  name: string;
  /** null: not a repeating-block tensor. */
  layer: number | null;
  role: 'embedding' | 'output' | 'norm' | 'layer' | 'other';
}

export function classifyTensorName(hfName: string): NamedTensor {
  if (EMBED_RE.test(hfName)) return { name: 'token_embd.weight', layer: null, role: 'embedding' };
  if (OUTPUT_RE.test(hfName)) return { name: 'output.weight', layer: null, role: 'output' };
  if (NORM_RE.test(hfName)) return { name: 'output_norm.weight', layer: null, role: 'norm' };
  const m = LAYER_RE.exec(hfName) ?? TRANSFORMER_LAYER_RE.exec(hfName);
  if (m) {
    const layer = Number(m[1]);
    let rest = m[2]!;
    for (const [re, replacement] of LAYER_NAMES) {
      if (re.test(rest)) {
        rest = rest.replace(re, replacement);
        break;
      }
    }
    return { name: `blk.${layer}.${rest}`, layer, role: 'layer' };
  }
  return { name: hfName, layer: null, role: 'other' };
}

export function isVisionTensor(hfName: string): boolean {
  return /(^|\.)(vision_tower|vision_model|visual|multi_modal_projector|mm_projector|vision_encoder|image_newline)(\.|$)/.test(hfName);
}

export interface StoredTensor {
  name: string;
  dtype: string;
  shape: number[];
  bytes: number;
  elements: number;
}

export interface TensorInventory {
  tensors: TensorInfo[];
  parameterCount: number;
  weightsBytes: number;
  /** Bytes per safetensors dtype, for the format label. */
  bytesByDtype: Record<string, number>;
  /** Highest block index + 1 seen among kept tensors. */
  layersSeen: number;
  warnings: string[];
}

/** Adds one stored expert tensor to its merged per-layer tensor (ggml stores all experts as one). */
function mergeExpert(
  merged: Map<string, Merged>,
  tensors: TensorInfo[],
  expert: string,
  layer: number | null,
  type: string,
  shape: number[],
  bytes: number,
): void {
  const elements = shape.reduce((a, b) => a * b, 1);
  let entry = merged.get(expert);
  if (!entry) {
    const info: TensorInfo = { name: expert, shape: [], type, bytes: 0, layer };
    tensors.push(info);
    entry = { info, first: shape, uniform: true, count: 0, elements: 0, typeBytes: Object.create(null) as Record<string, number> };
    merged.set(expert, entry);
  }
  entry.info.bytes += bytes;
  entry.count += 1;
  entry.elements += elements;
  entry.typeBytes[type] = (entry.typeBytes[type] ?? 0) + bytes;
  if (entry.first.length !== shape.length || entry.first.some((d, i) => d !== shape[i])) entry.uniform = false;
}

/**
 * Builds the engine's tensor list. `layers` is the model's block count: blocks past it (DeepSeek's
 * multi-token-prediction layer) are left out because runtimes load them only for speculative decoding.
 * A stored lm_head is dropped when the embeddings are tied, since runtimes reuse the embedding.
 */
// Routed experts stored one tensor per expert (Mixtral, Qwen-MoE, DeepSeek) or fused (gpt-oss, Llama 4).
// They become one blk.N.ffn_{gate,up,down,gate_up}_exps.* entry per layer, as in GGUF, so the engine
// recognises them as routed (its active-parameter count keys on "_exps.weight").
const PER_EXPERT_RE = /^(?:mlp|block_sparse_moe|feed_forward)\.experts\.\d+\.(gate_proj|up_proj|down_proj|w1|w2|w3)\.(.+)$/;
const FUSED_EXPERT_RE = /^(?:mlp|feed_forward)\.experts\.(gate_up_proj|down_proj)(?:_(blocks|scales|bias))?(?:\.(.+))?$/;
const PROJ: Record<string, string> = {
  gate_proj: 'gate',
  w1: 'gate',
  up_proj: 'up',
  w3: 'up',
  down_proj: 'down',
  w2: 'down',
  gate_up_proj: 'gate_up',
};

/** blk.N.<rest> → the merged expert tensor name, or null when <rest> is not a routed expert. */
function expertName(layer: number, rest: string): string | null {
  const per = PER_EXPERT_RE.exec(rest);
  if (per) {
    const suffix = per[2]!;
    const kind = suffix === 'weight' || suffix === 'qweight' || suffix === 'weight_packed' ? 'weight' : suffix;
    return `blk.${layer}.ffn_${PROJ[per[1]!]}_exps.${kind}`;
  }
  const fused = FUSED_EXPERT_RE.exec(rest);
  if (fused) {
    const part = fused[2];
    const kind = part === 'bias' ? 'bias' : part === 'scales' ? 'scales' : (fused[3] ?? 'weight');
    return `blk.${layer}.ffn_${PROJ[fused[1]!]}_exps.${kind === 'qweight' ? 'weight' : kind}`;
  }
  return null;
}

/** Packed weights read as ".weight" whatever the storage calls them, like every other weight. */
function weightName(name: string, packed: boolean): string {
  return packed ? name.replace(/\.(qweight|weight_packed)$/, '.weight') : name;
}

interface Merged {
  info: TensorInfo;
  /** Row-major logical shape of the first member, to rebuild [..., experts] when all agree. */
  first: number[];
  uniform: boolean;
  count: number;
  elements: number;
  typeBytes: Record<string, number>;
}

/**
 * Builds the engine's tensor list. `layers` is the model's block count: blocks past it (DeepSeek's
 * multi-token-prediction layer) are left out because runtimes load them only for speculative decoding.
 * A stored lm_head is dropped when the embeddings are tied, since runtimes reuse the embedding.
 */
export function buildInventory(
  stored: StoredTensor[],
  opts: {
    layers: number;
    tiedEmbeddings: boolean;
    quant: HfQuantInfo;
    /** The spec carries the vision tower, planned as its own projector member: its tensors stay out of the text model's. */
    visionApart?: boolean;
  },
): TensorInventory {
  const tensors: TensorInfo[] = [];
  const merged = new Map<string, Merged>();
  // Keyed by names from the file: no prototype, so "__proto__" or "constructor" is just a key.
  const bytesByDtype: Record<string, number> = Object.create(null) as Record<string, number>;
  const warnings: string[] = [];
  let parameterCount = 0;
  let weightsBytes = 0;
  let layersSeen = 0;
  let extraLayerBytes = 0;
  const extraLayerIndices = new Set<number>();
  let visionParams = 0;
  const hasEmbedding = stored.some((t) => classifyTensorName(t.name).role === 'embedding');
  let droppedTiedOutput = false;

  for (const t of stored) {
    const named = classifyTensorName(t.name);
    if (named.role === 'output' && opts.tiedEmbeddings && hasEmbedding) {
      droppedTiedOutput = true;
      continue;
    }
    if (named.layer !== null && opts.layers > 0 && named.layer >= opts.layers) {
      extraLayerBytes += t.bytes;
      extraLayerIndices.add(named.layer);
      continue;
    }
    const params = logicalElements(t.name, t.dtype, t.elements, opts.quant);
    if (isVisionTensor(t.name)) {
      visionParams += params;
      if (opts.visionApart) continue;
    }
    parameterCount += params;
    weightsBytes += t.bytes;
    bytesByDtype[t.dtype] = (bytesByDtype[t.dtype] ?? 0) + t.bytes;
    if (named.layer !== null) layersSeen = Math.max(layersSeen, named.layer + 1);
    const type = tensorTypeName(t.name, t.dtype, t.elements, opts.quant);
    const shape = logicalShape(t.name, t.dtype, t.shape, t.elements, opts.quant);
    const packed = params > t.elements;
    const expert = named.layer !== null ? expertName(named.layer, named.name.slice(`blk.${named.layer}.`.length)) : null;
    if (!expert) {
      tensors.push({ name: weightName(named.name, packed), shape: shape.reverse(), type, bytes: t.bytes, layer: named.layer });
      continue;
    }
    mergeExpert(merged, tensors, expert, named.layer, type, shape, t.bytes);
  }
  for (const m of merged.values()) {
    // Fused tensors already carry the expert axis; per-expert ones gain it, outermost (ggml: last).
    const rowMajor = m.count === 1 ? m.first : m.uniform ? [m.count, ...m.first] : [m.elements];
    m.info.shape = [...rowMajor].reverse();
    m.info.type = Object.entries(m.typeBytes).sort((a, b) => b[1] - a[1])[0]![0];
  }
  if (droppedTiedOutput) {
    warnings.push('The checkpoint stores lm_head although the embeddings are tied; it is counted once, as runtimes share it.');
  }
  if (extraLayerBytes > 0) {
    const list = [...extraLayerIndices].sort((a, b) => a - b).join(', ');
    warnings.push(
      `Left out ${extraLayerBytes} bytes of block ${list} beyond the model's ${opts.layers} layers (a multi-token-prediction module, loaded only for speculative decoding).`,
    );
  }
  if (visionParams > 0 && opts.visionApart) {
    warnings.push(
      `Left out ${visionParams} parameters of the vision encoder and projector, planned as the projector (mmproj) beside the text model.`,
    );
  } else if (visionParams > 0) {
    warnings.push(`Includes ${visionParams} parameters of a vision encoder, which llama.cpp keeps in a separate mmproj file.`);
  }
  return { tensors, parameterCount, weightsBytes, bytesByDtype, layersSeen, warnings };
}
