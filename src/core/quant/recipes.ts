// llama-quantize's per-tensor type choice for each llama.cpp file type, re-expressed from
// llama.cpp src/llama-quant.cpp (llama_tensor_get_type_impl, tensor_type_fallback,
// tensor_allows_quantization, llama_ftype_get_default_type). A K-quant "file type" is a mix: the output
// matrix, attn_v and ffn_down get more bits on the layers `use_more_bits` picks.

import { kvHeadsAt, type TensorRole } from '../model/tensors';
import type { ModelSpec } from '../model/types';
import { ggmlType } from './ggml-types';
import { categoryOf, ruleType, type RuleInput } from './tensor-rule';

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
    case 'ssm_conv': // llama-quantize skips "ssm_conv1d" and "shortconv.conv.weight"
    case 'ssm_param': // and names without ".weight" (Mamba's ssm_a, ssm_d)
    case 'altup': // and Gemma 3n's "altup", "laurel" and "per_layer_model_proj" tensors
      return false;
    default:
      return true;
  }
}

export function isLayerDependentRole(role: TensorRole): boolean {
  const c = categoryOf(role);
  return c === 'attn_v' || c === 'ffn_down' || c === 'ffn_gate' || c === 'ffn_up';
}

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
  // convert_hf_to_gguf writes BERT's position_embd and token_types in F32 ("some tensor types are always in
  // float32", matching llama-quantize, which then skips them).
  if (tensorRole === 'pos_embd') return 'F32';
  const base = DEFAULT_TYPE[ft];
  if (ft === 'F32' || ft === 'F16' || ft === 'BF16') return base;
  const r: RuleInput = {
    ft,
    cat: categoryOf(tensorRole),
    imatrix: opts.imatrix ?? ft.startsWith('IQ'),
    nExpert: spec.moe && spec.moe.experts > 1 ? spec.moe.experts : 0,
    gqa: spec.mla ? 1 : spec.heads / Math.max(1, kvHeadsAt(spec, 0)),
    falcon: spec.architecture === 'falcon',
    nLayer: spec.layers,
    il: layerIndex ?? 0,
    ne0: opts.shape?.[0] ?? inferNe0(tensorRole, spec),
    is3d: opts.shape ? opts.shape.length >= 3 && (opts.shape[2] ?? 1) > 1 : isExpertRole(tensorRole),
    spec,
  };
  return fallback(ruleType(r, base), r.ne0);
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
