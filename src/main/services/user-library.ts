// The user's own model library: models imported from a GGUF or a config.json that the user chose to
// keep, so next month's release needs no app update. Stored as the same ModelInput the built-in
// catalog produces (a ModelSpec, plus the exact tensor list a GGUF header gave), one JSON file.

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import * as v from 'valibot';
import { checkSpec } from '../../core/estimate/check';
import type { ModelSpec } from '../../core/model/types';
import type { ImportedModel, UserModel } from '../../shared/ipc-contract';
import { createDocStore } from './doc-store';
import { AppError } from './errors';
import { printable } from './safe-text';

export const USER_LIBRARY_FILE = 'user-models.json';
const MAX_MODELS = 200;
const MAX_MODEL_JSON = 4 * 1024 * 1024;

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const modelSchema = v.pipe(
  v.looseObject({
    id: v.pipe(v.string(), v.regex(/^user-[a-z0-9-]{1,80}$/)),
    savedAt: v.pipe(v.string(), v.isoTimestamp()),
    kind: v.picklist(['gguf', 'hf', 'parameters']),
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    architecture: text(80),
    parameterCount: v.pipe(v.number(), v.finite(), v.minValue(0)),
    layers: v.pipe(v.number(), v.integer(), v.minValue(0)),
    weightsBytes: v.pipe(v.number(), v.finite(), v.minValue(0)),
    quant: v.nullable(text(40)),
    files: v.pipe(v.array(text(400)), v.maxLength(256)),
    warnings: v.pipe(v.array(text(1000)), v.maxLength(64)),
    bytesRead: v.nullable(v.number()),
    input: v.looseObject({ spec: v.looseObject({ id: text(200), name: text(200) }), tensors: v.optional(v.array(v.looseObject({}))) }),
  }),
  v.check((m) => JSON.stringify(m).length <= MAX_MODEL_JSON, 'The model description is too large.'),
  v.check((m) => specUsable(m.input.spec as unknown as ModelSpec), 'The model description is not usable.'),
);
const fileSchema = v.object({ version: v.literal(1), models: v.pipe(v.array(v.unknown()), v.maxLength(MAX_MODELS)) });

function specUsable(spec: ModelSpec): boolean {
  try {
    checkSpec(spec);
    return true;
  } catch {
    return false;
  }
}

export interface UserLibraryState {
  models: UserModel[];
  /** A damaged file kept aside, or entries that could not be used, one sentence; null when fine. */
  problem: string | null;
}

export interface UserLibrary {
  list(): Promise<UserLibraryState>;
  /** Keeps an imported model; a model of the same name and kind replaces the older copy. */
  save(model: ImportedModel): Promise<UserLibraryState>;
  remove(id: string): Promise<UserLibraryState>;
}

type Doc = { version: 1; models: unknown[] };

function field(raw: unknown, key: string): unknown {
  return typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
}

export function createUserLibrary(dir: string): UserLibrary {
  const store = createDocStore(
    join(dir, USER_LIBRARY_FILE),
    (raw): Doc => v.parse(fileSchema, raw),
    (): Doc => ({ version: 1, models: [] }),
  );

  function usable(doc: Doc): { models: UserModel[]; skipped: number } {
    const models: UserModel[] = [];
    let skipped = 0;
    for (const m of doc.models) {
      const r = v.safeParse(modelSchema, m);
      if (r.success) models.push(r.output as unknown as UserModel);
      else skipped += 1;
    }
    return { models, skipped };
  }

  function state(doc: Doc): UserLibraryState {
    const { models, skipped } = usable(doc);
    const damaged = store.problem();
    const skippedText =
      skipped > 0
        ? `${skipped} saved model${skipped === 1 ? '' : 's'} could not be read and ${skipped === 1 ? 'is' : 'are'} not shown.`
        : null;
    return { models, problem: [damaged, skippedText].filter(Boolean).join(' ') || null };
  }

  return {
    list: async () => state(await store.get()),
    async save(model) {
      const slug =
        printable(model.name, 60)
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'model';
      const entry = { ...model, id: `user-${slug}-${randomBytes(3).toString('hex')}`, savedAt: new Date().toISOString() };
      const check = v.safeParse(modelSchema, entry);
      if (!check.success)
        throw new AppError('bad-input', `This model cannot be kept in your library: ${check.issues[0]?.message ?? 'it is not valid'}`);
      const doc = await store.modify((d) => {
        // Entries this version cannot read stay in the file untouched: a newer app may read them.
        const kept = d.models.filter((m) => !(field(m, 'name') === model.name && field(m, 'kind') === model.kind));
        if (kept.length >= MAX_MODELS)
          throw new AppError('invalid-argument', `Your library holds at most ${MAX_MODELS} models; remove one first.`);
        const next: Doc = { version: 1, models: [...kept, entry] };
        return { next, result: next };
      });
      return state(doc);
    },
    async remove(id) {
      const doc = await store.modify((d) => {
        const next: Doc = { version: 1, models: d.models.filter((m) => field(m, 'id') !== id) };
        return { next, result: next };
      });
      return state(doc);
    },
  };
}
