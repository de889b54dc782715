// The stored-runs part of the IPC contract (issue 18), kept beside ipc-contract.ts, which spreads it into
// the one channel table: the Check view lists, keeps, removes and clears runs and sets the consent.

import * as v from 'valibot';
import { newEvidenceSchema, type EvidenceState, type NewEvidence } from '../core/calibration/index';
// Type only: the envelope lives in ipc-contract, which imports this file's values.
import type { Result } from './ipc-contract';

const noArgs = v.strictTuple([]);
const runId = v.pipe(v.string(), v.minLength(1), v.maxLength(100));

export const evidenceChannelSchemas = {
  'evidence:list': noArgs,
  'evidence:add': v.strictTuple([newEvidenceSchema]),
  'evidence:remove': v.strictTuple([runId]),
  'evidence:clear': noArgs,
  'evidence:consent': v.strictTuple([v.boolean()]),
} as const;

export interface EvidenceChannelResults {
  'evidence:list': EvidenceState;
  'evidence:add': EvidenceState;
  'evidence:remove': EvidenceState;
  'evidence:clear': EvidenceState;
  'evidence:consent': EvidenceState;
}

export interface EvidenceApi {
  listEvidence(): Promise<Result<EvidenceState>>;
  /** Keeps a compared run; main gives it its id and date. */
  addEvidence(run: NewEvidence): Promise<Result<EvidenceState>>;
  removeEvidence(id: string): Promise<Result<EvidenceState>>;
  clearEvidence(): Promise<Result<EvidenceState>>;
  setCalibrationConsent(on: boolean): Promise<Result<EvidenceState>>;
}

export const evidenceApiChannels = {
  listEvidence: 'evidence:list',
  addEvidence: 'evidence:add',
  removeEvidence: 'evidence:remove',
  clearEvidence: 'evidence:clear',
  setCalibrationConsent: 'evidence:consent',
} as const satisfies Record<keyof EvidenceApi, keyof typeof evidenceChannelSchemas>;
