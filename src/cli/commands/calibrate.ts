// `vram-planner calibrate --list|--clear [--json]`: the runs kept in the app's evidence.json and what this
// machine's calibration learned from them; --clear removes them (estimates return to the uncalibrated
// figures), --consent on|off sets whether the app applies it, --export csv|json prints them for a
// spreadsheet. The same file and store as the app.

import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evidenceToCsv, evidenceToJson, learnCalibration, type Calibration } from '../../core/calibration/index';
import { createEvidenceStore, EVIDENCE_FILE, type EvidenceState, type EvidenceStore } from '../../main/services/evidence-store';
import { appDataDir } from '../data-dir';
import { CliError, type CliCommand, type CliIO } from '../types';
import { printList } from './calibrate-output';

const OPTIONS = {
  list: { type: 'boolean' },
  clear: { type: 'boolean' },
  consent: { type: 'string' },
  export: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const USAGE = 'Usage: vram-planner calibrate --list|--clear|--consent on|off|--export csv|json [--json]';

type Action = { kind: 'list' } | { kind: 'clear' } | { kind: 'consent'; on: boolean } | { kind: 'export'; format: 'csv' | 'json' };

function parse(args: string[]): { action: Action; json: boolean } {
  let v;
  try {
    v = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)} ${USAGE}`);
  }
  const given = [
    v.list && '--list',
    v.clear && '--clear',
    v.consent !== undefined && '--consent',
    v.export !== undefined && '--export',
  ].filter((x): x is string => typeof x === 'string');
  if (given.length > 1) throw new CliError(`Give one of ${given.join(', ')}, not several. ${USAGE}`);
  const json = v.json ?? false;
  if (v.clear) return { action: { kind: 'clear' }, json };
  if (v.consent !== undefined) {
    if (v.consent !== 'on' && v.consent !== 'off') throw new CliError(`--consent takes on or off, not "${v.consent}".`);
    return { action: { kind: 'consent', on: v.consent === 'on' }, json };
  }
  if (v.export !== undefined) {
    if (v.export !== 'csv' && v.export !== 'json') throw new CliError(`--export takes csv or json, not "${v.export}".`);
    if (json) throw new CliError('--export prints the file itself; leave out --json.');
    return { action: { kind: 'export', format: v.export }, json };
  }
  return { action: { kind: 'list' }, json };
}

export interface MachineCalibration {
  machine: string;
  calibration: Calibration;
}

/** One calibration per machine the runs came from (usually just this one). */
export function calibrationsOf(state: EvidenceState): MachineCalibration[] {
  const keys = [...new Set(state.records.map((r) => r.machine.key))];
  return keys.map((machine) => ({ machine, calibration: learnCalibration(state.records, machine)! }));
}

export interface CalibrateDeps {
  dataDir: () => string;
  now: () => Date;
}

function listJson(file: string, state: EvidenceState): unknown {
  return {
    file,
    consent: state.consent,
    readOnly: state.readOnly,
    problem: state.problem,
    runs: state.records,
    machines: calibrationsOf(state),
  };
}

async function act(action: Action, store: EvidenceStore): Promise<{ state: EvidenceState; removed?: number }> {
  if (action.kind === 'clear') {
    const before = (await store.state()).records.length;
    return { state: await store.clear(), removed: before };
  }
  if (action.kind === 'consent') return { state: await store.setConsent(action.on) };
  return { state: await store.state() };
}

export function createCalibrateCommand(deps: CalibrateDeps): CliCommand {
  return async (args, io: CliIO) => {
    const { action, json } = parse(args);
    const dir = deps.dataDir();
    const file = join(dir, EVIDENCE_FILE);
    const store = createEvidenceStore(dir, deps.now);
    const { state, removed } = await act(action, store);
    if (action.kind === 'export') {
      io.out(
        action.format === 'csv'
          ? evidenceToCsv(state.records).replace(/\r\n$/, '')
          : evidenceToJson(state.records, deps.now().toISOString()).trimEnd(),
      );
      return 0;
    }
    if (json) {
      io.out(JSON.stringify(removed !== undefined ? { ...(listJson(file, state) as object), removed } : listJson(file, state), null, 2));
      return 0;
    }
    if (action.kind === 'clear')
      io.out(`Removed ${removed ?? 0} stored run${removed === 1 ? '' : 's'} from ${file}; estimates use the uncalibrated figures.`);
    else if (action.kind === 'consent')
      io.out(
        action.on
          ? "The app will apply this machine's calibration to estimates."
          : 'The app will show uncalibrated estimates; the runs stay stored.',
      );
    else printList(io, file, state, calibrationsOf(state));
    if (state.problem) io.err(state.problem);
    return 0;
  };
}

export const calibrate: CliCommand = createCalibrateCommand({ dataDir: () => appDataDir(), now: () => new Date() });
