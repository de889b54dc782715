// The workspace file: what the user was planning when the app closed. Main keeps it as an opaque,
// size-capped JSON object; core's restoreWorkspace validates every field when it is read back, so a
// newer or hand-edited file loses only the fields that no longer make sense.

import * as v from 'valibot';
import { createDocStore } from './doc-store';

export const WORKSPACE_FILE = 'workspace.json';
const MAX_WORKSPACE_JSON = 256 * 1024;

const workspaceDoc = v.pipe(
  v.looseObject({ version: v.number() }),
  v.check((w) => JSON.stringify(w).length <= MAX_WORKSPACE_JSON, 'The workspace is too large.'),
);
export type StoredWorkspace = v.InferOutput<typeof workspaceDoc>;
export const workspaceSchema = workspaceDoc;

export interface WorkspaceStore {
  /** The saved workspace, or null when none was saved (or the file was damaged and kept aside). */
  load(): Promise<{ workspace: StoredWorkspace | null; problem: string | null }>;
  save(workspace: StoredWorkspace): Promise<void>;
}

export function createWorkspaceStore(file: string): WorkspaceStore {
  const store = createDocStore<StoredWorkspace | null>(
    file,
    (raw) => v.parse(workspaceDoc, raw),
    () => null,
  );
  return {
    async load() {
      const workspace = await store.get();
      return { workspace, problem: store.problem() };
    },
    save: (workspace) => store.modify(() => ({ next: workspace, result: undefined })),
  };
}
