// AMD Radeon / Radeon PRO / Instinct, the Strix Halo APU, and Intel Arc. AMD consumer FP16 figures
// are vector (dual-issue) rates, not comparable with tensor-core numbers, so they stay null.
// rocm-smi and xpu-smi report bytes; no public captures were checked, so sizes are nominal GiB.

import { amd, gpu, intel, type GpuCatalogRecord } from './build';

const a = 'amd' as const;
const i = 'intel' as const;
const navi31 = 'Device id 744c is shared by the RX 7900 XTX, XT and GRE; the memory size tells them apart.';

export const AMD_INTEL_GPUS: GpuCatalogRecord[] = [
  gpu({ id: 'rx-7600', name: 'Radeon RX 7600', vendor: a, gb: 8, bw: 288, pci: amd('7480'), aliases: ['rdna3'] }),
  gpu({ id: 'rx-7700-xt', name: 'Radeon RX 7700 XT', vendor: a, gb: 12, bw: 432, pci: amd('747e'), aliases: ['rdna3'], notes: 'Shares device id 747e with the RX 7800 XT.' }),
  gpu({ id: 'rx-7800-xt', name: 'Radeon RX 7800 XT', vendor: a, gb: 16, bw: 624, pci: amd('747e'), aliases: ['rdna3'], notes: 'Shares device id 747e with the RX 7700 XT.' }),
  gpu({ id: 'rx-7900-gre', name: 'Radeon RX 7900 GRE', vendor: a, gb: 16, bw: 576, pci: amd('744c'), aliases: ['rdna3'], notes: navi31 }),
  gpu({ id: 'rx-7900-xt', name: 'Radeon RX 7900 XT', vendor: a, gb: 20, bw: 800, pci: amd('744c'), aliases: ['rdna3'], notes: navi31 }),
  gpu({ id: 'rx-7900-xtx', name: 'Radeon RX 7900 XTX', vendor: a, gb: 24, bw: 960, pci: amd('744c'), aliases: ['rdna3'], notes: navi31 }),
  gpu({ id: 'rx-9070', name: 'Radeon RX 9070', vendor: a, gb: 16, bw: 640, pci: amd('7550'), aliases: ['rdna4'], notes: 'Shares device id 7550 with the RX 9070 XT.' }),
  gpu({ id: 'rx-9070-xt', name: 'Radeon RX 9070 XT', vendor: a, gb: 16, bw: 640, pci: amd('7550'), aliases: ['rdna4'], notes: 'Shares device id 7550 with the RX 9070.' }),
  gpu({ id: 'radeon-pro-w7900', name: 'Radeon PRO W7900', vendor: a, gb: 48, bw: 864, pci: amd('7448', '744a'), aliases: ['w7900', 'rdna3'] }),
  gpu({ id: 'instinct-mi210', name: 'Instinct MI210', vendor: a, gb: 64, bw: 1638.4, tflops: 181, pci: amd('740f'), aliases: ['mi210', 'cdna2'] }),
  gpu({
    id: 'instinct-mi250x-gcd', name: 'Instinct MI250X (one GCD)', vendor: a, gb: 64, bw: 1638.4, tflops: 191.5, pci: amd('7408', '740c'),
    aliases: ['mi250x', 'mi250', 'cdna2'],
    notes: 'One MI250X package is two GCDs that enumerate as two 64 GB devices; figures here are per GCD (package: 128 GB, 3276.8 GB/s, 383 TFLOPS).',
  }),
  gpu({ id: 'instinct-mi300x', name: 'Instinct MI300X', vendor: a, gb: 192, bw: 5300, tflops: 1307.4, pci: amd('74a1', '74a9', '74bd', '74b5'), aliases: ['mi300x', 'cdna3'], notes: '74a9/74bd are the HF variants, 74b5 the SR-IOV virtual function a VM sees.' }),
  gpu({ id: 'instinct-mi325x', name: 'Instinct MI325X', vendor: a, gb: 256, bw: 6000, tflops: 1307.4, pci: amd('74a5', '74b9'), aliases: ['mi325x', 'cdna3'], notes: '74b9 is the SR-IOV virtual function a VM sees.' }),
  gpu({
    id: 'ryzen-ai-max-395', name: 'Ryzen AI Max+ 395 (Radeon 8060S)', vendor: a, kind: 'unified', gb: 128, bw: 256, pci: amd('1586'),
    aliases: ['strix halo', '8060s', 'ai max'],
    notes: 'Maximum system memory shared with the CPU; Windows lets up to 96 GB be assigned to the GPU, Linux can map more through GTT.',
  }),
  gpu({ id: 'arc-a750', name: 'Arc A750', vendor: i, gb: 8, bw: 512, pci: intel('56a1'), aliases: ['alchemist'] }),
  gpu({ id: 'arc-a770-8gb', name: 'Arc A770 8GB', vendor: i, gb: 8, bw: 512, pci: intel('56a0'), aliases: ['alchemist'], notes: 'Shares device id 56a0 with the 16 GB card.' }),
  gpu({ id: 'arc-a770-16gb', name: 'Arc A770 16GB', vendor: i, gb: 16, bw: 560, pci: intel('56a0'), aliases: ['alchemist'], notes: 'Shares device id 56a0 with the 8 GB card.' }),
  gpu({ id: 'arc-b570', name: 'Arc B570', vendor: i, gb: 10, bw: 380, pci: intel('e20c'), aliases: ['battlemage'] }),
  gpu({ id: 'arc-b580', name: 'Arc B580', vendor: i, gb: 12, bw: 456, pci: intel('e20b'), aliases: ['battlemage'] }),
];
