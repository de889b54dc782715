// The training part of a plan: the estimate the Fine-tune mode showed and the recipes that reproduce
// its settings. Carried on Plan.training only when the plan was made in fine-tune mode.

import type { TrainingEstimate } from '../train/types';
import { buildTrainRecipes, type TrainRecipe, type TrainRecipeModel } from './train-recipes';

export interface PlanTraining {
  estimate: TrainingEstimate;
  recipes: TrainRecipe[];
}

export function planTraining(estimate: TrainingEstimate, model: TrainRecipeModel): PlanTraining {
  return { estimate, recipes: buildTrainRecipes(estimate.settings, model) };
}

/** The GPU the verdict is about: the fullest one (data parallel puts the same figures on each). */
export function tightestDevice(estimate: TrainingEstimate): TrainingEstimate['devices'][number] | null {
  let best: TrainingEstimate['devices'][number] | null = null;
  for (const d of estimate.devices) if (!best || d.freeBytes < best.freeBytes) best = d;
  return best;
}
