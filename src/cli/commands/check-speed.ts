// Planned speed for benchmark results on the GPUs given with --gpu (benchmarks print the backend, not the
// card). The sizing of each kind lives in core, shared with the Check view: llama-bench rows in
// core/check/speed.ts, llama-batched-bench and vLLM / SGLang bench serve in core/check/serve-speed.ts.

import type { PlanningHardware } from '../../core/advice/index';
import type { ModelInput } from '../../core/estimate/types';
import { plannedBenchRow } from '../../core/check/speed';
import { compared, planBatched, planServe, type SpeedRow } from '../../core/check/serve-speed';
import type { BenchRow, RunReport } from '../../core/measured/index';
import type { CheckFlags, CheckJson, SpeedComparison } from './check';
import { modelFromFlags } from './check-llama';
import { buildHardware } from './estimate-hardware';

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

/** Core's row as `check --json` has always printed it: the kind under `name`. */
const asCli = ({ kind, ...rest }: SpeedRow): SpeedComparison => ({ name: kind, ...rest });

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
    result.speed = planBatched(report.result, model?.input ?? null, hw, model?.quant ?? null).map(asCli);
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
    result.speed = planServe(b, model?.input ?? null, hw).map(asCli);
  }
}
