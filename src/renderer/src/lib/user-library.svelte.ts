// The user's own model library (models imported from disk and kept), as loaded from main. Imports are
// kept automatically so the workspace can reopen them after a restart; the Library lists them under
// "My models", where each can be removed.

import type { Api, ImportedModel, UserLibraryState, UserModel } from '$shared/ipc-contract';
import { unwrap } from './api';

const state = $state({ models: [] as UserModel[], problem: null as string | null });

export const userLibrary: { readonly models: readonly UserModel[]; readonly problem: string | null } = state;

function take(s: UserLibraryState): void {
  state.models = s.models;
  state.problem = s.problem;
}

export async function loadUserLibrary(api: Api): Promise<void> {
  take(await unwrap(api.listUserModels()));
}

/** Keeps an import; returns the kept entry (with its stable id), or null when it could not be kept. */
export async function keepImported(api: Api, model: ImportedModel): Promise<UserModel | null> {
  const s = await unwrap(api.keepUserModel(model));
  take(s);
  return s.models.find((m) => m.name === model.name && m.kind === model.kind) ?? null;
}

export async function forgetUserModel(api: Api, id: string): Promise<void> {
  take(await unwrap(api.removeUserModel(id)));
}

export function findUserModel(id: string): UserModel | undefined {
  return state.models.find((m) => m.id === id);
}
