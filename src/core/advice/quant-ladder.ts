// The next lower quantisation a remedy may suggest, per runtime.

import type { EstimateSettings } from '../estimate/types';

/** Quantisation ladders: each entry's next lower rung (llama.cpp file types, HF formats). */
const LADDER: Record<EstimateSettings['runtime'], string[]> = {
  'llama.cpp': ['F32', 'F16', 'BF16', 'Q8_0', 'Q6_K', 'Q5_K_M', 'Q4_K_M', 'Q3_K_M', 'Q2_K'],
  vllm: ['fp32', 'fp16', 'bf16', 'fp8', 'awq'],
  transformers: ['fp32', 'fp16', 'bf16', 'int8', 'nf4'],
  sglang: ['fp32', 'fp16', 'bf16', 'fp8', 'awq'],
  mlx: ['fp32', 'fp16', 'bf16', 'mlx-8bit', 'mlx-6bit', 'mlx-5bit', 'mlx-4bit', 'mlx-3bit', 'mlx-2bit'],
};
/** Nominal bits of rungs, to place a quant that is not on the ladder. */
const RUNG_BITS: Record<string, number> = {
  F32: 32,
  F16: 16,
  BF16: 16,
  Q8_0: 8,
  Q6_K: 6,
  Q5_K_M: 5,
  Q4_K_M: 4,
  Q3_K_M: 3,
  Q2_K: 2,
  fp32: 32,
  fp16: 16,
  bf16: 16,
  fp8: 8,
  int8: 8,
  awq: 4,
  nf4: 4,
  'mlx-8bit': 8,
  'mlx-6bit': 6,
  'mlx-5bit': 5,
  'mlx-4bit': 4,
  'mlx-3bit': 3,
  'mlx-2bit': 2,
};

export function nextLowerQuant(quant: string, runtime: EstimateSettings['runtime']): string | null {
  const ladder = LADDER[runtime];
  const idx = ladder.findIndex((q) => q.toLowerCase() === quant.toLowerCase());
  if (idx >= 0) {
    const cur = RUNG_BITS[ladder[idx]!]!;
    return ladder.slice(idx + 1).find((q) => RUNG_BITS[q]! < cur) ?? null;
  }
  const bits = guessBits(quant);
  if (bits == null) return null;
  return ladder.find((q) => RUNG_BITS[q]! < bits) ?? null;
}

function guessBits(quant: string): number | null {
  const q = quant.toUpperCase();
  if (/^(F|BF|FP)16$/.test(q)) return 16;
  if (/^(F|FP)32$/.test(q)) return 32;
  const m = /^I?Q(\d)/.exec(q) ?? /INT(\d)/.exec(q) ?? /(\d)BIT/.exec(q);
  if (m) return Number(m[1]);
  if (/AWQ|GPTQ|NF4|FP4|MXFP4/.test(q)) return 4;
  if (/FP8|INT8/.test(q)) return 8;
  return null;
}
