// Planned speed for serving-style benchmarks, shared by the Check view and the CLI's `check`: the same
// advisor as `estimate`, for the sizes each row names, on the hardware given (benchmarks print the backend,
// not the card). llama-batched-bench: aggregate decode of B sequences and the prompt's prefill; vLLM /
// SGLang bench serve: per-request decode speed (1000 / mean TPOT) at the run's concurrency.

import { advise, batchedSpeedFor, evaluate } from '../advice/index';
import type { PlanningHardware } from '../advice/types';
import { defaultSettings, estimate } from '../estimate/index';
import type { EstimateSettings, ModelInput } from '../estimate/types';
import type { BatchedBench, VllmBench } from '../measured/index';

/** One benchmark figure, planned vs measured; planned is null without a model and hardware. */
export interface SpeedRow {
  kind: 'decode' | 'prefill' | 'mixed';
  test: string;
  model: string;
  backend: string;
  gpuLayers: number | null;
  plannedTokensPerSecond: number | null;
  measuredTokensPerSecond: number;
  differenceTokensPerSecond: number | null;
  withinBand: boolean | null;
}

/** A planned-vs-measured speed row: the difference, and whether it lies inside planned ± band. */
export function compared<T extends { measuredTokensPerSecond: number }>(
  base: T,
  planned: number | null,
  band: number,
): T & { plannedTokensPerSecond: number | null; differenceTokensPerSecond: number | null; withinBand: boolean | null } {
  const diff = planned === null ? null : base.measuredTokensPerSecond - planned;
  return {
    ...base,
    plannedTokensPerSecond: planned,
    differenceTokensPerSecond: diff,
    withinBand: planned === null || diff === null ? null : Math.abs(diff) <= planned * band,
  };
}

/** Aggregate decode of B sequences at PP + TG/2 tokens of context each, and prefill of the prompt. */
export function planBatched(b: BatchedBench, input: ModelInput | null, hw: PlanningHardware | null, quant: string | null): SpeedRow[] {
  const out: SpeedRow[] = [];
  for (const r of b.rows) {
    const s: EstimateSettings = {
      ...defaultSettings('llama.cpp'),
      parallel: r.sequences,
      context: Math.max(256, r.promptTokens + r.generatedTokens),
    };
    if (quant) s.quant = quant;
    if (b.settings.flashAttention !== undefined) s.flashAttention = b.settings.flashAttention;
    let decode: number | null = null;
    let prefill: number | null = null;
    let band = { decode: 0, prefill: 0 };
    if (input && hw)
      try {
        const est = estimate(input, s);
        const ev = evaluate(est, hw);
        decode =
          batchedSpeedFor(est, ev.placement, hw, r.sequences, r.promptTokens + Math.round(r.generatedTokens / 2))
            ?.aggregateTokensPerSecond ?? null;
        const a = advise(input, s, hw, { speedContextTokens: r.promptTokens, remedies: false, maxContextSearch: false });
        prefill = a.speed.prefillTokensPerSecond;
        band = a.speed.band;
      } catch {
        /* the run does not plan: measured only */
      }
    const base = { model: input?.spec.name ?? '?', backend: '?', gpuLayers: b.settings.gpuLayers ?? null };
    const tag = `pp${r.promptTokens} tg${r.generatedTokens} B${r.sequences}`;
    out.push(
      compared(
        { ...base, kind: 'prefill', test: `${tag} prefill`, measuredTokensPerSecond: r.prefillTokensPerSecond },
        prefill,
        band.prefill,
      ),
    );
    out.push(
      compared(
        { ...base, kind: 'decode', test: `${tag} decode (all sequences)`, measuredTokensPerSecond: r.decodeTokensPerSecond },
        decode,
        band.decode,
      ),
    );
  }
  return out;
}

/** Per-request decode speed (1000 / mean TPOT) at the measured or configured concurrency. */
export function planServe(b: VllmBench, input: ModelInput | null, hw: PlanningHardware | null): SpeedRow[] {
  if (b.tpot.mean === undefined || b.tpot.mean <= 0) return [];
  const concurrency = Math.max(1, Math.round(b.measuredConcurrency ?? b.maxConcurrency ?? 1));
  const reqs = Math.max(1, b.successfulRequests ?? 1);
  const promptLen = b.inputTokens !== undefined ? b.inputTokens / reqs : 0;
  const outLen = b.outputTokens !== undefined ? b.outputTokens / reqs : 0;
  let plannedTps: number | null = null;
  let band = 0;
  if (input && hw)
    try {
      const s: EstimateSettings = {
        ...defaultSettings('vllm'),
        parallel: concurrency,
        context: Math.max(256, Math.ceil(promptLen + outLen)),
      };
      const est = estimate(input, s);
      const ev = evaluate(est, hw);
      plannedTps =
        batchedSpeedFor(est, ev.placement, hw, concurrency, Math.round(promptLen + outLen / 2))?.perSequenceTokensPerSecond ?? null;
      band = advise(input, s, hw, { remedies: false, maxContextSearch: false }).speed.band.decode;
    } catch {
      /* measured only */
    }
  const base = {
    kind: 'decode' as const,
    test: `decode per request at concurrency ${concurrency} (1000 / mean TPOT)`,
    model: input?.spec.name ?? '?',
    backend: b.backend ?? 'vllm',
    gpuLayers: null,
  };
  return [compared({ ...base, measuredTokensPerSecond: 1000 / b.tpot.mean }, plannedTps, band)];
}
