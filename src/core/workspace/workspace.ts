// The user's workspace (model, quant, hardware choice, settings, section) as it survives a restart.
// Pure: the main process stores the JSON as it is given, and every read comes back through
// restoreWorkspace, which keeps each field that is still valid on its own and drops the rest with a
// reason. A file from an older or newer version, or edited by hand, therefore never blocks start-up and
// never loses the fields that still make sense.

import * as v from 'valibot';
import type { GpuChoice } from '../advice/choice';
import { defaultSettings, kvCacheTypesFor, validateSettings } from '../estimate/settings';
import type { EstimateSettings, Runtime } from '../estimate/types';
import { QUANT_FORMATS, quantForBits } from '../quant/formats';
import { defaultWorkspaceServe, restoreServe, type WorkspaceServe } from './workspace-serve';
import { restoreMlxOptions } from './workspace-mlx';
import { defaultWorkspaceMulti, restoreMulti, type WorkspaceMulti } from './workspace-multi';
import { defaultWorkspaceTraining, restoreTraining, type WorkspaceTraining } from './workspace-train';

export const WORKSPACE_VERSION = 1;
/** Context a new workspace plans at (the planner's starting value too). */
export const DEFAULT_CONTEXT = 8192;
export const WORKSPACE_SECTIONS = ['hardware', 'library', 'compare', 'plan', 'check', 'serve'] as const;
export type WorkspaceSection = (typeof WORKSPACE_SECTIONS)[number];
export type WorkspaceBits = 16 | 8 | 4;

export interface WorkspaceModel {
  /** 'catalog': a built-in id; 'user': an id in the user's own library. */
  kind: 'catalog' | 'user';
  id: string;
}

export interface WorkspaceHardware {
  mode: 'detected' | 'custom';
  customGpus: GpuChoice[];
  customRamGiB: number | null;
  ramBandwidthGBps: number | null;
  /** The saved profile the custom rows came from, while unchanged. */
  profileName: string | null;
  useFreeMemory: boolean;
}

export interface Workspace {
  version: typeof WORKSPACE_VERSION;
  model: WorkspaceModel | null;
  selectedBits: WorkspaceBits;
  selectedQuant: string | null;
  hardware: WorkspaceHardware;
  settings: EstimateSettings;
  section: WorkspaceSection;
  /** Compare shows one-glance columns (details on demand). */
  compact: boolean;
  /** Compare's mode (inference or fine-tune) and the training settings; restoreWorkspace always fills it. */
  training?: WorkspaceTraining;
  /** The Serve view's deployment and workload; restoreWorkspace always fills it. */
  serve?: WorkspaceServe;
  /** Compare's other models on this machine; restoreWorkspace always fills it. */
  multi?: WorkspaceMulti;
}

const RUNTIMES: readonly Runtime[] = ['llama.cpp', 'vllm', 'transformers', 'mlx'];
const positive = v.pipe(v.number(), v.finite(), v.minValue(0));
const gpuChoiceSchema = v.object({
  catalogId: v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(80))),
  vramGiB: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1024 * 1024)),
  count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(64)),
  source: v.optional(v.picklist(['user', 'catalog'])),
});

/** Each part is checked on its own, so one bad field costs only itself. */
const parts = {
  model: v.nullable(v.object({ kind: v.picklist(['catalog', 'user']), id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) })),
  selectedBits: v.picklist([16, 8, 4]),
  selectedQuant: v.nullable(v.pipe(v.string(), v.maxLength(40))),
  section: v.picklist(WORKSPACE_SECTIONS),
  mode: v.picklist(['detected', 'custom']),
  customGpus: v.pipe(v.array(gpuChoiceSchema), v.maxLength(16)),
  customRamGiB: v.nullable(v.pipe(positive, v.maxValue(1024 * 1024))),
  ramBandwidthGBps: v.nullable(v.pipe(positive, v.maxValue(100_000))),
  profileName: v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(80))),
  useFreeMemory: v.boolean(),
  compact: v.boolean(),
};

export function defaultWorkspace(): Workspace {
  return {
    version: WORKSPACE_VERSION,
    model: null,
    selectedBits: 4,
    selectedQuant: null,
    hardware: { mode: 'detected', customGpus: [], customRamGiB: null, ramBandwidthGBps: null, profileName: null, useFreeMemory: true },
    settings: { ...defaultSettings('llama.cpp'), context: DEFAULT_CONTEXT },
    section: 'hardware',
    compact: false,
    training: defaultWorkspaceTraining(),
    serve: defaultWorkspaceServe(),
    multi: defaultWorkspaceMulti(),
  };
}

export interface RestoredWorkspace {
  workspace: Workspace;
  /** Field names that were present but not valid, and were replaced by defaults. */
  dropped: string[];
}

function record(x: unknown): Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
}

/** Validates a stored workspace field by field; anything unusable becomes the default and is named. */
export function restoreWorkspace(raw: unknown): RestoredWorkspace {
  const base = defaultWorkspace();
  const dropped: string[] = [];
  const src = record(raw);
  const hw = record(src['hardware']);
  function pick<T>(name: string, schema: v.GenericSchema<unknown, T>, value: unknown, fallback: T): T {
    if (value === undefined) return fallback;
    const r = v.safeParse(schema, value);
    if (r.success) return r.output;
    dropped.push(name);
    return fallback;
  }
  const workspace: Workspace = {
    version: WORKSPACE_VERSION,
    model: pick('model', parts.model, src['model'], base.model),
    selectedBits: pick('selectedBits', parts.selectedBits, src['selectedBits'], base.selectedBits),
    selectedQuant: pick('selectedQuant', parts.selectedQuant, src['selectedQuant'], base.selectedQuant),
    section: pick('section', parts.section, src['section'], base.section),
    compact: pick('compact', parts.compact, src['compact'], base.compact),
    hardware: {
      mode: pick('hardware.mode', parts.mode, hw['mode'], base.hardware.mode),
      customGpus: pick('hardware.customGpus', parts.customGpus, hw['customGpus'], base.hardware.customGpus),
      customRamGiB: pick('hardware.customRamGiB', parts.customRamGiB, hw['customRamGiB'], base.hardware.customRamGiB),
      ramBandwidthGBps: pick('hardware.ramBandwidthGBps', parts.ramBandwidthGBps, hw['ramBandwidthGBps'], base.hardware.ramBandwidthGBps),
      profileName: pick('hardware.profileName', parts.profileName, hw['profileName'], base.hardware.profileName),
      useFreeMemory: pick('hardware.useFreeMemory', parts.useFreeMemory, hw['useFreeMemory'], base.hardware.useFreeMemory),
    },
    settings: restoreSettings(src['settings'], dropped),
    training: restoreTraining(src['training'], dropped),
    serve: restoreServe(src['serve'], dropped),
    multi: restoreMulti(src['multi'], dropped),
  };
  if (workspace.selectedQuant !== null && !quantApplies(workspace.selectedQuant, workspace.settings.runtime)) {
    dropped.push('selectedQuant');
    workspace.selectedQuant = null;
  }
  return { workspace, dropped };
}

function quantApplies(quant: string, runtime: Runtime): boolean {
  return QUANT_FORMATS.some((q) => q.id === quant && q.runtimes.includes(runtime));
}

/** Settings start from the stored runtime's defaults; each stored field is kept if it validates there. */
function restoreSettings(raw: unknown, dropped: string[]): EstimateSettings {
  const src = record(raw);
  const runtime = RUNTIMES.find((r) => r === src['runtime']);
  if (src['runtime'] !== undefined && !runtime) dropped.push('settings.runtime');
  let settings: EstimateSettings = { ...defaultSettings(runtime ?? 'llama.cpp'), context: DEFAULT_CONTEXT };
  const known = new Set(
    Object.keys(defaultSettings('llama.cpp')).concat(['swaFull', 'kvUnified', 'kvPadding', 'prefillTokens', 'imatrix', 'maxSeqs']),
  );
  for (const [key, value] of Object.entries(src)) {
    if (key === 'mlx') {
      // MLX's own options apply to the mlx runtime only; each field is checked against mlx_lm's limits.
      const mlx = settings.runtime === 'mlx' ? restoreMlxOptions(value) : null;
      if (mlx) settings = { ...settings, mlx };
      else dropped.push('settings.mlx');
      continue;
    }
    if (key === 'runtime' || !known.has(key)) continue;
    const next = { ...settings, [key]: value };
    const valid = (() => {
      try {
        validateSettings(next);
        return true;
      } catch {
        return false;
      }
    })();
    const applies = (key !== 'kvTypeK' && key !== 'kvTypeV') || kvCacheTypesFor(next.runtime).includes(value as never);
    const quantOk = key !== 'quant' || quantApplies(String(value), next.runtime);
    if (valid && applies && quantOk) settings = next;
    else dropped.push(`settings.${key}`);
  }
  return settings;
}

/**
 * Settings after a runtime switch: what still applies is kept (context, parallel, batches, flash
 * attention, a KV type the new runtime offers, the chosen quant if it runs there); the rest takes the
 * new runtime's defaults, and the quant follows the selected bit column.
 */
export function settingsForRuntime(
  current: EstimateSettings,
  runtime: Runtime,
  bits: WorkspaceBits,
  quant: string | null,
): EstimateSettings {
  const base = defaultSettings(runtime);
  const kvTypes = kvCacheTypesFor(runtime);
  return {
    ...base,
    context: current.context,
    parallel: current.parallel,
    flashAttention: current.flashAttention,
    ubatch: current.ubatch,
    batch: current.batch,
    gpuMemoryUtilization: current.gpuMemoryUtilization,
    maxBatchedTokens: current.maxBatchedTokens,
    kvTypeK: kvTypes.includes(current.kvTypeK) ? current.kvTypeK : base.kvTypeK,
    kvTypeV: kvTypes.includes(current.kvTypeV) ? current.kvTypeV : base.kvTypeV,
    quant: quant !== null && quantApplies(quant, runtime) ? quant : quantForBits(bits, runtime).id,
  };
}
