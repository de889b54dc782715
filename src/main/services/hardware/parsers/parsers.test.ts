import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAmdSmiStaticJson, parseRocmSmiJson } from './amd-tools';
import { guessKind, MiB, normalizeBusId, parseSizeText, pciIdFromNvidiaDeviceId, toNumber } from './common';
import { parseLspci, parseLspciMachine, parseLspciVerbose } from './lspci';
import { appleWorkingSet, defaultAppleWorkingSetFraction, parseSysctl, parseSystemProfilerJson } from './macos';
import { isUnknownFieldError, NVIDIA_FIELDS_LEGACY, parseNvidiaSmiCsv } from './nvidia-smi';
import { isWmiCeiling, parseSiControllers, type SiController } from './si-graphics';
import { parseSysfsCards, SYSFS_FILES, type SysfsCard } from './sysfs-drm';

const FIX = path.resolve(__dirname, '../../../../../tests/fixtures/hardware');
const fx = (p: string): string => readFileSync(path.join(FIX, p), 'utf8');
const GiB = 1024 * MiB;

function sysfsFixture(name: string, cards: string[]): SysfsCard[] {
  return cards.map((card) => {
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
}

describe('common helpers', () => {
  it('normalises bus ids from every tool to one form', () => {
    expect(normalizeBusId('00000000:18:00.0')).toBe('0000:18:00.0');
    expect(normalizeBusId('0000:03:00.0')).toBe('0000:03:00.0');
    expect(normalizeBusId('03:00.0')).toBe('0000:03:00.0');
    expect(normalizeBusId('0000000F:01:00.0')).toBe('000f:01:00.0');
    expect(normalizeBusId('garbage')).toBeNull();
  });
  it('reads nvidia-smi device ids as vendor:device', () => {
    expect(pciIdFromNvidiaDeviceId('0x233010DE')).toBe('10de:2330');
    expect(pciIdFromNvidiaDeviceId('[N/A]')).toBeNull();
  });
  it('treats N/A markers as missing numbers', () => {
    expect(toNumber('[N/A]')).toBeNull();
    expect(toNumber('[Not Supported]')).toBeNull();
    expect(toNumber('81559')).toBe(81559);
    expect(toNumber('-5')).toBeNull();
  });
  it('parses size text in binary units', () => {
    expect(parseSizeText('1536 MB')).toBe(1536 * MiB);
    expect(parseSizeText('4 GB')).toBe(4 * GiB);
    expect(parseSizeText('nonsense')).toBeNull();
  });
  it('classifies integrated GPUs as shared', () => {
    expect(guessKind('amd', 'AMD Radeon(TM) Graphics', null)).toBe('shared');
    expect(guessKind('intel', 'Intel UHD Graphics 770', '8086:4680')).toBe('shared');
    expect(guessKind('intel', 'Intel Arc Graphics', null)).toBe('shared');
    expect(guessKind('intel', 'Intel Arc A770', '8086:56a0')).toBe('dedicated');
    expect(guessKind('nvidia', 'NVIDIA GB10', null)).toBe('unified');
    expect(guessKind('nvidia', 'NVIDIA H100 80GB HBM3', null)).toBe('dedicated');
  });
});

describe('nvidia-smi CSV', () => {
  it('reads 8 H100s at 81559 MiB with bus ids, ids and compute capability', () => {
    const { gpus, problems } = parseNvidiaSmiCsv(fx('nvidia-smi/8gpu-h100-sxm.csv'));
    expect(problems).toEqual([]);
    expect(gpus).toHaveLength(8);
    expect(new Set(gpus.map((g) => g.busId)).size).toBe(8);
    const g = gpus[0]!;
    expect(g.name).toBe('NVIDIA H100 80GB HBM3');
    expect(g.vramTotalBytes).toBe(81559 * MiB);
    expect(g.vramUsedBytes).toBe(1 * MiB);
    expect(g.vramFreeBytes).toBe(81106 * MiB);
    expect(g.busId).toBe('0000:18:00.0');
    expect(g.pciId).toBe('10de:2330');
    expect(g.computeCapability).toBe('9.0');
    expect(g.driver).toBe('565.57.01');
    expect(g.kind).toBe('dedicated');
    expect(g.confidence).toBe('high');
    expect(gpus[7]!.busId).toBe('0000:db:00.0');
  });
  it('reads two A40s and one RTX 4090', () => {
    const two = parseNvidiaSmiCsv(fx('nvidia-smi/2gpu-a40.csv')).gpus;
    expect(two.map((g) => g.vramTotalBytes)).toEqual([46068 * MiB, 46068 * MiB]);
    expect(two.map((g) => g.index)).toEqual([0, 1]);
    const one = parseNvidiaSmiCsv(fx('nvidia-smi/1gpu-rtx4090.csv')).gpus;
    expect(one).toHaveLength(1);
    expect(one[0]!.vramTotalBytes).toBe(24564 * MiB);
    expect(one[0]!.pciId).toBe('10de:2684');
  });
  it('recognises the older-driver error and parses the legacy field list', () => {
    expect(isUnknownFieldError(fx('nvidia-smi/legacy-invalid-field.stderr'))).toBe(true);
    expect(isUnknownFieldError(fx('nvidia-smi/driver-failure.stdout'))).toBe(false);
    const { gpus } = parseNvidiaSmiCsv(fx('nvidia-smi/legacy-no-compute-cap.csv'), NVIDIA_FIELDS_LEGACY);
    expect(gpus[0]!.vramTotalBytes).toBe(11178 * MiB);
    expect(gpus[0]!.computeCapability).toBeNull();
  });
  it('keeps a GPU whose memory is [N/A] (GB10) without inventing a size', () => {
    const { gpus } = parseNvidiaSmiCsv(fx('nvidia-smi/gb10-unified.csv'));
    expect(gpus[0]!.vramTotalBytes).toBeNull();
    expect(gpus[0]!.kind).toBe('unified');
    expect(gpus[0]!.busId).toBe('000f:01:00.0');
  });
  it('turns [Not Supported] into null free/used', () => {
    const g = parseNvidiaSmiCsv(fx('nvidia-smi/not-supported-fields.csv')).gpus[0]!;
    expect(g.vramTotalBytes).toBe(12288 * MiB);
    expect(g.vramFreeBytes).toBeNull();
    expect(g.vramUsedBytes).toBeNull();
  });
  it('reports garbage lines instead of crashing', () => {
    const r = parseNvidiaSmiCsv('%%% this is not csv\n\n');
    expect(r.gpus).toEqual([]);
    expect(r.problems[0]).toMatch(/could not read nvidia-smi line/);
    expect(parseNvidiaSmiCsv(fx('nvidia-smi/driver-failure.stdout')).gpus).toEqual([]);
  });
});

describe('lspci', () => {
  it('flags the ReBAR window of issue #1035 instead of calling it VRAM', () => {
    const [amd, ...rest] = parseLspciVerbose(fx('lspci/rx7900xtx-rebar-vvv.txt'));
    expect(rest).toEqual([]);
    expect(amd!.vendor).toBe('amd');
    expect(amd!.pciId).toBe('1002:744c');
    expect(amd!.busId).toBe('0000:03:00.0');
    expect(amd!.barBytes).toBe(32 * GiB);
    expect(amd!.vramTotalBytes).toBeNull();
  });
  it('lists only display controllers, with names, ids, BARs and drivers', () => {
    const gpus = parseLspci(fx('lspci/mixed-D-vnn.txt'));
    expect(gpus.map((g) => g.busId)).toEqual(['0000:00:02.0', '0000:01:00.0', '0000:03:00.0']);
    const [intel, nvidia, amd] = gpus;
    expect(intel!.name).toBe('Intel UHD Graphics 770');
    expect(intel!.kind).toBe('shared');
    expect(intel!.barBytes).toBe(256 * MiB);
    expect(intel!.driver).toBe('i915');
    expect(nvidia!.name).toBe('NVIDIA GeForce RTX 4090');
    expect(nvidia!.pciId).toBe('10de:2684');
    expect(nvidia!.barBytes).toBe(32 * GiB);
    expect(amd!.name).toBe('AMD Radeon RX 7900 XT/7900 XTX/7900M');
    expect(amd!.driver).toBe('amdgpu');
    expect(gpus.every((g) => g.vramTotalBytes === null)).toBe(true);
  });
  it('reads the -mm -nn machine format', () => {
    const gpus = parseLspciMachine(fx('lspci/mm-nn.txt'));
    expect(gpus.map((g) => g.pciId)).toEqual(['8086:4680', '10de:2684', '10de:2235']);
    expect(gpus[2]!.name).toBe('NVIDIA A40');
    expect(parseLspci(fx('lspci/mm-nn.txt'))).toHaveLength(3);
  });
  it('finds nothing on a machine without a display controller', () => {
    expect(parseLspci(fx('lspci/no-gpu-D-vnn.txt'))).toEqual([]);
    expect(parseLspci('')).toEqual([]);
  });
});

describe('rocm-smi and amd-smi', () => {
  it('reads rocm-smi JSON in bytes with free = total - used', () => {
    const { gpus, problem } = parseRocmSmiJson(fx('rocm-smi/rx7900xtx.json'));
    expect(problem).toBeNull();
    expect(gpus[0]!.name).toBe('AMD Radeon RX 7900 XTX');
    expect(gpus[0]!.vramTotalBytes).toBe(25753026560);
    expect(gpus[0]!.vramFreeBytes).toBe(25753026560 - 1431539712);
    expect(gpus[0]!.busId).toBe('0000:03:00.0');
    expect(gpus[0]!.pciId).toBe('1002:744c');
  });
  it('reads four MI300X with capitalised keys, and JSON after a warning line', () => {
    const { gpus } = parseRocmSmiJson(fx('rocm-smi/mi300x-x4.json'));
    expect(gpus).toHaveLength(4);
    expect(gpus.every((g) => g.vramTotalBytes === 196592 * MiB)).toBe(true);
    expect(parseRocmSmiJson(fx('rocm-smi/warning-prefix.txt')).gpus).toHaveLength(1);
  });
  it('explains bad rocm-smi output', () => {
    expect(parseRocmSmiJson('ERROR: GPU[0] : Unable to open').problem).toMatch(/no JSON/);
    expect(parseRocmSmiJson('{"card0": ').problem).toMatch(/could not be parsed/);
  });
  it('reads amd-smi static JSON (MB meaning MiB)', () => {
    const { gpus } = parseAmdSmiStaticJson(fx('amd-smi/mi300x-static.json'));
    expect(gpus[0]!.vramTotalBytes).toBe(206141652992);
    expect(gpus[0]!.pciId).toBe('1002:74a1');
    expect(gpus[0]!.busId).toBe('0000:83:00.0');
  });
});

describe('sysfs', () => {
  it('reads amdgpu memory counters and PCI ids for every card', () => {
    const gpus = parseSysfsCards(sysfsFixture('mixed', ['card0', 'card1', 'card2']));
    expect(gpus.map((g) => g.vendor)).toEqual(['intel', 'nvidia', 'amd']);
    const amd = gpus[2]!;
    expect(amd.vramTotalBytes).toBe(25753026560);
    expect(amd.vramUsedBytes).toBe(1431539712);
    expect(amd.busId).toBe('0000:03:00.0');
    expect(amd.kind).toBe('dedicated');
    expect(gpus[0]!.kind).toBe('shared');
    expect(gpus[1]!.vramTotalBytes).toBeNull();
  });
  it('treats an APU carve-out as shared memory', () => {
    const [apu] = parseSysfsCards(sysfsFixture('apu-raphael', ['card0']));
    expect(apu!.kind).toBe('shared');
    expect(apu!.warnings.join(' ')).toMatch(/integrated/);
  });
  it('ignores connectors and cards without a vendor file', () => {
    expect(
      parseSysfsCards([
        { card: 'card0-DP-1', files: { vendor: '0x1002' } },
        { card: 'card1', files: {} },
      ]),
    ).toEqual([]);
  });
});

describe('macOS', () => {
  it('finds the Apple GPU as unified and the chip/RAM from SPHardwareDataType', () => {
    const r = parseSystemProfilerJson(fx('macos/m2-max-64gb.system_profiler.json'));
    expect(r.problem).toBeNull();
    expect(r.chip).toBe('Apple M2 Max');
    expect(r.physicalMemoryBytes).toBe(64 * GiB);
    expect(r.gpus).toHaveLength(1);
    expect(r.gpus[0]!.vendor).toBe('apple');
    expect(r.gpus[0]!.kind).toBe('unified');
  });
  it('reads Intel Mac VRAM: discrete dedicated, iGPU shared (issue #348 machine)', () => {
    const r = parseSystemProfilerJson(fx('macos/intel-mac-560x.system_profiler.json'));
    const [igpu, radeon] = r.gpus;
    expect(igpu!.kind).toBe('shared');
    expect(igpu!.pciId).toBe('8086:3e9b');
    expect(radeon!.kind).toBe('dedicated');
    expect(radeon!.vramTotalBytes).toBe(4 * GiB);
    expect(radeon!.vendor).toBe('amd');
  });
  it('parses sysctl and picks the working-set budget', () => {
    const s = parseSysctl(fx('macos/m2-max-64gb.sysctl.txt'));
    expect(s).toEqual({ memsizeBytes: 64 * GiB, wiredLimitMiB: 0 });
    const ws = appleWorkingSet(64 * GiB, s.wiredLimitMiB);
    expect(ws.basis).toBe('default-share');
    expect(ws.bytes).toBe(48 * GiB);
    const over = appleWorkingSet(64 * GiB, parseSysctl(fx('macos/m2-max-64gb-wired-limit.sysctl.txt')).wiredLimitMiB);
    expect(over).toMatchObject({ basis: 'sysctl', bytes: 56 * GiB });
    expect(appleWorkingSet(64 * GiB, 57344, 0.5)).toMatchObject({ basis: 'user', bytes: 32 * GiB });
    expect(parseSysctl(fx('macos/intel-mac-16gb.sysctl.txt')).wiredLimitMiB).toBeNull();
    expect(defaultAppleWorkingSetFraction(16 * GiB)).toBeCloseTo(2 / 3);
  });
});

describe('systeminformation controllers', () => {
  const load = (f: string): SiController[] => JSON.parse(fx(f)) as SiController[];
  it('rejects the 4 GiB AdapterRAM ceiling on Windows (issues #344, #461)', () => {
    for (const f of ['windows/si-issue344-gtx1080ti-x2.json', 'windows/si-issue461-rx5700.json']) {
      const gpus = parseSiControllers(load(f), 'win32');
      expect(gpus.length).toBeGreaterThan(0);
      for (const g of gpus) {
        expect(g.vramTotalBytes).toBeNull();
        expect(g.warnings.join(' ')).toMatch(/AdapterRAM/);
        expect(g.kind).toBe('dedicated');
      }
    }
    expect(isWmiCeiling(4095)).toBe(true);
    expect(isWmiCeiling(4293918720 / MiB)).toBe(true);
    expect(isWmiCeiling(24564)).toBe(false);
  });
  it('keeps registry sizes and marks the Radeon iGPU shared', () => {
    const [igpu, rtx] = parseSiControllers(load('windows/si-registry-rtx4090-igpu.json'), 'win32');
    expect(igpu!.kind).toBe('shared');
    expect(rtx!.source).toBe('windows-registry');
    expect(rtx!.vramTotalBytes).toBe(24564 * MiB);
    expect(rtx!.vramFreeBytes).toBe(22665 * MiB);
  });
  it('never takes Linux vram (a BAR size) as memory', () => {
    const [g] = parseSiControllers(
      [{ vendor: 'Advanced Micro Devices, Inc. [AMD/ATI]', model: 'Navi 31', vram: 32768, busAddress: '03:00.0' }],
      'linux',
    );
    expect(g!.vramTotalBytes).toBeNull();
    expect(g!.barBytes).toBe(32 * GiB);
    expect(g!.busId).toBe('0000:03:00.0');
  });
  it('survives null and junk input', () => {
    expect(parseSiControllers(null, 'linux')).toEqual([]);
    expect(parseSiControllers([{} as SiController, null as unknown as SiController], 'win32')).toEqual([]);
  });
});

describe('lspci with hostile long lines (issue 13 item 3)', () => {
  it('parses 50 kB lines of blanks and brackets in linear time', () => {
    const n = 50_000;
    const lines = [
      `0000:01:00.0 "VGA compatible controller" "${' '.repeat(n)}x" "y"`,
      `0000:01:00.0 VGA compatible controller: NVIDIA Corporation ${'['.repeat(n)}`,
      `0000:01:00.0 VGA${' '.repeat(n)}x`,
    ];
    for (const line of lines) {
      const started = performance.now();
      parseLspci(line);
      parseLspci(`${line}\n\tMemory at f0000000 (64-bit) ${' ['.repeat(n)}`);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });

  it('still reads a real bracketed marketing name', () => {
    const [gpu] = parseLspci(
      '0000:01:00.0 "VGA compatible controller [0300]" "NVIDIA Corporation [10de]" "AD102 [GeForce RTX 4090] [2684]"',
    );
    expect(gpu?.name).toBe('NVIDIA GeForce RTX 4090');
  });
});

describe('nvidia-smi output that does not parse cleanly (issue 13 item 14)', () => {
  const good = '0, NVIDIA GeForce RTX 4090, 24564, 2048, 22129, 550.54.14, 00000000:01:00.0, 0x268410DE, 8.9';
  it('refuses a row written with decimal commas instead of misreading its total', () => {
    const r = parseNvidiaSmiCsv('0, NVIDIA GeForce RTX 4090, 24564,0, 2048,0, 22129,0, 550.54.14, 00000000:01:00.0, 0x268410DE, 8,9');
    expect(r.gpus.filter((g) => g.confidence === 'high')).toEqual([]);
    expect(r.problems.length).toBeGreaterThan(0);
  });
  it('skips a repeated header line rather than calling a GPU "name"', () => {
    const r = parseNvidiaSmiCsv(
      `index, name, memory.total [MiB], memory.used [MiB], memory.free [MiB], driver_version, pci.bus_id, pci.device_id, compute_cap\n${good}`,
    );
    expect(r.gpus.map((g) => g.name)).toEqual(['NVIDIA GeForce RTX 4090']);
    expect(r.problems[0]).toMatch(/could not read/);
  });
  it.each(['1e26', '0', '99999999999999999999', '-1', '0x6000'])('does not trust a total of %s MiB', (total) => {
    const r = parseNvidiaSmiCsv(good.replace('24564', total));
    for (const g of r.gpus) {
      expect(g.vramTotalBytes).toBeNull();
      expect(g.confidence).toBe('low');
    }
    expect(r.problems.length).toBeGreaterThan(0);
  });
  it('keeps a name with a comma when every other column is clean', () => {
    const r = parseNvidiaSmiCsv(good.replace('RTX 4090', 'RTX 4090, Founders'));
    expect(r.gpus[0]?.name).toBe('NVIDIA GeForce RTX 4090, Founders');
    expect(r.gpus[0]?.confidence).toBe('high');
  });
});
