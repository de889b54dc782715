// Verdict for a per-GPU training total: every GPU in the data-parallel group holds the same total, so
// the smallest free memory among the GPUs used decides. The tight margin matches the inference advisor's 5 %.

import type { PlanningHardware, Verdict } from '../advice/types';
import type { TrainingEstimate } from './types';

const TIGHT_MARGIN = 0.05;

export function verdictFor(
  perGpu: number,
  gpus: number,
  hardware: PlanningHardware | undefined,
): { verdict: Verdict | null; devices: TrainingEstimate['devices'] } {
  const used = (hardware?.devices ?? []).slice(0, Math.max(1, gpus));
  if (used.length === 0) return { verdict: hardware ? 'no-fit' : null, devices: [] };
  const devices = used.map((d) => {
    const taken = d.usedBytes ?? 0;
    return { name: d.name, totalBytes: d.totalBytes, usedBytes: perGpu, freeBytes: d.totalBytes - taken - perGpu };
  });
  // Fewer GPUs than the plan trains on cannot run it.
  if (used.length < gpus) return { verdict: 'no-fit', devices };
  const worst = Math.min(...used.map((d) => d.totalBytes - (d.usedBytes ?? 0)));
  const verdict: Verdict = perGpu > worst ? 'no-fit' : perGpu > worst * (1 - TIGHT_MARGIN) ? 'tight' : 'fits';
  return { verdict, devices };
}
