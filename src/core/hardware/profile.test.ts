import { describe, expect, it } from 'vitest';
import { hardwareFromProfile, validateProfile, type HardwareProfile } from './profile';
import type { GpuCatalogEntry } from './types';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const h100: GpuCatalogEntry = {
  id: 'h100-sxm',
  name: 'H100 SXM5 80GB',
  vendor: 'nvidia',
  kind: 'dedicated',
  memoryGB: 80,
  memoryBytes: 81559 * MiB,
  bandwidthGBps: 3350,
  fp16Tflops: 989,
  pciIds: ['10de:2330'],
  family: 'nvidia-hbm',
  link: { kind: 'pcie', gbps: 32 },
  source: 'test',
  aliases: [],
};

describe('hardware profiles', () => {
  it('expands counts and takes catalog memory when the user gave none', () => {
    const p: HardwareProfile = {
      name: 'node',
      gpus: [
        { catalogId: 'h100-sxm', name: 'H100 SXM5 80GB', vramBytes: 0, count: 8, kind: 'dedicated' },
        { name: 'Intel UHD 770', vramBytes: 2 * GiB, count: 1, kind: 'shared' },
      ],
      ramBytes: 2048 * GiB,
      createdAt: '2026-11-22T04:00:00.000Z',
    };
    const hw = hardwareFromProfile(p, [h100]);
    expect(hw.gpus).toHaveLength(9);
    expect(
      hw.gpus
        .slice(0, 8)
        .every((g) => g.vramTotalBytes === 81559 * MiB && g.source === 'catalog' && g.catalogId === 'h100-sxm' && g.vendor === 'nvidia'),
    ).toBe(true);
    expect(new Set(hw.gpus.map((g) => g.id)).size).toBe(9);
    expect(hw.gpus[8]).toMatchObject({ kind: 'shared', vramTotalBytes: 0, source: 'user', vendor: 'intel' });
    expect(hw.ram.totalBytes).toBe(2048 * GiB);
  });

  it('keeps the size the user typed (source user), ×2 and ×4', () => {
    for (const count of [2, 4]) {
      const hw = hardwareFromProfile(
        {
          name: 'x',
          gpus: [{ catalogId: 'h100-sxm', name: 'My H100', vramBytes: 80 * GiB, count, kind: 'dedicated' }],
          createdAt: '2026-11-22T04:00:00.000Z',
        },
        [h100],
      );
      expect(hw.gpus).toHaveLength(count);
      expect(hw.gpus.every((g) => g.source === 'user' && g.vramTotalBytes === 80 * GiB)).toBe(true);
      expect(hw.ram.totalBytes).toBe(0);
    }
  });

  it('validates with a field path in the message', () => {
    const bad = validateProfile({
      name: 'x',
      gpus: [{ name: 'A', vramBytes: 1.5, count: 1, kind: 'dedicated' }],
      createdAt: '2026-11-22T04:00:00.000Z',
    });
    expect(bad).toEqual({ ok: false, message: 'gpus.0.vramBytes: VRAM must be a whole number of bytes.' });
    expect(validateProfile({ name: 'x', gpus: [], createdAt: 'yesterday' }).ok).toBe(false);
    expect(validateProfile({ name: ' ok ', gpus: [], createdAt: '2026-11-22T04:00:00.000Z' })).toMatchObject({
      ok: true,
      profile: { name: 'ok' },
    });
  });
});
