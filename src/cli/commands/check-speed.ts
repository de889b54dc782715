// Planned speed for benchmark results: the same advisor as `estimate`, for the model, quant and test
// sizes each row names, on the GPUs given with --gpu (benchmarks print the backend, not the card).
// llama-bench: single-stream prefill / decode; llama-batched-bench: aggregate decode of B sequences;
// vLLM / SGLang bench serve: per-request decode speed (1000 / mean TPOT) at the run's concurrency.

import { advise, batchedSpeedFor, evaluate, type PlanningHardware } from '../../core/advice/index';
import { defaultSettings, estimate } from '../../core/estimate/index';
import type { EstimateSettings, ModelInput } from '../../core/estimate/types';
import { plannedBenchRow } from '../../core/check/speed';
import type { BatchedBench, BenchRow, RunReport, VllmBench } from '../../core/measured/index';
import type { CheckFlags, CheckJson, SpeedComparison } from './check';
import { modelFromFlags } from './check-llama';
import { buildHardware } from './estimate-hardware';

function compared(
  base: Omit<SpeedComparison, 'plannedTokensPerSecond' | 'differenceTokensPerSecond' | 'withinBand'>,
  planned: number | null,
  band: number,
): SpeedComparison {
  const diff = planned === null ? null : base.measuredTokensPerSecond - planned;
  return {
    ...base,
    plannedTokensPerSecond: planned,
    differenceTokensPerSecond: diff,
    withinBand: planned === null || diff === null ? null : Math.abs(diff) <= planned * band,
  };
}

export function planBenchSpeed(
  rows: BenchRow[],
  input: ModelInput | null,
  hw: PlanningHardware | null,
  fallbackQuant: string | null,
): SpeedComparison[] {
  return rows.map((r) => {
    const p = input && hw ? plannedBenchRow(r, input, hw, fallbackQuant) : { tps: null, band: 0 };
    const base = {
      name: r.kind,
      test: r.test,
      model: r.model,
      backend: r.backend,
      gpuLayers: r.gpuLayers,
      measuredTokensPerSecond: r.tokensPerSecond,
    };
    return compared(base, p.tps, p.band);
  });
}

/** Aggregate decode of B sequences at PP + TG/2 tokens of context each, and prefill of the prompt. */
function planBatched(b: BatchedBench, input: ModelInput | null, hw: PlanningHardware | null, quant: string | null): SpeedComparison[] {
  const out: SpeedComparison[] = [];
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
        { ...base, name: 'prefill', test: `${tag} prefill`, measuredTokensPerSecond: r.prefillTokensPerSecond },
        prefill,
        band.prefill,
      ),
    );
    out.push(
      compared(
        { ...base, name: 'decode', test: `${tag} decode (all sequences)`, measuredTokensPerSecond: r.decodeTokensPerSecond },
        decode,
        band.decode,
      ),
    );
  }
  return out;
}

/** Per-request decode speed (1000 / mean TPOT) at the measured or configured concurrency. */
function planServe(b: VllmBench, input: ModelInput | null, hw: PlanningHardware | null): SpeedComparison[] {
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
    name: 'decode' as const,
    test: `decode per request at concurrency ${concurrency} (1000 / mean TPOT)`,
    model: input?.spec.name ?? '?',
    backend: b.backend ?? 'vllm',
    gpuLayers: null,
  };
  return [compared({ ...base, measuredTokensPerSecond: 1000 / b.tpot.mean }, plannedTps, band)];
}

export async function checkSpeed(
  result: CheckJson,
  report: Extract<RunReport, { kind: 'llama-bench' | 'batched-bench' | 'vllm-bench' }>,
  v: CheckFlags,
): Promise<void> {
  const model = await modelFromFlags(v);
  const hw = v.gpu !== undefined ? (await buildHardware({ gpu: v.gpu }, { detect: async () => null })).chosen.hw : null;
  if (!model || !hw)
    result.notes.push('Planned speed needs the model (--model ID or --gguf FILE) and the GPU the benchmark ran on (--gpu ID).');
  else result.notes.push('Planned for the GPU given with --gpu; benchmarks print the backend, not the card.');
  if (model) result.modelSource = model.source;
  if (report.kind === 'llama-bench') result.speed = planBenchSpeed(report.result.rows, model?.input ?? null, hw, model?.quant ?? null);
  else if (report.kind === 'batched-bench') {
    result.settings = { ...report.result.settings };
    result.speed = planBatched(report.result, model?.input ?? null, hw, model?.quant ?? null);
  } else {
    const b = report.result;
    result.settings = {
      backend: b.backend ?? null,
      maxConcurrency: b.maxConcurrency ?? null,
      measuredConcurrency: b.measuredConcurrency ?? null,
      requestRate: b.requestRate ?? null,
      ttftMs: b.ttft,
      tpotMs: b.tpot,
      itlMs: b.itl,
      outputTokensPerSecond: b.outputTokensPerSecond ?? null,
    };
    result.speed = planServe(b, model?.input ?? null, hw);
  }
}
