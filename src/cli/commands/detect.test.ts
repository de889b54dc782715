import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hardware } from '../../core/hardware/types';
import { createFakeTools, FIXTURES, type FakeTools } from '../../../tests/support/fake-tools/index';
import { CliError, type CliIO } from '../types';
import { createDetectCommand, detect } from './detect';

const MiB = 2 ** 20;

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

const fixed: Hardware = {
  gpus: [
    {
      id: '0000:01:00.0',
      vendor: 'nvidia',
      name: 'NVIDIA GeForce RTX 4090',
      kind: 'dedicated',
      vramTotalBytes: 24564 * MiB,
      vramFreeBytes: 22129 * MiB,
      vramUsedBytes: 2048 * MiB,
      driver: '550.54.14',
      busId: '0000:01:00.0',
      pciId: '10de:2684',
      computeCapability: '8.9',
      source: 'nvidia-smi',
      confidence: 'high',
      catalogId: 'rtx-4090',
      warnings: [],
    },
    {
      id: '0000:00:02.0',
      vendor: 'intel',
      name: 'Intel UHD Graphics 770',
      kind: 'shared',
      vramTotalBytes: 0,
      vramFreeBytes: null,
      vramUsedBytes: null,
      driver: 'i915',
      busId: '0000:00:02.0',
      pciId: '8086:4680',
      computeCapability: null,
      source: 'lspci',
      confidence: 'low',
      catalogId: null,
      warnings: ['Integrated GPU: it uses system memory, so it adds no VRAM.'],
    },
  ],
  ram: { totalBytes: 64 * 1024 * MiB, availableBytes: 50 * 1024 * MiB },
  cpu: { brand: 'AMD Ryzen 9 7950X', cores: 16, threads: 32, memoryBandwidthGBps: null },
  os: { platform: 'linux', distro: 'Debian GNU/Linux', release: '12', arch: 'x64' },
  detectedAt: '2026-11-22T04:00:00.000Z',
  notes: ['rocm-smi is not installed.'],
};
const fake = createDetectCommand({}, async () => fixed);

describe('vram-planner detect', () => {
  it('prints the JSON contract', async () => {
    const io = capture();
    expect(await fake(['--json'], io)).toBe(0);
    const out = JSON.parse(io.stdout.join('\n')) as { gpus: Record<string, unknown>[]; ram: { totalBytes: number } };
    expect(out.gpus[0]).toMatchObject({
      name: 'NVIDIA GeForce RTX 4090',
      vendor: 'nvidia',
      vramTotalBytes: 24564 * MiB,
      vramFreeBytes: 22129 * MiB,
      kind: 'dedicated',
      source: 'nvidia-smi',
    });
    expect(out.gpus[1]).toMatchObject({ vramFreeBytes: null, kind: 'shared' });
    expect(out.ram.totalBytes).toBe(64 * 1024 * MiB);
  });

  it('prints a readable table in GiB', async () => {
    const io = capture();
    expect(await fake([], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/NVIDIA GeForce RTX 4090\s+nvidia\s+dedicated\s+23\.99 GiB\s+21\.61 GiB\s+nvidia-smi\s+high/);
    expect(text).toMatch(/Intel UHD Graphics 770\s+intel\s+shared\s+shared RAM\s+—/);
    expect(text).toContain('RAM  64.00 GiB total, 50.00 GiB available');
    expect(text).toContain('  - rocm-smi is not installed.');
  });

  it('rejects unknown flags and positionals with a CliError', async () => {
    await expect(detect(['--gpu'], capture())).rejects.toBeInstanceOf(CliError);
    await expect(detect(['extra'], capture())).rejects.toThrow(/Usage: vram-planner detect/);
  });

  describe.runIf(process.platform !== 'win32')('with stand-in tools', () => {
    let tools: FakeTools;
    beforeAll(async () => {
      tools = await createFakeTools();
    });
    afterAll(async () => {
      await tools.cleanup();
    });
    it('runs the real detection', async () => {
      const cmd = createDetectCommand({
        platform: 'linux',
        sysfsRoot: path.join(FIXTURES, 'sysfs', 'empty'),
        env: tools.env({ 'nvidia-smi': { file: 'nvidia-smi/2gpu-a40.csv' } }),
      });
      const io = capture();
      expect(await cmd(['--json'], io)).toBe(0);
      const out = JSON.parse(io.stdout.join('\n')) as { gpus: { name: string; vramTotalBytes: number }[]; ram: { totalBytes: number } };
      expect(out.gpus.map((g) => g.vramTotalBytes)).toEqual([46068 * MiB, 46068 * MiB]);
      expect(out.ram.totalBytes).toBeGreaterThan(0);
    });
  });
});
