// llama-quantize's per-tensor type choice for each llama.cpp file type, re-expressed from
// llama.cpp src/llama-quant.cpp (llama_tensor_get_type_impl, tensor_type_fallback,
// tensor_allows_quantization, llama_ftype_get_default_type). A K-quant "file type" is a mix: the output
// matrix, attn_v and ffn_down get more bits on the layers `use_more_bits` picks.

import { isRecurrentLayer, kvHeadsAt, type TensorRole } from '../model/tensors';
import type { ModelSpec } from '../model/types';
import { ggmlType } from './ggml-types';

export type GgufFileType =
  | 'F32'
  | 'F16'
  | 'BF16'
  | 'Q8_0'
  | 'Q6_K'
  | 'Q5_K_M'
  | 'Q5_K_S'
  | 'Q5_0'
  | 'Q5_1'
  | 'Q4_K_M'
  | 'Q4_K_S'
  | 'Q4_0'
  | 'Q4_1'
  | 'Q3_K_L'
  | 'Q3_K_M'
  | 'Q3_K_S'
  | 'Q2_K'
  | 'Q2_K_S'
  | 'IQ4_XS'
  | 'IQ4_NL'
  | 'IQ3_M'
  | 'IQ3_XXS'
  | 'IQ3_XS'
  | 'IQ3_S'
  | 'IQ2_M'
  | 'IQ2_S'
  | 'IQ2_XS'
  | 'IQ2_XXS'
  | 'IQ1_S'
  | 'IQ1_M'
  | 'TQ1_0'
  | 'TQ2_0'
  | 'MXFP4_MOE';

const DEFAULT_TYPE: Record<GgufFileType, string> = {
  F32: 'F32',
  F16: 'F16',
  BF16: 'BF16',
  Q8_0: 'Q8_0',
  Q6_K: 'Q6_K',
  Q5_K_M: 'Q5_K',
  Q5_K_S: 'Q5_K',
  Q5_0: 'Q5_0',
  Q5_1: 'Q5_1',
  Q4_K_M: 'Q4_K',
  Q4_K_S: 'Q4_K',
  Q4_0: 'Q4_0',
  Q4_1: 'Q4_1',
  Q3_K_L: 'Q3_K',
  Q3_K_M: 'Q3_K',
  Q3_K_S: 'Q3_K',
  Q2_K: 'Q2_K',
  Q2_K_S: 'Q2_K',
  IQ4_XS: 'IQ4_XS',
  IQ4_NL: 'IQ4_NL',
  IQ3_M: 'IQ3_S',
  IQ3_XXS: 'IQ3_XXS',
  IQ3_XS: 'IQ3_S',
  IQ3_S: 'IQ3_S',
  IQ2_M: 'IQ2_S',
  IQ2_S: 'IQ2_XS',
  IQ2_XS: 'IQ2_XS',
  IQ2_XXS: 'IQ2_XXS',
  IQ1_S: 'IQ1_S',
  IQ1_M: 'IQ1_M',
  TQ1_0: 'TQ1_0',
  TQ2_0: 'TQ2_0',
  MXFP4_MOE: 'MXFP4',
};

export const GGUF_FILE_TYPES = Object.keys(DEFAULT_TYPE) as GgufFileType[];

export function isGgufFileType(id: string): id is GgufFileType {
  return Object.prototype.hasOwnProperty.call(DEFAULT_TYPE, id);
}

export function defaultTensorType(fileType: GgufFileType): string {
  return DEFAULT_TYPE[fileType];
}

export interface RecipeOptions {
  /** ggml shape of the tensor; needed for the block-size fallback and to tell 3-D expert tensors. */
  shape?: readonly number[];
  /**
   * Whether an importance matrix was used. Default: true for i-quant file types (llama-quantize demands
   * one for the smallest and publishers use one for all of them), false otherwise.
   */
  imatrix?: boolean;
}

const IQ_LOW = new Set<GgufFileType>(['IQ2_XXS', 'IQ2_XS', 'IQ1_S', 'IQ2_S', 'IQ2_M', 'IQ1_M']);

/** Tensors llama-quantize never quantises: 1-D vectors, biases, norms, the router. They keep F32. */
export function isQuantizableRole(role: TensorRole, ndims: number): boolean {
  if (ndims < 2) return false;
  switch (role) {
    case 'norm':
    case 'output_norm':
    case 'bias':
    case 'attn_sinks':
    case 'ffn_gate_inp':
    case 'ffn_gate_inp_shexp':
    case 'exp_probs_b':
      return false;
    default:
      return true;
  }
}

type Category = 'token_embd' | 'output' | 'attn_v' | 'attn_k' | 'attn_q' | 'attn_output' | 'ffn_up' | 'ffn_gate' | 'ffn_down' | 'other';

function categoryOf(role: TensorRole): Category {
  switch (role) {
    case 'token_embd':
      return 'token_embd';
    case 'output':
      return 'output';
    // llama.cpp treats fused qkv and MLA's kv_b like attn_v (the most quantisation-sensitive input).
    case 'attn_v':
    case 'attn_qkv':
    case 'attn_kv_b':
      return 'attn_v';
    case 'attn_k':
      return 'attn_k';
    case 'attn_q':
      return 'attn_q';
    case 'attn_output':
      return 'attn_output';
    case 'ffn_up':
    case 'ffn_up_exps':
    case 'ffn_up_shexp':
      return 'ffn_up';
    case 'ffn_gate':
    case 'ffn_gate_exps':
    case 'ffn_gate_shexp':
      return 'ffn_gate';
    case 'ffn_down':
    case 'ffn_down_exps':
    case 'ffn_down_shexp':
      return 'ffn_down';
    default:
      return 'other';
  }
}

/** Roles whose type can change from layer to layer (use_more_bits, first/last-eighth rules). */
export function isLayerDependentRole(role: TensorRole): boolean {
  const c = categoryOf(role);
  return c === 'attn_v' || c === 'ffn_down' || c === 'ffn_gate' || c === 'ffn_up';
}

function useMoreBits(i: number, n: number): boolean {
  const e = Math.floor(n / 8);
  return i < e || i >= Math.floor((7 * n) / 8) || (i - e) % 3 === 2;
}

/** llama.cpp's C integer division for the n/8, n/16 thresholds. */
function div(a: number, b: number): number {
  return Math.floor(a / b);
}

/** Input width (ne[0]) of a tensor role when no shape was given. */
function inferNe0(role: TensorRole, spec: ModelSpec): number {
  switch (role) {
    case 'attn_output':
      return spec.mla ? spec.heads * spec.mla.vHeadDim : spec.heads * spec.headDimV;
    case 'ffn_down':
      return spec.intermediateSize;
    case 'ffn_down_exps':
      return spec.moe?.expertFfnSize ?? spec.intermediateSize;
    case 'ffn_down_shexp':
      return (spec.moe?.sharedExpertFfnSize ?? spec.moe?.expertFfnSize ?? 0) * (spec.moe?.sharedExperts ?? 1);
    case 'attn_q_b':
      return spec.mla?.qLoraRank ?? spec.hiddenSize;
    case 'attn_kv_b':
      return spec.mla?.kvLoraRank ?? spec.hiddenSize;
    default:
      return spec.hiddenSize;
  }
}

function isExpertRole(role: TensorRole): boolean {
  return role === 'ffn_gate_exps' || role === 'ffn_up_exps' || role === 'ffn_down_exps';
}

/** llama.cpp LLM_TYPE_70B: Llama-2/3 70B and Qwen2 72B-style 80-layer GQA models get Q5_K attn_v. */
function is70B(spec: ModelSpec): boolean {
  const arch = spec.architecture;
  return spec.layers === 80 && (arch === 'llama' || arch === 'qwen2') && kvHeadsAt(spec, 0) < spec.heads;
}

/** Attention layers before `layer` (llama.cpp counts attn_v tensors in file order). */
function attentionIndex(spec: ModelSpec, layer: number): { index: number; count: number } {
  if (!spec.recurrent && typeof spec.kvHeads === 'number') return { index: layer, count: spec.layers };
  let index = 0;
  let count = 0;
  for (let il = 0; il < spec.layers; il++) {
    const has = !isRecurrentLayer(spec, il) && (spec.mla !== undefined || kvHeadsAt(spec, il) > 0);
    if (!has) continue;
    if (il < layer) index++;
    count++;
  }
  return { index, count };
}

function fallback(type: string, ne0: number): string {
  const t = ggmlType(type);
  if (ne0 % t.blockSize === 0) return type;
  let alt: string;
  switch (type) {
    case 'IQ1_S':
    case 'IQ1_M':
    case 'IQ2_XXS':
    case 'IQ2_XS':
    case 'IQ2_S':
    case 'IQ3_XXS':
    case 'IQ3_S':
    case 'IQ4_XS':
      alt = 'IQ4_NL';
      break;
    case 'Q2_0':
    case 'Q2_K':
    case 'Q3_K':
    case 'TQ1_0':
    case 'TQ2_0':
      alt = 'Q4_0';
      break;
    case 'Q4_K':
      alt = 'Q5_0';
      break;
    case 'Q5_K':
      alt = 'Q5_1';
      break;
    case 'Q6_K':
      alt = 'Q8_0';
      break;
    default:
      alt = 'F16';
  }
  return ne0 % ggmlType(alt).blockSize === 0 ? alt : 'F16';
}

/**
 * The ggml type llama-quantize gives one tensor of a model for a file type. Non-quantisable tensors
 * (norms, biases, router) come back as F32, as the converters write them.
 */
export function tensorTypeForFileType(
  fileType: GgufFileType | string,
  tensorRole: TensorRole,
  layerIndex: number | null,
  spec: ModelSpec,
  opts: RecipeOptions = {},
): string {
  const ft = (isGgufFileType(fileType) ? fileType : String(fileType).toUpperCase()) as GgufFileType;
  if (!isGgufFileType(ft)) throw new RangeError(`"${fileType}" is not a llama.cpp file type.`);
  const ndims = opts.shape ? opts.shape.length : tensorRole === 'ffn_gate_inp_shexp' ? 1 : roleDims(tensorRole);
  if (!isQuantizableRole(tensorRole, ndims)) return 'F32';
  const base = DEFAULT_TYPE[ft];
  if (ft === 'F32' || ft === 'F16' || ft === 'BF16') return base;

  const imatrix = opts.imatrix ?? ft.startsWith('IQ');
  const cat = categoryOf(tensorRole);
  const nExpert = spec.moe && spec.moe.experts > 1 ? spec.moe.experts : 0;
  const gqa = spec.mla ? 1 : spec.heads / Math.max(1, kvHeadsAt(spec, 0));
  const falcon = spec.architecture === 'falcon';
  const nLayer = spec.layers;
  const il = layerIndex ?? 0;
  const ne0 = opts.shape?.[0] ?? inferNe0(tensorRole, spec);
  const is3d = opts.shape ? opts.shape.length >= 3 && (opts.shape[2] ?? 1) > 1 : isExpertRole(tensorRole);
  let t = base;

  if (cat === 'output' || (spec.tiedEmbeddings && cat === 'token_embd')) {
    if (ft === 'MXFP4_MOE') t = 'Q8_0';
    else if (falcon || ne0 % ggmlType(t).blockSize !== 0) t = 'Q8_0';
    else if (ft === 'IQ2_XXS' || ft === 'IQ2_XS' || ft === 'IQ3_XXS' || ft === 'IQ1_S' || ft === 'IQ2_S' || ft === 'IQ2_M' || ft === 'IQ1_M') {
      t = 'Q5_K';
    } else if (t !== 'Q8_0') t = 'Q6_K';
  } else if (ft === 'MXFP4_MOE') {
    t = is3d ? 'MXFP4' : 'Q8_0';
  } else if (cat === 'token_embd') {
    if (ft === 'IQ2_XXS' || ft === 'IQ2_XS' || ft === 'IQ1_S' || ft === 'IQ1_M') t = 'Q2_K';
    else if (ft === 'IQ2_S' || ft === 'IQ2_M' || ft === 'IQ3_XXS') t = 'IQ3_S';
    else if (ft === 'TQ1_0' || ft === 'TQ2_0') t = 'Q4_K';
  } else if (IQ_LOW.has(ft)) {
    const s = ft === 'IQ2_S' || ft === 'IQ2_M';
    if (cat === 'attn_v') {
      t = gqa >= 4 || nExpert >= 4 ? 'Q4_K' : s ? 'IQ3_S' : 'Q2_K';
    } else if (nExpert === 8 && cat === 'attn_k') {
      t = 'Q4_K';
    } else if (cat === 'ffn_down') {
      if (il < div(nLayer, 8)) t = s ? 'IQ3_S' : 'Q2_K';
    } else if (cat === 'attn_output') {
      if (nExpert === 8) t = 'Q5_K';
      else if (ft === 'IQ1_S' || ft === 'IQ1_M') t = 'IQ2_XXS';
      else if (s) t = 'IQ3_S';
    }
  } else if (cat === 'attn_v') {
    const { index, count } = attentionIndex(spec, il);
    if (ft === 'Q2_K') t = gqa >= 4 ? 'Q4_K' : 'Q3_K';
    else if (ft === 'Q2_K_S' && gqa >= 4) t = 'Q4_K';
    else if (ft === 'IQ3_XXS') t = gqa >= 4 ? 'Q4_K' : !imatrix ? 'IQ3_S' : 'IQ3_XXS';
    else if ((ft === 'IQ3_XS' || ft === 'IQ3_S') && gqa >= 4) t = 'Q4_K';
    else if (ft === 'IQ3_M') t = 'Q4_K';
    else if (ft === 'Q3_K_M') t = index < 2 ? 'Q5_K' : 'Q4_K';
    else if (ft === 'Q3_K_L') t = 'Q5_K';
    else if ((ft === 'IQ4_NL' || ft === 'IQ4_XS') && gqa >= 4) t = 'Q5_K';
    else if ((ft === 'Q4_K_M' || ft === 'Q5_K_M') && useMoreBits(index, count)) t = 'Q6_K';
    else if (ft === 'Q4_K_S' && index < 4) t = 'Q5_K';
    if (is70B(spec) && (t === 'Q3_K' || t === 'Q4_K')) t = 'Q5_K';
    if (nExpert === 8) t = 'Q8_0';
  } else if (cat === 'attn_k') {
    if (nExpert === 8) t = 'Q8_0';
    else if (ft === 'IQ3_XS') t = 'IQ3_XXS';
    else if (ft === 'IQ3_XXS') t = 'IQ2_S';
  } else if (cat === 'attn_q') {
    if (ft === 'IQ3_XS') t = 'IQ3_XXS';
    else if (ft === 'IQ3_XXS') t = 'IQ2_S';
  } else if (cat === 'ffn_down') {
    const n = nLayer;
    if (ft === 'Q2_K') t = 'Q3_K';
    else if (ft === 'Q2_K_S') {
      if (il < div(n, 8)) t = 'Q4_K';
    } else if (ft === 'IQ3_XXS' && !imatrix) t = il < div(n, 8) ? 'Q4_K' : 'Q3_K';
    else if (ft === 'Q3_K_M') t = il < div(n, 16) ? 'Q5_K' : !falcon || useMoreBits(il, n) ? 'Q4_K' : 'Q3_K';
    else if (ft === 'IQ3_M' && (il < div(n, 8) || (nExpert === 8 && useMoreBits(il, n)))) t = 'Q4_K';
    else if (ft === 'Q3_K_L') t = falcon ? 'Q4_K' : 'Q5_K';
    else if (ft === 'Q4_K_M') {
      if (falcon) t = il < div(n, 16) ? 'Q6_K' : useMoreBits(il, n) ? 'Q5_K' : 'Q4_K';
      else if (useMoreBits(il, n)) t = 'Q6_K';
    } else if (il < div(n, 8) && (ft === 'IQ4_NL' || ft === 'IQ4_XS') && !imatrix) t = 'Q5_K';
    else if (ft === 'Q5_K_M' && useMoreBits(il, n)) t = 'Q6_K';
    else if (ft === 'Q4_K_S' && !falcon && il < div(n, 8)) t = 'Q5_K';
    else if ((ft === 'Q4_0' || ft === 'Q5_0') && imatrix && il < div(n, 8)) t = ft === 'Q4_0' ? 'Q4_1' : 'Q5_1';
  } else if (cat === 'attn_output') {
    if (!falcon) {
      if (nExpert === 8) {
        if (
          ft === 'Q2_K' ||
          ft === 'IQ3_XS' ||
          ft === 'IQ3_XXS' ||
          ft === 'Q3_K_S' ||
          ft === 'Q3_K_M' ||
          ft === 'IQ4_NL' ||
          ft === 'Q4_K_S' ||
          ft === 'Q4_K_M' ||
          ft === 'IQ3_S' ||
          ft === 'IQ3_M' ||
          ft === 'IQ4_XS'
        ) {
          t = 'Q5_K';
        }
      } else if (ft === 'Q2_K') t = 'Q3_K';
      else if (ft === 'IQ3_XXS') t = 'IQ3_S';
      else if (ft === 'Q3_K_M') t = 'Q4_K';
      else if (ft === 'Q3_K_L') t = 'Q5_K';
      else if (ft === 'IQ3_M') t = 'Q4_K';
    } else if (ft === 'Q3_K_L') t = 'Q4_K';
  } else if (cat === 'ffn_gate' || cat === 'ffn_up') {
    if (ft === 'IQ3_XS' && il >= div(nLayer, 8) && il < div(7 * nLayer, 8)) t = 'IQ3_XXS';
  }
  return fallback(t, ne0);
}

function roleDims(role: TensorRole): number {
  switch (role) {
    case 'norm':
    case 'output_norm':
    case 'bias':
    case 'attn_sinks':
    case 'exp_probs_b':
    case 'ffn_gate_inp_shexp':
      return 1;
    case 'ffn_gate_exps':
    case 'ffn_up_exps':
    case 'ffn_down_exps':
      return 3;
    default:
      return 2;
  }
}
