// The fit advisor: usable budgets, placement across devices, verdict, max context, remedies, speed.
// Pure and synchronous; advise() is meant to run on every slider move.

import { estimate } from '../estimate';
import type { EstimateSettings, ModelInput } from '../estimate/types';
import { adviseWith, maxContextByQuantWith, maxContextWith } from './advise';
import type { Advice, AdviseOptions, PlanningHardware } from './types';

export type * from './types';
export { defaultUnifiedShare, deviceBudget, ramBudget } from './budget';
export { evaluate, DEFAULT_TIGHT_MARGIN } from './evaluate';
export { SPEED_CALIBRATION, predictSpeed, fp16AccumulateFactor } from './speed';
export type { SpeedCalibration, SpeedInputs, SpeedSegment, SpeedPrediction } from './speed';
export { batchedDecode, type BatchedDecode } from './speed-batch';
export { batchedSpeedFor, speedInputsFor } from './speed-plan';
export { adviseWith, maxContextWith, maxContextByQuantWith, nextLowerQuant } from './advise';
export type { Estimator } from './advise';
export { planningHardwareFromHardware, planningDeviceFromCatalog, planningHardwareFromCatalog } from './hardware';
export type { CatalogLookups } from './hardware';

export function advise(input: ModelInput, settings: EstimateSettings, hw: PlanningHardware, opts: AdviseOptions = {}): Advice {
  return adviseWith(estimate, input, settings, hw, opts);
}

/** Largest context per sequence that keeps every layer on the GPUs; null when none does. */
export function maxContextThatFits(
  input: ModelInput,
  settings: EstimateSettings,
  hw: PlanningHardware,
  opts: AdviseOptions = {},
): number | null {
  return maxContextWith(estimate, input, settings, hw, opts);
}

/** Max context for each quantisation (the "which quant, how much context" table). */
export function maxContextByQuant(
  input: ModelInput,
  settings: EstimateSettings,
  hw: PlanningHardware,
  quants: string[],
  opts: AdviseOptions = {},
): Array<{ quant: string; maxContext: number | null }> {
  return maxContextByQuantWith(estimate, input, settings, hw, quants, opts);
}
