// The MLX options of a stored workspace (settings.mlx): kept only when every field is one mlx_lm knows and
// accepts, so a hand-edited or older file cannot carry an option the estimate would then reject.

import { mlxOptionsProblem } from '../estimate/runtimes/mlx-options';
import type { MlxOptions } from '../estimate/types';

const MLX_KEYS: ReadonlySet<string> = new Set<keyof MlxOptions>([
  'kvBits',
  'kvGroupSize',
  'quantizedKvStart',
  'maxKvSize',
  'prefillStepSize',
  'promptCacheBytes',
]);

/** The stored options as MlxOptions, or null when any field is unknown or mlx_lm would refuse it. */
export function restoreMlxOptions(raw: unknown): MlxOptions | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.some(([k, v]) => !MLX_KEYS.has(k) || typeof v !== 'number')) return null;
  const options = Object.fromEntries(entries) as MlxOptions;
  return mlxOptionsProblem(options) === null ? options : null;
}
