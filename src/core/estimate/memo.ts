// Memo keys and cached basis sentences for estimate()'s hot path (it runs on every slider move).

import type { QuantFormat } from '../quant/formats';
import type { EstimateSettings } from './types';
import type { PricedWeights } from './weights';

/** The settings fields KV/compute depend on (everything but the weight quant). */
function runtimeFields(s: EstimateSettings, dtype: number): unknown[] {
  return [
    s.runtime,
    s.context,
    s.parallel,
    s.kvTypeK,
    s.kvTypeV,
    s.flashAttention,
    s.ubatch,
    s.batch,
    s.maxBatchedTokens,
    s.swaFull,
    s.kvPadding,
    s.kvUnified,
    s.backend,
    s.prefillTokens,
    s.maxSeqs,
    s.vllmRelease,
    s.mlx?.kvBits,
    s.mlx?.kvGroupSize,
    s.mlx?.quantizedKvStart,
    s.mlx?.maxKvSize,
    s.mlx?.prefillStepSize,
    s.mlx?.promptCacheBytes,
    dtype,
  ];
}

const keyCache = new WeakMap<EstimateSettings, { fields: unknown[]; key: string }>();

/**
 * A memo key for the quant-independent parts. The same string instance is handed out while a settings
 * object is unchanged, so V8 keeps its hash and Map lookups stay cheap on the hot path.
 */
export function runtimeKey(s: EstimateSettings, dtype: number): string {
  const fields = runtimeFields(s, dtype);
  const hit = keyCache.get(s);
  if (hit && hit.fields.length === fields.length && hit.fields.every((v, i) => v === fields[i])) return hit.key;
  const key = fields.map((v) => (v === undefined ? '' : String(v))).join('|');
  keyCache.set(s, { fields, key });
  return key;
}

const basisCache = new Map<string, string>();

export function basisFor(w: PricedWeights, format: QuantFormat): string {
  if (w.exact) return 'Exact: the sum of the tensor sizes in the file header.';
  const hit = basisCache.get(format.id);
  if (hit) return hit;
  const text =
    format.family === 'gguf'
      ? `Per tensor from the model's shapes with llama-quantize's ${format.id} recipe and ggml block sizes.`
      : format.scheme === 'mlx'
        ? `Per tensor from the model's shapes as ${format.label} stores them: mlx_lm quantises every Linear and Embedding (lm_head too) whose width divides the group; norms, biases and conv kernels stay 16-bit.`
        : `Per tensor from the model's shapes as ${format.label} stores them; embeddings, norms and lm_head kept in 16-bit.`;
  if (basisCache.size < 256) basisCache.set(format.id, text);
  return text;
}
