// MLX's weight formats (mlx.core.quantize; mlx_lm.convert / mlx_lm.utils.quantize_model):
// - affine: `bits` per weight (2, 3, 4, 5, 6, 8) packed into uint32 words along the input dimension,
//   plus one scale and one bias per group of 32, 64 (default) or 128 weights, both in the model dtype
//   (fp16/bf16, 2 bytes each).
// - mxfp4: E2M1 weights in groups of 32 with one E8M0 scale byte, no bias.
// - nvfp4: E2M1 weights in groups of 16 with one E4M3 scale byte, no bias.
// - mxfp8: E4M3 weights in groups of 32 with one E8M0 scale byte, no bias.
// (mode table of https://ml-explore.github.io/mlx/build/html/python/_autosummary/mlx.core.quantize.html)
//
// Which tensors are quantised (quantize_model's wrapped_predicate): every module with `to_quantized`
// (nn.Linear, nn.Embedding, the MoE SwitchLinear stacks) whose weight's last axis (the input
// features) divides the group size. lm_head is quantised like any Linear; a tied lm_head reuses the
// quantised embedding. Routers are priced at 8 bits, group 64, the models' quant_predicate for
// qwen3_moe, qwen3_next, qwen3_5, gpt_oss, granitemoe, gemma4, minimax, lfm2_moe and others; Mixtral's
// router takes the model's bits and DeepSeek's MoEGate stays 16-bit, a difference below 0.1 % of the
// weights. Norms, biases, conv kernels and rotary tables stay in the model dtype; A_log of the
// gated-DeltaNet / Mamba mixers keeps the checkpoint's fp32 (qwen3_5 cast_predicate). Checked to the byte against a published 8-bit
// Qwen3.5-9B conversion (tests/fixtures/mlx/SOURCES.md).

import { tensorElements, type TensorRole } from '../model/tensors';
import type { QuantFormat } from './formats';
import { groupPackedBytes, TRANSFORMER_LINEAR_ROLES } from './packing';

export type MlxMode = 'affine' | 'mxfp4' | 'nvfp4' | 'mxfp8';

export const MLX_AFFINE_BITS = [2, 3, 4, 5, 6, 8] as const;
export const MLX_AFFINE_GROUPS = [32, 64, 128] as const;

interface ModeRule {
  bits: readonly number[];
  groups: readonly number[];
  /** Bytes of the per-group scale (model dtype for affine, one byte for the microscaling modes). */
  scaleBytes: number;
  /** Affine mode also stores a bias per group, in the model dtype. */
  biasBytes: number;
  defaultGroup: number;
  defaultBits: number;
}

const MODES: Record<MlxMode, ModeRule> = {
  affine: { bits: MLX_AFFINE_BITS, groups: MLX_AFFINE_GROUPS, scaleBytes: 2, biasBytes: 2, defaultGroup: 64, defaultBits: 4 },
  mxfp4: { bits: [4], groups: [32], scaleBytes: 1, biasBytes: 0, defaultGroup: 32, defaultBits: 4 },
  nvfp4: { bits: [4], groups: [16], scaleBytes: 1, biasBytes: 0, defaultGroup: 16, defaultBits: 4 },
  mxfp8: { bits: [8], groups: [32], scaleBytes: 1, biasBytes: 0, defaultGroup: 32, defaultBits: 8 },
};

/**
 * Matrices mlx_lm quantises: every nn.Linear / SwitchLinear of the model, which beyond the attention and
 * FFN matrices includes the gate half of gated-DeltaNet's in_proj_qkvz (attn_gate), the recurrent mixers'
 * in and out projections, DeepSeek's sparse-attention indexer and Gemma 3n's AltUp projections.
 */
const LINEAR_ROLES = new Set<TensorRole>([
  ...TRANSFORMER_LINEAR_ROLES,
  'attn_gate',
  'ssm_in',
  'ssm_out',
  'indexer',
  'indexer_proj',
  'altup',
]);
const EMBEDDING_ROLES = new Set<TensorRole>(['token_embd', 'output', 'per_layer_embd']);
/** Routers and shared-expert gates, which the models' quant_predicate keeps at 8 bits, group 64. */
const ROUTER_ROLES = new Set<TensorRole>(['ffn_gate_inp', 'ffn_gate_inp_shexp']);
const ROUTER = { bits: 8, group: 64 } as const;

function mlxFormat(mode: MlxMode, bits: number, group: number, id: string): QuantFormat {
  const what = mode === 'affine' ? `MLX ${bits}-bit` : `MLX ${mode.toUpperCase()}`;
  const tail = mode === 'affine' ? `group ${group}, scale + bias per group in the model dtype` : `group ${group}, one scale byte per group`;
  return {
    id,
    label: `${what} (${tail})`,
    runtimes: ['mlx'],
    nominalBits: bits,
    family: 'hf',
    scheme: 'mlx',
    groupSize: group,
    mlxMode: mode,
  };
}

/** The canonical id: "mlx-4bit" (affine, group 64), "mlx-4bit-g32", "mlx-mxfp4", "mlx-nvfp4", "mlx-mxfp8". */
export function mlxQuantId(mode: MlxMode, bits: number, group: number): string {
  if (mode !== 'affine') return `mlx-${mode}`;
  return group === MODES.affine.defaultGroup ? `mlx-${bits}bit` : `mlx-${bits}bit-g${group}`;
}

/** The formats listed in pickers: affine 2–8 bits at the default group of 64, and the microscaling modes. */
export const MLX_FORMATS: QuantFormat[] = [
  ...[8, 6, 5, 4, 3, 2].map((b) => mlxFormat('affine', b, 64, mlxQuantId('affine', b, 64))),
  mlxFormat('mxfp8', 8, 32, 'mlx-mxfp8'),
  mlxFormat('mxfp4', 4, 32, 'mlx-mxfp4'),
  mlxFormat('nvfp4', 4, 16, 'mlx-nvfp4'),
];

/**
 * Parses any MLX id: "mlx-4bit", "mlx-6bit-g128", "mlx-q4" (alias), "mlx-mxfp4", "mlx-nvfp4",
 * "mlx-mxfp8"; null when the id is not MLX or names a combination MLX refuses (5-bit mxfp, group 16 affine).
 */
export function parseMlxQuant(id: string): QuantFormat | null {
  const key = id.trim().toLowerCase();
  const fp = /^mlx-(mxfp4|nvfp4|mxfp8)$/.exec(key);
  if (fp) {
    const mode = fp[1] as MlxMode;
    const rule = MODES[mode];
    return mlxFormat(mode, rule.defaultBits, rule.defaultGroup, mlxQuantId(mode, rule.defaultBits, rule.defaultGroup));
  }
  const m = /^mlx-(?:q)?(\d)(?:bit)?(?:-g(\d+))?$/.exec(key);
  if (!m) return null;
  const bits = Number(m[1]);
  const group = m[2] === undefined ? MODES.affine.defaultGroup : Number(m[2]);
  if (!MODES.affine.bits.includes(bits) || !MODES.affine.groups.includes(group)) return null;
  return mlxFormat('affine', bits, group, mlxQuantId('affine', bits, group));
}

/** Bytes of `n` weights quantised in groups along the input axis: packed codes, scales and (affine) biases. */
export function mlxQuantizedBytes(n: number, bits: number, group: number, mode: MlxMode = 'affine'): number {
  const rule = MODES[mode];
  return groupPackedBytes(n, bits, group, rule.scaleBytes + rule.biasBytes);
}

export interface MlxTensorPricing {
  bytes: number;
  /** byType label: "MLX4", "MLX8", "MXFP4", "BF16", "F32". */
  type: string;
}

/**
 * Prices one tensor of an MLX checkpoint. `shape` is ggml order: shape[0] = input features (the axis
 * MLX groups along), shape[1] = output features, shape[2] = experts.
 */
export function mlxTensorBytes(format: QuantFormat, role: TensorRole, shape: readonly number[]): MlxTensorPricing {
  const n = tensorElements(shape);
  const inF = shape[0] ?? 1;
  const mode = format.mlxMode ?? 'affine';
  const group = format.groupSize ?? MODES[mode].defaultGroup;
  if (role === 'ssm_param') return { bytes: n * 4, type: 'F32' };
  const matrix = shape.length >= 2;
  if (matrix && ROUTER_ROLES.has(role) && inF % ROUTER.group === 0) {
    return { bytes: mlxQuantizedBytes(n, ROUTER.bits, ROUTER.group), type: 'MLX8' };
  }
  // quantize_model skips any module whose input width does not divide the (global) group size.
  const quantizable = matrix && (LINEAR_ROLES.has(role) || EMBEDDING_ROLES.has(role)) && inF % group === 0;
  if (!quantizable) return { bytes: n * 2, type: 'BF16' };
  const type = mode === 'affine' ? `MLX${format.nominalBits}` : mode.toUpperCase();
  return { bytes: mlxQuantizedBytes(n, format.nominalBits, group, mode), type };
}
