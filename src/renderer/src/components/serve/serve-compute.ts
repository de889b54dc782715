// The Serve view's results: core's capacity() on the planner's model and GPUs under the Serve settings, and
// the plan's Capacity section. Apart from serve-state so that only the views that show them load the model.

import { capacity, type CapacityPlan, type PriceTable } from '$core/capacity';
import { planCapacity, type PlanCapacity } from '$core/plan/capacity-plan';
import { serveRecipes, type ServeRecipe } from '$core/plan/recipes-serve';
import type { ServeSettings } from '$core/workspace/workspace-serve';
import { serveGpu, serveInput } from '$core/workspace/serve-input';
import { currentModel, planner, planningHardware } from '../../lib/planner.svelte';
import { serve, servePrices } from './serve-state.svelte';

export type ServeResult =
  | { kind: 'no-model' }
  | { kind: 'no-gpu' }
  | { kind: 'error'; message: string }
  | { kind: 'ok'; plan: CapacityPlan; recipes: ServeRecipe[]; names: { model: string; gpu: string } };

/** Capacity of the planner's model on its catalog GPUs under the Serve settings (layouts: the comparison table). */
export function computeServe(settings: ServeSettings, table: PriceTable, layouts: boolean): ServeResult {
  const model = currentModel();
  if (!model) return { kind: 'no-model' };
  const hw = serveGpu(planningHardware()?.devices ?? []);
  if (!hw) return { kind: 'no-gpu' };
  try {
    const input = serveInput(model.input, planner.settings, settings, hw, { bits: planner.selectedBits, quant: planner.selectedQuant });
    const plan = capacity({ ...input, prices: table, layouts });
    // As the CLI names it: the Hugging Face repo, and for llama-server a GGUF file named after it.
    const repo = model.catalog?.hfRepo ?? model.name;
    const recipes = serveRecipes(plan, { modelId: settings.runtime === 'llama.cpp' ? `${repo}.gguf` : repo, gpu: hw.gpu });
    return { kind: 'ok', plan, recipes, names: { model: model.name, gpu: hw.gpu.name } };
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}

/** The Capacity section for the plan, when the user set a serving workload and it can be planned. */
export function capacityForPlan(): PlanCapacity | null {
  if (!serve.inPlan) return null;
  const r = computeServe(serve.settings, servePrices.table, true);
  return r.kind === 'ok' ? planCapacity(r.plan, r.recipes, r.names) : null;
}
