// Compare's "Models on this machine": the models planned beside the main one, each with its role and its own
// context, parallel slots and quant (null = the role's default from core/multi's memberSettings), and a KV
// cache type when a shrink step quantised it. Read back entry by entry like workspace-serve.ts: a bad entry
// costs only itself and is named, so a hand-edited file never blocks start-up.

import * as v from 'valibot';
import type { KvCacheType } from '../estimate/types';

/** Roles a model can be added with (the main model is the Compare model itself). */
export const ADDED_ROLES = ['chat', 'embedding', 'reranker', 'draft'] as const;
export type AddedRole = (typeof ADDED_ROLES)[number];

export interface MultiEntry {
  /** 'catalog': a built-in id; 'user': an id in the user's own library (an import). */
  model: { kind: 'catalog' | 'user'; id: string };
  role: AddedRole;
  ctx: number | null;
  parallel: number | null;
  quant: string | null;
  /** KV cache type set by the "quantise every KV cache" shrink step; null = the role's default. */
  kv: KvCacheType | null;
}

export interface WorkspaceMulti {
  members: MultiEntry[];
}

const KV_TYPES: readonly KvCacheType[] = ['f32', 'f16', 'bf16', 'q8_0', 'q4_0', 'q4_1', 'q5_0', 'q5_1', 'iq4_nl', 'fp8'];

/** A machine runs a handful of servers; more than this is a hand-edited file, not a plan. */
export const MAX_ADDED = 12;

export function defaultWorkspaceMulti(): WorkspaceMulti {
  return { members: [] };
}

const entrySchema = v.strictObject({
  model: v.strictObject({ kind: v.picklist(['catalog', 'user']), id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) }),
  role: v.picklist(ADDED_ROLES),
  ctx: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1 << 24))),
  parallel: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1024))),
  quant: v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(40))),
  kv: v.nullable(v.picklist(KV_TYPES)),
});

/** Restores the set; `dropped` receives "multi.members.<n>" for each entry that is not valid on its own. */
export function restoreMulti(raw: unknown, dropped: string[]): WorkspaceMulti {
  if (raw === undefined) return defaultWorkspaceMulti();
  const list = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['members'] : undefined;
  if (!Array.isArray(list)) {
    dropped.push('multi.members');
    return defaultWorkspaceMulti();
  }
  const members: MultiEntry[] = [];
  list.forEach((entry, n) => {
    const r = v.safeParse(entrySchema, { kv: null, ...(typeof entry === 'object' && entry !== null ? entry : {}) });
    if (r.success && members.length < MAX_ADDED) members.push(r.output);
    else dropped.push(`multi.members.${n}`);
  });
  return { members };
}
