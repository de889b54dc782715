// nvidia-smi --query-gpu CSV (the scripting interface; the human table "is not guaranteed to be
// backwards compatible" per the nvidia-smi man page). Values are MiB with `nounits`.

import { emptyCandidate, guessKind, MiB, normalizeBusId, pciIdFromNvidiaDeviceId, splitLines, toNumber, type GpuCandidate } from './common';

export const NVIDIA_FIELDS = [
  'index',
  'name',
  'memory.total',
  'memory.used',
  'memory.free',
  'driver_version',
  'pci.bus_id',
  'pci.device_id',
  'compute_cap',
] as const;
/** Drivers before ~510 do not know compute_cap; the probe retries with this list. */
export const NVIDIA_FIELDS_LEGACY = NVIDIA_FIELDS.filter((f) => f !== 'compute_cap');

export function nvidiaSmiArgs(fields: readonly string[]): string[] {
  return [`--query-gpu=${fields.join(',')}`, '--format=csv,noheader,nounits'];
}

/** True when nvidia-smi rejected a field name (older driver): worth one retry without compute_cap. */
export function isUnknownFieldError(text: string): boolean {
  return /is not a valid field to query|invalid field|unrecognized (option|field)/i.test(text);
}

export interface NvidiaParseResult {
  gpus: GpuCandidate[];
  /** Lines that could not be read, each explained. */
  problems: string[];
}

/** nvidia-smi's own "no value" spellings: the field is absent, not malformed. */
const ABSENT = /^\[?(n\/a|not supported|unknown|insufficient permissions|-)\]?$/i;
/** The largest memory a single GPU could plausibly report: 16 TiB, in MiB. */
const MAX_MIB = 16 * 1024 * 1024;

/** Each typed column's clean form; a row that does not match them all is not trusted. */
const SHAPES: Partial<Record<string, RegExp>> = {
  index: /^\d{1,3}$/,
  'memory.total': /^\d+$/,
  'memory.used': /^\d+$/,
  'memory.free': /^\d+$/,
  driver_version: /^\d+(?:\.\d+)*$/,
  'pci.bus_id': /^[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/i,
  'pci.device_id': /^0x[0-9a-f]{8}$/i,
  compute_cap: /^\d+\.\d+$/,
};

function fieldsFit(parts: string[], fields: readonly string[]): boolean {
  return fields.every((f, i) => {
    const shape = SHAPES[f];
    const value = parts[i] ?? '';
    return !shape || ABSENT.test(value) || shape.test(value);
  });
}

/**
 * Splits one CSV row. nvidia-smi does not quote. A row with more commas than fields is read as a name
 * containing commas only when every typed column is then clean; with decimal commas (a locale that
 * writes "24564,0") the columns no longer line up, and the row is refused rather than misread.
 */
function splitRow(line: string, fields: readonly string[]): string[] | null {
  const expected = fields.length;
  const parts = line.split(',').map((p) => p.trim());
  if (parts.length === expected) return fieldsFit(parts, fields) ? parts : null;
  if (parts.length > expected) {
    const extra = parts.length - expected;
    const merged = [parts[0]!, parts.slice(1, 2 + extra).join(', '), ...parts.slice(2 + extra)];
    return fieldsFit(merged, fields) ? merged : null;
  }
  return null;
}

/** MiB text → MiB, or null with `bad` set when present but implausible (0, 1e26, junk). */
function mib(raw: string | null): { value: number | null; bad: boolean } {
  if (raw === null || ABSENT.test(raw)) return { value: null, bad: false };
  const n = toNumber(raw);
  if (n === null || n <= 0 || n > MAX_MIB) return { value: null, bad: true };
  return { value: n, bad: false };
}

function shown(line: string): string {
  // Printable ASCII only: a report line must not carry a terminal escape.
  return line.replace(/[^\x20-\x7e]/g, '?').slice(0, 80);
}

export function parseNvidiaSmiCsv(text: string, fields: readonly string[] = NVIDIA_FIELDS): NvidiaParseResult {
  const gpus: GpuCandidate[] = [];
  const problems: string[] = [];
  const at = (name: string): number => fields.indexOf(name);
  for (const raw of splitLines(text)) {
    const line = raw.trim();
    if (!line) continue;
    if (gpus.length >= 64) {
      problems.push('nvidia-smi listed more than 64 GPUs; the rest were ignored.');
      break;
    }
    const parts = splitRow(line, fields);
    const get = (name: string): string | null => {
      const i = at(name);
      return i >= 0 && parts ? (parts[i] ?? null) : null;
    };
    const name = get('name');
    if (!parts || !name || ABSENT.test(name)) {
      problems.push(`could not read nvidia-smi line "${shown(line)}"`);
      continue;
    }
    const c = emptyCandidate('nvidia-smi', 'nvidia');
    c.name = name;
    c.index = toNumber(get('index'));
    const driver = get('driver_version');
    c.driver = driver && /^\d+(?:\.\d+)*$/.test(driver) ? driver : null;
    c.busId = normalizeBusId(get('pci.bus_id'));
    c.pciId = pciIdFromNvidiaDeviceId(get('pci.device_id'));
    const cc = get('compute_cap');
    c.computeCapability = cc && /^\d+\.\d+$/.test(cc) ? cc : null;
    c.kind = guessKind('nvidia', name, c.pciId);
    const total = mib(get('memory.total'));
    const used = mib(get('memory.used'));
    const free = mib(get('memory.free'));
    c.vramTotalBytes = total.value !== null ? total.value * MiB : null;
    // 0 MiB used is real (an idle GPU); only the total must be positive.
    c.vramUsedBytes = used.value !== null ? used.value * MiB : get('memory.used') === '0' ? 0 : null;
    c.vramFreeBytes = free.value !== null ? free.value * MiB : get('memory.free') === '0' ? 0 : null;
    if (total.bad) {
      c.confidence = 'low';
      const note = `nvidia-smi reported a memory size of "${shown(get('memory.total') ?? '')}" MiB for ${shown(name)}, which is not plausible; it was ignored`;
      c.warnings.push(`${note}.`);
      problems.push(note);
    } else if (total.value === null) {
      // GB10 (DGX Spark) and Jetson print [N/A]: memory is the system's, the caller fills it from RAM.
      c.kind = c.kind === 'dedicated' ? null : c.kind;
      c.confidence = 'low';
      c.warnings.push('nvidia-smi did not report a memory size for this GPU.');
    } else {
      c.confidence = 'high';
    }
    gpus.push(c);
  }
  return { gpus, problems };
}
