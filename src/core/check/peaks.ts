// The live watch's peak per GPU kept as a run: each GPU's highest used memory (whole GPU, as the monitor
// shows it: driver context, desktop and other programs included) against what the plan says that monitor
// should show on it. Kept runs of this kind are the "total" rows B's calibration learns the per-GPU
// overhead from (src/core/calibration/learn.ts); a start-up log never shows the driver context.

import type { ComparisonLike } from '../calibration/index';
import { componentRow } from '../measured/compare-rows';
import type { ComponentComparison } from '../measured/index';
import type { PlannedGpu } from './runtimes';

export interface WatchPeak {
  index: number;
  name: string;
  usedBytes: number;
}

export interface PeakComparison extends ComparisonLike {
  runtime: 'watch';
  source: 'watch-peak';
  components: ComponentComparison[];
  notes: string[];
}

/** The device name a peak is kept under: nvidia-smi's / rocm-smi's GPU number, as the readings use it. */
export const peakDevice = (index: number) => `GPU${index}`;

/**
 * Peaks of the GPUs the plan uses; null when the plan uses none of the watched GPUs. The watch samples
 * whole MiB (nvidia-smi) or bytes (rocm-smi), so a MiB of rounding is allowed beside the band.
 */
export function comparePeaks(peaks: readonly WatchPeak[], planned: readonly PlannedGpu[], bandRelative: number): PeakComparison | null {
  const components: ComponentComparison[] = [];
  const names: string[] = [];
  for (const p of peaks) {
    const plan = planned.find((g) => g.index === p.index);
    if (!plan) continue;
    components.push(componentRow('total', peakDevice(p.index), plan.monitorBytes, p.usedBytes, bandRelative, 2 ** 20));
    names.push(`${peakDevice(p.index)} = ${p.name}`);
  }
  if (components.length === 0) return null;
  return {
    runtime: 'watch',
    source: 'watch-peak',
    settings: { peaks: peaks.map((p) => ({ ...p })) },
    components,
    speed: [],
    notes: [
      `Peak of the live watch against the plan's total on each GPU (${names.join(', ')}); the peak includes the desktop and other programs.`,
    ],
  };
}
