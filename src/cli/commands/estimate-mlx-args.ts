// mlx_lm's memory options on the estimate/plan command line, under mlx_lm's own flag names.

import type { EstimateSettings, MlxOptions } from '../../core/estimate/types';
import { strictDecimal } from '../args';
import { CliError } from '../types';

export const MLX_OPTIONS = {
  'kv-bits': { type: 'string' },
  'kv-group-size': { type: 'string' },
  'quantized-kv-start': { type: 'string' },
  'max-kv-size': { type: 'string' },
  'prefill-step-size': { type: 'string' },
  'prompt-cache-bytes': { type: 'string' },
} as const;

type MlxValues = { [K in keyof typeof MLX_OPTIONS]?: string };

function whole(raw: string, flag: string): number {
  const n = strictDecimal(raw);
  if (!Number.isInteger(n)) throw new CliError(`${flag} must be a whole number, not "${raw}".`);
  return n;
}

/** mlx_lm's _parse_size: a decimal number with an optional M/MB (10^6) or G/GB (10^9) suffix. */
export function parseMlxSize(raw: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(M|MB|G|GB)?$/i.exec(raw.trim());
  if (!m) return null;
  const unit = (m[2] ?? '').toUpperCase();
  const scale = unit.startsWith('G') ? 1e9 : unit.startsWith('M') ? 1e6 : 1;
  return Math.floor(Number(m[1]) * scale);
}

/** Copies the MLX flags into settings.mlx; they only mean something with --runtime mlx. */
export function applyMlxArgs(v: MlxValues, s: EstimateSettings): void {
  const given = (Object.keys(MLX_OPTIONS) as Array<keyof MlxValues>).filter((k) => v[k] !== undefined);
  if (given.length === 0) return;
  if (s.runtime !== 'mlx') throw new CliError(`--${given[0]} is an mlx_lm option; add --runtime mlx.`);
  const o: MlxOptions = {};
  if (v['kv-bits'] !== undefined) o.kvBits = whole(v['kv-bits'], '--kv-bits');
  if (v['kv-group-size'] !== undefined) o.kvGroupSize = whole(v['kv-group-size'], '--kv-group-size');
  if (v['quantized-kv-start'] !== undefined) o.quantizedKvStart = whole(v['quantized-kv-start'], '--quantized-kv-start');
  if (v['max-kv-size'] !== undefined) o.maxKvSize = whole(v['max-kv-size'], '--max-kv-size');
  if (v['prefill-step-size'] !== undefined) o.prefillStepSize = whole(v['prefill-step-size'], '--prefill-step-size');
  if (v['prompt-cache-bytes'] !== undefined) {
    const bytes = parseMlxSize(v['prompt-cache-bytes']);
    if (bytes === null) throw new CliError(`--prompt-cache-bytes must be a size such as 8GB or 500MB, not "${v['prompt-cache-bytes']}".`);
    o.promptCacheBytes = bytes;
  }
  s.mlx = o;
}
