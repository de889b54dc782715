// The training part of the exported plan: what Fine-tune mode shows, with the recipes for its settings.

import { planTraining, type PlanTraining } from '$core/plan/train-plan';
import { currentTraining, train } from './train-state.svelte';

/** Null in inference mode, or when the estimate failed (the plan then stays an inference plan). */
export function trainingForPlan(hfRepo: string | null, name: string): PlanTraining | null {
  if (train.mode !== 'train') return null;
  const estimate = currentTraining()?.estimate;
  return estimate ? planTraining(estimate, { hfRepo, name }) : null;
}
