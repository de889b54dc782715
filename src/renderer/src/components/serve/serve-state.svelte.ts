// The Serve view's state: the deployment and workload (saved with the workspace) and the user's price
// table (this session; its defaults are core's dated table). Model, quant and GPUs are the planner's, so
// Serve plans what Compare shows. Results are derived with core's capacity(), never stored.

import { capacity, DEFAULT_PRICES, type CapacityPlan, type PriceTable } from '$core/capacity';
import { planCapacity, type PlanCapacity } from '$core/plan/capacity-plan';
import { serveRecipes, type ServeRecipe } from '$core/plan/recipes-serve';
import { defaultWorkspaceServe, type ServeSettings, type WorkspaceServe } from '$core/workspace/workspace-serve';
import { currentModel, planner, planningHardware } from '../../lib/planner.svelte';
import { serveGpu, serveInput } from '$core/workspace/serve-input';

const state = $state(defaultWorkspaceServe());
const prices = $state({ table: structuredClone(DEFAULT_PRICES) as PriceTable });

/** Serve state, for reading; change it through the functions below. */
export const serve: { readonly inPlan: boolean; readonly settings: Readonly<ServeSettings> } = state;
export const servePrices: { readonly table: PriceTable } = prices;

/** An edit sets a serving workload: from then on the plan carries the Capacity section. */
export function updateServe(patch: Partial<ServeSettings>): void {
  state.settings = { ...state.settings, ...patch };
  state.inPlan = true;
}

export function setServeInPlan(on: boolean): void {
  state.inPlan = on;
}

export function setPrice(gpuId: string, patch: Partial<PriceTable['gpus'][string]>): void {
  const row = prices.table.gpus[gpuId] ?? { boardPowerW: 0, priceUsd: null, cloudUsdPerHour: null };
  prices.table = { ...prices.table, gpus: { ...prices.table.gpus, [gpuId]: { ...row, ...patch } } };
}

export function setPriceTable(patch: Partial<Pick<PriceTable, 'electricityUsdPerKwh' | 'amortisationYears'>>): void {
  prices.table = { ...prices.table, ...patch };
}

export function resetPrices(): void {
  prices.table = structuredClone(DEFAULT_PRICES);
}

export function serveSnapshot(): WorkspaceServe {
  return { inPlan: state.inPlan, settings: { ...state.settings } };
}

export function restoreServeInto(ws: WorkspaceServe | undefined): void {
  if (!ws) return;
  state.inPlan = ws.inPlan;
  state.settings = { ...ws.settings };
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
  const r = computeServe(state.settings, prices.table, true);
  return r.kind === 'ok' ? planCapacity(r.plan, r.recipes, r.names) : null;
}
