// Builder for GPU catalog rows. `mib` is the total the driver reports (nvidia-smi memory.total, MiB)
// where public captures of it are known; otherwise the marketed size is taken as GiB, which is what a
// 2^n-sized board reports before the driver's own reservations.

import type { GpuCatalogEntry, GpuMemoryKind, GpuVendor } from '../types';

export interface GpuCatalogRecord extends GpuCatalogEntry {
  /** 'reported': memoryBytes is a driver-reported total seen in public captures; 'nominal': marketed size as GiB. */
  memoryBytesSource: 'reported' | 'nominal';
}

const MIB = 2 ** 20;
const GIB = 2 ** 30;

export interface GpuArgs {
  id: string;
  name: string;
  vendor: GpuVendor;
  kind?: GpuMemoryKind;
  gb: number;
  mib?: number | null;
  bw: number;
  tflops?: number | null;
  pci?: string[];
  aliases?: string[];
  notes?: string;
}

export function gpu(a: GpuArgs): GpuCatalogRecord {
  const reported = typeof a.mib === 'number';
  const e: GpuCatalogRecord = {
    id: a.id,
    name: a.name,
    vendor: a.vendor,
    kind: a.kind ?? 'dedicated',
    memoryGB: a.gb,
    memoryBytes: reported ? a.mib! * MIB : a.gb * GIB,
    bandwidthGBps: a.bw,
    fp16Tflops: a.tflops ?? null,
    pciIds: (a.pci ?? []).map((p) => p.toLowerCase()),
    aliases: a.aliases ?? [],
    memoryBytesSource: reported ? 'reported' : 'nominal',
  };
  if (a.notes) e.notes = a.notes;
  return e;
}

/** NVIDIA device id → "10de:xxxx". */
export const nv = (...ids: string[]): string[] => ids.map((d) => `10de:${d}`);
export const amd = (...ids: string[]): string[] => ids.map((d) => `1002:${d}`);
export const intel = (...ids: string[]): string[] => ids.map((d) => `8086:${d}`);
