// evidence.json in the user-data folder: the runs the user compared and kept, and their consent to
// calibrate with them. The app and the CLI share the file through doc-store (atomic writes, a damaged file
// kept aside, read-modify-write under the cross-process lock). A file from a newer app is read but never
// written over: its runs may carry fields this build would drop.

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import * as v from 'valibot';
import {
  EVIDENCE_VERSION,
  MAX_RECORDS,
  emptyEvidence,
  evidenceDocSchema,
  evidenceFromComparison,
  evidenceRecordSchema,
  newEvidenceSchema,
  readableRecords,
  type ComparisonLike,
  type EvidenceDoc,
  type EvidenceRecord,
  type EvidenceState,
  type NewEvidence,
  type RunContext,
} from '../../core/calibration/index';
import { createDocStore } from './doc-store';
import { AppError } from './errors';
import { readJson } from './json-store';

export const EVIDENCE_FILE = 'evidence.json';

export interface EvidenceStore {
  state(): Promise<EvidenceState>;
  add(run: NewEvidence): Promise<EvidenceState & { added: EvidenceRecord }>;
  remove(id: string): Promise<EvidenceState>;
  /** Removes every run (the consent stays as the user set it). */
  clear(): Promise<EvidenceState>;
  setConsent(on: boolean): Promise<EvidenceState>;
}

type Doc = v.InferOutput<typeof evidenceDocSchema>;

function newId(now: Date): string {
  return `run-${now.getTime().toString(36)}-${randomBytes(3).toString('hex')}`;
}

function field(raw: unknown, key: string): unknown {
  return typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
}

export function createEvidenceStore(dir: string, clock: () => Date = () => new Date()): EvidenceStore {
  const file = join(dir, EVIDENCE_FILE);
  const validate = (raw: unknown): Doc => v.parse(evidenceDocSchema, raw);
  const store = createDocStore<Doc>(file, validate, emptyEvidence);

  function toState(doc: Doc, damaged: string | null): EvidenceState {
    const { records, skipped } = readableRecords(doc.records);
    const readOnly = doc.version > EVIDENCE_VERSION;
    const notes = [
      damaged,
      skipped > 0
        ? `${skipped} stored run${skipped === 1 ? '' : 's'} could not be read and ${skipped === 1 ? 'is' : 'are'} not used.`
        : null,
      readOnly ? `${EVIDENCE_FILE} was written by a newer VRAM Planner (version ${doc.version}); it is shown but not changed.` : null,
    ];
    return { consent: doc.consent, records, problem: notes.filter(Boolean).join(' ') || null, readOnly };
  }

  async function change(edit: (doc: Doc) => Doc): Promise<EvidenceState> {
    const next = await store.modify((doc) => {
      if (doc.version > EVIDENCE_VERSION)
        throw new AppError('io-error', `${EVIDENCE_FILE} was written by a newer VRAM Planner; update the app to change your stored runs.`);
      const out = edit(doc);
      return { next: out, result: out };
    });
    return toState(next, store.problem());
  }

  return {
    // A fresh read every time: the CLI may have added or cleared runs since the app last looked.
    async state() {
      const r = await readJson(file, validate);
      return toState(r.value ?? emptyEvidence(), r.problem ?? store.problem());
    },
    async add(run) {
      const now = clock();
      const record = { ...run, id: newId(now), date: now.toISOString() };
      const size = v.safeParse(newEvidenceSchema, run);
      const ok = size.success ? v.safeParse(evidenceRecordSchema, record) : size;
      if (!ok.success) throw new AppError('bad-input', `This run cannot be stored: ${ok.issues[0]?.message ?? 'it is not valid'}.`);
      const state = await change((doc) => {
        const records = [...doc.records, ok.output];
        // The oldest readable runs go first once the file holds MAX_RECORDS: a machine's recent runs matter most.
        let extra = readableRecords(records).records.length - MAX_RECORDS;
        const kept = records.filter((r) => !(extra > 0 && v.is(evidenceRecordSchema, r) && extra-- > 0));
        return { version: EVIDENCE_VERSION, consent: doc.consent, records: kept };
      });
      return { ...state, added: ok.output };
    },
    remove: (id) => change((doc) => ({ ...doc, records: doc.records.filter((r) => field(r, 'id') !== id) })),
    clear: () => change((doc) => ({ ...doc, records: [] })),
    setConsent: (on) => change((doc) => ({ ...doc, consent: on })),
  };
}

/**
 * Keeps a comparison as a run in the user-data folder `dir` (the CLI's `check --save`, the Check view's
 * "keep"). `ctx` says which machine it ran on; the store gives the id and date.
 */
export async function storeEvidence(
  dir: string,
  comparison: ComparisonLike,
  ctx: Omit<RunContext, 'id' | 'date'>,
): Promise<EvidenceRecord> {
  const {
    id: _id,
    date: _date,
    ...run
  } = evidenceFromComparison(comparison, { ...ctx, id: 'run-pending', date: new Date(0).toISOString() });
  return (await createEvidenceStore(dir).add(run)).added;
}

export type { EvidenceDoc, EvidenceState, NewEvidence };
