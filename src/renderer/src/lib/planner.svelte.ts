// The planner's state as runes: which model, which hardware, which settings. Estimates and advice are
// derived in components from this state with the pure core, so every control change recomputes at once.

import { advise, planningHardwareFromHardware } from '../../../core/advice';
import type { Advice, PlanningDevice, PlanningHardware } from '../../../core/advice/types';
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

export interface CustomGpu {
  /** Catalog id, or null for a GPU given only by its VRAM. */
  catalogId: string | null;
  /** VRAM in GiB when catalogId is null. */
  vramGiB: number;
  count: number;
}

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
  hardwareMode: 'custom' as HardwareMode,
  customGpus: [{ catalogId: 'rtx-4090', vramGiB: 24, count: 1 }] as CustomGpu[],
  customRamGiB: 64,
  /** System RAM bandwidth assumed for CPU-offloaded layers: dual-channel DDR5-5600 is ~89.6 GB/s peak. */
  ramBandwidthGBps: 89.6,
  detected: null as Hardware | null,
  settings: { ...defaultSettings('llama.cpp'), context: DEFAULT_CONTEXT } as EstimateSettings,
  useFreeMemory: true,
  /** Profile last applied with "Use for planning", and the GPU rows it produced (to notice later edits). */
  profile: null as { name: string; gpus: string } | null,
  selectedBits: 4 as BitColumn,
  /** A finer quant chosen in the "all quants" table; null = the selected bit column's format. */
  selectedQuant: null as string | null,
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

function customDevices(gpus: CustomGpu[]): PlanningDevice[] {
  const devices: PlanningDevice[] = [];
  for (const gpu of gpus) {
    const entry = gpu.catalogId ? getGpu(gpu.catalogId) : undefined;
    for (let i = 0; i < Math.max(1, Math.min(16, Math.round(gpu.count))); i += 1) {
      devices.push({
        id: `${gpu.catalogId ?? 'vram'}-${devices.length}`,
        name: entry ? entry.name : `GPU ${gpu.vramGiB} GiB`,
        kind: entry?.kind ?? 'dedicated',
        totalBytes: entry ? entry.memoryBytes : Math.max(0, gpu.vramGiB) * GiB,
        usedBytes: null,
        bandwidthGBps: entry?.bandwidthGBps ?? null,
        fp16Tflops: entry?.fp16Tflops ?? null,
      });
    }
  }
  return devices;
}

export function planningHardware(): PlanningHardware {
  if (planner.hardwareMode === 'detected' && planner.detected) {
    // Unified machines: the advisor takes the whole pool and applies the working-set share itself.
    const hw = planningHardwareFromHardware(planner.detected, { getGpu });
    return { ...hw, ramBandwidthGBps: hw.ramBandwidthGBps ?? planner.ramBandwidthGBps };
  }
  return {
    devices: customDevices(planner.customGpus),
    ramBytes: Math.max(0, planner.customRamGiB) * GiB,
    ramAvailableBytes: null,
    ramBandwidthGBps: planner.ramBandwidthGBps > 0 ? planner.ramBandwidthGBps : null,
  };
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
    return { advice: advise(input, settings, hw, { useFreeMemory: planner.useFreeMemory, ...opts }), error: null };
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
      return { catalogId: known ? g.catalogId! : null, vramGiB: g.vramBytes / GiB, count: g.count };
    });
  if (profile.ramBytes !== undefined) planner.customRamGiB = profile.ramBytes / GiB;
  planner.hardwareMode = 'custom';
  planner.profile = { name: profile.name, gpus: JSON.stringify(planner.customGpus) };
}

/** The saved profile the chosen GPUs came from, while the user has not changed them since. */
export function activeProfileName(): string | null {
  const p = planner.profile;
  return p && planner.hardwareMode === 'custom' && p.gpus === JSON.stringify(planner.customGpus) ? p.name : null;
}
