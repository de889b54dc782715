// The training part of the exported plan: what Fine-tune mode shows, with the recipes for its settings.

import { planTraining, type PlanTraining } from '$core/plan/train-plan';
import { tt } from './text';
import { currentTraining, train } from './train-state.svelte';

/** Null in inference mode, or when the estimate failed (the plan then stays an inference plan). */
export function trainingForPlan(hfRepo: string | null, name: string): PlanTraining | null {
  if (train.mode !== 'train') return null;
  const estimate = currentTraining()?.estimate;
  return estimate ? planTraining(estimate, { hfRepo, name }) : null;
}

/** The planning line's subject in a fine-tune plan: the method (e.g. "QLoRA (4-bit base)"); null otherwise. */
export function planTrainingLabel(plan: { training?: PlanTraining } | null): string | null {
  return plan?.training ? tt(`train.method.${plan.training.estimate.settings.method}`) : null;
}
