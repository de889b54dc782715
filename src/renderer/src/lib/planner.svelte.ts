// The planner's state as runes: which model, which hardware, which settings. Estimates and advice are
// derived in components from this state with the pure core, so every control change recomputes at once.

import { advise } from '$core/advice';
import { choiceFromDevices, planningHardwareForChoice, type ChosenHardware, type GpuChoice } from '$core/advice/choice';
import type { Advice, AdviseOptions, PlanningHardware, Remedy } from '$core/advice/types';
import { getModel } from '$core/catalog';
import type { CatalogModel } from '$core/catalog/types';
import type { CalibrationResult } from '$core/calibration';
import { defaultSettings } from '$core/estimate';
import type { EstimateSettings, ModelInput, Runtime } from '$core/estimate/types';
import { getGpu } from '$core/hardware/gpu-catalog';
import type { HardwareProfile } from '$core/hardware/profile';
import type { Hardware } from '$core/hardware/types';
import { quantForBits } from '$core/quant/formats';
import { GiB } from '$core/units';
import { DEFAULT_CONTEXT, settingsForRuntime, WORKSPACE_VERSION, type Workspace, type WorkspaceModel } from '$core/workspace/workspace';
import { calibrateAdvice } from './evidence.svelte';

export type BitColumn = 16 | 8 | 4;
export const BIT_COLUMNS: BitColumn[] = [16, 8, 4];

/** A row of the hand-made GPU list (catalog GPU or a size), as core's choice function takes it. */
export type CustomGpu = GpuChoice;

export type HardwareMode = 'detected' | 'custom';

/** A model the user brought (GGUF, HF folder, parameter count): not in the catalog. */
export interface ImportedModelChoice {
  id: string;
  name: string;
  input: ModelInput;
  source: string;
}

// The one writer: only this module assigns to `state`; everything else reads `planner`, typed read-only,
// and changes it through the functions below (svelte-check rejects an assignment or bind: elsewhere).
const state = $state({
  modelId: 'llama-3.1-8b-instruct',
  imported: null as ImportedModelChoice | null,
  /** Start on what this machine has: nothing is planned for hardware the user did not see or choose. */
  hardwareMode: 'detected' as HardwareMode,
  customGpus: [] as CustomGpu[],
  /** RAM of the hand-made machine in GiB; null = this machine's detected RAM. */
  customRamGiB: null as number | null,
  /** RAM bandwidth typed by the user (GB/s); null = detected, else core's PLANNING_DEFAULTS. */
  ramBandwidthGBps: null as number | null,
  detected: null as Hardware | null,
  /** pending until the first detection answers; failed when it could not run. */
  detection: 'pending' as 'pending' | 'done' | 'failed',
  settings: { ...defaultSettings('llama.cpp'), context: DEFAULT_CONTEXT } as EstimateSettings,
  useFreeMemory: true,
  /** Profile last applied with "Use for planning", and the GPU rows it produced (to notice later edits). */
  profile: null as { name: string; gpus: string } | null,
  selectedBits: 4 as BitColumn,
  /** A finer quant chosen in the "all quants" table; null = the selected bit column's format. */
  selectedQuant: null as string | null,
  /** Planner options a remedy set (a fixed GPU layer count); cleared with the remedy's undo. */
  adviseOptions: {} as Partial<AdviseOptions>,
  /** Compare's one-glance columns. */
  compact: false,
});

type DeepReadonly<T> = T extends (infer U)[]
  ? ReadonlyArray<DeepReadonly<U>>
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** The planner's state, for reading. */
export const planner: DeepReadonly<typeof state> = state;

export function currentModel(): { id: string; name: string; input: ModelInput; catalog: CatalogModel | null } | null {
  if (state.imported) return { id: state.imported.id, name: state.imported.name, input: state.imported.input, catalog: null };
  const entry = getModel(state.modelId);
  return entry ? { id: entry.spec.id, name: entry.spec.name, input: { spec: entry.spec }, catalog: entry } : null;
}

export function selectModel(id: string): void {
  state.imported = null;
  state.modelId = id;
  const entry = getModel(id);
  // Never default to the model's maximum context: keep the user's choice unless the model cannot take it.
  if (entry && state.settings.context > entry.spec.maxContext) state.settings.context = entry.spec.maxContext;
}

/**
 * The hardware being planned, through core's one choice function (the CLI and the plan call the same),
 * or null while nothing is known yet: detection still running or failed, with no GPU chosen by hand.
 */
export function chosenHardware(): ChosenHardware | null {
  if (state.hardwareMode === 'detected') {
    if (!state.detected) return null;
    return planningHardwareForChoice({ mode: 'detected', detected: state.detected, ramBandwidthGBps: state.ramBandwidthGBps });
  }
  return planningHardwareForChoice({
    mode: 'custom',
    gpus: state.customGpus,
    ramGiB: state.customRamGiB,
    machineRamBytes: state.detected?.ram.totalBytes ?? null,
    ramBandwidthGBps: state.ramBandwidthGBps,
    profileName: activeProfileName(),
  });
}

export function planningHardware(): PlanningHardware | null {
  return chosenHardware()?.hw ?? null;
}

export function settingsFor(bits: BitColumn, runtime: Runtime = state.settings.runtime): EstimateSettings {
  return { ...state.settings, quant: quantForBits(bits, runtime).id };
}

/**
 * Advice for one quant; errors (e.g. a quant that does not apply) become null plus a message. With the
 * user's consent and runs of this machine stored, estimate and speed come calibrated (evidence.svelte.ts);
 * `calibration` then holds the uncalibrated figures too and the basis line.
 */
export function safeAdvise(
  input: ModelInput,
  settings: EstimateSettings,
  hw: PlanningHardware,
  opts: { maxContextSearch?: boolean; remedies?: boolean } = {},
): { advice: Advice | null; error: string | null; calibration: CalibrationResult | null } {
  try {
    const advice = advise(input, settings, hw, { useFreeMemory: state.useFreeMemory, ...state.adviseOptions, ...opts });
    return { ...calibrateAdvice(advice, hw), error: null };
  } catch (error) {
    return { advice: null, error: error instanceof Error ? error.message : String(error), calibration: null };
  }
}

export function setRuntime(runtime: Runtime): void {
  const next = settingsForRuntime(state.settings, runtime, state.selectedBits, state.selectedQuant);
  // A finer quant survives the switch only where the new runtime runs it.
  if (state.selectedQuant !== null && next.quant !== state.selectedQuant) state.selectedQuant = null;
  state.settings = next;
}

/** What survives a restart (section aside, which nav owns). */
export function workspaceSnapshot(section: Workspace['section']): Workspace {
  const model: WorkspaceModel | null = state.imported
    ? state.imported.id.startsWith('user-')
      ? { kind: 'user', id: state.imported.id }
      : null
    : { kind: 'catalog', id: state.modelId };
  return {
    version: WORKSPACE_VERSION,
    model,
    selectedBits: state.selectedBits,
    selectedQuant: state.selectedQuant,
    hardware: {
      mode: state.hardwareMode,
      customGpus: state.customGpus.map((g) => ({ ...g })),
      customRamGiB: state.customRamGiB,
      ramBandwidthGBps: state.ramBandwidthGBps,
      profileName: activeProfileName(),
      useFreeMemory: state.useFreeMemory,
    },
    settings: { ...state.settings },
    section,
    compact: state.compact,
  };
}

/** Puts a restored workspace back; `userModel` resolves a kept import by id (null when it is gone). */
export function restoreInto(ws: Workspace, userModel: (id: string) => ImportedModelChoice | null): void {
  if (ws.model?.kind === 'catalog' && getModel(ws.model.id)) {
    state.imported = null;
    state.modelId = ws.model.id;
  } else if (ws.model?.kind === 'user') {
    const kept = userModel(ws.model.id);
    if (kept) state.imported = kept;
  }
  state.selectedBits = ws.selectedBits;
  state.selectedQuant = ws.selectedQuant;
  state.settings = { ...ws.settings };
  state.hardwareMode = ws.hardware.mode;
  // Rows naming a GPU this build's catalog lacks are planned by their size instead.
  state.customGpus = ws.hardware.customGpus.map((g) =>
    g.catalogId !== null && !getGpu(g.catalogId) ? { ...g, catalogId: null, source: 'user' } : { ...g },
  );
  state.customRamGiB = ws.hardware.customRamGiB;
  state.ramBandwidthGBps = ws.hardware.ramBandwidthGBps;
  state.useFreeMemory = ws.hardware.useFreeMemory;
  state.compact = ws.compact;
  state.profile = ws.hardware.profileName ? { name: ws.hardware.profileName, gpus: JSON.stringify(state.customGpus) } : null;
}

/**
 * Plans on a saved hardware profile: its rows become the chosen GPUs. Catalog rows keep their id (the
 * catalog supplies bandwidth); others are planned by size. Shared (integrated) GPUs add no VRAM, so they
 * are left out rather than planned as a zero-byte device.
 */
export function planWithProfile(profile: HardwareProfile): void {
  state.customGpus = profile.gpus
    .filter((g) => g.kind !== 'shared')
    .map((g) => {
      const known = g.catalogId !== undefined && getGpu(g.catalogId) !== undefined;
      const row: CustomGpu = {
        catalogId: known ? g.catalogId! : null,
        vramGiB: g.vramBytes / GiB,
        count: g.count,
        source: known ? 'catalog' : 'user',
      };
      return row;
    });
  state.customRamGiB = profile.ramBytes !== undefined ? profile.ramBytes / GiB : null;
  state.hardwareMode = 'custom';
  state.profile = { name: profile.name, gpus: JSON.stringify(state.customGpus) };
}

/** The saved profile the chosen GPUs came from, while the user has not changed them since. */
export function activeProfileName(): string | null {
  const p = state.profile;
  return p && state.hardwareMode === 'custom' && p.gpus === JSON.stringify(state.customGpus) ? p.name : null;
}

/** What a remedy changed, so one click can take it back. */
interface RemedySnapshot {
  label: string;
  settings: EstimateSettings;
  hardwareMode: HardwareMode;
  customGpus: CustomGpu[];
  customRamGiB: number | null;
  adviseOptions: Partial<AdviseOptions>;
  profile: { name: string; gpus: string } | null;
  selectedQuant: string | null;
}

export const remedyState = $state({ last: null as RemedySnapshot | null });

/** Applies a remedy the advisor re-checked (settings, a fixed layer count, or one more GPU); undoable. */
export function applyRemedy(r: Remedy, label: string): void {
  remedyState.last = {
    label,
    settings: { ...state.settings },
    hardwareMode: state.hardwareMode,
    customGpus: state.customGpus.map((g) => ({ ...g })),
    customRamGiB: state.customRamGiB,
    adviseOptions: { ...state.adviseOptions },
    profile: state.profile,
    selectedQuant: state.selectedQuant,
  };
  if (Object.keys(r.settings).length > 0) {
    state.settings = { ...state.settings, ...r.settings };
    // A quant remedy names the format to use: the bit columns follow the settings' quant from now on.
    if (r.settings.quant) state.selectedQuant = r.settings.quant;
  }
  if (r.options) state.adviseOptions = { ...state.adviseOptions, ...r.options };
  if (r.addDevices && r.addDevices.length > 0) {
    const current = planningHardware();
    const rows = state.hardwareMode === 'custom' ? state.customGpus.map((g) => ({ ...g })) : choiceFromDevices(current?.devices ?? []);
    state.customGpus = [...rows, ...choiceFromDevices(r.addDevices)].reduce<CustomGpu[]>((acc, row) => {
      const same = acc.find((a) => a.catalogId === row.catalogId && (row.catalogId !== null || a.vramGiB === row.vramGiB));
      if (same) same.count += row.count;
      else acc.push(row);
      return acc;
    }, []);
    state.hardwareMode = 'custom';
  }
}

export function undoRemedy(): void {
  const s = remedyState.last;
  if (!s) return;
  state.settings = s.settings;
  state.hardwareMode = s.hardwareMode;
  state.customGpus = s.customGpus;
  state.customRamGiB = s.customRamGiB;
  state.adviseOptions = s.adviseOptions;
  state.profile = s.profile;
  state.selectedQuant = s.selectedQuant;
  remedyState.last = null;
}

// ---- Setters: every change the views make goes through one of these. ----

export function selectBits(bits: BitColumn): void {
  state.selectedBits = bits;
  state.selectedQuant = null;
}

export function selectQuant(quant: string | null): void {
  state.selectedQuant = quant;
}

export function setHardwareMode(mode: HardwareMode): void {
  state.hardwareMode = mode;
}

export function addGpu(row: CustomGpu): void {
  state.customGpus.push(row);
}

export function updateGpu(index: number, patch: Partial<CustomGpu>): void {
  const row = state.customGpus[index];
  if (row) state.customGpus[index] = { ...row, ...patch };
}

export function removeGpu(index: number): void {
  state.customGpus.splice(index, 1);
}

export function setCustomRam(gib: number | null): void {
  state.customRamGiB = gib;
}

export function setRamBandwidth(gbps: number | null): void {
  state.ramBandwidthGBps = gbps;
}

export function setImported(choice: ImportedModelChoice): void {
  state.imported = choice;
}

export function updateSettings(patch: Partial<EstimateSettings>): void {
  state.settings = { ...state.settings, ...patch };
}

export function setCompact(on: boolean): void {
  state.compact = on;
}

export function setUseFreeMemory(on: boolean): void {
  state.useFreeMemory = on;
}

/** A detection result arrived (or failed: an earlier result is kept). */
export function setDetected(hw: Hardware | null): void {
  if (hw) {
    state.detected = hw;
    state.detection = 'done';
  } else if (!state.detected) {
    state.detection = 'failed';
  }
}

/** The detected machine, for components that show it (they never change it). */
export function detectedHardware(): Hardware | null {
  return state.detected;
}

export function useDetected(): void {
  state.hardwareMode = 'detected';
  state.profile = null;
}
