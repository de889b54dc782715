// The planner's state as runes: which model, which hardware, which settings. Estimates and advice are
// derived in components from this state with the pure core, so every control change recomputes at once.

import { advise } from '../../../core/advice';
import { choiceFromDevices, planningHardwareForChoice, type ChosenHardware, type GpuChoice } from '../../../core/advice/choice';
import type { Advice, AdviseOptions, PlanningHardware, Remedy } from '../../../core/advice/types';
import { getModel } from '../../../core/catalog';
import type { CatalogModel } from '../../../core/catalog/types';
import { defaultSettings } from '../../../core/estimate';
import type { EstimateSettings, ModelInput, Runtime } from '../../../core/estimate/types';
import { getGpu } from '../../../core/hardware/gpu-catalog';
import type { HardwareProfile } from '../../../core/hardware/profile';
import type { Hardware } from '../../../core/hardware/types';
import { quantForBits } from '../../../core/quant/formats';
import { GiB } from '../../../core/units';

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

export const DEFAULT_CONTEXT = 8192;

export const planner = $state({
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
});

export function currentModel(): { id: string; name: string; input: ModelInput; catalog: CatalogModel | null } | null {
  if (planner.imported) return { id: planner.imported.id, name: planner.imported.name, input: planner.imported.input, catalog: null };
  const entry = getModel(planner.modelId);
  return entry ? { id: entry.spec.id, name: entry.spec.name, input: { spec: entry.spec }, catalog: entry } : null;
}

export function selectModel(id: string): void {
  planner.imported = null;
  planner.modelId = id;
  const entry = getModel(id);
  // Never default to the model's maximum context: keep the user's choice unless the model cannot take it.
  if (entry && planner.settings.context > entry.spec.maxContext) planner.settings.context = entry.spec.maxContext;
}

/**
 * The hardware being planned, through core's one choice function (the CLI and the plan call the same),
 * or null while nothing is known yet: detection still running or failed, with no GPU chosen by hand.
 */
export function chosenHardware(): ChosenHardware | null {
  if (planner.hardwareMode === 'detected') {
    if (!planner.detected) return null;
    return planningHardwareForChoice({ mode: 'detected', detected: planner.detected, ramBandwidthGBps: planner.ramBandwidthGBps });
  }
  return planningHardwareForChoice({
    mode: 'custom',
    gpus: planner.customGpus,
    ramGiB: planner.customRamGiB,
    machineRamBytes: planner.detected?.ram.totalBytes ?? null,
    ramBandwidthGBps: planner.ramBandwidthGBps,
    profileName: activeProfileName(),
  });
}

export function planningHardware(): PlanningHardware | null {
  return chosenHardware()?.hw ?? null;
}

/** Switches to a hand-made GPU list (starting from one GPU when the list is empty). */
export function chooseGpus(first: CustomGpu | null = null): void {
  if (first && planner.customGpus.length === 0) planner.customGpus.push(first);
  planner.hardwareMode = 'custom';
}

export function settingsFor(bits: BitColumn, runtime: Runtime = planner.settings.runtime): EstimateSettings {
  return { ...planner.settings, quant: quantForBits(bits, runtime).id };
}

/** Advice for one quant; errors (e.g. a quant that does not apply) become null plus a message. */
export function safeAdvise(
  input: ModelInput,
  settings: EstimateSettings,
  hw: PlanningHardware,
  opts: { maxContextSearch?: boolean; remedies?: boolean } = {},
): { advice: Advice | null; error: string | null } {
  try {
    return { advice: advise(input, settings, hw, { useFreeMemory: planner.useFreeMemory, ...planner.adviseOptions, ...opts }), error: null };
  } catch (error) {
    return { advice: null, error: error instanceof Error ? error.message : String(error) };
  }
}

export function setRuntime(runtime: Runtime): void {
  const base = defaultSettings(runtime);
  planner.settings = {
    ...base,
    context: planner.settings.context,
    parallel: planner.settings.parallel,
    quant: quantForBits(planner.selectedBits, runtime).id,
  };
  planner.selectedQuant = null;
}

/**
 * Plans on a saved hardware profile: its rows become the chosen GPUs. Catalog rows keep their id (the
 * catalog supplies bandwidth); others are planned by size. Shared (integrated) GPUs add no VRAM, so they
 * are left out rather than planned as a zero-byte device.
 */
export function planWithProfile(profile: HardwareProfile): void {
  planner.customGpus = profile.gpus
    .filter((g) => g.kind !== 'shared')
    .map((g) => {
      const known = g.catalogId !== undefined && getGpu(g.catalogId) !== undefined;
      const row: CustomGpu = { catalogId: known ? g.catalogId! : null, vramGiB: g.vramBytes / GiB, count: g.count, source: known ? 'catalog' : 'user' };
      return row;
    });
  planner.customRamGiB = profile.ramBytes !== undefined ? profile.ramBytes / GiB : null;
  planner.hardwareMode = 'custom';
  planner.profile = { name: profile.name, gpus: JSON.stringify(planner.customGpus) };
}

/** The saved profile the chosen GPUs came from, while the user has not changed them since. */
export function activeProfileName(): string | null {
  const p = planner.profile;
  return p && planner.hardwareMode === 'custom' && p.gpus === JSON.stringify(planner.customGpus) ? p.name : null;
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
    settings: { ...planner.settings },
    hardwareMode: planner.hardwareMode,
    customGpus: planner.customGpus.map((g) => ({ ...g })),
    customRamGiB: planner.customRamGiB,
    adviseOptions: { ...planner.adviseOptions },
    profile: planner.profile,
    selectedQuant: planner.selectedQuant,
  };
  if (Object.keys(r.settings).length > 0) {
    planner.settings = { ...planner.settings, ...r.settings };
    // A quant remedy names the format to use: the bit columns follow the settings' quant from now on.
    if (r.settings.quant) planner.selectedQuant = r.settings.quant;
  }
  if (r.options) planner.adviseOptions = { ...planner.adviseOptions, ...r.options };
  if (r.addDevices && r.addDevices.length > 0) {
    const current = planningHardware();
    const rows = planner.hardwareMode === 'custom' ? planner.customGpus.map((g) => ({ ...g })) : choiceFromDevices(current?.devices ?? []);
    planner.customGpus = [...rows, ...choiceFromDevices(r.addDevices)].reduce<CustomGpu[]>((acc, row) => {
      const same = acc.find((a) => a.catalogId === row.catalogId && (row.catalogId !== null || a.vramGiB === row.vramGiB));
      if (same) same.count += row.count;
      else acc.push(row);
      return acc;
    }, []);
    planner.hardwareMode = 'custom';
  }
}

export function undoRemedy(): void {
  const s = remedyState.last;
  if (!s) return;
  planner.settings = s.settings;
  planner.hardwareMode = s.hardwareMode;
  planner.customGpus = s.customGpus;
  planner.customRamGiB = s.customRamGiB;
  planner.adviseOptions = s.adviseOptions;
  planner.profile = s.profile;
  planner.selectedQuant = s.selectedQuant;
  remedyState.last = null;
}
