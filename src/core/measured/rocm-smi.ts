// Reads AMD's rocm-smi memory output: `--showmeminfo vram` ("GPU[0] : VRAM Total Memory (B): N" and
// "VRAM Total Used Memory (B): N", bytes), the same as `--csv` or `--json`, and `--showpids` (the KFD
// process table: PID, PROCESS NAME, GPU(s), VRAM USED in bytes...). In `--showpids` the GPU(s) column
// counts the GPUs a process uses (ROCm/rocm_smi_lib issue 166); `--showpids=details` prints the GPU index
// instead, under "GPU". Unsupported readings ("UNKNOWN", "Unable to get ...") are kept as problems.

import type { SmiGpu, SmiProcess } from './nvidia-smi';
import { emptyNotes, linesOf, type ParseNotes } from './text';

export interface RocmSmi extends ParseNotes {
  kind: 'rocm-smi';
  format: 'text' | 'csv' | 'json' | 'none';
  gpus: SmiGpu[];
  processes: SmiProcess[];
}

function gpuOf(r: RocmSmi, index: number): SmiGpu {
  let g = r.gpus.find((x) => x.index === index);
  if (!g) r.gpus.push((g = { index }));
  return g;
}

function readText(r: RocmSmi, lines: string[]): number {
  let used = 0;
  let pidHead: 'count' | 'index' | null = null;
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if ((m = /GPU\[(\d+)\]\s*:\s*VRAM Total (Used )?Memory \(B\):\s*(\d+)/.exec(line))) {
      const g = gpuOf(r, Number(m[1]));
      if (m[2]) g.usedBytes = Number(m[3]);
      else g.totalBytes = Number(m[3]);
      used++;
    } else if ((m = /GPU\[(\d+)\]\s*:\s*(?:Card series|Card Series|Device Name):\s*(.+?)\s*$/.exec(line)))
      gpuOf(r, Number(m[1])).name = m[2];
    else if (/^\s*PID\s+PROCESS NAME\s+GPU\(s\)\s+VRAM USED/.test(line)) pidHead = 'count';
    else if (/^\s*PID\s+PROCESS NAME\s+GPU\s+VRAM USED/.test(line)) pidHead = 'index';
    else if (pidHead && (m = /^\s*(\d+)\s+(\S+)\s+(\d+)\s+(\d+|UNKNOWN)\s+(?:\d+|UNKNOWN)\s+(?:\d+|UNKNOWN)\s*$/.exec(line))) {
      r.processes.push({
        gpu: pidHead === 'index' ? Number(m[3]) : null,
        pid: Number(m[1]),
        name: m[2]!,
        usedBytes: m[4] === 'UNKNOWN' ? null : Number(m[4]),
      });
      used++;
    } else if ((m = /(?:ERROR: )?GPU\[(\d+)\]\s*:\s*(Unable to get .+?|Not supported.*?)\.?\s*$/.exec(line)))
      r.problems.push(`GPU ${m[1]}: ${m[2]}.`);
    else if (/Not supported on the given system/.test(line))
      r.problems.push('rocm-smi: per-process figures are not supported on this system.');
  }
  return used;
}

function readCsv(r: RocmSmi, lines: string[]): number {
  const at = lines.findIndex((l) => /^device,.*VRAM Total Memory \(B\)/.test(l));
  if (at < 0) return 0;
  const head = lines[at]!.split(',');
  const total = head.indexOf('VRAM Total Memory (B)');
  const usedCol = head.indexOf('VRAM Total Used Memory (B)');
  const series = head.indexOf('Card Series');
  let used = 0;
  for (const line of lines.slice(at + 1)) {
    const m = /^card(\d+),/.exec(line);
    if (!m) continue;
    // Vendor names contain a comma ("Advanced Micro Devices, Inc."), so only the columns before it are read by position.
    const v = line.split(',');
    const g = gpuOf(r, Number(m[1]));
    if (Number.isFinite(Number(v[total]))) g.totalBytes = Number(v[total]);
    if (Number.isFinite(Number(v[usedCol]))) g.usedBytes = Number(v[usedCol]);
    if (series >= 0 && v[series]) g.name = v[series];
    used++;
  }
  return used;
}

function readJson(r: RocmSmi, text: string): number {
  let v: unknown;
  try {
    v = JSON.parse(text.trim());
  } catch {
    return 0;
  }
  if (typeof v !== 'object' || v === null) return 0;
  let used = 0;
  for (const [key, rec] of Object.entries(v as Record<string, unknown>)) {
    const m = /^card(\d+)$/.exec(key);
    if (!m || typeof rec !== 'object' || rec === null) continue;
    const f = rec as Record<string, unknown>;
    const g = gpuOf(r, Number(m[1]));
    const total = Number(f['VRAM Total Memory (B)']);
    const usedBytes = Number(f['VRAM Total Used Memory (B)']);
    if (Number.isFinite(total) && f['VRAM Total Memory (B)'] !== undefined) g.totalBytes = total;
    if (Number.isFinite(usedBytes) && f['VRAM Total Used Memory (B)'] !== undefined) g.usedBytes = usedBytes;
    if (typeof f['Card Series'] === 'string') g.name = f['Card Series'];
    used++;
  }
  return used;
}

export function parseRocmSmi(input: unknown): RocmSmi {
  const r: RocmSmi = { kind: 'rocm-smi', format: 'none', gpus: [], processes: [], ...emptyNotes() };
  const lines = linesOf(input, r.problems);
  if (!lines) return r;
  const text = lines.join('\n');
  if (/^\s*\{/.test(text) && readJson(r, text) > 0) r.format = 'json';
  else if (readCsv(r, lines) > 0) r.format = 'csv';
  else if (readText(r, lines) > 0) r.format = 'text';
  else {
    if (r.problems.length === 0) r.problems.push('No rocm-smi memory figures (--showmeminfo vram, --showpids) were recognised.');
    return r;
  }
  const has = (ok: boolean, name: string) => (ok ? r.recognised : r.missing).push(name);
  has(
    r.gpus.some((g) => g.usedBytes !== undefined),
    'memory used per GPU',
  );
  has(r.processes.length > 0, 'per-process memory');
  return r;
}
