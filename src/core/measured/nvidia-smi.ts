// Reads what nvidia-smi prints about memory: the default table (one block per GPU with "used / total"
// in MiB, then the Processes table with each process's "GPU Memory Usage"), and the CSV of
// `--query-compute-apps=pid,process_name,used_memory[,gpu_uuid] --format=csv[,nounits]` or
// `--query-gpu=index,name,memory.used,memory.total --format=csv`. Column names follow `nvidia-smi
// --help-query-compute-apps` / `--help-query-gpu`. Tables pasted with collapsed spaces (chat clients,
// gists) and Windows line ends still read; "N/A" (WDDM on Windows) is kept as unknown. Pure and total.

import { MiB } from '../units';
import { emptyNotes, linesOf, readSize, type ParseNotes } from './text';

export interface SmiGpu {
  index: number;
  name?: string;
  uuid?: string;
  usedBytes?: number;
  totalBytes?: number;
}

export interface SmiProcess {
  /** GPU index; null when the output names the GPU only by UUID (or, for rocm-smi, only counts GPUs). */
  gpu: number | null;
  gpuUuid?: string;
  pid: number;
  name: string;
  /** nvidia-smi: C (compute), G (graphics), C+G, M+C (MPS). */
  type?: string;
  /** null where the driver does not report it ("N/A" under Windows WDDM, rocm-smi "UNKNOWN"). */
  usedBytes: number | null;
}

export interface NvidiaSmi extends ParseNotes {
  kind: 'nvidia-smi';
  format: 'table' | 'csv' | 'none';
  driverVersion?: string;
  cudaVersion?: string;
  gpus: SmiGpu[];
  processes: SmiProcess[];
}

const GPU_ROW = /^\|\s*(\d+)\s+(.+?)\s+(?:On|Off)\s*\|\s*[0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:/;
const MEMORY = /(\d+)\s*MiB\s*\/\s*(\d+)\s*MiB/;
const PROCESS_ROW = /^\|\s*(\d+)\s+(?:(\S+)\s+(\S+)\s+)?(\d+)\s+(C|G|C\+G|M\+C|M)\s+(.+?)\s+(\d+\s*MiB|N\/A)\s*\|/;

function readTable(smi: NvidiaSmi, lines: string[]): number {
  let used = 0;
  let current: SmiGpu | null = null;
  let inProcesses = false;
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if ((m = /NVIDIA-SMI ([\d.]+)\s+Driver Version: ([\d.]+)(?:\s+CUDA Version: ([\d.]+))?/.exec(line))) {
      smi.driverVersion = m[2];
      if (m[3]) smi.cudaVersion = m[3];
      used++;
    } else if (/^\|\s*Processes:/.test(line)) inProcesses = true;
    else if (/^\|\s*MIG devices:/.test(line)) inProcesses = false;
    else if (!inProcesses && (m = GPU_ROW.exec(line))) {
      current = { index: Number(m[1]), name: m[2]!.trim() };
      smi.gpus.push(current);
      used++;
    } else if (!inProcesses && current && current.usedBytes === undefined && (m = MEMORY.exec(line))) {
      current.usedBytes = Number(m[1]) * MiB;
      current.totalBytes = Number(m[2]) * MiB;
      used++;
    } else if (inProcesses && (m = PROCESS_ROW.exec(line))) {
      const mem = m[7]!;
      smi.processes.push({
        gpu: Number(m[1]),
        pid: Number(m[4]),
        type: m[5],
        name: m[6]!.trim(),
        usedBytes: mem === 'N/A' ? null : readSize(mem),
      });
      used++;
    }
  }
  return used;
}

/** "12345 MiB", "12345" under nounits (the header then still says [MiB]), "[N/A]" → bytes or null. */
function csvBytes(value: string | undefined, headUnit: string | undefined): number | null {
  if (value === undefined || /N\/A|Not Supported|Insufficient/i.test(value)) return null;
  const bytes = /[KMG]iB/.test(value) ? readSize(value) : readSize(value, headUnit === 'GiB' ? 1024 * MiB : MiB);
  return Number.isFinite(bytes) ? bytes : null;
}

function readCsv(smi: NvidiaSmi, lines: string[]): number {
  const at = lines.findIndex((l) => /^\s*(?:pid|index|gpu_uuid|gpu_name|name|uuid)\s*,/.test(l) && l.includes(','));
  if (at < 0) return 0;
  const head = lines[at]!.split(',').map((h) => h.trim());
  const unitOf = (i: number) => /\[(\w+)\]/.exec(head[i] ?? '')?.[1];
  const col = (...names: string[]) => head.findIndex((h) => names.includes(h.replace(/\s*\[.*\]$/, '')));
  const c = {
    pid: col('pid'),
    name: col('process_name', 'name', 'gpu_name'),
    used: col('used_gpu_memory', 'used_memory', 'memory.used'),
    total: col('memory.total'),
    index: col('index'),
    uuid: col('gpu_uuid', 'uuid'),
  };
  let used = 0;
  for (const line of lines.slice(at + 1)) {
    if (!line.includes(',')) continue;
    const v = line.split(',').map((x) => x.trim());
    if (c.pid >= 0) {
      const pid = Number(v[c.pid]);
      if (!Number.isInteger(pid)) continue;
      const p: SmiProcess = { gpu: null, pid, name: v[c.name] ?? '', usedBytes: csvBytes(v[c.used], unitOf(c.used)) };
      if (c.uuid >= 0 && v[c.uuid]) p.gpuUuid = v[c.uuid];
      smi.processes.push(p);
      used++;
    } else if (c.index >= 0 && Number.isInteger(Number(v[c.index]))) {
      const g: SmiGpu = { index: Number(v[c.index]) };
      if (c.name >= 0) g.name = v[c.name];
      if (c.uuid >= 0) g.uuid = v[c.uuid];
      const u = csvBytes(v[c.used], unitOf(c.used));
      const t = csvBytes(v[c.total], unitOf(c.total));
      if (u !== null) g.usedBytes = u;
      if (t !== null) g.totalBytes = t;
      smi.gpus.push(g);
      used++;
    }
  }
  return used;
}

export function parseNvidiaSmi(input: unknown): NvidiaSmi {
  const smi: NvidiaSmi = { kind: 'nvidia-smi', format: 'none', gpus: [], processes: [], ...emptyNotes() };
  const lines = linesOf(input, smi.problems);
  if (!lines) return smi;
  if (readTable(smi, lines) > 0) smi.format = 'table';
  else if (readCsv(smi, lines) > 0) smi.format = 'csv';
  else {
    smi.problems.push('No nvidia-smi table or --query CSV was recognised.');
    return smi;
  }
  const has = (ok: boolean, name: string) => (ok ? smi.recognised : smi.missing).push(name);
  has(
    smi.gpus.some((g) => g.usedBytes !== undefined),
    'memory used per GPU',
  );
  has(smi.processes.length > 0, 'per-process memory');
  if (smi.processes.some((p) => p.usedBytes === null))
    smi.problems.push('Some processes show no memory figure (N/A): Windows in WDDM mode does not report it.');
  return smi;
}

/** Memory used per GPU by the listed processes (or only those whose name matches `only`). */
export function processTotals(processes: SmiProcess[], only?: RegExp): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of processes) {
    if (p.usedBytes === null || (only && !only.test(p.name))) continue;
    const key = p.gpu !== null ? String(p.gpu) : (p.gpuUuid ?? '?');
    out.set(key, (out.get(key) ?? 0) + p.usedBytes);
  }
  return out;
}
