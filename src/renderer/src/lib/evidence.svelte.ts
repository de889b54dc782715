// The stored runs as loaded from main, and the one place the page turns them into a calibration: only
// with the user's consent, only for the machine being planned when it is this machine, and always as a
// step after the estimate and the speed model (their own figures stay available beside the new ones).

import type { Advice, PlanningHardware } from '$core/advice/types';
import { planningHardwareForChoice } from '$core/advice/choice';
import {
  activeCalibration,
  calibrateAdvice as calibrateAdviceWith,
  evidenceFromComparison,
  machineKey,
  type Calibration,
  type CalibrationResult,
  type ComparisonLike,
  type EvidenceRecord,
  type EvidenceState,
  type MachineKey,
  type NewEvidence,
} from '$core/calibration';
import type { Hardware } from '$core/hardware/types';
import type { Api } from '$shared/ipc-contract';
import { unwrap } from './api';

const state = $state({
  loaded: false,
  consent: false,
  records: [] as EvidenceRecord[],
  problem: null as string | null,
  readOnly: false,
});

export const evidence: Readonly<typeof state> = state;

function take(s: EvidenceState): void {
  state.loaded = true;
  state.consent = s.consent;
  state.records = s.records;
  state.problem = s.problem;
  state.readOnly = s.readOnly;
}

export async function loadEvidence(api: Api): Promise<void> {
  take(await unwrap(api.listEvidence()));
}

export async function keepRun(api: Api, run: NewEvidence): Promise<void> {
  // A plain copy: the run crosses IPC as structured data and must not carry Svelte proxies.
  take(await unwrap(api.addEvidence(JSON.parse(JSON.stringify(run)) as NewEvidence)));
}

export async function removeRun(api: Api, id: string): Promise<void> {
  take(await unwrap(api.removeEvidence(id)));
}

export async function clearRuns(api: Api): Promise<void> {
  take(await unwrap(api.clearEvidence()));
}

export async function setConsent(api: Api, on: boolean): Promise<void> {
  take(await unwrap(api.setCalibrationConsent(on)));
}

/** This machine as detection saw it: the key its runs are stored under, and its GPUs in device order. */
export function thisMachine(detected: Hardware | null): { machine: MachineKey; gpuNames: string[] } | null {
  if (!detected) return null;
  const hw = planningHardwareForChoice({ mode: 'detected', detected, ramBandwidthGBps: null }).hw;
  return { machine: machineKey(hw), gpuNames: hw.devices.filter((d) => d.kind !== 'shared').map((d) => d.name) };
}

/** A comparison from the Check view as a run to keep, on this machine; null while detection has not answered. */
export function runFromComparison(
  c: ComparisonLike,
  detected: Hardware | null,
  model?: { id: string | null; name: string },
): NewEvidence | null {
  const m = thisMachine(detected);
  if (!m) return null;
  const {
    id: _id,
    date: _date,
    ...run
  } = evidenceFromComparison(c, {
    id: 'run-pending',
    date: '1970-01-01T00:00:00.000Z',
    machine: m.machine,
    gpuNames: m.gpuNames,
    ...(model ? { model } : {}),
  });
  return run;
}

/** The calibration for planning on `hw`: null without consent or without runs of that very machine. */
export function calibrationFor(hw: PlanningHardware): Calibration | null {
  if (!state.consent || state.records.length === 0) return null;
  return activeCalibration(state, machineKey(hw).key);
}

/**
 * The planner's hook: the advice with calibrated estimate and speed when the user consented and runs of
 * this very machine are stored, with the result that holds both sets of figures and the basis line; the
 * advice unchanged (result null) otherwise.
 */
export function calibrateAdvice(advice: Advice, hw: PlanningHardware): { advice: Advice; calibration: CalibrationResult | null } {
  return calibrateAdviceWith(advice, hw, state);
}
