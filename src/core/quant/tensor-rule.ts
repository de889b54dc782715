// llama-quantize's per-tensor type rule (llama.cpp's llama_tensor_get_type), split by tensor
// category. recipes.ts computes the rule's inputs for a tensor and applies the block-size fallback.

import { isRecurrentLayer, kvHeadsAt, type TensorRole } from '../model/tensors';
import type { ModelSpec } from '../model/types';
import { ggmlType } from './ggml-types';
import type { GgufFileType } from './recipes';

const IQ_LOW = new Set<GgufFileType>(['IQ2_XXS', 'IQ2_XS', 'IQ1_S', 'IQ2_S', 'IQ2_M', 'IQ1_M']);

type Category = 'token_embd' | 'output' | 'attn_v' | 'attn_k' | 'attn_q' | 'attn_output' | 'ffn_up' | 'ffn_gate' | 'ffn_down' | 'other';

export function categoryOf(role: TensorRole): Category {
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
function useMoreBits(i: number, n: number): boolean {
  const e = Math.floor(n / 8);
  return i < e || i >= Math.floor((7 * n) / 8) || (i - e) % 3 === 2;
}

/** llama.cpp's C integer division for the n/8, n/16 thresholds. */
function div(a: number, b: number): number {
  return Math.floor(a / b);
}

/** Input width (ne[0]) of a tensor role when no shape was given. */
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

/** Everything llama-quantize's per-tensor rule looks at, computed once per tensor. */
export interface RuleInput {
  ft: GgufFileType;
  cat: ReturnType<typeof categoryOf>;
  imatrix: boolean;
  nExpert: number;
  gqa: number;
  falcon: boolean;
  nLayer: number;
  il: number;
  ne0: number;
  is3d: boolean;
  spec: ModelSpec;
}

const IQ_VERY_LOW_OUTPUT = new Set(['IQ2_XXS', 'IQ2_XS', 'IQ3_XXS', 'IQ1_S', 'IQ2_S', 'IQ2_M', 'IQ1_M']);
const MOE8_ATTN_OUTPUT_Q5 = new Set([
  'Q2_K',
  'IQ3_XS',
  'IQ3_XXS',
  'Q3_K_S',
  'Q3_K_M',
  'IQ4_NL',
  'Q4_K_S',
  'Q4_K_M',
  'IQ3_S',
  'IQ3_M',
  'IQ4_XS',
]);

// The branches below follow llama.cpp's llama_tensor_get_type in the same order, one function per
// tensor category, so a reader can set them side by side.

function outputType(r: RuleInput, t: string): string {
  if (r.ft === 'MXFP4_MOE') return 'Q8_0';
  if (r.falcon || r.ne0 % ggmlType(t).blockSize !== 0) return 'Q8_0';
  if (IQ_VERY_LOW_OUTPUT.has(r.ft)) return 'Q5_K';
  return t !== 'Q8_0' ? 'Q6_K' : t;
}

function tokenEmbdType(ft: GgufFileType, t: string): string {
  if (ft === 'IQ2_XXS' || ft === 'IQ2_XS' || ft === 'IQ1_S' || ft === 'IQ1_M') return 'Q2_K';
  if (ft === 'IQ2_S' || ft === 'IQ2_M' || ft === 'IQ3_XXS') return 'IQ3_S';
  if (ft === 'TQ1_0' || ft === 'TQ2_0') return 'Q4_K';
  return t;
}

function iqLowType(r: RuleInput, t: string): string {
  const { ft, cat, nExpert, il, nLayer } = r;
  const s = ft === 'IQ2_S' || ft === 'IQ2_M';
  if (cat === 'attn_v') return r.gqa >= 4 || nExpert >= 4 ? 'Q4_K' : s ? 'IQ3_S' : 'Q2_K';
  if (nExpert === 8 && cat === 'attn_k') return 'Q4_K';
  if (cat === 'ffn_down') return il < div(nLayer, 8) ? (s ? 'IQ3_S' : 'Q2_K') : t;
  if (cat === 'attn_output') {
    if (nExpert === 8) return 'Q5_K';
    if (ft === 'IQ1_S' || ft === 'IQ1_M') return 'IQ2_XXS';
    if (s) return 'IQ3_S';
  }
  return t;
}

function attnVType(r: RuleInput, t: string): string {
  const { ft, gqa, imatrix } = r;
  const { index, count } = attentionIndex(r.spec, r.il);
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
  if (is70B(r.spec) && (t === 'Q3_K' || t === 'Q4_K')) t = 'Q5_K';
  if (r.nExpert === 8) t = 'Q8_0';
  return t;
}

function ffnDownType(r: RuleInput, t: string): string {
  const { ft, il, falcon, imatrix, nExpert } = r;
  const n = r.nLayer;
  if (ft === 'Q2_K') return 'Q3_K';
  if (ft === 'Q2_K_S') return il < div(n, 8) ? 'Q4_K' : t;
  if (ft === 'IQ3_XXS' && !imatrix) return il < div(n, 8) ? 'Q4_K' : 'Q3_K';
  if (ft === 'Q3_K_M') return il < div(n, 16) ? 'Q5_K' : !falcon || useMoreBits(il, n) ? 'Q4_K' : 'Q3_K';
  if (ft === 'IQ3_M' && (il < div(n, 8) || (nExpert === 8 && useMoreBits(il, n)))) return 'Q4_K';
  if (ft === 'Q3_K_L') return falcon ? 'Q4_K' : 'Q5_K';
  if (ft === 'Q4_K_M') {
    if (falcon) return il < div(n, 16) ? 'Q6_K' : useMoreBits(il, n) ? 'Q5_K' : 'Q4_K';
    return useMoreBits(il, n) ? 'Q6_K' : t;
  }
  if (il < div(n, 8) && (ft === 'IQ4_NL' || ft === 'IQ4_XS') && !imatrix) return 'Q5_K';
  if (ft === 'Q5_K_M' && useMoreBits(il, n)) return 'Q6_K';
  if (ft === 'Q4_K_S' && !falcon && il < div(n, 8)) return 'Q5_K';
  if ((ft === 'Q4_0' || ft === 'Q5_0') && imatrix && il < div(n, 8)) return ft === 'Q4_0' ? 'Q4_1' : 'Q5_1';
  return t;
}

function attnOutputType(r: RuleInput, t: string): string {
  const { ft } = r;
  if (r.falcon) return ft === 'Q3_K_L' ? 'Q4_K' : t;
  if (r.nExpert === 8) return MOE8_ATTN_OUTPUT_Q5.has(ft) ? 'Q5_K' : t;
  if (ft === 'Q2_K') return 'Q3_K';
  if (ft === 'IQ3_XXS') return 'IQ3_S';
  if (ft === 'Q3_K_M') return 'Q4_K';
  if (ft === 'Q3_K_L') return 'Q5_K';
  if (ft === 'IQ3_M') return 'Q4_K';
  return t;
}

export function ruleType(r: RuleInput, base: string): string {
  const { ft, cat } = r;
  if (cat === 'output' || (r.spec.tiedEmbeddings && cat === 'token_embd')) return outputType(r, base);
  if (ft === 'MXFP4_MOE') return r.is3d ? 'MXFP4' : 'Q8_0';
  if (cat === 'token_embd') return tokenEmbdType(ft, base);
  if (IQ_LOW.has(ft)) return iqLowType(r, base);
  if (cat === 'attn_v') return attnVType(r, base);
  if (cat === 'attn_k') return r.nExpert === 8 ? 'Q8_0' : ft === 'IQ3_XS' ? 'IQ3_XXS' : ft === 'IQ3_XXS' ? 'IQ2_S' : base;
  if (cat === 'attn_q') return ft === 'IQ3_XS' ? 'IQ3_XXS' : ft === 'IQ3_XXS' ? 'IQ2_S' : base;
  if (cat === 'ffn_down') return ffnDownType(r, base);
  if (cat === 'attn_output') return attnOutputType(r, base);
  if ((cat === 'ffn_gate' || cat === 'ffn_up') && ft === 'IQ3_XS' && r.il >= div(r.nLayer, 8) && r.il < div(7 * r.nLayer, 8))
    return 'IQ3_XXS';
  return base;
}
