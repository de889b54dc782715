// The library models offered for each role: the catalog's embedding and reranker entries for those roles;
// for a draft model, chat models of the main model's family at most a quarter of its size (a draft must
// share the tokenizer and be much cheaper per step to help), else any chat model up to 4 B; for another chat
// model, every chat model. The user's own imports are offered for every role: the user says what they are.

import { MODEL_CATALOG } from '$core/catalog';
import type { CatalogModel } from '$core/catalog/types';
import type { AddedRole } from '$core/workspace/workspace-multi';
import type { UserModel } from '$shared/ipc-contract';

export interface Candidate {
  kind: 'catalog' | 'user';
  id: string;
  name: string;
}

/** A draft model above this share of the main model's parameters costs too much per step to pay off. */
const DRAFT_MAX_SHARE = 0.25;
/** Without a same-family draft, chat models up to this size are offered (Qwen3-1.7B, Llama 3.2 1B/3B). */
const DRAFT_FALLBACK_PARAMS = 4e9;

function chat(m: CatalogModel): boolean {
  return m.role === undefined;
}

export function candidates(role: AddedRole, main: CatalogModel | null, user: readonly UserModel[]): Candidate[] {
  let pool: CatalogModel[];
  if (role === 'embedding' || role === 'reranker') pool = MODEL_CATALOG.filter((m) => m.role === role);
  else if (role === 'draft') {
    const family = main
      ? MODEL_CATALOG.filter(
          (m) =>
            chat(m) && m.family === main.family && m.spec.id !== main.spec.id && m.parameterCount <= main.parameterCount * DRAFT_MAX_SHARE,
        )
      : [];
    pool =
      family.length > 0
        ? family
        : MODEL_CATALOG.filter((m) => chat(m) && m.parameterCount <= DRAFT_FALLBACK_PARAMS && m.spec.id !== main?.spec.id);
  } else pool = MODEL_CATALOG.filter(chat);
  const sorted = [...pool].sort((a, b) => a.parameterCount - b.parameterCount || a.spec.name.localeCompare(b.spec.name));
  return [
    ...sorted.map((m) => ({ kind: 'catalog' as const, id: m.spec.id, name: m.spec.name })),
    ...user.map((m) => ({ kind: 'user' as const, id: m.id, name: m.name })),
  ];
}
