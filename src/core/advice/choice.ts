// What the user chose ("the detected machine", "2 × L4 with 64 GiB", "a 24 GiB card", "CPU only") turned
// into PlanningHardware by one function, with one set of defaults. The renderer, the CLI and the plan all
// call it, so the same choice gives the same numbers everywhere (a parity test holds them to it).

import { getGpu, matchGpuCatalog } from '../hardware/gpu-catalog';
import type { Hardware, HardwareSource } from '../hardware/types';
import { GiB } from '../units';
import { planningDeviceFromCatalog, planningHardwareFromHardware } from './hardware';
import type { PlanningDevice, PlanningHardware } from './types';
import { translate, type Locale } from '../i18n';

/** One row of a hand-made GPU list: a catalog GPU, or a card known only by its VRAM. */
export interface GpuChoice {
  /** Catalog id; null for a GPU given only by its memory size. */
  catalogId: string | null;
  /** VRAM in GiB when catalogId is null (ignored otherwise: the catalog knows the size). */
  vramGiB: number;
  count: number;
  /** Where the row came from: typed by the user, or a saved profile. */
  source?: HardwareSource;
}

export type HardwareChoice =
  | {
      mode: 'detected';
      detected: Hardware;
      /** RAM bandwidth the user typed; null = what detection knows, else the default. */
      ramBandwidthGBps?: number | null;
      /** A hardware file the description was read from (detected elsewhere, or a profile): named in the label. */
      file?: { name: string; kind: 'detect' | 'profile'; profileName: string | null } | null;
    }
  | {
      mode: 'custom';
      gpus: GpuChoice[];
      /** RAM of the planned machine in GiB; null = this machine's RAM (`machineRamBytes`). */
      ramGiB: number | null;
      ramBandwidthGBps?: number | null;
      /** The machine's own RAM, used when ramGiB is null (detected RAM, os.totalmem()). */
      machineRamBytes?: number | null;
      /** A saved profile these rows came from (for the label). */
      profileName?: string | null;
    };

/** The one set of planning defaults: what is assumed when the user and detection say nothing. */
export const PLANNING_DEFAULTS = {
  /**
   * RAM bandwidth for CPU-resident layers: dual-channel DDR4-3200 (51.2 GB/s theoretical, ~50 usable), the
   * common floor of desktops that run offloaded layers. Shown as an assumption wherever it is used.
   */
  ramBandwidthGBps: 50,
  /** Most GPUs one plan may list (the CLI's and the UI's limit). */
  maxGpus: 64,
} as const;

export type RamSource = 'detected' | 'user' | 'profile' | 'file' | 'unified' | 'unknown';

export interface ChosenHardware {
  hw: PlanningHardware;
  /** "2 × NVIDIA L4", "CPU only": the hardware named in every result view. */
  label: string;
  origin: 'detected' | 'profile' | 'manual' | 'file';
  /** Where the RAM figure came from (the CLI and the plan say it). */
  ramSource: RamSource;
  /** True when the RAM bandwidth is PLANNING_DEFAULTS' assumption, not a user or detected figure. */
  ramBandwidthAssumed: boolean;
}

function positive(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : null;
}

function deviceFromSize(gib: number, index: number, source: HardwareSource): PlanningDevice {
  return {
    id: `vram#${index}`,
    name: `GPU ${formatSize(gib)} GiB`,
    vendor: 'other',
    source,
    catalogId: null,
    kind: 'dedicated',
    totalBytes: Math.round(Math.max(0, gib) * GiB),
    usedBytes: null,
    bandwidthGBps: null,
    fp16Tflops: null,
  };
}

function formatSize(gib: number): string {
  return Number.isInteger(gib) ? String(gib) : gib.toFixed(1);
}

/** The devices of a hand-made GPU list; counts are whole numbers from 1 to the limit. */
export function devicesFromChoice(gpus: readonly GpuChoice[]): PlanningDevice[] {
  const devices: PlanningDevice[] = [];
  for (const gpu of gpus) {
    const entry = gpu.catalogId ? getGpu(gpu.catalogId) : undefined;
    const count = Math.max(1, Math.min(PLANNING_DEFAULTS.maxGpus, Math.round(Number.isFinite(gpu.count) ? gpu.count : 1)));
    for (let i = 0; i < count && devices.length < PLANNING_DEFAULTS.maxGpus; i += 1) {
      const source = gpu.source ?? (entry ? 'catalog' : 'user');
      devices.push(
        entry ? planningDeviceFromCatalog(entry, devices.length, undefined, source) : deviceFromSize(gpu.vramGiB, devices.length, source),
      );
    }
  }
  return devices;
}

/** The label of a plan without GPUs; views say it in their own language (see localHardwareLabel). */
export const CPU_ONLY_LABEL = 'CPU only';

/** "2 × NVIDIA L4 + RTX 4090", or "CPU only". */
export function hardwareLabel(devices: readonly Pick<PlanningDevice, 'name'>[], cpuOnly = CPU_ONLY_LABEL): string {
  if (devices.length === 0) return cpuOnly;
  const counts = new Map<string, number>();
  for (const d of devices) counts.set(d.name, (counts.get(d.name) ?? 0) + 1);
  return [...counts].map(([n, c]) => (c > 1 ? `${c} × ${n}` : n)).join(' + ');
}

export function planningHardwareForChoice(choice: HardwareChoice): ChosenHardware {
  const typedBw = positive(choice.ramBandwidthGBps);
  if (choice.mode === 'detected') {
    const hw = planningHardwareFromHardware(choice.detected, {
      getGpu,
      match: (g) => matchGpuCatalog({ name: g.name, pciId: g.pciId, memoryBytes: g.vramTotalBytes }),
    });
    const bw = typedBw ?? positive(hw.ramBandwidthGBps);
    const file = choice.file ?? null;
    const label = hardwareLabel(hw.devices);
    const ramKnown = positive(choice.detected.ram.totalBytes) !== null;
    return {
      hw: { ...hw, ramBandwidthGBps: bw },
      label: file ? `${file.profileName ?? file.name} (${label})` : label,
      origin: file ? (file.kind === 'profile' ? 'profile' : 'file') : 'detected',
      ramSource: !ramKnown ? 'unknown' : file ? (file.kind === 'profile' ? 'profile' : 'file') : 'detected',
      ramBandwidthAssumed: bw == null,
    };
  }
  const devices = devicesFromChoice(choice.gpus);
  const unified = devices.find((d) => d.kind === 'unified');
  const typedRam = choice.ramGiB != null && Number.isFinite(choice.ramGiB) && choice.ramGiB >= 0 ? choice.ramGiB * GiB : null;
  const machineRam = positive(choice.machineRamBytes);
  // A unified machine's RAM is its GPU pool: never plan it with less RAM than the pool itself.
  let ramBytes = typedRam ?? machineRam ?? 0;
  let ramSource: RamSource = typedRam != null ? (choice.profileName ? 'profile' : 'user') : machineRam != null ? 'detected' : 'unknown';
  if (unified && unified.totalBytes > ramBytes) {
    ramBytes = unified.totalBytes;
    ramSource = 'unified';
  }
  const bw = typedBw ?? positive(unified?.bandwidthGBps);
  return {
    hw: { devices, ramBytes, ramAvailableBytes: null, ramBandwidthGBps: bw, cpuTflops: null },
    label: hardwareLabel(devices),
    // No GPU chosen and this machine's own RAM: that is the machine as detected, not something typed.
    origin: choice.profileName ? 'profile' : devices.length === 0 && ramSource === 'detected' ? 'detected' : 'manual',
    ramSource,
    ramBandwidthAssumed: bw == null,
  };
}

/** Hand-made rows equal to some planning devices (to extend the detected machine with one more GPU). */
export function choiceFromDevices(devices: readonly PlanningDevice[]): GpuChoice[] {
  const rows: GpuChoice[] = [];
  for (const d of devices) {
    if (d.kind === 'shared') continue;
    const catalogId = d.catalogId && getGpu(d.catalogId) ? d.catalogId : null;
    const vramGiB = d.totalBytes / GiB;
    const same = rows.find((r) => r.catalogId === catalogId && (catalogId !== null || r.vramGiB === vramGiB));
    if (same) same.count += 1;
    else rows.push({ catalogId, vramGiB, count: 1, source: catalogId ? 'catalog' : 'user' });
  }
  return rows;
}

/**
 * A hardware label in `locale`: device names stay as they are; the CPU-only label, which core writes in
 * English for the CLI, is translated.
 */
export function localHardwareLabel(locale: Locale, label: string): string {
  return label === CPU_ONLY_LABEL ? translate(locale, 'compare.verdict.cpu') : label;
}
