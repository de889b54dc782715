// Published quality-loss measurements per quantisation format, quoted exactly from their sources.
// Nothing here is estimated: every figure is a number printed in the source named beside it, and the
// only arithmetic done on them (perplexity increase in %, the loss in nats) lives in quality.ts.
// docs/quant-quality.md is rendered from this file (quality-doc.ts) and a test keeps the two equal.

export { QUALITY_SOURCES, type QualitySource } from './quality-sources';

/** How a source printed its perplexity figure. */
export type PplFigure =
  /** Quantised perplexity and its difference to the 16-bit perplexity (llama-perplexity's "ΔPPL"). */
  | { kind: 'delta'; ppl: number; dPpl: number }
  /** Quantised and 16-bit perplexity side by side. */
  | { kind: 'pair'; ppl: number; base: number }
  /** The increase in percent, as printed. */
  | { kind: 'pct'; pct: number }
  /** ln(PPL_q / PPL_16), as printed (llama-perplexity's "Mean ln(PPL(Q)/PPL(base))"). */
  | { kind: 'ln'; ln: number };

export interface QualityMeasurement {
  /** QUANT_FORMATS id the row measures. */
  quant: string;
  /** Catalog family the model belongs to (CatalogModel.family). */
  family: string;
  model: string;
  /** Billions of parameters of the measured model. */
  paramsB: number;
  source: string;
  /** Mean KL divergence to the 16-bit model's token distribution, in nats. */
  kld?: number;
  ppl?: PplFigure;
  /** The source's own label for the row when it differs from the id (imatrix, group size, method). */
  row?: string;
}

/** A format with no loss figure, and why. 'reference' formats are the 16-bit baseline or hold it exactly. */
export interface QualityNote {
  quant: string;
  status: 'reference' | 'native' | 'not-measured';
  reason: string;
  /** The reason as a message key (core/i18n), so the UI says it in its language; `reason` stays for docs. */
  reasonKey: string;
  reasonParams?: Record<string, string | number>;
  /** 'native': the families whose published weights are in this format (no 16-bit original exists). */
  families?: string[];
  source?: string;
}

const L3 = { family: 'Llama 3', model: 'Llama 3 8B', paramsB: 8.03, source: 'llamacpp-l3-8b' } as const;
const WT = 'imatrix WT 10m';

function l3(quant: string, ppl: number, dPpl: number, kld: number, row?: string): QualityMeasurement {
  return { ...L3, quant, kld, ppl: { kind: 'delta', ppl, dPpl }, ...(row ? { row } : {}) };
}

const L2_7B = { family: 'Llama 2', model: 'Llama 2 7B', paramsB: 6.74 } as const;
const L2_70B = { family: 'Llama 2', model: 'Llama 2 70B', paramsB: 69 } as const;

function l2_70b(quant: string, pct: number): QualityMeasurement {
  return { ...L2_70B, source: 'llamacpp-l2-70b', quant, ppl: { kind: 'pct', pct } };
}

function pair(at: Omit<QualityMeasurement, 'quant' | 'ppl'>, quant: string, ppl: number, base: number, row?: string): QualityMeasurement {
  return { ...at, quant, ppl: { kind: 'pair', ppl, base }, ...(row ? { row } : {}) };
}

const HUANG_8B = { family: 'Llama 3', model: 'Llama 3 8B', paramsB: 8.03, source: 'huang-2024-llama3' } as const;
const HUANG_70B = { family: 'Llama 3', model: 'Llama 3 70B', paramsB: 70.6, source: 'huang-2024-llama3' } as const;
const HQQ_7B = { ...L2_7B, source: 'hqq-2023-llama2' } as const;
const HQQ_13B = { family: 'Llama 2', model: 'Llama 2 13B', paramsB: 13.0, source: 'hqq-2023-llama2' } as const;

function hqq4bit(at: typeof HQQ_7B | typeof HQQ_13B, ppl: number, base: number): QualityMeasurement[] {
  return ['nf4', 'nf4-dq', 'fp4', 'fp4-dq'].map((quant) => pair(at, quant, ppl, base, 'BNB_g64, 4-bit'));
}

const MISTRAL_7B = { family: 'Mistral', model: 'Mistral 7B', paramsB: 7.24 } as const;
const GEMMA2_27B = { family: 'Gemma 2', model: 'Gemma 2 27B', paramsB: 27.2, source: 'dracones-gemma-2-27b' } as const;

function mistralLn(quant: string, ln: number): QualityMeasurement {
  return { ...MISTRAL_7B, source: 'artefact2-mistral-7b', quant, ppl: { kind: 'ln', ln }, row: 'imatrix wiki.train' };
}

function mistralPct(quant: string, pct: number): QualityMeasurement {
  return { ...MISTRAL_7B, source: 'ikawrakow-mistral-7b', quant, ppl: { kind: 'pct', pct }, row: 'PPL(llama.cpp)' };
}

/** One size row of the Qwen2 cards: fp16 first, then the quantised perplexities in the card's column order. */
function qwen2(model: string, paramsB: number, fp16: number, cells: Record<string, number>): QualityMeasurement[] {
  const at = { family: 'Qwen2', model, paramsB, source: 'qwen2-gguf-card' } as const;
  return Object.entries(cells).map(([quant, ppl]) => pair(at, quant, ppl, fp16));
}

/** Per family first row = the family's primary figure; further rows of the same quant and family are other sizes. */
export const QUALITY_MEASUREMENTS: QualityMeasurement[] = [
  // llama.cpp, LLaMA 3 8B scoreboard (PPL, ΔPPL, KLD columns as printed).
  l3('Q8_0', 6.234284, 0.00265, 0.001355),
  l3('Q6_K', 6.253382, 0.021748, 0.005452),
  l3('Q5_K_M', 6.288607, 0.056974, 0.010762),
  l3('Q5_K_S', 6.336598, 0.104964, 0.016595),
  l3('Q5_1', 6.337857, 0.106223, 0.018045),
  l3('Q5_0', 6.363224, 0.131591, 0.022239),
  l3('Q4_K_M', 6.407115, 0.175482, 0.031273),
  l3('Q4_K_S', 6.500529, 0.268895, 0.043136),
  l3('IQ4_NL', 6.455593, 0.223959, 0.035742, WT),
  l3('IQ4_XS', 6.459705, 0.228071, 0.036334, WT),
  l3('Q4_1', 6.682737, 0.451103, 0.071683),
  l3('Q4_0', 6.700147, 0.468514, 0.07194),
  l3('Q3_K_L', 6.787876, 0.556242, 0.087176),
  l3('Q3_K_M', 6.888498, 0.656864, 0.101913),
  l3('IQ3_M', 6.898327, 0.666694, 0.102534, WT),
  l3('IQ3_S', 6.965501, 0.733867, 0.111278, WT),
  l3('IQ3_XS', 7.163043, 0.931409, 0.138693, WT),
  l3('IQ3_XXS', 7.458436, 1.226803, 0.183625, WT),
  l3('Q3_K_S', 7.863786, 1.632152, 0.228217),
  l3('IQ2_M', 8.600799, 2.369166, 0.325989, WT),
  l3('Q2_K_S', 9.323778, 3.092145, 0.40336, WT),
  l3('IQ2_S', 9.650781, 3.419148, 0.439197, WT),
  l3('Q2_K', 9.751568, 3.519934, 0.445132),
  l3('IQ2_XS', 10.761424, 4.529791, 0.54629, WT),
  l3('IQ2_XXS', 14.091782, 7.860148, 0.812022, WT),
  l3('IQ1_M', 25.493722, 19.262089, 1.393084, WT),
  l3('IQ1_S', 60.694593, 54.462959, 2.254554, WT),
  // FP16 against the BF16 original (the reference LLaMA 3 was released in).
  {
    ...L3,
    source: 'llamacpp-bf16-fp16',
    quant: 'F16',
    row: 'FP16 vs BF16 base',
    kld: 0.00002515,
    ppl: { kind: 'pair', ppl: 6.227711, base: 6.225194 },
  },
  // llama.cpp, LLaMA 2 7B columns of the LLaMA 2 vs. 3 comparison.
  { ...L2_7B, source: 'llamacpp-l2-vs-l3', quant: 'Q8_0', kld: 0.000369, ppl: { kind: 'delta', ppl: 5.798542, dPpl: 0.00399 } },
  { ...L2_7B, source: 'llamacpp-l2-vs-l3', quant: 'Q6_K', kld: 0.002098, ppl: { kind: 'delta', ppl: 5.808494, dPpl: 0.013941 } },
  { ...L2_7B, source: 'llamacpp-l2-vs-l3', quant: 'Q4_K_M', kld: 0.012686, ppl: { kind: 'delta', ppl: 5.877078, dPpl: 0.082526 } },
  { ...L2_7B, source: 'llamacpp-l2-vs-l3', quant: 'Q2_K', kld: 0.108903, ppl: { kind: 'delta', ppl: 5.794552, dPpl: 0.625552 } },
  // llama.cpp, Llama 2 70B old scoreboard ("Delta to fp16").
  l2_70b('Q4_0', 3.61),
  l2_70b('Q4_1', 2.37),
  l2_70b('Q5_0', 1.26),
  l2_70b('Q2_K', 8.82),
  l2_70b('Q3_K_S', 7.89),
  l2_70b('Q3_K_M', 4.72),
  l2_70b('Q3_K_L', 3.8),
  l2_70b('Q4_K_S', 1.57),
  l2_70b('Q4_K_M', 1.2),
  l2_70b('Q5_K_S', 0.5),
  l2_70b('Q5_K_M', 0.4),
  l2_70b('Q6_K', 0.16),
  // Artefact2's Mistral-7B table (ln of the perplexity ratio), then ikawrakow's for the types it lacks.
  mistralLn('IQ1_S', 0.9235),
  mistralLn('IQ2_XXS', 0.2988),
  mistralLn('IQ2_XS', 0.2046),
  mistralLn('IQ2_S', 0.1722),
  mistralLn('IQ2_M', 0.1223),
  mistralLn('Q2_K_S', 0.16),
  mistralLn('Q2_K', 0.1103),
  mistralLn('IQ3_XXS', 0.0589),
  mistralLn('IQ3_XS', 0.0458),
  mistralLn('Q3_K_S', 0.0511),
  mistralLn('IQ3_S', 0.0306),
  mistralLn('IQ3_M', 0.0268),
  mistralLn('Q3_K_M', 0.0258),
  mistralLn('Q3_K_L', 0.0205),
  mistralLn('IQ4_XS', 0.0079),
  mistralLn('IQ4_NL', 0.0074),
  mistralLn('Q4_K_S', 0.0081),
  mistralPct('Q3_K_S', 6.62),
  mistralPct('Q3_K_M', 3.46),
  mistralPct('Q4_K_S', 1.48),
  mistralPct('Q4_K_M', 1.08),
  mistralPct('Q5_K_S', 0.59),
  mistralPct('Q4_0', 2.23),
  mistralPct('Q4_1', 2.32),
  mistralPct('Q5_0', 0.45),
  mistralPct('Q5_1', 0.36),
  // Dracones' gemma-2-27b-it card (BF16 7.1853).
  pair(GEMMA2_27B, 'Q8_0', 7.1879, 7.1853),
  pair(GEMMA2_27B, 'Q6_K', 7.2182, 7.1853),
  pair(GEMMA2_27B, 'Q5_K_M', 7.2333, 7.1853),
  pair(GEMMA2_27B, 'Q5_K_S', 7.2204, 7.1853),
  pair(GEMMA2_27B, 'Q4_K_M', 7.4192, 7.1853),
  pair(GEMMA2_27B, 'Q4_K_S', 7.5403, 7.1853),
  pair(GEMMA2_27B, 'Q3_K_L', 7.4623, 7.1853),
  pair(GEMMA2_27B, 'Q3_K_M', 7.7375, 7.1853),
  pair(GEMMA2_27B, 'Q3_K_S', 8.0426, 7.1853),
  // Qwen2 Instruct GGUF cards (columns q8_0 q6_k q5_k_m q5_0 q4_k_m q4_0 q3_k_m q2_k iq1_m).
  ...qwen2('Qwen2 7B', 7.62, 7.93, {
    Q8_0: 7.94,
    Q6_K: 7.96,
    Q5_K_M: 7.97,
    Q5_0: 7.98,
    Q4_K_M: 8.02,
    Q4_0: 8.19,
    Q3_K_M: 8.2,
    Q2_K: 10.58,
  }),
  ...qwen2('Qwen2 72B', 72.7, 5.58, {
    Q8_0: 5.58,
    Q6_K: 5.59,
    Q5_K_M: 5.59,
    Q5_0: 5.6,
    Q4_K_M: 5.61,
    Q4_0: 5.66,
    Q3_K_M: 5.68,
    Q2_K: 5.91,
    IQ1_M: 6.75,
  }),
  ...qwen2('Qwen2 1.5B', 1.54, 10.43, {
    Q8_0: 10.43,
    Q6_K: 10.45,
    Q5_K_M: 10.5,
    Q5_0: 10.56,
    Q4_K_M: 10.61,
    Q4_0: 10.79,
    Q3_K_M: 11.08,
    Q2_K: 13.04,
  }),
  ...qwen2('Qwen2 0.5B', 0.49, 15.11, {
    Q8_0: 15.13,
    Q6_K: 15.14,
    Q5_K_M: 15.24,
    Q5_0: 15.4,
    Q4_K_M: 15.36,
    Q4_0: 16.28,
    Q3_K_M: 15.7,
    Q2_K: 16.74,
  }),
  // Huang et al. 2024, LLaMA3 PTQ tables (WikiText2; FP16 6.1 for 8B, 2.9 for 70B).
  pair(HUANG_8B, 'gptq', 6.5, 6.1, 'GPTQ W4 g128'),
  pair(HUANG_8B, 'awq', 6.6, 6.1, 'AWQ W4 g128'),
  pair(HUANG_8B, 'gptq-int8', 6.1, 6.1, 'GPTQ W8 per-channel'),
  pair(HUANG_70B, 'gptq', 3.3, 2.9, 'GPTQ W4 g128'),
  pair(HUANG_70B, 'awq', 3.3, 2.9, 'AWQ W4 g128'),
  // torchao float8 rowwise on Llama 3.1 8B.
  pair({ family: 'Llama 3', model: 'Llama 3.1 8B', paramsB: 8.03, source: 'torchao-3394' }, 'fp8', 7.62, 7.55, 'float8 rowwise'),
  // HQQ blog Table 1 (FP16 5.18 for 7B, 4.63 for 13B).
  pair(HQQ_7B, 'int8', 5.22, 5.18, 'BNB, 8-bit'),
  pair(HQQ_7B, 'gptq-int8', 5.19, 5.18, 'GPTQ_g128, 8-bit'),
  ...hqq4bit(HQQ_7B, 5.43, 5.18),
  pair(HQQ_7B, 'gptq', 5.38, 5.18, 'GPTQ_g64, 4-bit'),
  pair(HQQ_7B, 'awq', 5.28, 5.18, 'AWQ_g64, 4-bit'),
  pair(HQQ_13B, 'int8', 4.67, 4.63, 'BNB, 8-bit'),
  pair(HQQ_13B, 'gptq-int8', 4.63, 4.63, 'GPTQ_g128, 8-bit'),
  ...hqq4bit(HQQ_13B, 4.79, 4.63),
  pair(HQQ_13B, 'gptq', 4.73, 4.63, 'GPTQ_g64, 4-bit'),
  pair(HQQ_13B, 'awq', 4.7, 4.63, 'AWQ_g64, 4-bit'),
];

export const QUALITY_NOTES: QualityNote[] = [
  {
    quant: 'F32',
    reasonKey: 'quality.reason.fp32',
    status: 'reference',
    reason: 'FP32 holds every 16-bit weight exactly (an up-cast), so it loses nothing against the 16-bit original.',
  },
  {
    quant: 'fp32',
    reasonKey: 'quality.reason.fp32',
    status: 'reference',
    reason: 'FP32 holds every 16-bit weight exactly (an up-cast), so it loses nothing against the 16-bit original.',
  },
  {
    quant: 'BF16',
    reasonKey: 'quality.reason.reference',
    status: 'reference',
    reason: 'BF16 is the precision most open models are published in: it is the 16-bit reference the losses here are measured against.',
  },
  {
    quant: 'bf16',
    reasonKey: 'quality.reason.reference',
    status: 'reference',
    reason: 'BF16 is the precision most open models are published in: it is the 16-bit reference the losses here are measured against.',
  },
  {
    quant: 'MXFP4_MOE',
    reasonKey: 'quality.reason.mxfp4',
    status: 'native',
    families: ['gpt-oss'],
    source: 'gpt-oss-card',
    reason:
      'gpt-oss is published with MXFP4 expert weights, so those tensors are the original; the remaining tensors are Q8_0. No measurement for models converted from 16-bit.',
  },
  {
    quant: 'mxfp4',
    reasonKey: 'quality.reason.mxfp4',
    status: 'native',
    families: ['gpt-oss'],
    source: 'gpt-oss-card',
    reason:
      'gpt-oss is published with MXFP4 expert weights (BF16 elsewhere): this is the original model. No measurement for models converted from 16-bit.',
  },
  {
    quant: 'TQ1_0',
    reasonKey: 'quality.reason.ternary',
    status: 'not-measured',
    reason:
      'Ternary type for models trained ternary (BitNet b1.58, TriLM); applying it to a 16-bit model is not a quantisation anyone publishes figures for.',
  },
  {
    quant: 'TQ2_0',
    reasonKey: 'quality.reason.ternary',
    status: 'not-measured',
    reason:
      'Ternary type for models trained ternary (BitNet b1.58, TriLM); applying it to a 16-bit model is not a quantisation anyone publishes figures for.',
  },
  {
    quant: 'mlx-4bit',
    reasonKey: 'quality.reason.mlx',
    reasonParams: { bits: 4 },
    status: 'not-measured',
    reason: 'No published KL divergence or perplexity against 16-bit was found for MLX affine 4-bit (group 64).',
  },
  {
    quant: 'mlx-8bit',
    reasonKey: 'quality.reason.mlx',
    reasonParams: { bits: 8 },
    status: 'not-measured',
    reason: 'No published KL divergence or perplexity against 16-bit was found for MLX affine 8-bit (group 64).',
  },
  {
    quant: 'mlx-6bit',
    reasonKey: 'quality.reason.mlx',
    reasonParams: { bits: 6 },
    status: 'not-measured',
    reason: 'No published KL divergence or perplexity against 16-bit was found for MLX affine 6-bit (group 64).',
  },
  {
    quant: 'mlx-5bit',
    reasonKey: 'quality.reason.mlx',
    reasonParams: { bits: 5 },
    status: 'not-measured',
    reason: 'No published KL divergence or perplexity against 16-bit was found for MLX affine 5-bit (group 64).',
  },
  {
    quant: 'mlx-3bit',
    reasonKey: 'quality.reason.mlx',
    reasonParams: { bits: 3 },
    status: 'not-measured',
    reason: 'No published KL divergence or perplexity against 16-bit was found for MLX affine 3-bit (group 64).',
  },
  {
    quant: 'mlx-2bit',
    reasonKey: 'quality.reason.mlx',
    reasonParams: { bits: 2 },
    status: 'not-measured',
    reason: 'No published KL divergence or perplexity against 16-bit was found for MLX affine 2-bit (group 64).',
  },
  {
    quant: 'mlx-mxfp8',
    reasonKey: 'mlx.quality.reason.fp',
    reasonParams: { mode: 'MXFP8' },
    status: 'not-measured',
    reason: 'No published KL divergence or perplexity against 16-bit was found for MLX MXFP8 (microscaling, one scale byte per group).',
  },
  {
    quant: 'mlx-mxfp4',
    reasonKey: 'mlx.quality.reason.fp',
    reasonParams: { mode: 'MXFP4' },
    status: 'not-measured',
    reason: 'No published KL divergence or perplexity against 16-bit was found for MLX MXFP4 (microscaling, one scale byte per group).',
  },
  {
    quant: 'mlx-nvfp4',
    reasonKey: 'mlx.quality.reason.fp',
    reasonParams: { mode: 'NVFP4' },
    status: 'not-measured',
    reason: 'No published KL divergence or perplexity against 16-bit was found for MLX NVFP4 (microscaling, one scale byte per group).',
  },
  {
    quant: 'nvfp4',
    reasonKey: 'quality.reason.nvfp4',
    status: 'not-measured',
    reason:
      'No KL divergence or perplexity against 16-bit is in this data for NVIDIA ModelOpt NVFP4 checkpoints (E2M1 in groups of 16 with an FP8 scale).',
  },
];
