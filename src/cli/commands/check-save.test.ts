import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Hardware } from '../../core/hardware/types';
import { GiB } from '../../core/units';
import { createEvidenceStore } from '../../main/services/evidence-store';
import { appDataDir } from '../data-dir';
import type { CliIO } from '../types';
import { checkCommand, type CheckJson } from './check';

const FIXTURES = resolve(__dirname, '../../../tests/fixtures/measured');

/** A stand-in for detection: one RTX 3090 with 24 GiB, as nvidia-smi would report it. */
const machine: Hardware = {
  gpus: [
    {
      id: '0',
      vendor: 'nvidia',
      name: 'NVIDIA GeForce RTX 3090',
      kind: 'dedicated',
      vramTotalBytes: 24576 * 2 ** 20,
      vramFreeBytes: null,
      vramUsedBytes: null,
      driver: null,
      busId: null,
      pciId: '10de:2204',
      computeCapability: '8.6',
      source: 'nvidia-smi',
      confidence: 'high',
      catalogId: null,
      warnings: [],
    },
  ],
  ram: { totalBytes: 64 * GiB, availableBytes: null },
  cpu: { brand: 'CPU', cores: 8, threads: 16, memoryBandwidthGBps: null },
  os: { platform: 'linux', distro: 'Debian', release: '12', arch: 'x64' },
  detectedAt: '2026-01-01T00:00:00.000Z',
  notes: [],
};

function capture(): CliIO & { stdout: string[] } {
  const stdout: string[] = [];
  return { stdout, out: (t) => stdout.push(t), err: () => undefined };
}

afterEach(() => vi.unstubAllEnvs());

describe('vram-planner check --save', () => {
  it('keeps the comparison in the data folder VRAM_PLANNER_DATA_DIR names, filed under the library model', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-check-save-'));
    vi.stubEnv('VRAM_PLANNER_DATA_DIR', dir);
    const run = checkCommand({ detect: async () => machine, dataDir: () => appDataDir() });
    const io = capture();
    const log = join(FIXTURES, 'ik-llama-562-vulkan-llama31-8b.log');
    expect(await run(['--log', log, '--model', 'llama-3.1-8b-instruct', '--save', '--json'], io)).toBe(0);
    const printed = JSON.parse(io.stdout.join('\n')) as CheckJson;
    expect(printed.saved?.file).toBe(join(dir, 'evidence.json'));
    const records = (await createEvidenceStore(dir).state()).records;
    expect(records.map((r) => r.id)).toEqual([printed.saved!.id]);
    const kept = records[0]!;
    expect(kept.model).toEqual({ id: 'llama-3.1-8b-instruct', name: expect.stringMatching(/Llama 3\.1 8B/i) });
    expect(kept.runtime).toBe('llama.cpp');
    // Every compared row is kept with its planned and measured bytes, as `check --json` printed them.
    const weights = printed.components.find((c) => c.name === 'weights' && c.device === 'Vulkan0')!;
    expect(JSON.stringify(kept)).toContain(String(weights.measuredBytes));
    expect(JSON.parse(await readFile(join(dir, 'evidence.json'), 'utf8'))).toBeTruthy();
  });

  it('refuses to keep a run when this machine cannot be detected, and writes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-check-save-'));
    const run = checkCommand({ detect: async () => null, dataDir: () => dir });
    const log = join(FIXTURES, 'ik-llama-562-vulkan-llama31-8b.log');
    await expect(run(['--log', log, '--save'], capture())).rejects.toThrow(/could not be detected/);
    expect((await createEvidenceStore(dir).state()).records).toEqual([]);
  });

  it('prints where the run went without --json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-check-save-'));
    const io = capture();
    const run = checkCommand({ detect: async () => machine, dataDir: () => dir });
    await run(['--log', join(FIXTURES, 'llama-bench-25547.md'), '--save'], io);
    expect(io.stdout.join('\n')).toMatch(/Kept as run \S+ in .*evidence\.json/);
  });
});
