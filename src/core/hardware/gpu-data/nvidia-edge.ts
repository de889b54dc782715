// NVIDIA unified-memory machines: Jetson modules and DGX Spark (GB10). Memory is shared with the CPU.
// Jetson sheets give "AI TOPS" as sparse INT8 (Orin) or sparse FP4 (Thor) for the GPU (plus the DLAs
// on Orin, which this catalog leaves out); the dense FP16 tensor rate follows from the per-SM rate:
// Orin's GA10B SM does 2048 dense FP16 FLOPs per clock (GA100-class tensor cores), so GPU sparse INT8
// ÷ 4 = dense FP16 (AGX Orin 64 GB: 170 → 42.5 = 16 SMs × 2048 × 1.3 GHz).

import { gpu, nv, soc, type GpuCatalogRecord } from './build';

const v = 'nvidia' as const;
const family = 'nvidia-unified' as const;
const ORIN = 'NVIDIA Jetson Orin module datasheet / Jetson modules comparison (GPU sparse INT8 TOPS, LPDDR5 bandwidth)';
const jetsonNote = "Jetson: CPU and GPU share the LPDDR5; figures are the module's maximum power mode.";

/** Orin GPU: sparse INT8 TOPS → dense FP16 (÷ 4) and dense INT8 (÷ 2). */
function orin(gpuSparseInt8: number): { tflops: number; int8: number } {
  return { tflops: gpuSparseInt8 / 4, int8: gpuSparseInt8 / 2 };
}

export const NVIDIA_EDGE_GPUS: GpuCatalogRecord[] = [
  gpu({
    id: 'jetson-orin-nano-8gb',
    name: 'Jetson Orin Nano 8GB',
    vendor: v,
    kind: 'unified',
    gb: 8,
    bw: 68,
    ...orin(40),
    family,
    link: soc(68),
    source: ORIN,
    aliases: ['orin nano', 'jetson', 'orin'],
    notes: `${jetsonNote} 8 SMs at 625 MHz.`,
  }),
  gpu({
    id: 'jetson-orin-nano-super-8gb',
    name: 'Jetson Orin Nano Super 8GB',
    vendor: v,
    kind: 'unified',
    gb: 8,
    bw: 102,
    ...orin(67),
    family,
    link: soc(102),
    source: 'NVIDIA Jetson Orin Nano Super developer kit page (67 TOPS sparse INT8, 102 GB/s)',
    aliases: ['orin nano super', 'jetson', 'orin'],
    notes: `${jetsonNote} The same module in the MAXN SUPER mode of JetPack 6.2 (GPU 1020 MHz, faster memory).`,
  }),
  gpu({
    id: 'jetson-orin-nx-8gb',
    name: 'Jetson Orin NX 8GB',
    vendor: v,
    kind: 'unified',
    gb: 8,
    bw: 102.4,
    ...orin(50),
    family,
    link: soc(102.4),
    source: ORIN,
    aliases: ['orin nx', 'jetson', 'orin'],
    notes: `${jetsonNote} 8 SMs at 765 MHz: 8 × 8192 sparse INT8 ops × 0.765 GHz = 50 TOPS (the sheet's 70 TOPS includes the DLA).`,
  }),
  gpu({
    id: 'jetson-orin-nx-16gb',
    name: 'Jetson Orin NX 16GB',
    vendor: v,
    kind: 'unified',
    gb: 16,
    bw: 102.4,
    ...orin(60),
    family,
    link: soc(102.4),
    source: ORIN,
    aliases: ['orin nx', 'jetson', 'orin'],
    notes: `${jetsonNote} 8 SMs at 918 MHz (100 TOPS module total including the DLAs).`,
  }),
  gpu({
    id: 'jetson-agx-orin-32gb',
    name: 'Jetson AGX Orin 32GB',
    vendor: v,
    kind: 'unified',
    gb: 32,
    bw: 204.8,
    ...orin(108),
    family,
    link: soc(204.8),
    source: ORIN,
    aliases: ['agx orin', 'jetson', 'orin'],
    notes: `${jetsonNote} 14 SMs at 930 MHz (200 TOPS module total including the DLAs).`,
  }),
  gpu({
    id: 'jetson-agx-orin-64gb',
    name: 'Jetson AGX Orin 64GB',
    vendor: v,
    kind: 'unified',
    gb: 64,
    bw: 204.8,
    ...orin(170),
    family,
    link: soc(204.8),
    source: ORIN,
    aliases: ['agx orin', 'jetson', 'orin'],
    notes: `${jetsonNote} 16 SMs at 1.3 GHz (275 TOPS module total including the DLAs).`,
  }),
  gpu({
    id: 'jetson-agx-thor',
    name: 'Jetson AGX Thor (T5000)',
    vendor: v,
    kind: 'unified',
    gb: 128,
    bw: 273,
    tflops: 258.8,
    fp8: 517.5,
    family,
    link: soc(273),
    source: 'NVIDIA Jetson AGX Thor developer kit / T5000 module datasheet (2070 FP4 TFLOPS sparse, 128 GB LPDDR5X, 273 GB/s)',
    pci: nv('2b00'),
    aliases: ['thor', 'jetson', 'blackwell'],
    notes:
      "NVIDIA publishes FP4 only: dense FP16 = 2070 ÷ 8 and FP8 = 2070 ÷ 4, the datacentre Blackwell ratios (B200: 18 PF FP4 sparse, 2.25 PF FP16 dense), which match Thor's 20 SMs at its clock.",
  }),
  gpu({
    id: 'dgx-spark',
    name: 'DGX Spark (GB10)',
    vendor: v,
    kind: 'unified',
    gb: 128,
    bw: 273,
    tflops: 62.5,
    int8: 250,
    fp8: 125,
    family,
    link: soc(273),
    source: 'nvidia.com DGX Spark product page / docs.nvidia.com DGX Spark hardware guide (1 PFLOP FP4 sparse, 128 GB, 273 GB/s)',
    pci: nv('2e12'),
    aliases: ['gb10', 'grace blackwell', 'spark'],
    notes:
      '128 GB LPDDR5x shared with the CPU; nvidia-smi reports no dedicated memory total. GB10 carries an RTX-class Blackwell GPU (48 SMs, sm_121): FP16 with FP32 accumulate = 1000 ÷ 16 as on GeForce RTX 50 (125 with FP16 accumulate). Two units pair over ConnectX-7 at 200 Gb/s (25 GB/s).',
  }),
];
