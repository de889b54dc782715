// Planned speed for llama-bench rows on the hardware being planned: one sizing for the Check view and the
// CLI's `check` (src/cli/commands/check-speed.ts), so the two never plan the same row differently.
// llama-bench sizes its context to depth + prompt + generated tokens; a pp test is timed at its prompt
// (after `depth` cached tokens), a tg test at depth plus, on average, half its generated tokens.

import { advise } from '../advice/index';
import type { PlanningHardware } from '../advice/types';
import { defaultSettings } from '../estimate/index';
import type { ModelInput } from '../estimate/types';
import { quantFromFileType, type BenchRow } from '../measured/index';
import type { MeasuredSpeed } from '../plan/appendix';

/** "qwen35 9B Q4_K - Medium" → "Q4_K_M", "llama 1B F16" → "F16": llama-bench's model column is arch, size, file type. */
export function quantOfBenchModel(model: string): string | null {
  const m = /^\S+\s+\S+\s+(.+)$/.exec(model.trim());
  return m ? quantFromFileType(m[1]) : null;
}

/** The planned tokens/s of one llama-bench row and the estimate's relative band; null where it has no single figure. */
export function plannedBenchRow(
  row: BenchRow,
  input: ModelInput,
  hw: PlanningHardware,
  fallbackQuant: string | null = null,
): { tps: number | null; band: number } {
  // A CPU-only row or a mixed pp+tg test has no single figure in the advisor.
  if (row.gpuLayers === 0 || row.kind === 'mixed') return { tps: null, band: 0 };
  const s = defaultSettings('llama.cpp');
  const quant = quantOfBenchModel(row.model) ?? fallbackQuant;
  if (quant) s.quant = quant;
  s.context = Math.max(256, row.depth + row.promptTokens + row.generatedTokens);
  s.parallel = 1;
  try {
    const tokens = row.kind === 'prefill' ? row.depth + row.promptTokens : row.depth + Math.round(row.generatedTokens / 2);
    const a = advise(input, s, hw, { speedContextTokens: Math.max(1, tokens), remedies: false, maxContextSearch: false });
    const tps = row.kind === 'decode' ? a.speed.decodeTokensPerSecond : a.speed.prefillTokensPerSecond;
    return { tps, band: row.kind === 'decode' ? a.speed.band.decode : a.speed.band.prefill };
  } catch {
    return { tps: null, band: 0 };
  }
}

/** Each row measured, and planned where a model and hardware are given (null otherwise). */
export function benchSpeed(
  rows: BenchRow[],
  input: ModelInput | null,
  hw: PlanningHardware | null,
  fallbackQuant: string | null = null,
): MeasuredSpeed[] {
  return rows.map((r) => {
    const p = input && hw ? plannedBenchRow(r, input, hw, fallbackQuant) : { tps: null, band: 0 };
    const diff = p.tps === null ? null : r.tokensPerSecond - p.tps;
    return {
      test: r.test,
      kind: r.kind,
      model: r.model,
      backend: r.backend,
      measuredTokensPerSecond: r.tokensPerSecond,
      plannedTokensPerSecond: p.tps,
      differenceTokensPerSecond: diff,
      withinBand: p.tps === null || diff === null ? null : Math.abs(diff) <= p.tps * p.band,
    };
  });
}
