// Normalised hardware facts. Services produce these; the core and the UI never see raw tool output.

export type GpuVendor = 'nvidia' | 'amd' | 'intel' | 'apple' | 'other';

/** dedicated: own VRAM; unified: shares one pool with the CPU by design (Apple, GB10, Strix Halo);
 *  shared: an integrated GPU borrowing system RAM. */
export type GpuMemoryKind = 'dedicated' | 'unified' | 'shared';

/** Which probe produced a figure; shown to the user next to it. */
export type HardwareSource =
  | 'nvidia-smi'
  | 'rocm-smi'
  | 'amd-smi'
  | 'sysfs'
  | 'system_profiler'
  | 'windows-registry'
  | 'systeminformation'
  | 'lspci'
  | 'catalog'
  | 'user';

export type Confidence = 'high' | 'medium' | 'low';

export interface GpuDevice {
  /** Stable within one detection (bus id where known). */
  id: string;
  vendor: GpuVendor;
  name: string;
  kind: GpuMemoryKind;
  vramTotalBytes: number;
  /** Null when the OS cannot tell (most non-NVIDIA paths on Windows, Apple). */
  vramFreeBytes: number | null;
  vramUsedBytes: number | null;
  driver: string | null;
  busId: string | null;
  /** PCI vendor:device, lower-case hex without 0x ("10de:2684"). */
  pciId: string | null;
  computeCapability: string | null;
  source: HardwareSource;
  confidence: Confidence;
  /** Catalog match for bandwidth / compute figures; null when no entry matches. */
  catalogId: string | null;
  /** Plain-language doubts about a figure ("reported 4 GiB is the WMI ceiling"). */
  warnings: string[];
}

export interface RamInfo {
  totalBytes: number;
  availableBytes: number | null;
}

export interface CpuInfo {
  brand: string;
  cores: number;
  threads: number;
  /** Hint for the speed model: measured or catalogued RAM bandwidth, if known. */
  memoryBandwidthGBps: number | null;
}

export interface OsInfo {
  platform: string;
  distro: string;
  release: string;
  arch: string;
}

export interface Hardware {
  gpus: GpuDevice[];
  ram: RamInfo;
  cpu: CpuInfo;
  os: OsInfo;
  /** ISO timestamp of the detection. */
  detectedAt: string;
  /** Problems met while probing, one sentence each ("nvidia-smi timed out after 4 s"). */
  notes: string[];
}

/**
 * The family a device belongs to for the speed model: achieved bandwidth and FLOPS differ by memory
 * technology and architecture far more than by board, so efficiency is fitted per family.
 */
export type GpuFamily =
  'nvidia-gddr' | 'nvidia-hbm' | 'nvidia-unified' | 'amd-rdna' | 'amd-cdna' | 'amd-apu' | 'intel-arc' | 'intel-igpu' | 'apple-m' | 'other';

/** How a device talks to its peers: what a tensor-parallel all-reduce or a pipeline hop costs. */
export interface GpuLink {
  kind: 'nvlink' | 'pcie' | 'infinity-fabric' | 'xe-link' | 'soc';
  /** Per-direction bandwidth to one peer over that link, GB/s (PCIe: the slot's generation × width). */
  gbps: number;
  /** PCIe generation and lanes of the board (also for NVLink boards: the host link). */
  pcieGen?: number;
  pcieLanes?: number;
}

/** A GPU or unified-memory machine in the built-in catalog. */
export interface GpuCatalogEntry {
  id: string;
  name: string;
  vendor: GpuVendor;
  kind: GpuMemoryKind;
  /** Marketing size in decimal GB ("24" for a 24 GB card). */
  memoryGB: number;
  /** Memory as the driver reports it, in bytes (nvidia-smi MiB × 2^20 where known). */
  memoryBytes: number;
  bandwidthGBps: number;
  /** Dense FP16/BF16 tensor throughput, every entry (derivations and stand-ins are stated in `notes`). */
  fp16Tflops: number;
  /** Dense INT8 / FP8 tensor throughput where the vendor publishes it (vLLM's W8A8 / FP8 paths). */
  int8Tops?: number | null;
  fp8Tflops?: number | null;
  /** Speed-model family (efficiency is fitted per family). */
  family: GpuFamily;
  /** Apple tier ('base' | 'pro' | 'max' | 'ultra') or similar sub-family, where efficiency differs by it. */
  tier?: string;
  link: GpuLink;
  /** Where bandwidth / FLOPS / memory come from (spec-sheet URL or document name). */
  source: string;
  /** PCI vendor:device ids, lower-case hex ("10de:2684"). */
  pciIds: string[];
  /** Extra search words ("4090", "ada"). */
  aliases: string[];
  notes?: string;
}
