// The largest context that fits: an exact bisection over estimate(), since every byte term is monotone
// in the context length.

import type { EstimateSettings, ModelInput } from '../estimate/types';
import type { Estimator } from './advise';
import { evaluate } from './evaluate';
import type { AdviseOptions, PlanningHardware, Verdict } from './types';

/** Lowest context the search tries. */
const MIN_CONTEXT = 256;

/** A context "fits" when every layer is on the GPUs or, on a machine planned without GPUs, in RAM. */
function fitsOnGpu(v: Verdict, cpuOnly = false): boolean {
  return v === 'fits' || v === 'tight' || (cpuOnly && v === 'cpu');
}

/**
 * Largest context (tokens per sequence) whose estimate fits on the GPUs (verdict fits or tight), by
 * bisection over estimate(); null when even MIN_CONTEXT does not fit. Capped at the model's maximum.
 */
export function maxContextWith(
  estimator: Estimator,
  input: ModelInput,
  settings: EstimateSettings,
  hw: PlanningHardware,
  opts: AdviseOptions = {},
): number | null {
  const modelMax = input.spec.maxContext > 0 ? input.spec.maxContext : 1 << 20;
  const hi0 = Math.max(MIN_CONTEXT, modelMax);
  const ok = (ctx: number): boolean => {
    try {
      return fitsOnGpu(evaluate(estimator(input, { ...settings, context: ctx }), hw, opts).verdict, hw.devices.length === 0);
    } catch {
      return false;
    }
  };
  const lo0 = Math.min(MIN_CONTEXT, hi0);
  if (!ok(lo0)) return null;
  if (ok(hi0)) return hi0;
  let lo = lo0;
  let hi = hi0 - 1;
  while (lo < hi) {
    const mid = lo + Math.ceil((hi - lo) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function maxContextByQuantWith(
  estimator: Estimator,
  input: ModelInput,
  settings: EstimateSettings,
  hw: PlanningHardware,
  quants: string[],
  opts: AdviseOptions = {},
): Array<{ quant: string; maxContext: number | null }> {
  return quants.map((quant) => {
    try {
      return { quant, maxContext: maxContextWith(estimator, input, { ...settings, quant }, hw, opts) };
    } catch {
      return { quant, maxContext: null };
    }
  });
}
