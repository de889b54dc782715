// Text output of `calibrate --list`: per machine, what was learned and from how many runs, then the runs.

import type { Calibration } from '../../core/calibration/index';
import type { EvidenceState } from '../../main/services/evidence-store';
import { MiB } from '../../core/units';
import type { CliIO } from '../types';
import type { MachineCalibration } from './calibrate';
import { table } from './models';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const factor = (x: number | null, runs: number) => (x === null ? 'not measured' : `×${x.toFixed(2)} (${plural(runs, 'run')})`);

function signedMiB(bytes: number): string {
  const mib = Math.round(bytes / MiB);
  return `${mib >= 0 ? '+' : '−'}${Math.abs(mib)} MiB`;
}

function learned(c: Calibration): string[] {
  const lines: string[] = [];
  const overhead = Object.entries(c.overheadBytes);
  lines.push(
    `  Runtime overhead per GPU: ${
      overhead.length === 0 ? 'not measured' : overhead.map(([d, o]) => `${d} ${signedMiB(o.bytes)} (${plural(o.runs, 'run')})`).join(', ')
    }`,
  );
  lines.push(`  Compute buffer: ${factor(c.computeScale, c.computeRuns)}`);
  for (const [devices, s] of Object.entries(c.speed))
    lines.push(`  Speed on ${devices}: decode ${factor(s.decode, s.decodeRuns)}, prefill ${factor(s.prefill, s.prefillRuns)}`);
  if (Object.keys(c.speed).length === 0) lines.push('  Speed: not measured');
  return lines;
}

export function printList(io: CliIO, file: string, state: EvidenceState, machines: MachineCalibration[]): void {
  if (state.records.length === 0) {
    io.out(`No stored runs in ${file}. Compare a run in the app's Check view (or with "vram-planner check") and keep it.`);
    return;
  }
  io.out(`${plural(state.records.length, 'stored run')} in ${file}.`);
  io.out(
    state.consent
      ? 'Calibration: applied to estimates in the app (consent on).'
      : 'Calibration: not applied (consent off; turn it on in the app or with "vram-planner calibrate --consent on").',
  );
  for (const m of machines) {
    io.out('');
    io.out(`Machine ${m.machine}: calibrated from ${plural(m.calibration.runs, 'run')}. Weights and KV cache are never adjusted.`);
    for (const line of learned(m.calibration)) io.out(line);
  }
  io.out('');
  const rows = state.records.map((r) => [
    r.date.slice(0, 16).replace('T', ' '),
    r.source,
    r.model.name,
    String(r.components.length + r.speed.length),
    r.id,
  ]);
  io.out(table(['Date (UTC)', 'Source', 'Model', 'Figures', 'Id'], rows, new Set([3])));
}
