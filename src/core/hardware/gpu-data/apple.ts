// Apple silicon, one entry per chip tier and memory option (the pool is shared with the CPU).
// Bandwidth: Apple's published figures; M1 has none, so 68.25 GB/s is LPDDR4X-4266 × 128 bit. The
// binned M3 Max (30-core GPU: 36 or 96 GB) runs at 300 GB/s and the binned M4 Max (32-core GPU:
// 36 GB) at 410 GB/s; the other options of those tiers get the full-chip figure.
//
// GPU FP16: Apple GPUs (M1 onward) run FP16 at the FP32 rate (philipturner/metal-benchmarks: "F16 is
// neither faster nor slower than F32"), so fp16Tflops = FP32 = GPU cores × 128 ALUs × 2 × clock. Apple
// states it for M1 and M2 (2.6 / 10.4 / 21 and 3.6 / 13.6 / 27.2 TFLOPS); for M3 to M5 the clock is
// the one public GPU databases list (hmc-tech.com: M3 1.398 GHz, M4 1.47 GHz, M4 Max 1.678 GHz, M5
// 1.74 GHz). M5-generation GPUs add a neural accelerator per core that Apple rates at "over 4x the
// peak GPU compute for AI" of M4 without a FLOPS figure, so the shader rate is kept.

import { gpu, soc, type GpuCatalogRecord } from './build';

type AppleTier = 'base' | 'pro' | 'max' | 'ultra';

interface Tier {
  chip: string;
  tier: AppleTier;
  bw: number;
  options: number[];
  /** GPU cores of the full chip and the GPU clock (GHz) used for the FP32 = FP16 rate. */
  cores: number;
  ghz: number;
  /** Memory options sold only with a slower binned chip, and that chip's bandwidth and GPU cores. */
  binned?: { options: number[]; bw: number; cores: number };
  source: string;
}

const NEWS = 'apple.com newsroom / tech specs';
const GPU_RATE = 'FP16 = FP32 rate (philipturner/metal-benchmarks)';

const TIERS: Tier[] = [
  { chip: 'M1', tier: 'base', bw: 68.25, options: [8, 16], cores: 8, ghz: 1.278, source: `${NEWS} M1 (2.6 TFLOPS); ${GPU_RATE}` },
  { chip: 'M1 Pro', tier: 'pro', bw: 200, options: [16, 32], cores: 16, ghz: 1.296, source: `${NEWS} M1 Pro/Max (2021-10); ${GPU_RATE}` },
  { chip: 'M1 Max', tier: 'max', bw: 400, options: [32, 64], cores: 32, ghz: 1.296, source: `${NEWS} M1 Pro/Max (2021-10); ${GPU_RATE}` },
  {
    chip: 'M1 Ultra',
    tier: 'ultra',
    bw: 800,
    options: [64, 128],
    cores: 64,
    ghz: 1.296,
    source: `${NEWS} M1 Ultra (2022-03); ${GPU_RATE}`,
  },
  { chip: 'M2', tier: 'base', bw: 100, options: [8, 16, 24], cores: 10, ghz: 1.398, source: `${NEWS} M2 (2022-06); ${GPU_RATE}` },
  { chip: 'M2 Pro', tier: 'pro', bw: 200, options: [16, 32], cores: 19, ghz: 1.398, source: `${NEWS} M2 Pro/Max (2023-01); ${GPU_RATE}` },
  {
    chip: 'M2 Max',
    tier: 'max',
    bw: 400,
    options: [32, 64, 96],
    cores: 38,
    ghz: 1.398,
    source: `${NEWS} M2 Pro/Max (2023-01); ${GPU_RATE}`,
  },
  {
    chip: 'M2 Ultra',
    tier: 'ultra',
    bw: 800,
    options: [64, 128, 192],
    cores: 76,
    ghz: 1.398,
    source: `${NEWS} M2 Ultra (2023-06); ${GPU_RATE}`,
  },
  { chip: 'M3', tier: 'base', bw: 100, options: [8, 16, 24], cores: 10, ghz: 1.398, source: `${NEWS} M3 family (2023-10); ${GPU_RATE}` },
  { chip: 'M3 Pro', tier: 'pro', bw: 150, options: [18, 36], cores: 18, ghz: 1.398, source: `${NEWS} M3 family (2023-10); ${GPU_RATE}` },
  {
    chip: 'M3 Max',
    tier: 'max',
    bw: 400,
    options: [36, 48, 64, 96, 128],
    cores: 40,
    ghz: 1.398,
    binned: { options: [36, 96], bw: 300, cores: 30 },
    source: `${NEWS} M3 family (2023-10); ${GPU_RATE}`,
  },
  {
    chip: 'M3 Ultra',
    tier: 'ultra',
    bw: 819,
    options: [96, 256, 512],
    cores: 80,
    ghz: 1.398,
    source: `${NEWS} Mac Studio (2025-03); ${GPU_RATE}`,
  },
  {
    chip: 'M4',
    tier: 'base',
    bw: 120,
    options: [16, 24, 32],
    cores: 10,
    ghz: 1.47,
    source: `${NEWS} M4 Mac mini/iMac (2024-10); ${GPU_RATE}`,
  },
  { chip: 'M4 Pro', tier: 'pro', bw: 273, options: [24, 48, 64], cores: 20, ghz: 1.47, source: `${NEWS} M4 Pro (2024-10); ${GPU_RATE}` },
  {
    chip: 'M4 Max',
    tier: 'max',
    bw: 546,
    options: [36, 48, 64, 128],
    cores: 40,
    ghz: 1.678,
    binned: { options: [36], bw: 410, cores: 32 },
    source: `${NEWS} M4 Max (2024-10-30); ${GPU_RATE}`,
  },
  { chip: 'M5', tier: 'base', bw: 153, options: [16, 24, 32], cores: 10, ghz: 1.74, source: `${NEWS} M5 (2025-10, 153 GB/s); ${GPU_RATE}` },
  {
    chip: 'M5 Pro',
    tier: 'pro',
    bw: 307,
    options: [64],
    cores: 20,
    ghz: 1.74,
    source: `${NEWS} M5 Pro/Max (2026-03-03: up to 64 GB, 307 GB/s); ${GPU_RATE}`,
  },
  {
    chip: 'M5 Max',
    tier: 'max',
    bw: 614,
    options: [128],
    cores: 40,
    ghz: 1.74,
    source: `${NEWS} M5 Pro/Max (2026-03-03: up to 128 GB, 614 GB/s); ${GPU_RATE}`,
  },
];

const note =
  'Unified memory shared with macOS and apps; by default Metal lets the GPU wire only part of it (see the usable-memory estimate).';

/** FP32 (= FP16) TFLOPS of an Apple GPU: cores × 128 ALUs × 2 FLOPs (FMA) × clock. */
export function appleGpuTflops(cores: number, ghz: number): number {
  return Math.round(((cores * 128 * 2 * ghz) / 1000) * 100) / 100;
}

export const APPLE_GPUS: GpuCatalogRecord[] = TIERS.flatMap((t) =>
  t.options.map((gb) => {
    const binned = t.binned?.options.includes(gb) ? t.binned : undefined;
    const slug = t.chip.toLowerCase().replace(/\s+/g, '-');
    const bw = binned ? binned.bw : t.bw;
    const binnedNote = binned ? ` This memory option comes with the binned chip (${binned.cores}-core GPU, ${binned.bw} GB/s).` : '';
    return gpu({
      id: `apple-${slug}-${gb}gb`,
      name: `Apple ${t.chip} ${gb}GB`,
      vendor: 'apple',
      kind: 'unified',
      gb,
      bw,
      tflops: appleGpuTflops(binned ? binned.cores : t.cores, t.ghz),
      family: 'apple-m',
      tier: t.tier,
      link: soc(bw),
      source: t.source,
      aliases: ['mac', 'apple silicon', 'metal'],
      notes: `${note}${binnedNote}`,
    });
  }),
);
