// NVIDIA boards: GeForce (nvidia-geforce.ts) and workstation and data-centre cards (nvidia-pro.ts).

import type { GpuCatalogRecord } from './build';
import { NVIDIA_GEFORCE_GPUS } from './nvidia-geforce';
import { NVIDIA_PRO_GPUS } from './nvidia-pro';

// One list, GeForce first, in the order the catalog has always listed them.
export const NVIDIA_GPUS: GpuCatalogRecord[] = [...NVIDIA_GEFORCE_GPUS, ...NVIDIA_PRO_GPUS];
