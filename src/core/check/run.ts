// What the Check view does with a pasted run: recognise it, read the run's own settings, plan for exactly
// those with the model the log names (or the one the user picked) and set planned against measured.
// Pure: the same text and model give the same result; nothing here throws past analyseRun.

import { getModel } from '../catalog';
import type { ModelInput } from '../estimate/types';
import {
  compareLlamaLog,
  measuredOnly,
  modelFromLog,
  quantFromFileType,
  settingsFromLog,
  isGpuBuffer,
  type BenchRow,
  type ComponentComparison,
  type LlamaLog,
  type VllmLog,
} from '../measured/index';
import { readRunOutput, RUN_KIND_LABELS } from '../measured/read';
import type { MeasuredRun, MeasuredSettings, MeasuredSpeed } from '../plan/appendix';
import type { PlanningHardware } from '../advice/types';
import { benchSpeed } from './speed';
import { planBatched, planServe } from './serve-speed';
import { analyseOllamaRun, analyseReadings, analyseVllmRun, type PlannedGpu, type RuntimeComparison } from './runtimes';

/** A model to plan with: from the catalog (picked by the user) or shaped from the log's metadata. */
export interface RunModel {
  input: ModelInput;
  /** Sentence for the basis: "library model c4ai-command-r-v01". */
  source: string;
  /** The catalog's usual quant, used only when the log names no file type. */
  quant: string | null;
}

/** What every recognised run reports: what was read from it and what could not be. */
interface RunRead {
  recognised: string[];
  problems: string[];
}
/** A run planned against a model: where the model came from (null until one is known) and core's notes. */
interface RunPlanned extends RunRead {
  modelSource: string | null;
  notes: string[];
}

export type RunAnalysis =
  | { kind: 'unknown'; problems: string[] }
  /** Recognised by core's reader but not compared here yet (vLLM, Ollama, nvidia-smi, …): shown as read. */
  | ({ kind: 'other'; runKind: string; label: string } & RunRead)
  /** vLLM, Ollama's own report, GPU readings: compared with the CLI's core comparisons. */
  | ({
      kind: 'runtime';
      runKind: 'vllm-log' | 'ollama-log' | 'nvidia-smi' | 'rocm-smi';
      runtime: string;
      label: string;
      settings: MeasuredSettings | null;
    } & RunRead &
      RuntimeComparison)
  /** llama-batched-bench and vLLM / SGLang bench serve: speed only, planned like the CLI's check. */
  | ({
      kind: 'speed';
      runKind: 'batched-bench' | 'vllm-bench';
      runtime: string;
      label: string;
      speed: MeasuredSpeed[];
    } & RunPlanned)
  | ({ kind: 'llama-bench'; rows: BenchRow[]; speed: MeasuredSpeed[] } & RunPlanned)
  | ({
      kind: 'llama.cpp-log';
      log: LlamaLog;
      read: MeasuredSettings;
      /** True when the log names no model shape: the user has to pick one before anything is planned. */
      needsModel: boolean;
      bandRelative: number | null;
      components: ComponentComparison[];
    } & RunPlanned);

/** A catalog model as a RunModel, or null for an unknown id. */
export function catalogRunModel(id: string): RunModel | null {
  const entry = getModel(id);
  return entry ? { input: { spec: entry.spec }, source: `library model ${entry.spec.id}`, quant: null } : null;
}

/** The settings as the log printed them; null where the log does not say. */
export function settingsRead(log: LlamaLog): MeasuredSettings {
  const st = log.settings;
  return {
    model: log.model.name ?? null,
    quant: quantFromFileType(log.model.fileType),
    context: st.nCtx ?? null,
    slots: st.nSeqMax ?? null,
    kvTypeK: st.typeK ?? null,
    kvTypeV: st.typeV ?? null,
    flashAttention: st.flashAttention ?? null,
    layers: log.layersOffloaded ?? null,
    devices: log.devices.length > 0 ? [...log.devices] : log.buffers.map((b) => b.device).filter(isGpuBuffer),
  };
}

function resolveModel(log: LlamaLog, picked: RunModel | null): RunModel | null {
  if (picked) return picked;
  const fromLog = modelFromLog(log);
  return fromLog ? { ...fromLog, quant: null } : null;
}

function analyseLog(log: LlamaLog, picked: RunModel | null): RunAnalysis {
  const base = { kind: 'llama.cpp-log' as const, log, read: settingsRead(log), recognised: log.recognised, problems: log.problems };
  const model = resolveModel(log, picked);
  if (!model) {
    return {
      ...base,
      needsModel: true,
      modelSource: null,
      bandRelative: null,
      components: measuredOnly(log),
      notes: ['The log does not describe the model (no "model params" line): pick it to plan the run.'],
    };
  }
  const notes: string[] = [];
  const settings = settingsFromLog(log, model.quant, notes);
  try {
    const c = compareLlamaLog(log, model.input, settings, model.source, notes);
    return {
      ...base,
      needsModel: false,
      modelSource: c.modelSource,
      bandRelative: c.bandRelative,
      components: c.components,
      notes: c.notes,
    };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      needsModel: picked === null,
      modelSource: model.source,
      bandRelative: null,
      components: measuredOnly(log),
      notes: [`Could not plan the run the log describes: ${why}`],
    };
  }
}

function speedNotes(picked: RunModel | null, hw: PlanningHardware | null): string[] {
  if (!picked) return ['The benchmark does not say which model ran: pick it to plan the speed.'];
  if (!hw) return ['No hardware is being planned: choose the GPU the benchmark ran on to plan the speed.'];
  return ['Planned on the hardware being planned; benchmarks print the backend, not the card, so it must be the machine that ran it.'];
}

function benchNotes(picked: RunModel | null, hw: PlanningHardware | null): string[] {
  if (!picked) return ["llama-bench names the model's architecture and size, not which model: pick it to plan the speed."];
  if (!hw) return ['No hardware is being planned: choose the GPU the benchmark ran on to plan the speed.'];
  return ['Planned on the hardware being planned; llama-bench prints the backend, not the card, so it must be the machine that ran it.'];
}

/** What the Check view plans against besides the model: the hardware being planned and the current plan. */
export interface RunContext {
  hw?: PlanningHardware | null;
  /** The current plan's expected total per GPU, for nvidia-smi / rocm-smi readings. */
  plannedGpus?: PlannedGpu[] | null;
  bandRelative?: number | null;
}

const RUNTIME_OF = { 'vllm-log': 'vllm', 'ollama-log': 'ollama', 'nvidia-smi': 'nvidia-smi', 'rocm-smi': 'rocm-smi' } as const;

function runtimeAnalysis(
  runKind: keyof typeof RUNTIME_OF,
  report: { recognised: string; problems: string[] },
  c: RuntimeComparison,
  settings: MeasuredSettings | null = null,
): RunAnalysis {
  const base = { runKind, runtime: RUNTIME_OF[runKind], label: RUN_KIND_LABELS[runKind], settings };
  return { kind: 'runtime', ...base, recognised: [report.recognised], problems: report.problems, ...c };
}

function vllmSettingsRead(log: VllmLog): MeasuredSettings {
  const st = log.settings;
  return {
    model: st.model ?? null,
    quant: st.quantization ?? st.dtype ?? null,
    context: st.maxModelLen ?? null,
    slots: null,
    kvTypeK: st.kvCacheDtype ?? null,
    kvTypeV: st.kvCacheDtype ?? null,
    flashAttention: null,
    layers: null,
    devices: log.ranks.length > 1 ? log.ranks.map((r) => r.worker) : [],
  };
}

/**
 * Text → what it is and planned vs measured: a start-up log against the estimate for its own settings
 * (`picked` overrides the log's model), llama-bench rows against the speed on the hardware being planned
 * (the benchmark prints the backend, not the card), GPU readings against the current plan per GPU.
 */
export function analyseRun(text: string, picked: RunModel | null = null, c: RunContext = {}): RunAnalysis {
  const hw = c.hw ?? null;
  // core's one dispatcher decides what the text is; this file plans what it can compare.
  const report = readRunOutput(text);
  switch (report.kind) {
    case 'unknown':
      return { kind: 'unknown', problems: [...report.problems] };
    case 'llama-bench':
      return {
        kind: 'llama-bench',
        rows: report.result.rows,
        speed: benchSpeed(report.result.rows, picked?.input ?? null, hw, picked?.quant ?? null),
        modelSource: picked?.source ?? null,
        notes: benchNotes(picked, hw),
        recognised: report.result.recognised,
        problems: report.problems,
      };
    case 'llama-log':
      return analyseLog(report.result, picked);
    case 'batched-bench':
    case 'vllm-bench': {
      const input = picked?.input ?? null;
      const rows =
        report.kind === 'batched-bench'
          ? planBatched(report.result, input, hw, picked?.quant ?? null)
          : planServe(report.result, input, hw);
      return {
        kind: 'speed',
        runKind: report.kind,
        runtime: report.kind === 'batched-bench' ? 'llama.cpp' : (report.result.backend ?? 'vllm'),
        label: RUN_KIND_LABELS[report.kind],
        speed: rows.map(({ gpuLayers: _gpuLayers, ...r }) => r),
        modelSource: picked?.source ?? null,
        notes: speedNotes(picked, hw),
        recognised: [report.recognised],
        problems: report.problems,
      };
    }
    case 'lmstudio-log':
      // LM Studio forwards llama.cpp's own lines: the comparison is llama.cpp's.
      return analyseLog(report.result.llama, picked);
    case 'ollama-log':
      if (report.result.llama && report.result.llama.buffers.length > 0) return analyseLog(report.result.llama, picked);
      return runtimeAnalysis('ollama-log', report, analyseOllamaRun(report.result, picked));
    case 'vllm-log':
      return runtimeAnalysis('vllm-log', report, analyseVllmRun(report.result, picked), vllmSettingsRead(report.result));
    case 'nvidia-smi':
    case 'rocm-smi':
      return runtimeAnalysis(report.kind, report, analyseReadings(report.result, c.plannedGpus ?? null, c.bandRelative ?? null));
    default:
      return {
        kind: 'other',
        runKind: report.kind,
        label: RUN_KIND_LABELS[report.kind],
        recognised: [report.recognised],
        problems: report.problems,
      };
  }
}

/** The analysis as the plan's appendix carries it; null for anything with nothing measured. */
export function measuredRun(a: RunAnalysis): MeasuredRun | null {
  if (a.kind === 'unknown' || a.kind === 'other') return null;
  if (a.kind === 'runtime')
    return {
      runtime: a.runtime,
      source: a.runKind,
      modelSource: a.modelSource,
      bandRelative: a.bandRelative,
      settings: a.settings,
      components: a.components,
      quantities: a.quantities,
      speed: [],
      notes: a.notes,
    };
  if (a.kind === 'speed')
    return {
      runtime: a.runtime,
      source: a.runKind,
      modelSource: a.modelSource,
      bandRelative: null,
      settings: null,
      components: [],
      speed: a.speed,
      notes: a.notes,
    };
  if (a.kind === 'llama-bench')
    return {
      runtime: 'llama.cpp',
      source: 'llama-bench',
      modelSource: a.modelSource,
      bandRelative: null,
      settings: null,
      components: [],
      speed: a.speed,
      notes: a.notes,
    };
  return {
    runtime: 'llama.cpp',
    source: 'llama.cpp-log',
    modelSource: a.modelSource,
    bandRelative: a.bandRelative,
    settings: a.read,
    components: a.components,
    speed: [],
    notes: a.notes,
  };
}
