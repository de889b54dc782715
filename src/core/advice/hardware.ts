// Builds the planner's view of the hardware from a detection result or from catalog entries.

import { GiB } from '../units';
import type { GpuCatalogEntry, GpuDevice, Hardware } from '../hardware/types';
import { cpuPeakTflops } from './speed-cpu';
import type { PlanningDevice, PlanningHardware } from './types';

export interface CatalogLookups {
  /** Catalog entry by id (GpuDevice.catalogId). */
  getGpu?: (id: string) => GpuCatalogEntry | undefined;
  /** Fallback when a device has no catalogId (e.g. matchGpuCatalog over name, PCI id and memory). */
  match?: (g: GpuDevice) => GpuCatalogEntry | null | undefined;
}

function usedOf(g: GpuDevice): number | null {
  if (g.vramUsedBytes != null) return g.vramUsedBytes;
  if (g.vramFreeBytes != null) return Math.max(0, g.vramTotalBytes - g.vramFreeBytes);
  return null;
}

export function planningHardwareFromHardware(hw: Hardware, lookups: CatalogLookups = {}): PlanningHardware {
  const devices: PlanningDevice[] = hw.gpus.map((g) => {
    const entry = (g.catalogId && lookups.getGpu ? lookups.getGpu(g.catalogId) : undefined) ?? lookups.match?.(g) ?? undefined;
    // Unified machines report the whole RAM as the GPU pool; the budget applies the working-set share.
    const total = g.kind === 'unified' ? Math.max(g.vramTotalBytes, hw.ram.totalBytes) : g.vramTotalBytes;
    // Detection reports a unified GPU's size as its working-set limit (the wired limit when the user
    // raised it); keep that limit so the budget does not fall back to the default share.
    const workingSet = g.kind === 'unified' && g.vramTotalBytes > 0 && g.vramTotalBytes < total ? g.vramTotalBytes : null;
    return {
      workingSetBytes: workingSet,
      id: g.id,
      name: g.name,
      vendor: g.vendor,
      source: g.source,
      catalogId: entry?.id ?? null,
      kind: g.kind,
      totalBytes: total,
      usedBytes: g.kind === 'unified' ? null : usedOf(g),
      bandwidthGBps: entry?.bandwidthGBps ?? null,
      fp16Tflops: entry?.fp16Tflops ?? null,
    };
  });
  const unifiedBw = devices.find((d) => d.kind === 'unified')?.bandwidthGBps ?? null;
  return {
    devices,
    ramBytes: hw.ram.totalBytes,
    ramAvailableBytes: hw.ram.availableBytes,
    ramBandwidthGBps: hw.cpu.memoryBandwidthGBps ?? unifiedBw,
    cpuTflops: cpuPeakTflops(hw.cpu),
  };
}

export function planningDeviceFromCatalog(
  entry: GpuCatalogEntry,
  index = 0,
  memoryBytes?: number,
  source: PlanningDevice['source'] = 'catalog',
): PlanningDevice {
  return {
    id: `${entry.id}#${index}`,
    name: entry.name,
    vendor: entry.vendor,
    source,
    catalogId: entry.id,
    kind: entry.kind,
    totalBytes: memoryBytes ?? entry.memoryBytes,
    usedBytes: null,
    bandwidthGBps: entry.bandwidthGBps,
    fp16Tflops: entry.fp16Tflops,
  };
}

/**
 * `count` identical catalog GPUs in a machine with `ramBytes` of RAM (default: 64 GiB, or the unified
 * pool itself for Apple-style machines). RAM bandwidth is unknown unless the memory is unified.
 */
export function planningHardwareFromCatalog(entry: GpuCatalogEntry, count = 1, ramBytes?: number): PlanningHardware {
  const n = Math.max(1, Math.floor(count));
  const devices = Array.from({ length: n }, (_, i) => planningDeviceFromCatalog(entry, i));
  const unified = entry.kind === 'unified';
  return {
    devices,
    ramBytes: ramBytes ?? (unified ? entry.memoryBytes : 64 * GiB),
    ramAvailableBytes: null,
    ramBandwidthGBps: unified ? entry.bandwidthGBps : null,
    cpuTflops: null,
  };
}
