// Planned speed for llama-bench results: the same advisor as `estimate`, for the model, quant and
// test sizes each row names, on the GPUs given with --gpu (llama-bench prints the backend, not the card).

import { advise, type PlanningHardware } from '../../core/advice/index';
import { defaultSettings } from '../../core/estimate/index';
import type { ModelInput } from '../../core/estimate/types';
import { quantFromFileType, type BenchRow } from '../../core/measured/index';
import type { SpeedComparison } from './check';

/** "qwen35 9B Q4_K - Medium" → "Q4_K_M", "llama 1B F16" → "F16": llama-bench's model column is arch, size, file type. */
export function quantOfBenchModel(model: string): string | null {
  const m = /^\S+\s+\S+\s+(.+)$/.exec(model.trim());
  return m ? quantFromFileType(m[1]) : null;
}

function planned(
  row: BenchRow,
  input: ModelInput,
  hw: PlanningHardware,
  fallbackQuant: string | null,
): { tps: number | null; band: number } {
  if (row.gpuLayers === 0 || row.kind === 'mixed') return { tps: null, band: 0 };
  const s = defaultSettings('llama.cpp');
  const quant = quantOfBenchModel(row.model) ?? fallbackQuant;
  if (quant) s.quant = quant;
  // llama-bench sizes its context to the test: depth plus prompt plus generated tokens.
  s.context = Math.max(256, row.depth + row.promptTokens + row.generatedTokens);
  s.parallel = 1;
  try {
    // The advisor sizes prefill by the prompt it is given and decode by the tokens already cached:
    // a pp test is its prompt (after `depth` cached tokens); a tg test runs with depth plus, on
    // average, half its generated tokens in the cache.
    const tokens = row.kind === 'prefill' ? row.depth + row.promptTokens : row.depth + Math.round(row.generatedTokens / 2);
    const a = advise(input, s, hw, { speedContextTokens: Math.max(1, tokens) });
    const tps = row.kind === 'decode' ? a.speed.decodeTokensPerSecond : a.speed.prefillTokensPerSecond;
    return { tps, band: row.kind === 'decode' ? a.speed.band.decode : a.speed.band.prefill };
  } catch {
    return { tps: null, band: 0 };
  }
}

export function planBenchSpeed(
  rows: BenchRow[],
  input: ModelInput | null,
  hw: PlanningHardware | null,
  fallbackQuant: string | null,
): SpeedComparison[] {
  return rows.map((r) => {
    const p = input && hw ? planned(r, input, hw, fallbackQuant) : { tps: null, band: 0 };
    const diff = p.tps === null ? null : r.tokensPerSecond - p.tps;
    return {
      name: r.kind,
      test: r.test,
      model: r.model,
      backend: r.backend,
      gpuLayers: r.gpuLayers,
      plannedTokensPerSecond: p.tps,
      measuredTokensPerSecond: r.tokensPerSecond,
      differenceTokensPerSecond: diff,
      withinBand: p.tps === null || diff === null ? null : Math.abs(diff) <= p.tps * p.band,
    };
  });
}
