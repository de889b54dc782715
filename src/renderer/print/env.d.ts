import type { Plan, PlanRenderOptions } from '$core/plan/types';

declare global {
  interface Window {
    /** Renders a plan for printing; resolves once the bundled fonts are loaded and laid out. */
    __renderPlan?: (plan: Plan, opts: PlanRenderOptions) => Promise<void>;
    /** Set after the module has installed __renderPlan (the print driver waits for it). */
    __printReady?: boolean;
  }
}
export {};
