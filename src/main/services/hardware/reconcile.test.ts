import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GpuCatalogEntry } from '../../../core/hardware/types';
import { parseRocmSmiJson } from './parsers/amd-tools';
import { emptyCandidate, GiB, MiB, type GpuCandidate } from './parsers/common';
import { matchGpuCatalog } from '../../../core/hardware/gpu-catalog';
import { parseLspci, parseLspciMachine } from './parsers/lspci';
import { parseNvidiaSmiCsv } from './parsers/nvidia-smi';
import { parseSiControllers, type SiController } from './parsers/si-graphics';
import { parseSysfsCards, SYSFS_FILES, type SysfsCard } from './parsers/sysfs-drm';
import { groupCandidates, reconcileGpus, type CatalogMatcher } from './reconcile';

const FIX = path.resolve(__dirname, '../../../../tests/fixtures/hardware');
const fx = (p: string): string => readFileSync(path.join(FIX, p), 'utf8');
const ctx = { ramTotalBytes: 128 * GiB, ramAvailableBytes: 100 * GiB };

function sysfs(name: string, cards: string[]): GpuCandidate[] {
  const list: SysfsCard[] = cards.map((card) => {
    const files: SysfsCard['files'] = {};
    for (const f of SYSFS_FILES) {
      try {
        files[f] = fx(`sysfs/${name}/class/drm/${card}/device/${f}`);
      } catch {
        // absent
      }
    }
    return { card, files };
  });
  return parseSysfsCards(list);
}

function candidate(over: Partial<GpuCandidate> & Pick<GpuCandidate, 'source' | 'vendor'>): GpuCandidate {
  return { ...emptyCandidate(over.source, over.vendor), ...over };
}

describe('reconcileGpus', () => {
  it('merges four sources describing three GPUs into three devices, each once', () => {
    const all = [
      ...parseNvidiaSmiCsv(fx('nvidia-smi/1gpu-rtx4090.csv')).gpus,
      ...sysfs('mixed', ['card0', 'card1', 'card2']),
      ...parseLspci(fx('lspci/mixed-D-vnn.txt')),
      ...parseRocmSmiJson(fx('rocm-smi/rx7900xtx.json')).gpus,
    ];
    const gpus = reconcileGpus(all, ctx);
    expect(gpus).toHaveLength(3);
    const nv = gpus.find((g) => g.vendor === 'nvidia')!;
    expect(nv).toMatchObject({
      name: 'NVIDIA GeForce RTX 4090',
      source: 'nvidia-smi',
      vramTotalBytes: 24564 * MiB,
      busId: '0000:01:00.0',
      confidence: 'high',
      kind: 'dedicated',
    });
    expect(nv.sources).toEqual(['nvidia-smi', 'sysfs', 'lspci']);
    const amd = gpus.find((g) => g.vendor === 'amd')!;
    expect(amd).toMatchObject({
      name: 'AMD Radeon RX 7900 XTX',
      source: 'sysfs',
      vramTotalBytes: 25753026560,
      kind: 'dedicated',
      confidence: 'high',
    });
    expect(amd.vramFreeBytes).toBe(25753026560 - 1431539712);
    const intel = gpus.find((g) => g.vendor === 'intel')!;
    expect(intel.kind).toBe('shared');
    expect(intel.vramTotalBytes).toBe(0);
    expect(intel.name).toBe('Intel UHD Graphics 770');
  });

  it('prefers sysfs over rocm-smi when they disagree, says so and lowers confidence', () => {
    const bus = '0000:03:00.0';
    const gpus = reconcileGpus(
      [
        candidate({
          source: 'rocm-smi',
          vendor: 'amd',
          busId: bus,
          name: 'AMD Radeon RX 7900 XTX',
          vramTotalBytes: 16 * GiB,
          confidence: 'high',
        }),
        candidate({
          source: 'sysfs',
          vendor: 'amd',
          busId: bus,
          pciId: '1002:744c',
          vramTotalBytes: 24 * GiB,
          kind: 'dedicated',
          confidence: 'high',
        }),
        ...parseSiControllers([{ vendor: 'AMD', model: 'Navi 31', vram: 32768, busAddress: '03:00.0' }], 'linux'),
      ],
      ctx,
    );
    expect(gpus).toHaveLength(1);
    expect(gpus[0]!.vramTotalBytes).toBe(24 * GiB);
    expect(gpus[0]!.source).toBe('sysfs');
    expect(gpus[0]!.confidence).toBe('medium');
    expect(gpus[0]!.warnings.join(' ')).toMatch(/rocm-smi reports 16\.00 GiB but sysfs reports 24\.00 GiB/);
    expect(gpus[0]!.warnings.join(' ')).toMatch(/PCI BAR/);
  });

  it('matches the Windows registry controller to nvidia-smi by bus id and keeps the iGPU apart', () => {
    const si = parseSiControllers(JSON.parse(fx('windows/si-registry-rtx4090-igpu.json')) as SiController[], 'win32');
    const gpus = reconcileGpus([...parseNvidiaSmiCsv(fx('nvidia-smi/1gpu-rtx4090.csv')).gpus, ...si], ctx);
    expect(gpus).toHaveLength(2);
    expect(gpus.filter((g) => g.vendor === 'nvidia')).toHaveLength(1);
    expect(gpus.find((g) => g.vendor === 'amd')!.kind).toBe('shared');
  });

  it('keeps two identical cards from one source as two devices', () => {
    const si = parseSiControllers(JSON.parse(fx('windows/si-issue344-gtx1080ti-x2.json')) as SiController[], 'win32');
    const gpus = reconcileGpus(si, ctx);
    expect(gpus).toHaveLength(2);
    expect(new Set(gpus.map((g) => g.id)).size).toBe(2);
    expect(gpus.every((g) => g.vramTotalBytes === 0 && g.confidence === 'low')).toBe(true);
  });

  it('falls back to the catalog size when no tool reports memory, and records the catalog id', () => {
    const entry: GpuCatalogEntry = {
      id: 'gtx-1080-ti',
      name: 'GeForce GTX 1080 Ti',
      vendor: 'nvidia',
      kind: 'dedicated',
      memoryGB: 11,
      memoryBytes: 11178 * MiB,
      bandwidthGBps: 484,
      fp16Tflops: 11.3,
      pciIds: ['10de:1b06'],
      family: 'nvidia-gddr',
      link: { kind: 'pcie', gbps: 32 },
      source: 'test',
      aliases: ['1080 ti'],
    };
    const match: CatalogMatcher = (q) => (/1080 ti/i.test(q.name) ? entry : null);
    const si = parseSiControllers(JSON.parse(fx('windows/si-issue344-gtx1080ti-x2.json')) as SiController[], 'win32');
    const gpus = reconcileGpus(si, { ...ctx, matchCatalog: match });
    expect(gpus[0]).toMatchObject({ vramTotalBytes: 11178 * MiB, source: 'catalog', confidence: 'low', catalogId: 'gtx-1080-ti' });
    expect(gpus[0]!.warnings.join(' ')).toMatch(/AdapterRAM/);
  });

  it('fills catalogId for devices with a measured size too, and survives a throwing matcher', () => {
    const nv = parseNvidiaSmiCsv(fx('nvidia-smi/8gpu-h100-sxm.csv')).gpus;
    const ids = reconcileGpus(nv, {
      ...ctx,
      matchCatalog: (q) => (q.pciId === '10de:2330' ? ({ id: 'h100-sxm' } as GpuCatalogEntry) : null),
    });
    expect(ids.map((g) => g.catalogId)).toEqual(Array(8).fill('h100-sxm'));
    expect(ids.every((g) => g.source === 'nvidia-smi')).toBe(true);
    const safe = reconcileGpus(nv, {
      ...ctx,
      matchCatalog: () => {
        throw new Error('boom');
      },
    });
    expect(safe).toHaveLength(8);
  });

  it('never turns an lspci BAR into VRAM', () => {
    const gpus = reconcileGpus(parseLspci(fx('lspci/rx7900xtx-rebar-vvv.txt')), ctx);
    expect(gpus[0]!.vramTotalBytes).toBe(0);
    expect(gpus[0]!.warnings.join(' ')).toMatch(/32\.00 GiB BAR/);
  });

  it('gives a GB10 the system RAM as a unified pool', () => {
    const gpus = reconcileGpus(parseNvidiaSmiCsv(fx('nvidia-smi/gb10-unified.csv')).gpus, ctx);
    expect(gpus[0]).toMatchObject({ kind: 'unified', vramTotalBytes: 128 * GiB, vramFreeBytes: 100 * GiB, unifiedMemoryBytes: 128 * GiB });
  });

  it('groups by PCI id when bus ids are missing on one side', () => {
    const groups = groupCandidates([
      candidate({ source: 'sysfs', vendor: 'amd', busId: '0000:03:00.0', pciId: '1002:744c', vramTotalBytes: 24 * GiB }),
      candidate({ source: 'amd-smi', vendor: 'amd', pciId: '1002:744c', name: 'AMD Radeon RX 7900 XTX', vramTotalBytes: 24 * GiB }),
      candidate({ source: 'amd-smi', vendor: 'amd', pciId: '1002:73bf', name: 'AMD Radeon RX 6900 XT', vramTotalBytes: 16 * GiB }),
    ]);
    expect(groups.map((g) => g.length)).toEqual([2, 1]);
  });

  it('Intel Arc: lspci + sysfs give no size, the real catalog supplies it; the iGPU stays shared', () => {
    const lspci = parseLspciMachine(
      [
        '00:02.0 "VGA compatible controller [0300]" "Intel Corporation [8086]" "Raptor Lake-S GT1 [UHD Graphics 770] [a780]" -r04 "ASRock [1849]" "Device [a780]"',
        '03:00.0 "VGA compatible controller [0300]" "Intel Corporation [8086]" "DG2 [Arc A770] [56a0]" -r08 "Intel Corporation [8086]" "Device [1020]"',
      ].join('\n'),
    );
    const gpus = reconcileGpus(lspci, { ...ctx, matchCatalog: matchGpuCatalog });
    expect(gpus[0]).toMatchObject({ kind: 'shared', vramTotalBytes: 0 });
    expect(gpus[1]).toMatchObject({ name: 'Intel Arc A770', kind: 'dedicated', source: 'catalog', confidence: 'low' });
    expect(gpus[1]!.vramTotalBytes).toBeGreaterThanOrEqual(8 * GiB);
    expect(gpus[1]!.catalogId).toMatch(/a770/);
  });

  it('returns nothing for nothing', () => {
    expect(reconcileGpus([], ctx)).toEqual([]);
  });
});
