// Validation of the MLX options against mlx_lm's own limits, so every entry point refuses what mlx_lm refuses.

import { MLX_AFFINE_BITS, MLX_AFFINE_GROUPS } from '../../quant/mlx';
import type { MlxOptions } from '../types';

function whole(v: unknown, name: string, min: number, max: number): string | null {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    return `${name} must be a whole number from ${min} to ${max}, not ${String(v)}.`;
  return null;
}

/** The first problem with the options as one sentence, or null when mlx_lm would accept them. */
export function mlxOptionsProblem(o: MlxOptions): string | null {
  if (typeof o !== 'object' || o === null) return 'MLX options must be an object.';
  if (o.kvBits !== undefined && !(MLX_AFFINE_BITS as readonly number[]).includes(o.kvBits)) {
    return `--kv-bits must be one of ${MLX_AFFINE_BITS.join(', ')}, not ${String(o.kvBits)}.`;
  }
  if (o.kvGroupSize !== undefined && !(MLX_AFFINE_GROUPS as readonly number[]).includes(o.kvGroupSize)) {
    return `--kv-group-size must be one of ${MLX_AFFINE_GROUPS.join(', ')}, not ${String(o.kvGroupSize)}.`;
  }
  return (
    (o.quantizedKvStart !== undefined ? whole(o.quantizedKvStart, '--quantized-kv-start', 0, 1 << 24) : null) ??
    (o.maxKvSize !== undefined ? whole(o.maxKvSize, '--max-kv-size', 1, 1 << 24) : null) ??
    (o.prefillStepSize !== undefined ? whole(o.prefillStepSize, '--prefill-step-size', 1, 1 << 20) : null) ??
    (o.promptCacheBytes !== undefined ? whole(o.promptCacheBytes, '--prompt-cache-bytes', 0, 2 ** 50) : null)
  );
}
