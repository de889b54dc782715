// Builder for GPU catalog rows. `mib` is the total the driver reports (nvidia-smi memory.total, MiB)
// where public captures of it are known; otherwise the marketed size is taken as GiB, which is what a
// 2^n-sized board reports before the driver's own reservations.

import type { GpuCatalogEntry, GpuFamily, GpuLink, GpuMemoryKind, GpuVendor } from '../types';

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
  family?: GpuFamily;
  tier?: string;
  link?: GpuLink;
  int8?: number | null;
  fp8?: number | null;
  source?: string;
}

/** A family guess for rows that do not state one (the data files should). */
function defaultFamily(a: GpuArgs): GpuFamily {
  const n = a.name.toLowerCase();
  if (a.vendor === 'apple') return 'apple-m';
  if (a.vendor === 'nvidia')
    return a.kind === 'unified'
      ? 'nvidia-unified'
      : /h100|h200|a100|b200|b300|gh200|gb|h20|h800|a800|v100|p100|a30\b/.test(n)
        ? 'nvidia-hbm'
        : 'nvidia-gddr';
  if (a.vendor === 'amd') return a.kind === 'unified' ? 'amd-apu' : /mi\d/.test(n) ? 'amd-cdna' : 'amd-rdna';
  if (a.vendor === 'intel') return a.kind === 'dedicated' ? 'intel-arc' : 'intel-igpu';
  return 'other';
}

/** PCIe 4.0 x16 unless a row says otherwise (per direction ≈ 32 GB/s raw, ~25 achieved). */
const DEFAULT_LINK: GpuLink = { kind: 'pcie', gbps: 32, pcieGen: 4, pcieLanes: 16 };

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
    family: a.family ?? defaultFamily(a),
    link: a.link ?? (a.kind === 'unified' || a.kind === 'shared' ? { kind: 'soc', gbps: a.bw } : DEFAULT_LINK),
    source: a.source ?? 'vendor spec sheet',
  };
  if (a.tier) e.tier = a.tier;
  if (a.int8 != null) e.int8Tops = a.int8;
  if (a.fp8 != null) e.fp8Tflops = a.fp8;
  if (a.notes) e.notes = a.notes;
  return e;
}

/** NVIDIA device id → "10de:xxxx". */
export const nv = (...ids: string[]): string[] => ids.map((d) => `10de:${d}`);
export const amd = (...ids: string[]): string[] => ids.map((d) => `1002:${d}`);
export const intel = (...ids: string[]): string[] => ids.map((d) => `8086:${d}`);
