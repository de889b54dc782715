// Keeps the workspace across restarts: restores it once at start (field by field, through core's
// restoreWorkspace) and then saves every change, debounced, through main's atomic store.

import { restoreWorkspace } from '$core/workspace/workspace';
import type { Api } from '$shared/ipc-contract';
import { unwrap } from './api';
import { t } from './i18n.svelte';
import { nav } from './nav.svelte';
import { restoreInto, workspaceSnapshot, type ImportedModelChoice } from './planner.svelte';
import { findUserModel, loadUserLibrary } from './user-library.svelte';
import { loadEvidence } from './evidence.svelte';
import { restoreTrainingInto, trainingSnapshot } from '../components/train/train-state.svelte';
import { restoreServeInto, serveSnapshot } from '../components/serve/serve-state.svelte';
import { multiSnapshot, restoreMultiInto } from './workspace-multi.svelte';

const SAVE_DELAY_MS = 300;

function keptChoice(id: string): ImportedModelChoice | null {
  const m = findUserModel(id);
  return m ? { id: m.id, name: m.name, input: m.input, source: m.files[0] ?? m.name } : null;
}

export interface WorkspaceStart {
  /** Sentences about anything that could not be restored (damaged file, dropped fields, a model gone). */
  problems: string[];
}

/** Each restorable part as text, to tell whether the user changed it while the saved workspace loaded. */
function startParts(): { planner: string; training: string; serve: string; multi: string } {
  return {
    planner: JSON.stringify(workspaceSnapshot('library')),
    training: JSON.stringify(trainingSnapshot()),
    serve: JSON.stringify(serveSnapshot()),
    multi: JSON.stringify(multiSnapshot()),
  };
}

/** The state the window opened with, before anything the user can click has loaded. */
export interface StartMark {
  section: typeof nav.section;
  parts: ReturnType<typeof startParts>;
}

export function markStart(): StartMark {
  return { section: nav.section, parts: startParts() };
}

/**
 * The window is live while the settings, the library and the workspace load: whatever the user changes
 * meanwhile (the section, the model or a setting, the Train, Serve or Multi inputs) wins over the saved copy of
 * that part, since restoring it would undo their click; the parts they did not touch come back from the last
 * session. `mark` is taken when the window opens (markStart).
 */
export async function startWorkspace(api: Api, mark: StartMark = markStart()): Promise<WorkspaceStart> {
  const problems: string[] = [];
  await loadUserLibrary(api).catch((e: unknown) => problems.push(e instanceof Error ? e.message : String(e)));
  // Stored runs only calibrate (with consent); the Check view's panel reports a failure to read them.
  void loadEvidence(api).catch(() => undefined);
  try {
    const saved = await unwrap(api.getWorkspace());
    if (saved.problem) problems.push(saved.problem);
    if (saved.workspace) {
      const { workspace, dropped } = restoreWorkspace(saved.workspace);
      const now = startParts();
      const plannerUntouched = now.planner === mark.parts.planner;
      if (plannerUntouched) restoreInto(workspace, keptChoice);
      if (now.training === mark.parts.training) restoreTrainingInto(workspace.training);
      if (now.serve === mark.parts.serve) restoreServeInto(workspace.serve);
      if (now.multi === mark.parts.multi) restoreMultiInto(workspace.multi);
      if (nav.section === mark.section) nav.section = workspace.section;
      if (dropped.length > 0) problems.push(t('workspace.dropped', { fields: dropped.join(', ') }));
      if (plannerUntouched && workspace.model?.kind === 'user' && !keptChoice(workspace.model.id)) problems.push(t('workspace.modelGone'));
    }
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  }
  autosave(api);
  return { problems };
}

function autosave(api: Api): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = '';
  let pending: string | null = null;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending === null || pending === last) return;
    last = pending;
    // A failed save is retried with the next change; the store reports a blocked file on its own.
    void api.saveWorkspace(JSON.parse(pending) as { version: number }).catch(() => undefined);
  };
  $effect.root(() => {
    $effect(() => {
      pending = JSON.stringify({
        ...workspaceSnapshot(nav.section),
        training: trainingSnapshot(),
        serve: serveSnapshot(),
        multi: multiSnapshot(),
      });
      if (last === '') last = pending;
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, SAVE_DELAY_MS);
    });
  });
  if (typeof window !== 'undefined') window.addEventListener('pagehide', flush);
}
