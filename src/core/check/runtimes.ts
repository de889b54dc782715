// The Check view's comparisons for runtimes whose figures are not llama.cpp buffer lines: vLLM's memory
// profile per worker (with its KV pool in tokens and maximum concurrency), Ollama's own memory report
// (planned with llama.cpp's rules), and GPU readings (nvidia-smi, rocm-smi) against the current plan's
// total per GPU. Each uses the same core comparison the CLI's `check` uses, so the two never disagree.

import type { ModelInput } from '../estimate/types';
import type { Plan } from '../plan/types';
import {
  catalogInputForName,
  compareReadings,
  compareVllmLog,
  vllmSettingsFromLog,
  type ComponentComparison,
  type NvidiaSmi,
  type OllamaLog,
  type QuantityComparison,
  type RocmSmi,
  type VllmLog,
} from '../measured/index';
import { componentRow, quantityRow } from '../measured/compare-rows';
import { compareOllamaReport } from './ollama';

export interface RuntimeComparison {
  /** True when nothing is planned until the user picks the model. */
  needsModel: boolean;
  modelSource: string | null;
  bandRelative: number | null;
  components: ComponentComparison[];
  quantities: QuantityComparison[];
  notes: string[];
}

/** The plan's expected total on one GPU, numbered as nvidia-smi / rocm-smi number them. */
export interface PlannedGpu {
  index: number;
  name: string;
  /** The plan's bytes on the GPU (weights, KV, compute, driver context): what the runtime's process holds. */
  bytes: number;
  /** What a monitor shows for the whole GPU: the plan plus the desktop and other programs. */
  monitorBytes: number;
}

const measuredRow = (name: ComponentComparison['name'], device: string, bytes: number) => componentRow(name, device, null, bytes, 0, 0);

function vllmMeasuredOnly(log: VllmLog): Pick<RuntimeComparison, 'components' | 'quantities'> {
  const components: ComponentComparison[] = [];
  for (const r of log.ranks) {
    const device = log.ranks.length > 1 ? r.worker : 'all';
    if (r.weightsBytes !== undefined) components.push(measuredRow('weights', device, r.weightsBytes));
    if (r.activationPeakBytes !== undefined) components.push(measuredRow('compute', device, r.activationPeakBytes));
    if (r.kvCacheBytes !== undefined) components.push(measuredRow('kvCache', device, r.kvCacheBytes));
  }
  const quantities: QuantityComparison[] = [];
  // vLLM's default block size is 16 tokens (vllm/config/cache.py); the comparison says so when it uses it.
  const tokens = log.kvCacheTokens ?? (log.gpuBlocks !== undefined ? log.gpuBlocks * 16 : undefined);
  if (tokens !== undefined) quantities.push(quantityRow('kvTokens', null, tokens, 0));
  if (log.maxConcurrency) quantities.push(quantityRow('maxConcurrency', null, log.maxConcurrency.requests, 0));
  return { components, quantities };
}

/** vLLM: the picked model, else the catalog model the log's `model=` names; measured only when neither. */
export function analyseVllmRun(log: VllmLog, picked: { input: ModelInput; source: string } | null): RuntimeComparison {
  const fromName = picked ? null : catalogInputForName(log.settings.model);
  const input = picked?.input ?? fromName?.input;
  if (!input)
    return {
      needsModel: true,
      modelSource: null,
      bandRelative: null,
      ...vllmMeasuredOnly(log),
      notes: [
        log.settings.model
          ? `"${log.settings.model}" is not in the model library: pick the model to plan the run.`
          : 'The log does not name the model (no engine config line): pick the model to plan the run.',
      ],
    };
  const notes: string[] = [];
  const source = picked?.source ?? `library model ${fromName!.id} (matched from the log's model name)`;
  try {
    const c = compareVllmLog(log, input, vllmSettingsFromLog(log, notes), notes);
    return {
      needsModel: false,
      modelSource: source,
      bandRelative: c.bandRelative,
      components: c.components,
      quantities: c.quantities,
      notes,
    };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      needsModel: false,
      modelSource: source,
      bandRelative: null,
      ...vllmMeasuredOnly(log),
      notes: [`Could not plan the run the log describes: ${why}`],
    };
  }
}

/** Ollama's new-engine report (the forwarded llama.cpp lines are compared as a llama.cpp log instead). */
export function analyseOllamaRun(
  log: OllamaLog,
  picked: { input: ModelInput; source: string; quant: string | null } | null,
): RuntimeComparison {
  const c = compareOllamaReport(log, picked?.input ?? null, picked?.quant ?? null);
  const notes = picked ? c.notes : [...c.notes, "Pick the model to plan the run with llama.cpp's rules and compare."];
  return {
    needsModel: picked === null,
    modelSource: picked?.source ?? null,
    bandRelative: c.bandRelative,
    components: c.components,
    quantities: [],
    notes,
  };
}

/**
 * GPU readings against the current plan's total per GPU (driver context included, which the readings
 * include too). The plan's dedicated GPUs are taken in detection order, which is the tools' numbering.
 */
export function analyseReadings(
  readings: NvidiaSmi | RocmSmi,
  planned: PlannedGpu[] | null,
  bandRelative: number | null,
): RuntimeComparison {
  if (!planned || planned.length === 0) {
    const indices = new Set([...readings.gpus.map((g) => g.index), ...readings.processes.flatMap((p) => (p.gpu === null ? [] : [p.gpu]))]);
    const c = compareReadings(
      readings,
      [...indices].map((index) => ({ index, bytes: NaN })),
      0,
    );
    return {
      needsModel: false,
      modelSource: null,
      bandRelative: null,
      components: c.components.map((x) => measuredRow('total', x.device, x.measuredBytes)),
      quantities: [],
      notes: [...c.notes, 'No plan uses a GPU yet: plan the run first to set each GPU against it.'],
    };
  }
  // Per-process figures are the runtime's own; a whole-GPU reading also holds the desktop and other programs.
  let c = compareReadings(
    readings,
    planned.map((p) => ({ index: p.index, bytes: p.bytes })),
    bandRelative ?? 0,
  );
  if (c.measuredAs === 'used')
    c = compareReadings(
      readings,
      planned.map((p) => ({ index: p.index, bytes: p.monitorBytes })),
      bandRelative ?? 0,
    );
  const names = planned.map((p) => `GPU${p.index} = ${p.name}`).join(', ');
  return {
    needsModel: false,
    modelSource: null,
    bandRelative,
    components: c.components,
    quantities: [],
    notes: [...c.notes, `Against the current plan's total per GPU (${names}), the GPUs taken in the order detection lists them.`],
  };
}

/**
 * The plan's dedicated GPUs in its device order (detection's order, which is the tools' numbering). A
 * process's figure includes its CUDA/ROCm context, so the plan's side is its bytes plus the overhead.
 */
export function plannedGpusOf(plan: Pick<Plan, 'devices'>): PlannedGpu[] {
  return plan.devices
    .filter((d) => d.kind === 'dedicated')
    .map((d, index) => ({ index, name: d.name, bytes: d.usedBytes + d.overheadBytes, monitorBytes: d.expectedMonitorBytes }));
}
