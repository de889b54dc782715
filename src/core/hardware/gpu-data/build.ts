// Builder for GPU catalog rows. `mib` is the total the driver reports (nvidia-smi memory.total, MiB)
// where public captures of it are known; otherwise the marketed size is taken as GiB, which is what a
// 2^n-sized board reports before the driver's own reservations.
//
// Every row states its family, link, dense FP16/BF16 throughput and source: the builder fills no
// defaults for them, so a row that forgets one does not compile.

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
  mib?: number;
  bw: number;
  /** Dense FP16/BF16 tensor (matrix) TFLOPS; see docs/adding-a-gpu.md for the conventions. */
  tflops: number;
  int8?: number;
  fp8?: number;
  family: GpuFamily;
  tier?: string;
  link: GpuLink;
  source: string;
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
    fp16Tflops: a.tflops,
    pciIds: (a.pci ?? []).map((p) => p.toLowerCase()),
    aliases: a.aliases ?? [],
    memoryBytesSource: reported ? 'reported' : 'nominal',
    family: a.family,
    link: a.link,
    source: a.source,
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

// ---------------------------------------------------------------------------------------------
// Links. Per-direction GB/s to one peer.

/** Transfer rate per lane, GT/s, by PCIe generation; gens 3–5 use 128b/130b encoding. */
const PCIE_GTS: Record<3 | 4 | 5, number> = { 3: 8, 4: 16, 5: 32 };

/** A PCIe slot: GT/s × lanes × 128/130 ÷ 8 bits (gen 4 ×16 → 31.5 GB/s each way). */
export function pcie(gen: 3 | 4 | 5, lanes: 4 | 8 | 16): GpuLink {
  return { kind: 'pcie', gbps: round1((PCIE_GTS[gen] * lanes * 128) / 130 / 8), pcieGen: gen, pcieLanes: lanes };
}

/** An NVLink board: per-direction bandwidth (half the bidirectional headline), and its PCIe host link. */
export function nvlink(gbps: number, pcieGen: number, pcieLanes = 16): GpuLink {
  return { kind: 'nvlink', gbps, pcieGen, pcieLanes };
}

/** AMD Infinity Fabric between accelerators: per-direction bandwidth of the link(s) to one peer. */
export function infinityFabric(gbps: number, pcieGen: number, pcieLanes = 16): GpuLink {
  return { kind: 'infinity-fabric', gbps, pcieGen, pcieLanes };
}

/** Unified or shared memory on one chip: no peer link; gbps is the memory fabric the GPU reads through. */
export function soc(bandwidthGBps: number): GpuLink {
  return { kind: 'soc', gbps: bandwidthGBps };
}

// ---------------------------------------------------------------------------------------------
// Dense tensor rates from unit counts and the boost clock. Per-unit, per-clock figures come from the
// architecture whitepapers and reproduce the published board figures (tests check this).

export interface Rates {
  tflops: number;
  int8?: number;
  fp8?: number;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * NVIDIA Turing..Blackwell SMs (GeForce and professional boards share the SM; GeForce runs FP16 and
 * FP8 with FP32 accumulate at half rate). FLOPs per SM per clock, dense: FP16 with FP16 accumulate
 * 1024 (Turing: 8 tensor cores × 64 FMA; Ampere GA10x to Blackwell GB20x: 4 × 128), INT8 2048, FP8 2048.
 * `fp8` only for Ada and later.
 */
export function nvSm(sms: number, boostGHz: number, board: 'geforce' | 'pro', fp8: boolean): Rates {
  const fp16 = (sms * 1024 * boostGHz) / 1000;
  const half = board === 'geforce' ? 0.5 : 1;
  const r: Rates = { tflops: round1(fp16 * half), int8: round1(fp16 * 2) };
  if (fp8) r.fp8 = round1(fp16 * 2 * half);
  return r;
}

/**
 * NVIDIA "AI TOPS" (FP4 with 2:4 sparsity on Blackwell RTX): dense FP16 is 1/8 of it with FP16
 * accumulate, 1/16 on GeForce with FP32 accumulate; dense FP8 and INT8 are 1/4 (GeForce FP8: 1/8).
 */
export function nvAiTops(aiTops: number, board: 'geforce' | 'pro'): Rates {
  const half = board === 'geforce' ? 0.5 : 1;
  return { tflops: round1((aiTops / 8) * half), int8: round1(aiTops / 4), fp8: round1((aiTops / 4) * half) };
}

/** AMD RDNA 3 / 3.5 WMMA: 512 dense FP16 FLOPs per CU per clock (equal to AMD's "peak half precision"). */
export function rdna3(cus: number, boostGHz: number): Rates {
  return { tflops: round1((cus * 512 * boostGHz) / 1000) };
}

/** AMD RDNA 4 WMMA: 1024 dense FP16 FLOPs per CU per clock, INT8 and FP8 2048 (AMD "AI TOPS" = INT4 sparse = 8 × FP16). */
export function rdna4(cus: number, boostGHz: number): Rates {
  const fp16 = (cus * 1024 * boostGHz) / 1000;
  return { tflops: round1(fp16), int8: round1(fp16 * 2), fp8: round1(fp16 * 2) };
}

/** Intel Xe-HPG / Xe2 XMX: 2048 dense FP16 FLOPs and 4096 INT8 ops per Xe-core per clock. */
export function xmx(xeCores: number, boostGHz: number): Rates {
  const fp16 = (xeCores * 2048 * boostGHz) / 1000;
  return { tflops: round1(fp16), int8: round1(fp16 * 2) };
}
