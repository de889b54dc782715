// The Capacity section as part of the plan document: what the Serve view computed, kept as plain data on the
// Plan (it crosses IPC to main for the Markdown and PDF exports, so the replica model's functions stay
// behind), and the section function document.ts runs with the plan's other sections.

import type { CapacityPlan } from '../capacity/index';
import { capacityBlocks } from './capacity-section';
import type { Block, Ctx } from './document-blocks';
import type { ServeRecipe } from './recipes-serve';

/** A capacity plan without its replica model (functions), as the plan document stores it. */
export type CapacitySnapshot = Omit<CapacityPlan, 'model'>;

export interface PlanCapacity {
  result: CapacitySnapshot;
  recipes: ServeRecipe[];
  /** Names as the Serve view shows them (model, catalog GPU). */
  names: { model: string; gpu: string };
}

export function planCapacity(p: CapacityPlan, recipes: ServeRecipe[], names: PlanCapacity['names']): PlanCapacity {
  const { model: _model, ...result } = p;
  return { result, recipes, names };
}

/** The Capacity section: only when the user set a serving workload (the Serve view attaches it). */
export function sectionCapacity(x: Ctx): Block[] {
  const c = x.plan.capacity;
  return c ? capacityBlocks(c.result, c.recipes, x.locale, c.names) : [];
}
