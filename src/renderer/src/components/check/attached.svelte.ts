// The run the user attached to the plan in the Check view. Shared state so the Plan view's preview and
// exports carry the appendix "Planned vs measured"; it lasts for the session, not across restarts.

import type { MeasuredRun } from '$core/plan/appendix';

const state = $state({ run: null as MeasuredRun | null });

export function attachedRun(): MeasuredRun | null {
  return state.run;
}

export function attachRun(run: MeasuredRun | null): void {
  // A plain copy: the Plan crosses IPC as structured data and must not carry Svelte proxies.
  state.run = run ? (JSON.parse(JSON.stringify(run)) as MeasuredRun) : null;
}
