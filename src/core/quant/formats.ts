// Every quantisation format the planner knows: llama.cpp file types (per-tensor recipes in recipes.ts)
// and the Hugging Face-side formats (per-tensor byte rules in hf.ts).

import type { Runtime } from '../estimate/types';
import { MLX_FORMATS, parseMlxQuant, type MlxMode } from './mlx';

export type QuantFamily = 'gguf' | 'hf';
/** Runtimes a format applies to. */
export type QuantRuntime = Runtime;

export type HfScheme = 'float' | 'fp8' | 'bnb-int8' | 'bnb-4bit' | 'awq' | 'gptq' | 'mlx' | 'mxfp4' | 'nvfp4';

export interface QuantFormat {
  /** Canonical id: "Q4_K_M", "bf16", "awq", "gptq-int8", "nf4-dq", "mlx-4bit". */
  id: string;
  label: string;
  runtimes: QuantRuntime[];
  /** Bits of the main weight type, before scales and mixed tensors ("4.5" for Q4_K is 4 here). */
  nominalBits: number;
  family: QuantFamily;
  /** HF formats: how tensors are packed. */
  scheme?: HfScheme;
  /** Element bytes for float schemes (fp32 4, fp16/bf16 2). */
  floatBytes?: number;
  /** Quantisation group along the input dimension (AWQ/GPTQ 128, MLX 64, bitsandbytes 64). */
  groupSize?: number;
  /** bitsandbytes 4-bit: NF4 or FP4 code book, double-quantised absmax. */
  doubleQuant?: boolean;
  /** MLX formats: affine (scale + bias per group) or a microscaling float mode (see mlx.ts). */
  mlxMode?: MlxMode;
}

const LLAMA: QuantRuntime[] = ['llama.cpp'];
const SERVE: QuantRuntime[] = ['vllm', 'transformers', 'sglang'];
/** Unquantised checkpoints: MLX loads fp16/bf16/fp32 safetensors as they are. */
const FLOAT_RUNTIMES: QuantRuntime[] = [...SERVE, 'mlx'];

function gguf(id: string, bits: number, label: string): QuantFormat {
  return { id, label: `${id} (${label})`, runtimes: LLAMA, nominalBits: bits, family: 'gguf' };
}

export const QUANT_FORMATS: QuantFormat[] = [
  gguf('F32', 32, 'full 32-bit float'),
  gguf('F16', 16, '16-bit float'),
  gguf('BF16', 16, 'bfloat16'),
  gguf('Q8_0', 8, '8-bit, 8.5 bpw'),
  gguf('Q6_K', 6, '6-bit k-quant, 6.56 bpw'),
  gguf('Q5_K_M', 5, 'Q5_K with Q6_K on sensitive tensors'),
  gguf('Q5_K_S', 5, 'Q5_K'),
  gguf('Q5_0', 5, 'legacy 5-bit, 5.5 bpw'),
  gguf('Q5_1', 5, 'legacy 5-bit with offset, 6 bpw'),
  gguf('Q4_K_M', 4, 'Q4_K with Q6_K on output, attn_v and ffn_down of some layers'),
  gguf('Q4_K_S', 4, 'Q4_K with a few Q5_K tensors'),
  gguf('Q4_0', 4, 'legacy 4-bit, 4.5 bpw'),
  gguf('Q4_1', 4, 'legacy 4-bit with offset, 5 bpw'),
  gguf('Q3_K_L', 3, 'Q3_K with Q5_K attention/ffn_down'),
  gguf('Q3_K_M', 3, 'Q3_K with Q4_K/Q5_K on sensitive tensors'),
  gguf('Q3_K_S', 3, 'Q3_K'),
  gguf('Q2_K', 2, 'Q2_K with Q3_K/Q4_K on sensitive tensors'),
  gguf('Q2_K_S', 2, 'Q2_K, fewer upgrades'),
  gguf('IQ4_XS', 4, 'i-quant, 4.25 bpw'),
  gguf('IQ4_NL', 4, 'non-linear 4-bit, 4.5 bpw'),
  gguf('IQ3_M', 3, 'IQ3_S mix'),
  gguf('IQ3_XXS', 3, 'i-quant, 3.06 bpw'),
  gguf('IQ3_XS', 3, 'IQ3_S/IQ3_XXS mix'),
  gguf('IQ3_S', 3, 'i-quant, 3.44 bpw'),
  gguf('IQ2_M', 2, 'IQ2_S mix'),
  gguf('IQ2_S', 2, 'IQ2_XS mix'),
  gguf('IQ2_XS', 2, 'i-quant, 2.31 bpw'),
  gguf('IQ2_XXS', 2, 'i-quant, 2.06 bpw'),
  gguf('IQ1_S', 1, 'i-quant, 1.56 bpw'),
  gguf('IQ1_M', 1, 'i-quant, 1.75 bpw'),
  gguf('TQ1_0', 1, 'ternary, 1.69 bpw'),
  gguf('TQ2_0', 2, 'ternary, 2.06 bpw'),
  gguf('MXFP4_MOE', 4, 'MXFP4 experts, Q8_0 elsewhere'),
  { id: 'fp32', label: 'FP32', runtimes: FLOAT_RUNTIMES, nominalBits: 32, family: 'hf', scheme: 'float', floatBytes: 4 },
  { id: 'fp16', label: 'FP16', runtimes: FLOAT_RUNTIMES, nominalBits: 16, family: 'hf', scheme: 'float', floatBytes: 2 },
  { id: 'bf16', label: 'BF16', runtimes: FLOAT_RUNTIMES, nominalBits: 16, family: 'hf', scheme: 'float', floatBytes: 2 },
  { id: 'fp8', label: 'FP8 (E4M3, per-tensor scale)', runtimes: SERVE, nominalBits: 8, family: 'hf', scheme: 'fp8' },
  {
    id: 'int8',
    label: 'bitsandbytes LLM.int8 (8-bit rows + fp32 row scales)',
    runtimes: SERVE,
    nominalBits: 8,
    family: 'hf',
    scheme: 'bnb-int8',
  },
  bnb4('nf4', 'NF4', false),
  bnb4('nf4-dq', 'NF4', true),
  bnb4('fp4', 'FP4', false),
  bnb4('fp4-dq', 'FP4', true),
  packed('awq', 'AWQ 4-bit', 'awq', 4, 128),
  packed('gptq', 'GPTQ 4-bit', 'gptq', 4, 128),
  packed('gptq-int8', 'GPTQ 8-bit', 'gptq', 8, 128),
  ...MLX_FORMATS,
  {
    id: 'mxfp4',
    label: 'MXFP4 experts (gpt-oss native), BF16 elsewhere',
    runtimes: SERVE,
    nominalBits: 4,
    family: 'hf',
    scheme: 'mxfp4',
    groupSize: 32,
  },
  {
    id: 'nvfp4',
    label: 'NVFP4 (ModelOpt: E2M1, FP8 scale per 16), BF16 router, embeddings and head',
    runtimes: SERVE,
    nominalBits: 4,
    family: 'hf',
    scheme: 'nvfp4',
    groupSize: 16,
  },
];

function bnb4(id: string, code: string, dq: boolean): QuantFormat {
  return {
    id,
    label: `bitsandbytes ${code} 4-bit${dq ? ', double-quantised absmax' : ''}`,
    runtimes: SERVE,
    nominalBits: 4,
    family: 'hf',
    scheme: 'bnb-4bit',
    groupSize: 64,
    doubleQuant: dq,
  };
}

function packed(id: string, label: string, scheme: 'awq' | 'gptq', bits: number, group: number): QuantFormat {
  return {
    id,
    label: `${label} (group ${group === -1 ? 'per-channel' : group})`,
    runtimes: SERVE,
    nominalBits: bits,
    family: 'hf',
    scheme,
    groupSize: group,
  };
}

const byExact = new Map(QUANT_FORMATS.map((f) => [f.id, f]));
// Later (HF) entries win on lower-case collisions, so "Bf16" means the HF dtype.
const byLower = new Map(QUANT_FORMATS.map((f) => [f.id.toLowerCase(), f]));
const ALIASES: Record<string, string> = {
  float32: 'fp32',
  float16: 'fp16',
  bfloat16: 'bf16',
  half: 'fp16',
  'awq-int4': 'awq',
  'awq-4bit': 'awq',
  'gptq-int4': 'gptq',
  'gptq-4bit': 'gptq',
  'gptq-8bit': 'gptq-int8',
  'bnb-8bit': 'int8',
  'bnb-4bit': 'nf4',
  'llm.int8': 'int8',
  fp8_e4m3: 'fp8',
  f8_e4m3: 'fp8',
  'mxfp4-moe': 'mxfp4_moe',
  modelopt_fp4: 'nvfp4',
  'nvfp4-moe': 'nvfp4',
  mlx4: 'mlx-4bit',
  mlx8: 'mlx-8bit',
};

export class UnknownQuantError extends Error {
  constructor(id: string) {
    super(
      `Unknown quantisation "${id}"; use a llama.cpp file type such as Q4_K_M or Q8_0, or one of bf16, fp16, fp8, int8, nf4, fp4, awq, gptq, mxfp4, nvfp4, mlx-4bit (MLX: mlx-2bit…mlx-8bit, -g32/-g128 group suffix, mlx-mxfp4, mlx-nvfp4, mlx-mxfp8).`,
    );
    this.name = 'UnknownQuantError';
  }
}

const resolved = new Map<string, QuantFormat>();

/**
 * Finds a format by id, case-insensitively (exact case decides between GGUF "BF16" and HF "bf16"). AWQ/GPTQ accept a group-size suffix ("gptq-int8-g32",
 * "awq-g64", "-g-1" for per-channel) so imported configs keep their real group size.
 */
export function resolveQuant(id: string): QuantFormat {
  const hit = typeof id === 'string' ? resolved.get(id) : undefined;
  if (hit) return hit;
  const f = resolveUncached(id);
  if (resolved.size < 256) resolved.set(id, f);
  return f;
}

function resolveUncached(id: string): QuantFormat {
  if (typeof id !== 'string' || id.trim() === '') throw new UnknownQuantError(String(id));
  // Exact case first: "BF16" is the GGUF file type, "bf16" the Hugging Face dtype.
  const exact = byExact.get(id.trim());
  if (exact) return exact;
  const key = id.trim().toLowerCase();
  const direct = byLower.get((Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined) ?? key);
  if (direct) return direct;
  const m = /^(awq|gptq)(?:-int(4|8))?-g(-1|\d+)$/.exec(key);
  if (m) {
    const scheme = m[1] as 'awq' | 'gptq';
    const bits = Number(m[2] ?? 4);
    const group = Number(m[3]);
    if (group === -1 || (group >= 16 && group <= 8192)) {
      const base = scheme === 'gptq' && bits === 8 ? 'gptq-int8' : scheme;
      return { ...packed(`${base}-g${group}`, `${scheme.toUpperCase()} ${bits}-bit`, scheme, bits, group) };
    }
  }
  const mlx = parseMlxQuant(key);
  if (mlx) return mlx;
  throw new UnknownQuantError(id);
}

export function isKnownQuant(id: string): boolean {
  try {
    resolveQuant(id);
    return true;
  } catch {
    return false;
  }
}

/** What the article's 16/8/4-bit means concretely in each runtime. */
export function quantForBits(bits: 16 | 8 | 4, runtime: Runtime): QuantFormat {
  const table: Record<Runtime, Record<16 | 8 | 4, string>> = {
    'llama.cpp': { 16: 'F16', 8: 'Q8_0', 4: 'Q4_K_M' },
    vllm: { 16: 'bf16', 8: 'fp8', 4: 'awq' },
    sglang: { 16: 'bf16', 8: 'fp8', 4: 'awq' },
    transformers: { 16: 'bf16', 8: 'int8', 4: 'nf4' },
    mlx: { 16: 'bf16', 8: 'mlx-8bit', 4: 'mlx-4bit' },
  };
  const row = table[runtime];
  if (!row) throw new UnknownQuantError(`${bits}-bit for runtime ${String(runtime)}`);
  const id = row[bits];
  if (!id) throw new UnknownQuantError(`${String(bits)}-bit`);
  return resolveQuant(id);
}
