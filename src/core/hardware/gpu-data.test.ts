// The GPU catalog as data: every row complete (figures, family, link, source), PCI ids well-formed and
// resolvable by the matcher even where boards share one, and the rate formulas reproducing the figures
// the vendors print (so a derived row is as good as its inputs).

import { describe, expect, it } from 'vitest';
import { GPU_CATALOG, getGpu, matchGpuCatalog } from './gpu-catalog';
import { appleGpuTflops } from './gpu-data/apple';
import { nvAiTops, nvSm, pcie, rdna3, rdna4, xmx } from './gpu-data/build';
import type { GpuFamily, GpuVendor } from './types';

const GIB = 2 ** 30;

const FAMILIES_OF: Record<GpuVendor, GpuFamily[]> = {
  nvidia: ['nvidia-gddr', 'nvidia-hbm', 'nvidia-unified'],
  amd: ['amd-rdna', 'amd-cdna', 'amd-apu'],
  intel: ['intel-arc', 'intel-igpu'],
  apple: ['apple-m'],
  other: ['other'],
};
const PCI_VENDOR: Partial<Record<GpuVendor, string>> = { nvidia: '10de', amd: '1002', intel: '8086' };

describe('GPU catalog rows are complete', () => {
  it('has at least 150 entries with unique ids and names', () => {
    expect(GPU_CATALOG.length).toBeGreaterThanOrEqual(150);
    expect(new Set(GPU_CATALOG.map((g) => g.id)).size).toBe(GPU_CATALOG.length);
    expect(new Set(GPU_CATALOG.map((g) => g.name.toLowerCase())).size).toBe(GPU_CATALOG.length);
  });

  it('gives every entry bandwidth, dense FP16, a source, a link and a family that fits its vendor', () => {
    for (const g of GPU_CATALOG) {
      expect(g.bandwidthGBps, g.id).toBeGreaterThan(0);
      expect(g.fp16Tflops, g.id).toBeGreaterThan(0);
      expect(g.source.length, g.id).toBeGreaterThan(20);
      expect(g.source, g.id).not.toBe('vendor spec sheet');
      expect(FAMILIES_OF[g.vendor], g.id).toContain(g.family);
      expect(g.link.gbps, g.id).toBeGreaterThan(0);
      // Unified and shared memory sit behind the SoC fabric; a dedicated board has a real peer link.
      expect(g.link.kind === 'soc', g.id).toBe(g.kind !== 'dedicated');
      if (g.link.kind === 'soc') expect(g.link.gbps, g.id).toBe(g.bandwidthGBps);
      else expect(g.link.pcieGen, g.id).toBeGreaterThanOrEqual(3);
      if (g.link.kind === 'pcie') expect(g.link.gbps, g.id).toBe(pcie(g.link.pcieGen as 3 | 4 | 5, g.link.pcieLanes as 8 | 16).gbps);
      // Dense INT8 and FP8 never fall below dense FP16 on any tensor unit here.
      if (g.int8Tops != null) expect(g.int8Tops, g.id).toBeGreaterThanOrEqual(g.fp16Tflops);
      if (g.fp8Tflops != null) expect(g.fp8Tflops, g.id).toBeGreaterThanOrEqual(g.fp16Tflops);
    }
  });

  it('tiers Apple chips and keeps tiers off other vendors', () => {
    for (const g of GPU_CATALOG) {
      if (g.vendor === 'apple') expect(['base', 'pro', 'max', 'ultra'], g.id).toContain(g.tier);
      else expect(g.tier, g.id).toBeUndefined();
    }
    expect(getGpu('apple-m2-ultra-192gb')).toMatchObject({ tier: 'ultra', fp16Tflops: 27.2 });
    expect(getGpu('apple-m3-max-36gb')).toMatchObject({ tier: 'max', bandwidthGBps: 300, fp16Tflops: 10.74 });
  });

  it('keeps reported sizes at or under the marketed size in GiB', () => {
    for (const g of GPU_CATALOG) {
      if (g.memoryBytesSource === 'nominal') expect(g.memoryBytes, g.id).toBe(g.memoryGB * GIB);
      else expect(g.memoryBytes / (g.memoryGB * GIB), g.id).toBeLessThanOrEqual(1);
    }
  });

  it('includes the boards the planner promises', () => {
    const ids = [
      ...['b200', 'b300', 'gb200', 'gb300', 'h20', 'h800-sxm', 'h800-pcie', 'a800-sxm4-80gb', 'a800-pcie-80gb'],
      ...['instinct-mi300x', 'instinct-mi325x', 'instinct-mi355x', 'instinct-mi250x-gcd', 'h100-pcie', 'h100-sxm', 'h100-nvl'],
      ...['h200', 'h200-nvl', 'l40s', 'l4', 'a10', 'a10g', 'a16', 'a2', 'tesla-t4', 'tesla-p40', 'tesla-p100-pcie-16gb'],
      ...['tesla-v100-pcie-16gb', 'tesla-v100-pcie-32gb', 'tesla-v100-sxm2-16gb', 'tesla-v100-sxm2-32gb'],
      ...['rtx-4000-ada', 'rtx-4500-ada', 'rtx-5000-ada', 'rtx-6000-ada', 'rtx-4000-sff-ada', 'rtx-2000-ada'],
      ...['rtx-pro-4000-blackwell', 'rtx-pro-4500-blackwell', 'rtx-pro-5000-blackwell', 'rtx-pro-6000-blackwell'],
      ...['rtx-pro-6000-blackwell-max-q', 'rtx-pro-6000-blackwell-server', 'gtx-1080-ti', 'rtx-2080-ti', 'titan-rtx'],
      ...['quadro-rtx-8000', 'rtx-5050', 'rtx-5060', 'rtx-5060-ti-16gb', 'rtx-5070', 'rtx-5070-ti', 'rtx-5080', 'rtx-5090'],
      ...['rtx-5090-laptop', 'jetson-agx-orin-32gb', 'jetson-agx-orin-64gb', 'jetson-orin-nx-16gb', 'jetson-orin-nano-8gb'],
      ...['jetson-agx-thor', 'dgx-spark', 'apple-m5-32gb', 'radeon-ai-pro-r9700', 'rx-9070', 'rx-9070-xt', 'rx-7900-xtx'],
      ...['radeon-pro-w7900', 'radeon-pro-w7800', 'ryzen-ai-max-395', 'arc-b570', 'arc-b580', 'arc-pro-b50', 'arc-pro-b60'],
      ...['arc-a770-16gb', 'arc-a750', 'core-ultra-200v-arc-140v-32gb'],
    ];
    for (const id of ids) expect(getGpu(id), id).toBeDefined();
    // Apple has not shipped an M4 Ultra; the catalog must not invent one.
    expect(GPU_CATALOG.some((g) => /m4 ultra/i.test(g.name))).toBe(false);
  });
});

describe('PCI ids', () => {
  it('are well-formed, carry the vendor prefix and do not repeat within an entry', () => {
    for (const g of GPU_CATALOG) {
      expect(new Set(g.pciIds).size, g.id).toBe(g.pciIds.length);
      for (const p of g.pciIds) expect(p, g.id).toMatch(new RegExp(`^${PCI_VENDOR[g.vendor] ?? 'none'}:[0-9a-f]{4}$`));
    }
  });

  it('resolve to the right entry, also where boards share an id (name and reported memory decide)', () => {
    const shared = new Map<string, string[]>();
    for (const g of GPU_CATALOG) for (const p of g.pciIds) shared.set(p, [...(shared.get(p) ?? []), g.id]);
    expect([...shared.values()].filter((ids) => ids.length > 1).length).toBeGreaterThan(5);
    for (const g of GPU_CATALOG) {
      for (const pciId of g.pciIds) {
        const hit = matchGpuCatalog({ name: g.name, pciId, memoryBytes: g.memoryBytes });
        expect(hit?.id, `${g.id} via ${pciId} (shared with ${shared.get(pciId)!.join(', ')})`).toBe(g.id);
      }
    }
  });

  it('tell shared-id boards apart by memory alone when the name says nothing', () => {
    const m = (pciId: string, gb: number) => matchGpuCatalog({ name: 'Graphics Device', pciId, memoryBytes: gb * GIB })?.id;
    expect(m('10de:1e30', 48)).toBe('quadro-rtx-8000');
    expect(m('10de:1e30', 24)).toBe('quadro-rtx-6000');
    expect(m('10de:2bb3', 72)).toBe('rtx-pro-5000-72gb-blackwell');
    expect(m('10de:2bb3', 48)).toBe('rtx-pro-5000-blackwell');
    expect(m('1002:7590', 8)).toBe('rx-9060-xt-8gb');
    expect(m('8086:64a0', 32)).toBe('core-ultra-200v-arc-140v-32gb');
  });

  it('match every entry by its name alone', () => {
    for (const g of GPU_CATALOG) {
      expect(matchGpuCatalog({ name: g.name, pciId: null, memoryBytes: g.memoryBytes })?.id, g.id).toBe(g.id);
    }
  });

  it('keep laptop parts and desktop boards apart', () => {
    const m = (name: string, pciId: string | null = null) => matchGpuCatalog({ name, pciId, memoryBytes: null })?.id ?? null;
    expect(m('NVIDIA GeForce RTX 5090 Laptop GPU')).toBe('rtx-5090-laptop');
    expect(m('NVIDIA GeForce RTX 5090 Laptop GPU', '10de:2c58')).toBe('rtx-5090-laptop');
    expect(m('NVIDIA GeForce RTX 5090')).toBe('rtx-5090');
    expect(m('NVIDIA GeForce RTX 5090 Laptop GPU', '10de:2b85')).toBeNull();
    expect(m('NVIDIA GeForce RTX 5090', '10de:2c58')).toBeNull();
    expect(m('NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition', '10de:2bb4')).toBe('rtx-pro-6000-blackwell-max-q');
    expect(m('NVIDIA RTX PRO 6000 Blackwell Server Edition')).toBe('rtx-pro-6000-blackwell-server');
    expect(m('NVIDIA B300 SXM6 AC')).toBe('b300');
    expect(m('NVIDIA GB200')).toBe('gb200');
    expect(m('NVIDIA H20')).toBe('h20');
  });
});

describe('rate formulas reproduce the published figures', () => {
  it('NVIDIA SM rate: whitepaper and datasheet TFLOPS', () => {
    expect(nvSm(68, 1.545, 'geforce', false)).toEqual({ tflops: 53.8, int8: 215.2 }); // Turing whitepaper, 2080 Ti
    expect(nvSm(72, 1.77, 'pro', false)).toEqual({ tflops: 130.5, int8: 261 }); // TITAN RTX / Quadro RTX 8000
    expect(nvSm(46, 1.725, 'geforce', false).tflops).toBe(40.6); // GA102 whitepaper, 3070
    expect(nvSm(68, 1.71, 'geforce', false).tflops).toBe(59.5); // 3080
    expect(nvSm(82, 1.695, 'geforce', false).tflops).toBeCloseTo(71, 0); // 3090: 71
    expect(nvSm(76, 2.505, 'geforce', true).tflops).toBe(97.5); // Ada whitepaper, 4080
    expect(nvSm(128, 2.52, 'geforce', true)).toEqual({ tflops: 165.2, int8: 660.6, fp8: 330.3 }); // 4090
    expect(nvSm(84, 1.8, 'pro', false).tflops).toBe(154.8); // A6000 datasheet
    expect(nvSm(48, 1.56, 'pro', false).tflops).toBe(76.7); // A4000 datasheet
    expect(nvSm(142, 2.505, 'pro', true).tflops).toBe(364.2); // RTX 6000 Ada: 1457 sparse FP8 ÷ 4
    expect(nvSm(22, 2.13, 'pro', true).fp8! * 2).toBeCloseTo(191.9, 0); // RTX 2000 Ada: 191.9 sparse FP8
  });

  it('NVIDIA AI TOPS agree with the SM rate on RTX 50', () => {
    // RTX Blackwell whitepaper: 5090 = 3352 AI TOPS, 209.5 dense FP16 with FP32 accumulate.
    expect(nvAiTops(3352, 'geforce').tflops).toBe(209.5);
    expect(nvSm(170, 2.407, 'geforce', true).tflops).toBe(209.5);
    expect(nvAiTops(1801, 'geforce').tflops).toBeCloseTo(nvSm(84, 2.617, 'geforce', true).tflops, 0); // 5080
    expect(nvAiTops(4000, 'pro')).toEqual({ tflops: 500, int8: 1000, fp8: 1000 });
  });

  it('AMD, Intel and Apple rates', () => {
    expect(rdna3(96, 2.5).tflops).toBeCloseTo(122.8, 0); // amd.com 7900 XTX peak half precision
    expect(rdna4(64, 2.97).tflops * 8).toBeCloseTo(1557, -1); // amd.com 9070 XT: 1557 AI TOPS
    expect(rdna4(64, 2.92).tflops * 8).toBeCloseTo(1531, -1); // amd.com R9700: 1531 AI TOPS
    expect(xmx(32, 2.1)).toEqual({ tflops: 137.6, int8: 275.3 });
    expect(appleGpuTflops(8, 1.278)).toBeCloseTo(2.6, 1); // Apple: M1 2.6 TFLOPS
    expect(appleGpuTflops(32, 1.296)).toBeCloseTo(10.4, 0); // Apple: M1 Max 10.4 TFLOPS
    expect(appleGpuTflops(76, 1.398)).toBeCloseTo(27.2, 1); // Apple: M2 Ultra 27.2 TFLOPS
  });

  it('PCIe per-direction bandwidth', () => {
    expect(pcie(3, 16).gbps).toBe(15.8);
    expect(pcie(4, 16).gbps).toBe(31.5);
    expect(pcie(4, 8).gbps).toBe(15.8);
    expect(pcie(5, 16).gbps).toBe(63);
  });
});
