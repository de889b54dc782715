import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planningHardwareForChoice } from '../../core/advice/choice';
import { machineKey } from '../../core/calibration/index';
import type { Hardware } from '../../core/hardware/types';
import { GiB } from '../../core/units';
import { createEvidenceStore } from '../../main/services/evidence-store';
import { saveComparison } from './calibrate-save';

const detected: Hardware = {
  gpus: [
    {
      id: '0',
      vendor: 'nvidia',
      name: 'NVIDIA GeForce RTX 4090',
      kind: 'dedicated',
      vramTotalBytes: 24564 * 2 ** 20,
      vramFreeBytes: null,
      vramUsedBytes: null,
      driver: null,
      busId: null,
      pciId: '10de:2684',
      computeCapability: '8.9',
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

const comparison = {
  runtime: 'llama.cpp',
  source: 'llama-bench',
  settings: {},
  components: [],
  speed: [
    { name: 'decode' as const, test: 'tg128', gpuLayers: 99, plannedTokensPerSecond: 150, measuredTokensPerSecond: 135 },
    { name: 'decode' as const, test: 'tg128', gpuLayers: 0, plannedTokensPerSecond: 20, measuredTokensPerSecond: 18 },
  ],
};

describe('check --save: a run of this machine', () => {
  it('is keyed as the app keys the detected machine, GPU rows on the GPU, -ngl 0 rows on the CPU', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-save-'));
    const { record, file } = await saveComparison(comparison, undefined, { detect: async () => detected, dataDir: () => dir });
    expect(file).toBe(join(dir, 'evidence.json'));
    const appKey = machineKey(planningHardwareForChoice({ mode: 'detected', detected, ramBandwidthGBps: null }).hw).key;
    expect(record.machine.key).toBe(appKey);
    expect(record.speed.map((s) => s.devices)).toEqual(['NVIDIA GeForce RTX 4090', 'CPU']);
    expect((await createEvidenceStore(dir).state()).records).toEqual([record]);
  });

  it('refuses to keep a run when the machine cannot be detected', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-save-'));
    await expect(saveComparison(comparison, undefined, { detect: async () => null, dataDir: () => dir })).rejects.toThrow(
      /could not be detected/,
    );
  });
});
