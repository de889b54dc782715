// Human output of `vram-planner check`: what was read, then planned / measured / difference per row.

import { RUN_KIND_LABELS } from '../../core/measured/index';
import { MiB, formatMiB } from '../../core/units';
import type { CliIO } from '../types';
import type { CheckJson } from './check';

const NAMES: Record<string, string> = { weights: 'Weights', kvCache: 'KV cache', compute: 'Compute', output: 'Output', total: 'Total' };

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

function table(io: CliIO, head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => rows.reduce((w, r) => Math.max(w, r[i]!.length), h.length));
  io.out(pad(head, widths));
  io.out(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) io.out(pad(r, widths));
}

const mib = (b: number | null) => (b === null ? '—' : `${formatMiB(b, 2)}`);
// Differences under the log's own 0.01 MiB rounding print as 0.00, without a sign.
const signed = (b: number | null) =>
  b === null ? '—' : Math.abs(b) < 0.005 * MiB ? formatMiB(0, 2) : `${b > 0 ? '+' : ''}${formatMiB(b, 2)}`;
const band = (w: boolean | null) => (w === null ? '—' : w ? 'yes' : 'NO');

export function printCheck(io: CliIO, r: CheckJson): void {
  io.out(`Checked ${r.file} (${RUN_KIND_LABELS[r.source === 'llama.cpp-log' ? 'llama-log' : r.source]})`);
  for (const line of r.recognised) io.out(`  ${line}`);
  if (r.modelSource)
    io.out(`Planned with ${r.modelSource}${r.bandRelative === null ? '' : `; band ±${Math.round(r.bandRelative * 100)} %`}.`);
  if (r.components.length > 0) {
    io.out('');
    table(
      io,
      ['Component', 'Device', 'Planned', 'Measured', 'Difference', 'In band'],
      r.components.map((c) => [
        NAMES[c.name] ?? c.name,
        c.device,
        mib(c.plannedBytes),
        mib(c.measuredBytes),
        signed(c.differenceBytes),
        band(c.withinBand),
      ]),
    );
  }
  if (r.quantities.length > 0) {
    io.out('');
    table(
      io,
      ['Quantity', 'Planned', 'Measured', 'Difference', 'In band'],
      r.quantities.map((q) => [
        q.name === 'kvTokens' ? 'KV pool (tokens)' : 'Max concurrency',
        q.planned === null ? '—' : String(q.planned),
        String(q.measured),
        q.difference === null ? '—' : `${q.difference > 0 ? '+' : ''}${Math.round(q.difference * 100) / 100}`,
        band(q.withinBand),
      ]),
    );
  }
  if (r.speed.length > 0) {
    io.out('');
    table(
      io,
      ['Test', 'Model', 'Backend', 'Planned t/s', 'Measured t/s'],
      r.speed.map((s) => [
        s.test,
        s.model,
        s.backend,
        s.plannedTokensPerSecond === null ? '—' : s.plannedTokensPerSecond.toFixed(1),
        s.measuredTokensPerSecond.toFixed(2),
      ]),
    );
  }
  const notes = [...r.problems, ...r.notes];
  if (notes.length > 0) io.out('');
  for (const n of notes) io.out(`Note: ${n}`);
  if (r.saved) io.out(`Kept as run ${r.saved.id} in ${r.saved.file}; \`vram-planner calibrate --list\` shows what it teaches.`);
}
