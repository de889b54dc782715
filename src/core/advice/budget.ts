// Usable memory per device. Dedicated GPUs: what the driver reports minus what other processes hold
// (when the user keeps "use free memory now" on) minus the runtime's reserve. Apple Silicon and other
// unified machines: the GPU may only wire a share of RAM (macOS recommendedMaxWorkingSetSize), which the
// user can raise with `sysctl iogpu.wired_limit_mb`. Integrated GPUs borrow system RAM.

import { GiB } from '../units';
import type { Runtime } from '../estimate/types';
import type { BudgetBasis, PlanningDevice, PlanningHardware } from './types';

/**
 * macOS's default GPU working-set limit: 2/3 of RAM on machines up to 32 GiB, 3/4 above (Metal's
 * recommendedMaxWorkingSetSize as llama.cpp logs it: 16 GiB → 10.67 GiB, 36 GiB → 27 GiB, 64 GiB → 48 GiB).
 */
export function defaultUnifiedShare(ramBytes: number): number {
  return ramBytes > 32 * GiB ? 0.75 : 2 / 3;
}

export interface DeviceBudget {
  device: PlanningDevice;
  /** Bytes the model may use on the device after in-use memory and the runtime reserve. */
  capacityBytes: number;
  basis: BudgetBasis;
}

export interface BudgetOptions {
  runtime: Runtime;
  useFreeMemory: boolean;
  /** Per-GPU reserve of the runtime (Estimate.overheadPerGpu.bytes). */
  reserveBytes: number;
  unifiedShare?: number;
  /** vLLM's gpu_memory_utilization. */
  gpuMemoryUtilization?: number;
}

/** Hardware facts arrive from probes and forms: anything not a finite positive number counts as 0. */
export function bytesOrZero(x: number | null | undefined): number {
  return typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0;
}

export function deviceBudget(device: PlanningDevice, hw: PlanningHardware, opts: BudgetOptions): DeviceBudget {
  const inUse = opts.useFreeMemory && device.usedBytes != null ? bytesOrZero(device.usedBytes) : 0;
  const reserve = bytesOrZero(opts.reserveBytes);
  let total = bytesOrZero(device.totalBytes);
  let kind: BudgetBasis['kind'] = 'vram';
  let unifiedShare: number | undefined;
  let usableBeforeRuntime: number;

  if (device.kind === 'unified') {
    kind = 'working-set';
    // Order: the user's own share, then the limit the OS reported, then macOS's default share.
    const reported = device.workingSetBytes != null && device.workingSetBytes > 0 && total > 0 ? device.workingSetBytes / total : null;
    unifiedShare = clampShare(opts.unifiedShare ?? reported ?? defaultUnifiedShare(total));
    usableBeforeRuntime = Math.min(total * unifiedShare, total - inUse);
  } else if (device.kind === 'shared') {
    // An iGPU's "memory" is system RAM: it can never exceed what RAM has free right now.
    kind = 'shared-ram';
    const ramCap = opts.useFreeMemory && hw.ramAvailableBytes != null ? bytesOrZero(hw.ramAvailableBytes) : bytesOrZero(hw.ramBytes);
    total = Math.min(total, ramCap);
    usableBeforeRuntime = total - (opts.useFreeMemory && hw.ramAvailableBytes != null ? 0 : inUse);
  } else {
    usableBeforeRuntime = total - inUse;
  }

  let utilization: number | undefined;
  if (opts.runtime === 'vllm' || opts.runtime === 'sglang') {
    // vLLM claims utilization × total and refuses to start when that is more than is free.
    const u = opts.gpuMemoryUtilization;
    utilization = typeof u === 'number' && Number.isFinite(u) && u > 0 && u <= 1 ? u : 0.9;
    const ceiling = device.kind === 'unified' ? usableBeforeRuntime : total * utilization;
    usableBeforeRuntime = Math.min(ceiling, usableBeforeRuntime);
  }

  const capacityBytes = Math.max(0, Math.floor(usableBeforeRuntime - reserve));
  const basis: BudgetBasis = { kind, totalBytes: bytesOrZero(device.totalBytes), inUseBytes: inUse, reserveBytes: reserve };
  if (unifiedShare !== undefined) basis.unifiedShare = unifiedShare;
  if (utilization !== undefined) basis.utilization = utilization;
  return { device, capacityBytes, basis };
}

function clampShare(share: number): number {
  if (!Number.isFinite(share)) return 2 / 3;
  return Math.min(1, Math.max(0.05, share));
}

/**
 * RAM the CPU part of a plan may use: available RAM (or total when unknown / not counting free memory),
 * minus what unified or shared GPUs take from the same pool.
 */
export function ramBudget(hw: PlanningHardware, useFreeMemory: boolean, ramTakenByGpus: number): number {
  const base = useFreeMemory && hw.ramAvailableBytes != null ? bytesOrZero(hw.ramAvailableBytes) : bytesOrZero(hw.ramBytes);
  return Math.max(0, base - bytesOrZero(ramTakenByGpus));
}
