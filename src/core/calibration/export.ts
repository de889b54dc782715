// Stored runs as files the user can take elsewhere: JSON (the records as kept) and CSV (one line per
// planned-vs-measured figure, for a spreadsheet). Pure text; main writes it where the user chose.

import type { EvidenceRecord } from './types';

export const EVIDENCE_CSV_COLUMNS = [
  'run_id',
  'date',
  'machine',
  'runtime',
  'source',
  'model',
  'figure',
  'name',
  'device',
  'unit',
  'planned',
  'measured',
  'difference',
] as const;

/**
 * RFC 4180 quoting, and a leading ' before text a spreadsheet would run as a formula (=, +, -, @): model
 * names come from files the user downloaded. Numbers are written as numbers.
 */
function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function evidenceToCsv(records: readonly EvidenceRecord[]): string {
  const lines = [EVIDENCE_CSV_COLUMNS.join(',')];
  for (const r of records) {
    const head = [r.id, r.date, r.machine.key, r.runtime, r.source, r.model.name];
    for (const c of r.components) {
      const diff = c.plannedBytes === null ? null : c.measuredBytes - c.plannedBytes;
      lines.push([...head, 'memory', c.name, c.device, 'bytes', c.plannedBytes, c.measuredBytes, diff].map(cell).join(','));
    }
    for (const s of r.speed) {
      const diff = s.plannedTokensPerSecond === null ? null : s.measuredTokensPerSecond - s.plannedTokensPerSecond;
      lines.push(
        [...head, 'speed', `${s.kind} ${s.test}`, s.devices, 'tokens/s', s.plannedTokensPerSecond, s.measuredTokensPerSecond, diff]
          .map(cell)
          .join(','),
      );
    }
  }
  // CRLF: what RFC 4180 and Excel expect.
  return `${lines.join('\r\n')}\r\n`;
}

export function evidenceToJson(records: readonly EvidenceRecord[], exportedAt: string): string {
  return `${JSON.stringify({ kind: 'vram-planner-evidence', version: 1, exportedAt, runs: records }, null, 2)}\n`;
}
