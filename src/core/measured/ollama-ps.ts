// Reads `ollama ps`: NAME  ID  SIZE  PROCESSOR  [CONTEXT]  UNTIL, one loaded model a row. SIZE is Ollama's
// own figure for the loaded model (format.HumanBytes: decimal GB/MB); PROCESSOR is "100% GPU", "100% CPU"
// or "48%/52% CPU/GPU" (cmd/cmd.go ListRunningHandler). Columns are found from the header, so the newer
// CONTEXT column and wide names both work; cells are split at tabs or runs of spaces (the docs' copy of the
// table is tab-separated, a terminal's is space-padded). Pure and total.

import { emptyNotes, linesOf, readSize, type ParseNotes } from './text';

export interface OllamaPsRow {
  name: string;
  id: string;
  sizeBytes: number;
  /** Share of SIZE in GPU memory, 0..1. */
  gpuShare: number;
  /** GPU part of SIZE: sizeBytes × gpuShare (what Ollama calls size_vram, rounded as displayed). */
  gpuBytes: number;
  context?: number;
  until: string;
}

export interface OllamaPs extends ParseNotes {
  kind: 'ollama-ps';
  rows: OllamaPsRow[];
}

function processorShare(text: string): number | null {
  let m: RegExpExecArray | null;
  if ((m = /^(\d+)% GPU$/.exec(text))) return Number(m[1]) / 100;
  if ((m = /^(\d+)% CPU$/.exec(text))) return 1 - Number(m[1]) / 100;
  if ((m = /^(\d+)%\/(\d+)% CPU\/GPU$/.exec(text))) return Number(m[2]) / 100;
  return null;
}

/** Splits a row by the header's column starts (columns are padded with spaces, names may not contain two). */
function cells(line: string, starts: number[]): string[] {
  return starts.map((s, i) => line.slice(s, i + 1 < starts.length ? starts[i + 1] : undefined).trim());
}

export function parseOllamaPs(input: unknown): OllamaPs {
  const ps: OllamaPs = { kind: 'ollama-ps', rows: [], ...emptyNotes() };
  const lines = linesOf(input, ps.problems);
  if (!lines) return ps;
  const at = lines.findIndex((l) => /^\s*NAME\s+ID\s+SIZE\s+PROCESSOR\s/.test(l));
  if (at < 0) {
    ps.problems.push('No `ollama ps` header (NAME  ID  SIZE  PROCESSOR  UNTIL) was recognised.');
    return ps;
  }
  const head = lines[at]!;
  const names = ['NAME', 'ID', 'SIZE', 'PROCESSOR', 'CONTEXT', 'UNTIL'].filter((n) => new RegExp(`\\b${n}\\b`).test(head));
  const starts = names.map((n) => head.search(new RegExp(`\\b${n}\\b`)));
  for (const line of lines.slice(at + 1)) {
    if (line.trim() === '') continue;
    // A shell prompt after the table ("PS C:\\>", "$ ", "root@host:~# ") ends it.
    if (/^\s*(?:PS |\$|>|NAME\s)|^\s*\S+@\S+[#$]\s/.test(line)) break;
    // Column starts can shift when a value is wider than its header; fall back to runs of two spaces.
    const c = cells(line, starts);
    const byGap = line.trim().split(/\s*\t\s*|\s{2,}/);
    const get = (n: string) => (byGap.length === names.length ? byGap[names.indexOf(n)] : c[names.indexOf(n)]) ?? '';
    const size = readSize(get('SIZE'));
    const share = processorShare(get('PROCESSOR'));
    // Text after the table (a warning, the next command's output) has no PROCESSOR share: the table has ended.
    if (share === null && !/\d+%/.test(line)) break;
    if (!Number.isFinite(size) || share === null) {
      ps.problems.push(`A row was not understood: "${line.trim().slice(0, 120)}".`);
      continue;
    }
    const row: OllamaPsRow = {
      name: get('NAME'),
      id: get('ID'),
      sizeBytes: size,
      gpuShare: share,
      gpuBytes: Math.round(size * share),
      until: get('UNTIL'),
    };
    const ctx = Number(get('CONTEXT'));
    if (names.includes('CONTEXT') && Number.isInteger(ctx) && ctx > 0) row.context = ctx;
    ps.rows.push(row);
  }
  if (ps.rows.length > 0) ps.recognised.push(`${ps.rows.length} loaded model(s)`, 'size', 'GPU share');
  else ps.missing.push('model rows');
  if (names.includes('CONTEXT')) ps.recognised.push('context');
  return ps;
}
