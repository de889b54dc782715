// NVIDIA boards, one file per segment: GeForce (Pascal–Ada, and RTX 50), workstation, data centre
// (Tesla Pascal–Turing, Ampere/Ada, Hopper/Blackwell), and unified-memory machines (Jetson, DGX Spark).

import type { GpuCatalogRecord } from './build';
import { NVIDIA_DATACENTER_GPUS } from './nvidia-datacenter';
import { NVIDIA_EDGE_GPUS } from './nvidia-edge';
import { NVIDIA_GEFORCE_GPUS } from './nvidia-geforce';
import { NVIDIA_GEFORCE_50_GPUS } from './nvidia-geforce-50';
import { NVIDIA_HOPPER_BLACKWELL_GPUS } from './nvidia-hopper-blackwell';
import { NVIDIA_TESLA_GPUS } from './nvidia-tesla';
import { NVIDIA_WORKSTATION_GPUS } from './nvidia-workstation';

// GeForce first, then professional, data-centre and unified boards: search results keep this order.
export const NVIDIA_GPUS: GpuCatalogRecord[] = [
  ...NVIDIA_GEFORCE_GPUS,
  ...NVIDIA_GEFORCE_50_GPUS,
  ...NVIDIA_WORKSTATION_GPUS,
  ...NVIDIA_TESLA_GPUS,
  ...NVIDIA_DATACENTER_GPUS,
  ...NVIDIA_HOPPER_BLACKWELL_GPUS,
  ...NVIDIA_EDGE_GPUS,
];
