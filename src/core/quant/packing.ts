// What the Hugging Face-side packers (hf.ts) and MLX (mlx.ts) have in common: which tensors are the
// model's linear layers, and how a group-quantised tensor is stored (codes packed at `bits` per weight,
// plus a fixed number of bytes per group for its scale, and bias or zero point where the format has one).

import type { TensorRole } from '../model/tensors';

/** The attention and FFN matrices (dense, MoE expert stacks and shared experts) every packer quantises. */
export const TRANSFORMER_LINEAR_ROLES: readonly TensorRole[] = [
  'attn_q',
  'attn_k',
  'attn_v',
  'attn_qkv',
  'attn_output',
  'attn_q_a',
  'attn_q_b',
  'attn_kv_a_mqa',
  'attn_kv_b',
  'ffn_gate',
  'ffn_up',
  'ffn_down',
  'ffn_gate_exps',
  'ffn_up_exps',
  'ffn_down_exps',
  'ffn_gate_shexp',
  'ffn_up_shexp',
  'ffn_down_shexp',
];

/**
 * Bytes of `n` weights quantised in groups of `group`: the packed codes plus `perGroupBytes` per group.
 * A partial last group still stores its scale, hence the ceiling (the packers only group whole widths,
 * so it changes nothing for them, but a caller pricing a ragged count gets storage, not a fraction).
 */
export function groupPackedBytes(n: number, bits: number, group: number, perGroupBytes: number): number {
  return (n * bits) / 8 + Math.ceil(n / group) * perGroupBytes;
}
