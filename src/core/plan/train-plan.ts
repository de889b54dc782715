// The training part of a plan: the estimate the Fine-tune mode showed and the recipes that reproduce
// its settings. Carried on Plan.training only when the plan was made in fine-tune mode.

import type { TrainComponentKey, TrainingEstimate } from '../train/types';
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

type Peak = { phase: 'forward' | 'backward'; formula: string };

/** When the step peaks (forward: activations and logits live; backward: gradients), if core says. */
export function trainingPeak(estimate: TrainingEstimate): Peak | null {
  return (estimate as TrainingEstimate & { peak?: Peak }).peak ?? null;
}

/**
 * What one GPU holds at the step's peak, component by component, summing to the estimate's total.
 * Each component's own peak is in `bytes`, but they do not all peak together (saved activations are
 * freed while gradients grow), so the bar takes the peak phase's components first and clips the last
 * one that fits under the total; the rest are not resident at that moment.
 */
export function peakSegments(estimate: TrainingEstimate): Array<{ key: TrainComponentKey; bytes: number }> {
  const fixed: TrainComponentKey[] = ['weights', 'optimizer', 'overhead'];
  const phase: TrainComponentKey[] =
    trainingPeak(estimate)?.phase === 'backward' ? ['gradients', 'activations', 'logits'] : ['activations', 'logits', 'gradients'];
  let left = estimate.bytes.total;
  const out: Array<{ key: TrainComponentKey; bytes: number }> = [];
  for (const key of [...fixed, ...phase]) {
    const bytes = Math.max(0, Math.min(estimate.bytes[key], left));
    left -= bytes;
    out.push({ key, bytes });
  }
  return out;
}
