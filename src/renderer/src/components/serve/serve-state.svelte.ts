// The Serve view's state: the deployment, the workload and the user's edits to the dated price table, all
// saved with the workspace. Model, quant and GPUs are the planner's, so Serve plans what Compare shows.
// Results are derived with core's capacity(), never stored.

import { capacity, type CapacityPlan, type GpuPrice, type PriceTable } from '$core/capacity';
import { planCapacity, type PlanCapacity } from '$core/plan/capacity-plan';
import { serveRecipes, type ServeRecipe } from '$core/plan/recipes-serve';
import {
  applyPriceEdits,
  countPriceEdits,
  defaultWorkspaceServe,
  type PriceEdits,
  type ServeSettings,
  type WorkspaceServe,
} from '$core/workspace/workspace-serve';
import { currentModel, planner, planningHardware } from '../../lib/planner.svelte';
import { serveGpu, serveInput } from '$core/workspace/serve-input';

const state = $state(defaultWorkspaceServe());
// Plain getters over the reactive edits: whoever reads them re-runs when an edit lands.
const prices = {
  get table(): PriceTable {
    return applyPriceEdits(state.prices);
  },
  get edited(): number {
    return countPriceEdits(state.prices);
  },
};

/** Serve state, for reading; change it through the functions below. */
export const serve: { readonly inPlan: boolean; readonly settings: Readonly<ServeSettings> } = state;
/** The price table in effect (built-in defaults under the user's edits) and how many fields are edited. */
export const servePrices: { readonly table: PriceTable; readonly edited: number } = prices;

/** An edit sets a serving workload: from then on the plan carries the Capacity section. */
export function updateServe(patch: Partial<ServeSettings>): void {
  state.settings = { ...state.settings, ...patch };
  state.inPlan = true;
}

export function setServeInPlan(on: boolean): void {
  state.inPlan = on;
}

export function setPrice(gpuId: string, patch: Partial<GpuPrice>): void {
  const row = { ...state.prices.gpus[gpuId], ...patch };
  state.prices = { ...state.prices, gpus: { ...state.prices.gpus, [gpuId]: row } };
}

export function setPriceTable(patch: Partial<Pick<PriceEdits, 'electricityUsdPerKwh' | 'amortisationYears'>>): void {
  state.prices = { ...state.prices, ...patch };
}

/** Back to the built-in, dated table: the user's edits are forgotten (and the saved workspace follows). */
export function resetPrices(): void {
  state.prices = { gpus: {} };
}

export function serveSnapshot(): WorkspaceServe {
  return { inPlan: state.inPlan, settings: { ...state.settings }, prices: $state.snapshot(state.prices) };
}

export function restoreServeInto(ws: WorkspaceServe | undefined): void {
  if (!ws) return;
  state.inPlan = ws.inPlan;
  state.settings = { ...ws.settings };
  state.prices = structuredClone(ws.prices ?? { gpus: {} });
}

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
  if (!state.inPlan) return null;
  const r = computeServe(state.settings, applyPriceEdits(state.prices), true);
  return r.kind === 'ok' ? planCapacity(r.plan, r.recipes, r.names) : null;
}
