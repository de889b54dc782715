// The Serve view's state: the deployment, the workload and the user's edits to the dated price table, all
// saved with the workspace. Model, quant and GPUs are the planner's, so Serve plans what Compare shows.
// Results are derived with core's capacity() (serve-compute.ts), never stored. This module holds no
// computation, so the workspace can save and restore it without loading the capacity model at start-up.

import type { GpuPrice, PriceTable } from '$core/capacity';
import {
  applyPriceEdits,
  countPriceEdits,
  defaultWorkspaceServe,
  type PriceEdits,
  type ServeSettings,
  type WorkspaceServe,
} from '$core/workspace/workspace-serve';

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
