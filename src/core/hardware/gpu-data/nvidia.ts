// NVIDIA GeForce, workstation and datacentre boards. Bandwidth and TFLOPS: NVIDIA spec sheets and
// architecture whitepapers. TFLOPS are dense FP16/BF16 tensor figures: datacentre sheets headline
// 2:4-sparse numbers, halved here; GeForce figures are FP16 with FP32 accumulate (what BF16 inference
// uses; the FP16-accumulate figure is twice that), filled only where the whitepaper states them.

import { gpu, nv, type GpuCatalogRecord } from './build';

const v = 'nvidia' as const;
const adaNote = 'Ada GeForce boards report a few MiB below the full 2^n size.';

export const NVIDIA_GPUS: GpuCatalogRecord[] = [
  // GeForce RTX 20 / 30 (Turing, Ampere): Ampere GeForce reports the full 2^n MiB.
  gpu({ id: 'rtx-2080-ti', name: 'GeForce RTX 2080 Ti', vendor: v, gb: 11, bw: 616, pci: nv('1e04', '1e07'), aliases: ['2080ti', 'turing'] }),
  gpu({ id: 'rtx-3060-12gb', name: 'GeForce RTX 3060 12GB', vendor: v, gb: 12, mib: 12288, bw: 360, pci: nv('2503', '2504', '2487', '2544', '2509'), aliases: ['3060', 'ampere'] }),
  gpu({ id: 'rtx-3060-ti', name: 'GeForce RTX 3060 Ti', vendor: v, gb: 8, bw: 448, pci: nv('2486', '2489', '248e', '2414', '24c9'), aliases: ['3060ti', 'ampere'] }),
  gpu({ id: 'rtx-3070', name: 'GeForce RTX 3070', vendor: v, gb: 8, bw: 448, tflops: 40.6, pci: nv('2484', '2488', '248d', '24c8'), aliases: ['ampere'] }),
  gpu({ id: 'rtx-3070-ti', name: 'GeForce RTX 3070 Ti', vendor: v, gb: 8, bw: 608, pci: nv('2482'), aliases: ['3070ti', 'ampere'] }),
  gpu({ id: 'rtx-3080-10gb', name: 'GeForce RTX 3080 10GB', vendor: v, gb: 10, mib: 10240, bw: 760, tflops: 59.5, pci: nv('2206', '2216'), aliases: ['3080', 'ampere'] }),
  gpu({ id: 'rtx-3080-12gb', name: 'GeForce RTX 3080 12GB', vendor: v, gb: 12, bw: 912, pci: nv('220a'), aliases: ['3080', 'ampere'] }),
  gpu({ id: 'rtx-3080-ti', name: 'GeForce RTX 3080 Ti', vendor: v, gb: 12, bw: 912, pci: nv('2208'), aliases: ['3080ti', 'ampere'] }),
  gpu({ id: 'rtx-3090', name: 'GeForce RTX 3090', vendor: v, gb: 24, mib: 24576, bw: 936, tflops: 71, pci: nv('2204'), aliases: ['ampere'] }),
  gpu({ id: 'rtx-3090-ti', name: 'GeForce RTX 3090 Ti', vendor: v, gb: 24, bw: 1008, pci: nv('2203'), aliases: ['3090ti', 'ampere'] }),
  // GeForce RTX 40 (Ada).
  gpu({ id: 'rtx-4060', name: 'GeForce RTX 4060', vendor: v, gb: 8, mib: 8188, bw: 272, pci: nv('2882', '2808'), aliases: ['ada'], notes: adaNote }),
  gpu({ id: 'rtx-4060-ti-8gb', name: 'GeForce RTX 4060 Ti 8GB', vendor: v, gb: 8, mib: 8188, bw: 288, pci: nv('2803', '2788'), aliases: ['4060ti', 'ada'], notes: 'Device id 2788 (AD104-based) does not say the memory size; the reported total decides.' }),
  gpu({ id: 'rtx-4060-ti-16gb', name: 'GeForce RTX 4060 Ti 16GB', vendor: v, gb: 16, mib: 16380, bw: 288, pci: nv('2805', '2788'), aliases: ['4060ti', 'ada'], notes: adaNote }),
  gpu({ id: 'rtx-4070', name: 'GeForce RTX 4070', vendor: v, gb: 12, mib: 12282, bw: 504, pci: nv('2786', '2709'), aliases: ['ada'], notes: adaNote }),
  gpu({ id: 'rtx-4070-super', name: 'GeForce RTX 4070 SUPER', vendor: v, gb: 12, mib: 12282, bw: 504, pci: nv('2783'), aliases: ['ada'] }),
  gpu({ id: 'rtx-4070-ti', name: 'GeForce RTX 4070 Ti', vendor: v, gb: 12, mib: 12282, bw: 504, pci: nv('2782'), aliases: ['4070ti', 'ada'] }),
  gpu({ id: 'rtx-4070-ti-super', name: 'GeForce RTX 4070 Ti SUPER', vendor: v, gb: 16, mib: 16376, bw: 672, pci: nv('2705', '2689'), aliases: ['ada'] }),
  gpu({ id: 'rtx-4080', name: 'GeForce RTX 4080', vendor: v, gb: 16, mib: 16376, bw: 716.8, tflops: 97.5, pci: nv('2704'), aliases: ['ada'], notes: adaNote }),
  gpu({ id: 'rtx-4080-super', name: 'GeForce RTX 4080 SUPER', vendor: v, gb: 16, bw: 736, pci: nv('2702', '2703'), aliases: ['ada'] }),
  gpu({ id: 'rtx-4090', name: 'GeForce RTX 4090', vendor: v, gb: 24, mib: 24564, bw: 1008, tflops: 165.2, pci: nv('2684'), aliases: ['ada'], notes: adaNote }),
  gpu({ id: 'rtx-4090-d', name: 'GeForce RTX 4090 D', vendor: v, gb: 24, mib: 24564, bw: 1008, pci: nv('2685'), aliases: ['4090d', 'ada'], notes: 'China-market 4090 with fewer SMs; same memory.' }),
  // GeForce RTX 50 (Blackwell).
  gpu({ id: 'rtx-5060', name: 'GeForce RTX 5060', vendor: v, gb: 8, bw: 448, pci: nv('2d05', '2f06'), aliases: ['blackwell'] }),
  gpu({ id: 'rtx-5060-ti-16gb', name: 'GeForce RTX 5060 Ti 16GB', vendor: v, gb: 16, mib: 16311, bw: 448, pci: nv('2d04'), aliases: ['5060ti', 'blackwell'], notes: 'An 8 GB variant shares the device id.' }),
  gpu({ id: 'rtx-5070', name: 'GeForce RTX 5070', vendor: v, gb: 12, mib: 12227, bw: 672, pci: nv('2f04'), aliases: ['blackwell'] }),
  gpu({ id: 'rtx-5070-ti', name: 'GeForce RTX 5070 Ti', vendor: v, gb: 16, mib: 16303, bw: 896, pci: nv('2c05'), aliases: ['5070ti', 'blackwell'] }),
  gpu({ id: 'rtx-5080', name: 'GeForce RTX 5080', vendor: v, gb: 16, mib: 16303, bw: 960, pci: nv('2c02'), aliases: ['blackwell'] }),
  gpu({ id: 'rtx-5090', name: 'GeForce RTX 5090', vendor: v, gb: 32, mib: 32607, bw: 1792, pci: nv('2b85'), aliases: ['blackwell'] }),
  gpu({ id: 'rtx-5090-d', name: 'GeForce RTX 5090 D', vendor: v, gb: 32, bw: 1792, pci: nv('2b87', '2b8c'), aliases: ['5090d', 'blackwell'], notes: 'China-market 5090 (D and D V2); same memory system.' }),
  // Workstation.
  gpu({ id: 'rtx-a4000', name: 'RTX A4000', vendor: v, gb: 16, mib: 16376, bw: 448, tflops: 76.7, pci: nv('24b0'), aliases: ['a4000', 'ampere', 'quadro'] }),
  gpu({ id: 'rtx-a5000', name: 'RTX A5000', vendor: v, gb: 24, mib: 24564, bw: 768, tflops: 111.1, pci: nv('2231'), aliases: ['a5000', 'ampere', 'quadro'] }),
  gpu({ id: 'rtx-a6000', name: 'RTX A6000', vendor: v, gb: 48, mib: 49140, bw: 768, tflops: 154.8, pci: nv('2230'), aliases: ['a6000', 'ampere', 'quadro'] }),
  gpu({ id: 'rtx-6000-ada', name: 'RTX 6000 Ada Generation', vendor: v, gb: 48, mib: 49140, bw: 960, tflops: 364.2, pci: nv('26b1'), aliases: ['6000 ada', 'ada'] }),
  gpu({ id: 'rtx-pro-6000-blackwell', name: 'RTX PRO 6000 Blackwell', vendor: v, gb: 96, mib: 97887, bw: 1792, pci: nv('2bb1', '2bb4', '2bb5'), aliases: ['pro 6000', 'blackwell', 'workstation edition', 'server edition'], notes: 'Workstation, Max-Q and Server editions share the memory configuration.' }),
  // Datacentre.
  gpu({ id: 'tesla-t4', name: 'Tesla T4', vendor: v, gb: 16, mib: 15360, bw: 320, tflops: 65, pci: nv('1eb8'), aliases: ['t4', 'turing'], notes: 'Reports 15 GiB: 1 GiB is held back with ECC on.' }),
  gpu({ id: 'tesla-v100-pcie-16gb', name: 'Tesla V100 PCIe 16GB', vendor: v, gb: 16, mib: 16160, bw: 900, tflops: 112, pci: nv('1db4'), aliases: ['v100', 'volta', 'pcie'], notes: 'Most captures show 16160 MiB; some drivers report the full 16384 MiB.' }),
  gpu({ id: 'tesla-v100-sxm2-16gb', name: 'Tesla V100 SXM2 16GB', vendor: v, gb: 16, mib: 16160, bw: 900, tflops: 125, pci: nv('1db1', '1df5'), aliases: ['v100', 'volta', 'sxm2'] }),
  gpu({ id: 'tesla-v100-sxm2-32gb', name: 'Tesla V100 SXM2 32GB', vendor: v, gb: 32, mib: 32768, bw: 900, tflops: 125, pci: nv('1db5'), aliases: ['v100', 'volta', 'sxm2'] }),
  gpu({ id: 'a10', name: 'A10', vendor: v, gb: 24, mib: 23028, bw: 600, tflops: 125, pci: nv('2236'), aliases: ['ampere'], notes: 'Reports 23028 MiB with ECC on, 24564 MiB with ECC off.' }),
  gpu({ id: 'a10g', name: 'A10G', vendor: v, gb: 24, mib: 23028, bw: 600, tflops: null, pci: nv('2237'), aliases: ['aws', 'g5', 'ampere'], notes: 'AWS-only SKU (g5 instances); NVIDIA publishes no TFLOPS for it.' }),
  gpu({ id: 'a30', name: 'A30', vendor: v, gb: 24, bw: 933, tflops: 165, pci: nv('20b7'), aliases: ['ampere'] }),
  gpu({ id: 'a40', name: 'A40', vendor: v, gb: 48, mib: 46068, bw: 696, tflops: 149.7, pci: nv('2235'), aliases: ['ampere'] }),
  gpu({ id: 'a100-pcie-40gb', name: 'A100 PCIe 40GB', vendor: v, gb: 40, mib: 40960, bw: 1555, tflops: 312, pci: nv('20f1', '20b1'), aliases: ['a100', 'ampere', 'pcie'] }),
  gpu({ id: 'a100-sxm4-40gb', name: 'A100 SXM4 40GB', vendor: v, gb: 40, mib: 40960, bw: 1555, tflops: 312, pci: nv('20b0'), aliases: ['a100', 'ampere', 'sxm4'] }),
  gpu({ id: 'a100-pcie-80gb', name: 'A100 PCIe 80GB', vendor: v, gb: 80, mib: 81920, bw: 1935, tflops: 312, pci: nv('20b5'), aliases: ['a100', 'ampere', 'pcie'] }),
  gpu({ id: 'a100-sxm4-80gb', name: 'A100 SXM4 80GB', vendor: v, gb: 80, mib: 81920, bw: 2039, tflops: 312, pci: nv('20b2'), aliases: ['a100', 'ampere', 'sxm4'] }),
  gpu({ id: 'l4', name: 'L4', vendor: v, gb: 24, mib: 23034, bw: 300, tflops: 121, pci: nv('27b8'), aliases: ['ada'] }),
  gpu({ id: 'l40', name: 'L40', vendor: v, gb: 48, mib: 46068, bw: 864, tflops: 181, pci: nv('26b5'), aliases: ['ada'] }),
  gpu({ id: 'l40s', name: 'L40S', vendor: v, gb: 48, mib: 46068, bw: 864, tflops: 362, pci: nv('26b9'), aliases: ['ada'] }),
  gpu({ id: 'h100-pcie', name: 'H100 PCIe 80GB', vendor: v, gb: 80, mib: 81559, bw: 2000, tflops: 756, pci: nv('2331'), aliases: ['h100', 'hopper', 'pcie', 'hbm2e'] }),
  gpu({ id: 'h100-sxm', name: 'H100 SXM5 80GB', vendor: v, gb: 80, mib: 81559, bw: 3350, tflops: 989, pci: nv('2330'), aliases: ['h100', 'hopper', 'sxm', 'sxm5', 'hbm3'], notes: 'nvidia-smi calls it "NVIDIA H100 80GB HBM3".' }),
  gpu({ id: 'h100-nvl', name: 'H100 NVL', vendor: v, gb: 94, mib: 95830, bw: 3900, tflops: 835, pci: nv('2321'), aliases: ['h100', 'hopper'] }),
  gpu({ id: 'h200', name: 'H200 SXM 141GB', vendor: v, gb: 141, mib: 143771, bw: 4800, tflops: 989, pci: nv('2335'), aliases: ['h200', 'hopper', 'sxm', 'hbm3e'] }),
  gpu({ id: 'h200-nvl', name: 'H200 NVL', vendor: v, gb: 141, mib: 143771, bw: 4800, tflops: 835, pci: nv('233b'), aliases: ['h200', 'hopper'] }),
  gpu({ id: 'gh200', name: 'GH200 Grace Hopper 96GB', vendor: v, gb: 96, bw: 4000, tflops: 989, pci: nv('2342'), aliases: ['grace hopper', 'gh200 480gb', 'hopper'], notes: 'nvidia-smi shows "NVIDIA GH200 480GB": 480 GB is the Grace LPDDR5X reachable over NVLink-C2C, not GPU memory; the GPU has 96 GB HBM3.' }),
  gpu({ id: 'gh200-144gb', name: 'GH200 Grace Hopper 144GB HBM3e', vendor: v, gb: 144, bw: 4900, tflops: 989, pci: nv('2348'), aliases: ['grace hopper', 'hopper', 'hbm3e'], notes: 'HBM3e variant of GH200; the Grace LPDDR5X is extra, not GPU memory.' }),
  gpu({ id: 'b200', name: 'B200', vendor: v, gb: 180, mib: 183359, bw: 8000, tflops: 2250, pci: nv('2901'), aliases: ['blackwell', 'hgx', 'dgx'], notes: 'TFLOPS derived from the DGX B200 system figure (8 GPUs). Early announcements said 192 GB.' }),
  // Unified-memory desktop.
  gpu({ id: 'dgx-spark', name: 'DGX Spark (GB10)', vendor: v, kind: 'unified', gb: 128, bw: 273, pci: nv('2e12'), aliases: ['gb10', 'grace blackwell', 'spark'], notes: '128 GB LPDDR5x shared with the CPU; nvidia-smi reports no dedicated memory total.' }),
];
