// Fine-tune mode's state: which mode Compare shows and the training settings. Model and hardware are the
// planner's (lib/planner.svelte.ts), so both modes plan the same model on the same GPUs. The estimate is
// derived from core's estimateTraining, never stored.

import { defaultTrainingSettings, estimateTraining } from '$core/train';
import type { LoraSettings, TrainingEstimate, TrainingSettings, TrainRemedy } from '$core/train/types';
import { defaultWorkspaceTraining, type CompareMode, type WorkspaceTraining } from '$core/workspace/workspace-train';
import { currentModel, planningHardware } from '../../lib/planner.svelte';

const state = $state(defaultWorkspaceTraining());

/** Fine-tune state, for reading; change it through the functions below. */
export const train: { readonly mode: CompareMode; readonly settings: Readonly<TrainingSettings> } = state;

export function setCompareMode(mode: CompareMode): void {
  state.mode = mode;
}

export function updateTraining(patch: Partial<TrainingSettings>): void {
  state.settings = { ...state.settings, ...patch };
}

/**
 * Switches method or trainer the way core's defaults say: fields whose default differs between the old
 * and the new choice (Unsloth's chunked loss, say) take the new default; everything else the user set stays.
 */
export function switchDefaults(patch: Pick<TrainingSettings, 'method' | 'runtime'>): void {
  const before = defaultTrainingSettings(state.settings.method, state.settings.runtime);
  const after = defaultTrainingSettings(patch.method, patch.runtime);
  const next: Record<string, unknown> = { ...state.settings };
  for (const key of Object.keys(after) as (keyof TrainingSettings)[])
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) next[key] = after[key];
  state.settings = next as unknown as TrainingSettings;
}

export function updateLora(patch: Partial<LoraSettings>): void {
  state.settings = { ...state.settings, lora: { ...state.settings.lora, ...patch } };
}

/** The settings as estimated: the GPU count is the planned hardware's, so the two cannot disagree. */
export function effectiveTrainingSettings(gpuCount: number): TrainingSettings {
  return { ...state.settings, gpus: Math.max(1, gpuCount) };
}

export interface TrainingResult {
  estimate: TrainingEstimate | null;
  error: string | null;
}

/** The estimate for the planner's model and hardware; null without a model. */
export function currentTraining(): TrainingResult | null {
  const model = currentModel();
  if (!model) return null;
  const hw = planningHardware() ?? undefined;
  try {
    return { estimate: estimateTraining(model.input.spec, effectiveTrainingSettings(hw?.devices.length ?? 1), hw), error: null };
  } catch (e) {
    return { estimate: null, error: e instanceof Error ? e.message : String(e) };
  }
}

export const trainUndo = $state({ last: null as { label: string; settings: TrainingSettings } | null });

/** Applies a remedy core re-checked: its settings replace the current ones (one click back with undo). */
export function applyTrainingRemedy(r: TrainRemedy, label: string): void {
  trainUndo.last = { label, settings: { ...state.settings } };
  // The GPU count stays the hardware's: a remedy never adds GPUs here.
  state.settings = { ...r.settings, gpus: state.settings.gpus };
}

export function undoTrainingRemedy(): void {
  if (!trainUndo.last) return;
  state.settings = trainUndo.last.settings;
  trainUndo.last = null;
}

export function trainingSnapshot(): WorkspaceTraining {
  return { mode: state.mode, settings: JSON.parse(JSON.stringify(state.settings)) as TrainingSettings };
}

export function restoreTrainingInto(ws: WorkspaceTraining | undefined): void {
  if (!ws) return;
  state.mode = ws.mode;
  state.settings = ws.settings;
}
