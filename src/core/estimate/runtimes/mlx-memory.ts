// MLX (mlx-lm) KV cache and prefill transient, from mlx_lm/models/cache.py and mlx_lm/generate.py
// (ml-explore/mlx-lm, Aug 2026) and mlx's Metal scaled_dot_product_attention dispatch:
// - KVCache grows in steps of 256 tokens: K and V of shape (B, n_kv_heads, ceil(tokens/256)·256,
//   head_dim) in the model dtype. Prefill runs in chunks of prefill_step_size (2048) tokens, and growing
//   the cache concatenates the old buffer with the new step, so one layer's cache exists twice for a moment.
// - --max-kv-size N swaps in RotatingKVCache(max_size=N, keep=4): the cache stops at N tokens, but a
//   multi-token prefill chunk concatenates before trimming, so it peaks at N + chunk − 1.
// - Sliding-window layers (Gemma, gpt-oss, ...) get RotatingKVCache(max_size=window) from the model.
// - --kv-bits B quantises the cache (QuantizedKVCache): per token and head, head_dim·B/8 bytes of
//   packed codes plus a scale and a bias per kv_group_size values in the model dtype. The switch happens
//   once the cache holds --quantized-kv-start tokens (mlx_lm.generate: 5000), so until then the cache is
//   in the model dtype, and at the switch both copies exist.
// - Recurrent layers (gated DeltaNet, Mamba) keep a fixed state per sequence (ArraysCache).
// - Prefill attention: mx.fast.scaled_dot_product_attention runs the fused "full" kernel only for head
//   dims 64, 80 and 128 with equal K and V widths; any other shape (head_dim 256 of Qwen3.5/3-Next,
//   512 of Gemma 4, MLA's 192/128) falls back to matmul + softmax, which materialises the scores
//   (n_heads × chunk × cached tokens in the model dtype) plus a bool causal mask (chunk × cached tokens);
//   MLA models also hold their rope scores and the latent expanded to per-head K and V.

import type { ModelSpec } from '../../model/types';
import { activeFfnWidth } from '../compute';
import type { KvResult, LayerPlan } from '../kv';
import type { EstimateSettings, MlxOptions } from '../types';

export const MLX_KV_STEP = 256;
export const MLX_PREFILL_STEP = 2048;
export const MLX_KV_GROUP = 64;
/** mlx_lm.generate's --quantized-kv-start default (DEFAULT_QUANTIZED_KV_START). */
export const MLX_QUANTIZED_KV_START = 5000;
/** Head dims the fused prefill kernel (steel attention) is built for. */
const FUSED_HEAD_DIMS = new Set([64, 80, 128]);

const roundUp = (n: number, step: number): number => Math.ceil(n / step) * step;

/** KV bits from the MLX options, else from a q8_0/q4_0 KV type chosen in the shared picker. */
export function mlxKvBits(s: EstimateSettings): number | null {
  if (s.mlx?.kvBits !== undefined) return s.mlx.kvBits;
  if (s.kvTypeK === 'q8_0') return 8;
  if (s.kvTypeK === 'q4_0') return 4;
  return null;
}

/** Bytes of one cached token row of `elems` values: model dtype, or packed codes + scale + bias per group. */
export function mlxKvRowBytes(elems: number, bits: number | null, group: number): number {
  if (elems <= 0) return 0;
  if (bits === null) return elems * 2;
  return (elems * bits) / 8 + Math.ceil(elems / group) * 2 * 2;
}

export interface MlxKvResult extends KvResult {
  /** Cells each full-attention layer holds at the peak (rotating caches: max size + chunk − 1). */
  fullCells: number;
  /** Largest K+V bytes of one layer at the peak (the concatenation copy). */
  maxLayerBytes: number;
  kvBits: number | null;
}

/** Element counts per layer: MLA caches its latent (mlx_lm stores the compressed KV since PR #780). */
function rowElems(plan: LayerPlan, il: number): { k: number; v: number } {
  return { k: plan.k[il] ?? 0, v: plan.v[il] ?? 0 };
}

function cellsFor(tokens: number, o: MlxOptions, chunk: number): { full: number; rotating: boolean } {
  const max = o.maxKvSize;
  if (max !== undefined && tokens > max) return { full: max + Math.min(chunk, tokens) - 1, rotating: true };
  return { full: roundUp(tokens, MLX_KV_STEP), rotating: max !== undefined };
}

/** The KV cache of an mlx_lm run of `context` tokens per sequence, at its peak. */
export function mlxKv(spec: ModelSpec, s: EstimateSettings, plan: LayerPlan): MlxKvResult {
  const o = s.mlx ?? {};
  const chunk = o.prefillStepSize ?? MLX_PREFILL_STEP;
  const bits = mlxKvBits(s);
  const group = o.kvGroupSize ?? MLX_KV_GROUP;
  const start = bits === null ? 0 : (o.quantizedKvStart ?? MLX_QUANTIZED_KV_START);
  // A rotating cache cannot be quantised (RotatingKVCache.to_quantized is not implemented).
  const quantised = bits !== null && o.maxKvSize === undefined && s.context > start;
  const cells = cellsFor(s.context, o, chunk);
  const window = spec.slidingWindow?.window ?? 0;
  const swCells = window > 0 ? (s.context > window ? window + Math.min(chunk, s.context) - 1 : roundUp(s.context, MLX_KV_STEP)) : 0;
  // At the switch to the quantised cache both the model-dtype cache (start + one chunk) and its quantised copy exist.
  const switchCells = quantised ? roundUp(Math.min(s.context, start + chunk), MLX_KV_STEP) : 0;
  const perLayer: number[] = [];
  let bytesPerToken = 0;
  let fixed = 0;
  let maxLayer = 0;
  for (let il = 0; il < spec.layers; il++) {
    const kind = plan.kinds[il];
    let b = 0;
    if (kind === 'recurrent') {
      b = (spec.recurrent?.stateElementsPerLayer ?? 0) * 4 * s.parallel;
      fixed += b;
    } else if (kind === 'sliding' || kind === 'full') {
      const { k, v } = rowElems(plan, il);
      const dtypeRow = mlxKvRowBytes(k, null, group) + mlxKvRowBytes(v, null, group);
      if (kind === 'sliding') {
        b = dtypeRow * swCells * s.parallel;
        fixed += b;
      } else if (quantised) {
        const qRow = mlxKvRowBytes(k, bits, group) + mlxKvRowBytes(v, bits, group);
        b = Math.max(qRow * cells.full, dtypeRow * switchCells + qRow * switchCells) * s.parallel;
        bytesPerToken += qRow;
      } else {
        b = dtypeRow * cells.full * s.parallel;
        bytesPerToken += dtypeRow;
      }
      maxLayer = Math.max(maxLayer, b / s.parallel);
    }
    perLayer.push(b);
  }
  const bytes = perLayer.reduce((a, x) => a + x, 0);
  const kvNote = quantised
    ? `, quantised to ${bits} bits in groups of ${group} (scale + bias per group) once ${start} tokens are cached`
    : bits !== null && o.maxKvSize === undefined
      ? ` (--kv-bits ${bits} starts at ${start} tokens, beyond this context)`
      : '';
  const rotNote = cells.rotating ? `; --max-kv-size ${o.maxKvSize} keeps a rotating cache (peak max + prefill chunk − 1)` : '';
  const swNote = window > 0 ? `; sliding layers keep a rotating cache of ${swCells} cells` : '';
  return {
    bytes,
    perLayer,
    contextAllocated: cells.full,
    bytesPerToken,
    slidingCells: swCells,
    fixedBytes: fixed,
    fullCells: cells.full,
    maxLayerBytes: maxLayer,
    kvBits: quantised ? bits : null,
    basis: `mlx_lm KVCache: ${s.parallel} × ${cells.full} cells (grown in steps of ${MLX_KV_STEP}) × K+V per layer in the model dtype${spec.mla ? ' (MLA latent)' : ''}${kvNote}${rotNote}${swNote}.`,
  };
}

/** Whether prefill attention of this model runs unfused (scores materialised). */
export function mlxUnfusedAttention(spec: ModelSpec): boolean {
  if (spec.mla) return true;
  return !(spec.headDimK === spec.headDimV && FUSED_HEAD_DIMS.has(spec.headDimK));
}

export interface MlxPrefillPeak {
  bytes: number;
  chunk: number;
  /** Attention scores + causal mask of the widest layer, 0 when the fused kernel runs. */
  scores: number;
  activations: number;
  concat: number;
}

/**
 * The transient of the last prefill chunk, when the cache is fullest: one chunk's activations (gate,
 * up and their product at the FFN, a few hidden-state copies), the unfused attention scores of one
 * layer, and the cache-growth copy of one layer. Lazy evaluation frees each layer's intermediates once
 * the next layer has consumed them, so only one layer's transient is alive at a time, and the logits of
 * prefill chunks are never computed (only the cache state is evaluated).
 */
export function mlxPrefillPeak(spec: ModelSpec, s: EstimateSettings, kv: MlxKvResult, plan: LayerPlan): MlxPrefillPeak {
  const prompt = Math.min(s.prefillTokens ?? s.context, s.context);
  const step = s.mlx?.prefillStepSize ?? MLX_PREFILL_STEP;
  const chunk = Math.max(1, Math.min(step, prompt - 1));
  const activations = chunk * (3 * activeFfnWidth(spec) + 4 * spec.hiddenSize) * 2 * s.parallel;
  let scores = 0;
  if (mlxUnfusedAttention(spec) && prompt > 1) {
    const window = spec.slidingWindow?.window ?? 0;
    const keys = plan.hasFull ? Math.min(prompt, kv.fullCells) : Math.min(prompt, window + chunk);
    scores = (spec.heads * chunk * keys * 2 + chunk * keys) * s.parallel;
    if (spec.mla) {
      // mlx_lm's MLA prefill (deepseek_v3, glm4_moe_lite, ...): the rope scores are a second H × chunk ×
      // keys array passed as the additive mask, and the cached latent is expanded to per-head K (nope
      // part) and V for the chunk's attention.
      const expanded = spec.heads * keys * (spec.mla.qkNopeHeadDim + spec.mla.vHeadDim) * 2;
      scores += (spec.heads * chunk * keys * 2 + expanded) * s.parallel;
    }
  }
  const concat = kv.maxLayerBytes * s.parallel;
  return { bytes: activations + scores + concat, chunk, scores, activations, concat };
}
