// Apple silicon, one entry per chip tier and memory option (the pool is shared with the CPU).
// Bandwidth: Apple's published figures; M1 has none, so 68.25 GB/s is LPDDR4X-4266 × 128 bit. The
// binned M3 Max (30-core GPU: 36 or 96 GB) runs at 300 GB/s and the binned M4 Max (32-core GPU:
// 36 GB) at 410 GB/s; the other options of those tiers get the full-chip figure.

import { gpu, type GpuCatalogRecord } from './build';

interface Tier {
  chip: string;
  bw: number;
  options: number[];
  /** Memory options sold only with a slower binned chip, and that chip's bandwidth. */
  binned?: { options: number[]; bw: number };
}

const TIERS: Tier[] = [
  { chip: 'M1', bw: 68.25, options: [8, 16] },
  { chip: 'M1 Pro', bw: 200, options: [16, 32] },
  { chip: 'M1 Max', bw: 400, options: [32, 64] },
  { chip: 'M1 Ultra', bw: 800, options: [64, 128] },
  { chip: 'M2', bw: 100, options: [8, 16, 24] },
  { chip: 'M2 Pro', bw: 200, options: [16, 32] },
  { chip: 'M2 Max', bw: 400, options: [32, 64, 96] },
  { chip: 'M2 Ultra', bw: 800, options: [64, 128, 192] },
  { chip: 'M3', bw: 100, options: [8, 16, 24] },
  { chip: 'M3 Pro', bw: 150, options: [18, 36] },
  { chip: 'M3 Max', bw: 400, options: [36, 48, 64, 96, 128], binned: { options: [36, 96], bw: 300 } },
  { chip: 'M3 Ultra', bw: 819, options: [96, 256, 512] },
  { chip: 'M4', bw: 120, options: [16, 24, 32] },
  { chip: 'M4 Pro', bw: 273, options: [24, 48, 64] },
  { chip: 'M4 Max', bw: 546, options: [36, 48, 64, 128], binned: { options: [36], bw: 410 } },
];

const note =
  'Unified memory shared with macOS and apps; by default Metal lets the GPU wire only part of it (see the usable-memory estimate).';

export const APPLE_GPUS: GpuCatalogRecord[] = TIERS.flatMap((t) =>
  t.options.map((gb) => {
    const binned = t.binned?.options.includes(gb) ?? false;
    const slug = t.chip.toLowerCase().replace(/\s+/g, '-');
    return gpu({
      id: `apple-${slug}-${gb}gb`,
      name: `Apple ${t.chip} ${gb}GB`,
      vendor: 'apple',
      kind: 'unified',
      gb,
      bw: binned ? t.binned!.bw : t.bw,
      aliases: ['mac', 'apple silicon', 'metal'],
      notes: binned ? `${note} This memory option comes with the binned chip (${t.binned!.bw} GB/s).` : note,
    });
  }),
);
