// Bytes of one tensor in a Hugging Face-side format, as the real packers store it:
// - bitsandbytes 4-bit (NF4/FP4): two weights per byte, absmax per 64 weights in fp32, or with double
//   quantisation an 8-bit absmax per block plus an fp32 absmax and offset per 256 blocks and a 256-entry
//   fp32 code book per tensor (bitsandbytes functional.quantize_4bit / QuantState).
// - LLM.int8: int8 weights plus one fp32 scale per output row (Int8Params.SCB).
// - AWQ (GEMM packing): qweight int32 [in, out/8], qzeros int32 [in/g, out/8], scales fp16 [in/g, out].
// - GPTQ: qweight int32 [in/32·bits, out], qzeros int32 [in/g, out/32·bits], scales fp16 [in/g, out],
//   g_idx int32 [in].
// - MLX: packed uint32 weights with a scale (and bias) per group; rules in mlx.ts.
// - FP8 (vLLM/compressed-tensors per-tensor): one byte per weight plus an fp32 scale.
// - gpt-oss MXFP4: experts as 4-bit E2M1 blocks of 32 with one E8M0 scale byte; everything else bf16.
// Embeddings, lm_head, norms and biases stay at 16-bit in every format except MLX, which quantises the
// embedding and lm_head too (mlx.ts).

import { tensorElements, type TensorRole } from '../model/tensors';
import type { QuantFormat } from './formats';
import { mlxTensorBytes } from './mlx';
import { groupPackedBytes, TRANSFORMER_LINEAR_ROLES } from './packing';

// The indexer's wq_b and wk are quantised with the rest of an FP8 checkpoint (DeepSeek-V3.2's weights_proj is built
// in the default dtype, hence its own role).
const LINEAR_ROLES = new Set<TensorRole>([...TRANSFORMER_LINEAR_ROLES, 'indexer']);

const EXPERT_ROLES = new Set<TensorRole>(['ffn_gate_exps', 'ffn_up_exps', 'ffn_down_exps']);

export interface HfTensorPricing {
  bytes: number;
  /** ggml-style label for byType tallies ("BF16", "NF4", "AWQ4", ...). */
  type: string;
}

/** The 16-bit (or fp32) type unquantised tensors keep in a format. */
function floatBytesOf(format: QuantFormat): number {
  return format.scheme === 'float' ? (format.floatBytes ?? 2) : format.id === 'fp32' ? 4 : 2;
}

function floatLabel(format: QuantFormat): string {
  if (format.scheme === 'float') return format.id === 'fp32' ? 'F32' : format.id === 'fp16' ? 'F16' : 'BF16';
  return 'BF16';
}

/**
 * Prices one tensor. `shape` is ggml order: shape[0] = input features, shape[1] = output features,
 * shape[2] = experts (3-D expert stacks).
 */
export function hfTensorBytes(format: QuantFormat, role: TensorRole, shape: readonly number[]): HfTensorPricing {
  const n = tensorElements(shape);
  const fb = floatBytesOf(format);
  const floatType = floatLabel(format);
  const isLinear = LINEAR_ROLES.has(role) && shape.length >= 2;
  const inF = shape[0] ?? 1;
  const outF = shape[1] ?? 1;
  const mats = shape.length >= 3 ? (shape[2] ?? 1) : 1;

  switch (format.scheme) {
    case 'float':
      return { bytes: n * fb, type: floatType };
    case 'fp8':
      if (!isLinear) return { bytes: n * 2, type: 'BF16' };
      return { bytes: n + 4 * mats, type: 'F8_E4M3' };
    case 'bnb-int8':
      // bitsandbytes replaces every nn.Linear except lm_head, including the MoE router.
      if (!(isLinear || role === 'ffn_gate_inp')) return { bytes: n * 2, type: 'F16' };
      return { bytes: n + outF * mats * 4, type: 'I8' };
    case 'bnb-4bit': {
      if (!(isLinear || role === 'ffn_gate_inp')) return { bytes: n * 2, type: 'F16' };
      const blocks = Math.ceil(n / (format.groupSize ?? 64));
      const packed = Math.ceil(n / 2);
      if (!format.doubleQuant) return { bytes: packed + blocks * 4, type: format.id.startsWith('fp4') ? 'FP4' : 'NF4' };
      const groups = Math.ceil(blocks / 256);
      return { bytes: packed + blocks + groups * 4 + 4 + 256 * 4, type: format.id.startsWith('fp4') ? 'FP4' : 'NF4' };
    }
    case 'awq':
    case 'gptq': {
      if (!isLinear) return { bytes: n * 2, type: 'F16' };
      const bits = format.nominalBits;
      const g = format.groupSize === -1 || !format.groupSize ? inF : format.groupSize;
      const groupsIn = Math.ceil(inF / g);
      const perMatrix =
        (inF * outF * bits) / 8 + // packed weights
        groupsIn * outF * 2 + // fp16 scales
        (groupsIn * outF * bits) / 8 + // packed zero points
        (format.scheme === 'gptq' ? inF * 4 : 0); // g_idx
      return { bytes: Math.ceil(perMatrix) * mats, type: `${format.scheme.toUpperCase()}${bits}` };
    }
    case 'mlx':
      return mlxTensorBytes(format, role, shape);
    case 'mxfp4':
      if (!EXPERT_ROLES.has(role)) return { bytes: n * 2, type: 'BF16' };
      // 4-bit E2M1 codes, one E8M0 scale byte per 32: the same packing as MLX's mxfp4 mode.
      return { bytes: groupPackedBytes(n, 4, 32, 1), type: 'MXFP4' };
    case 'nvfp4':
      if (!isLinear) return { bytes: n * 2, type: 'BF16' };
      // ModelOpt's NVFP4 export: packed E2M1 codes, an FP8 E4M3 scale per 16, and per matrix the fp32
      // weight_scale_2 and input_scale. Every linear layer but the head; the MoE router stays 16-bit.
      return { bytes: groupPackedBytes(n, 4, 16, 1) + 8 * mats, type: 'NVFP4' };
    default:
      return { bytes: n * 2, type: 'BF16' };
  }
}
