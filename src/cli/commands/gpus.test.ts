import { describe, expect, it } from 'vitest';
import { GPU_CATALOG } from '../../core/hardware/gpu-catalog';
import { CliError, type CliIO } from '../types';
import { gpus } from './gpus';

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

describe('vram-planner gpus', () => {
  it('prints the whole catalog as JSON', async () => {
    const io = capture();
    expect(await gpus(['--json'], io)).toBe(0);
    const rows = JSON.parse(io.stdout.join('\n')) as Record<string, unknown>[];
    expect(rows).toHaveLength(GPU_CATALOG.length);
    expect(rows.find((r) => r.id === 'rtx-4090')).toMatchObject({
      name: 'GeForce RTX 4090',
      memoryBytes: 24564 * 2 ** 20,
      bandwidthGBps: 1008,
      vendor: 'nvidia',
      kind: 'dedicated',
    });
    expect(rows.find((r) => r.id === 'a10g')!.fp16Tflops).toBeNull();
  });

  it('filters with --search and prints a table', async () => {
    const io = capture();
    expect(await gpus(['--search', 'h100'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/^ID\s+NAME\s+MEMORY/);
    expect(text).toContain('h100-sxm');
    expect(text).toContain('79.65 GiB');
    expect(text).not.toContain('rtx-4090');
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
