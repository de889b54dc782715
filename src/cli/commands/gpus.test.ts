import { describe, expect, it } from 'vitest';
import { GPU_CATALOG } from '../../core/hardware/gpu-catalog';
import { CliError, type CliIO } from '../types';
import { gpus, linkLabel } from './gpus';

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

async function jsonRows(args: string[] = []): Promise<Record<string, unknown>[]> {
  const io = capture();
  expect(await gpus(['--json', ...args], io)).toBe(0);
  return JSON.parse(io.stdout.join('\n')) as Record<string, unknown>[];
}

describe('vram-planner gpus', () => {
  it('prints the whole catalog as JSON with family, link, source and INT8/FP8', async () => {
    const rows = await jsonRows();
    expect(rows).toHaveLength(GPU_CATALOG.length);
    expect(rows.find((r) => r.id === 'rtx-4090')).toMatchObject({
      name: 'GeForce RTX 4090',
      memoryBytes: 24564 * 2 ** 20,
      memoryBytesSource: 'reported',
      bandwidthGBps: 1008,
      fp16Tflops: 165.2,
      int8Tops: 660.6,
      fp8Tflops: 330.3,
      family: 'nvidia-gddr',
      link: { kind: 'pcie', gbps: 31.5, pcieGen: 4, pcieLanes: 16 },
      vendor: 'nvidia',
      kind: 'dedicated',
    });
    expect(rows.find((r) => r.id === 'h100-sxm')).toMatchObject({ family: 'nvidia-hbm', link: { kind: 'nvlink', gbps: 450 } });
    expect(rows.find((r) => r.id === 'apple-m4-max-128gb')).toMatchObject({ family: 'apple-m', tier: 'max', int8Tops: null });
    for (const r of rows) {
      expect(typeof r.source, String(r.id)).toBe('string');
      expect(typeof r.fp16Tflops, String(r.id)).toBe('number');
    }
  });

  it('filters JSON with --search', async () => {
    const rows = await jsonRows(['--search', 'mi355x']);
    expect(rows.map((r) => r.id)).toEqual(['instinct-mi355x']);
    expect(rows[0]).toMatchObject({ family: 'amd-cdna', link: { kind: 'infinity-fabric' }, fp8Tflops: 5033.2 });
  });

  it('filters with --search and prints a table', async () => {
    const io = capture();
    expect(await gpus(['--search', 'h100'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/^ID\s+NAME\s+MEMORY\s+BANDWIDTH\s+FP16 TFLOPS\s+FAMILY\s+LINK/);
    expect(text).toMatch(/h100-sxm .* 79\.65 GiB .* nvidia-hbm\s+NVLink 450/);
    expect(text).toMatch(/h100-pcie .* PCIe 5 x16/);
    expect(text).not.toContain('rtx-4090');
  });

  it('labels every kind of link', () => {
    expect(linkLabel({ kind: 'pcie', gbps: 15.8, pcieGen: 3, pcieLanes: 16 })).toBe('PCIe 3 x16');
    expect(linkLabel({ kind: 'nvlink', gbps: 900 })).toBe('NVLink 900');
    expect(linkLabel({ kind: 'infinity-fabric', gbps: 64 })).toBe('IF 64');
    expect(linkLabel({ kind: 'xe-link', gbps: 26.5 })).toBe('Xe Link 26.5');
    expect(linkLabel({ kind: 'soc', gbps: 546 })).toBe('SoC');
  });

  it('says so when nothing matches', async () => {
    const io = capture();
    expect(await gpus(['--search', 'voodoo5'], io)).toBe(1);
    expect(io.stderr.join('')).toMatch(/No GPU/);
  });

  it('rejects unknown flags with a CliError', async () => {
    await expect(gpus(['--vram', '24'], capture())).rejects.toBeInstanceOf(CliError);
    await expect(gpus(['extra'], capture())).rejects.toBeInstanceOf(CliError);
  });
});
