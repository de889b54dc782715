// The article's rule of thumb, M = P × Q/8 × 1.2, and the generic model a bare "70B" stands for.

import { countParameters } from '../model/params';
import type { ModelSpec } from '../model/types';
import { EstimateInputError } from './settings';

/** Bytes by the seed formula (decimal GB when displayed: 70e9 at 16 bit = 168 GB). */
export function seedFormula(parameters: number, bits: number): number {
  if (!(parameters > 0) || !Number.isFinite(parameters)) {
    throw new EstimateInputError(`The parameter count must be a positive number, not ${String(parameters)}.`);
  }
  if (!(bits > 0) || bits > 64) throw new EstimateInputError(`Bits per weight must be between 1 and 64, not ${String(bits)}.`);
  return parameters * (bits / 8) * 1.2;
}

/** Smallest and largest bare counts we build a model for (a 10M toy to a 10T frontier model). */
const MIN_P = 1e7;
const MAX_P = 1e13;

/** Width → depth ladder of the Llama family (1B 2048/16, 3B 3072/28, 8B 4096/32, 70B 8192/80, 405B 16384/126). */
const LADDER: ReadonlyArray<readonly [number, number]> = [
  [256, 4],
  [512, 8],
  [768, 12],
  [1024, 16],
  [2048, 16],
  [3072, 28],
  [4096, 32],
  [5120, 40],
  [6144, 48],
  [8192, 80],
  [12288, 96],
  [16384, 126],
  [20480, 140],
  [24576, 160],
];

function denseCount(hidden: number, layers: number, ff: number, vocab: number): number {
  const headDim = hidden >= 1024 ? 128 : 64;
  const heads = hidden / headDim;
  const kv = Math.min(8, heads);
  const attn = 2 * hidden * heads * headDim + 2 * hidden * kv * headDim;
  return layers * (attn + 3 * hidden * ff + 2 * hidden) + 2 * vocab * hidden + hidden;
}

/**
 * A dense Llama-3-shaped decoder with about `params` parameters, for a bare "70B".
 * Scaling rule (docs/methodology.md): take the Llama-family width/depth pair whose nominal size (FFN
 * 3.5 × width) is nearest to P on a log scale, scale the depth to P, then let the FFN width absorb the
 * rounding (multiple of 64), so the count lands within 1 % of P. GQA with 8 KV heads, head_dim 128
 * (64 below width 1024), vocabulary 128256 (32000 below 2B, 4096 below 100M), untied embeddings.
 */
export function specFromParameterCount(params: number, opts: { id?: string; name?: string; vocabSize?: number } = {}): ModelSpec {
  if (!Number.isFinite(params) || params < MIN_P || params > MAX_P) {
    throw new EstimateInputError(`A parameter count must be between 10M and 10T, not ${String(params)}.`);
  }
  const vocab = opts.vocabSize ?? (params < 1e8 ? 4096 : params < 2e9 ? 32000 : 128256);
  let best: readonly [number, number] = LADDER[0]!;
  let bestGap = Infinity;
  for (const entry of LADDER) {
    const nominal = denseCount(entry[0], entry[1], Math.round((3.5 * entry[0]) / 64) * 64, vocab);
    const gap = Math.abs(Math.log(nominal / params));
    // The embedding alone must leave room for at least one layer.
    if (gap < bestGap && 2 * vocab * entry[0] < 0.8 * params) {
      best = entry;
      bestGap = gap;
    }
  }
  const [hidden, nominalLayers] = best;
  const nominalFf = Math.round((3.5 * hidden) / 64) * 64;
  const emb = 2 * vocab * hidden + hidden;
  const perLayer = (denseCount(hidden, nominalLayers, nominalFf, vocab) - emb) / nominalLayers;
  const layers = Math.max(1, Math.round((params - emb) / perLayer));
  const withoutFfn = denseCount(hidden, layers, 0, vocab);
  // Real FFN widths are multiples of 256 (k-quant super-blocks); other widths make llama-quantize fall
  // back to bigger types for ffn_down, which would overstate a generic model's quantised size. Below
  // 4096 a 256 step would cost more than 1 % of the count, so smaller models keep a finer step.
  const step = hidden >= 4096 ? 256 : hidden >= 1024 ? 64 : 16;
  const ff = Math.max(step, Math.round((params - withoutFfn) / (3 * hidden * layers) / step) * step);
  const headDim = hidden >= 1024 ? 128 : 64;
  const heads = hidden / headDim;
  return {
    id: opts.id ?? `generic-${Math.round(params / 1e6)}m`,
    name: opts.name ?? `Generic ${formatCount(params)} dense model`,
    architecture: 'llama',
    layers,
    hiddenSize: hidden,
    intermediateSize: ff,
    heads,
    kvHeads: Math.min(8, heads),
    headDimK: headDim,
    headDimV: headDim,
    vocabSize: vocab,
    tiedEmbeddings: false,
    maxContext: 131072,
    gatedFfn: true,
    bias: { qkv: false, attnOut: false, ffn: false },
    norm: 'rms',
    normsPerLayer: 2,
    qkNorm: false,
    // The user stated P: that is the model's count (the article's formula uses it exactly); the shapes
    // above only lay it out as tensors, within 1 %.
    parameterCountOverride: Math.round(params),
    basis: 'parameters',
  };
}

function formatCount(p: number): string {
  if (p >= 1e12) return `${+(p / 1e12).toFixed(2)}T`;
  if (p >= 1e9) return `${+(p / 1e9).toFixed(1)}B`;
  return `${Math.round(p / 1e6)}M`;
}

/** Relative gap between a generic spec's count and the requested P (for tests and the methodology). */
export function genericSpecError(params: number): number {
  // Count the laid-out tensors, not the stated P the spec carries.
  const spec = { ...specFromParameterCount(params), parameterCountOverride: undefined };
  return countParameters(spec).total / params - 1;
}
