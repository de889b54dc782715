// nvidia-smi --query-gpu CSV (the scripting interface; the human table "is not guaranteed to be
// backwards compatible" per the nvidia-smi man page). Values are MiB with `nounits`.

import { emptyCandidate, guessKind, MiB, normalizeBusId, pciIdFromNvidiaDeviceId, splitLines, toNumber, type GpuCandidate } from './common';

export const NVIDIA_FIELDS = ['index', 'name', 'memory.total', 'memory.used', 'memory.free', 'driver_version', 'pci.bus_id', 'pci.device_id', 'compute_cap'] as const;
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

/**
 * Splits one CSV row. nvidia-smi does not quote; names contain no commas in practice, but if a row has
 * more fields than asked, the extra commas are assumed to belong to the name (field 1).
 */
function splitRow(line: string, expected: number): string[] | null {
  const parts = line.split(',').map((p) => p.trim());
  if (parts.length === expected) return parts;
  if (parts.length > expected) {
    const extra = parts.length - expected;
    return [parts[0]!, parts.slice(1, 2 + extra).join(', '), ...parts.slice(2 + extra)];
  }
  return null;
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
    const parts = splitRow(line, fields.length);
    const get = (name: string): string | null => {
      const i = at(name);
      return i >= 0 && parts ? (parts[i] ?? null) : null;
    };
    const totalMiB = parts ? toNumber(get('memory.total')) : null;
    const name = get('name');
    if (!parts || !name || /^\[?n\/a\]?$/i.test(name)) {
      problems.push(`could not read nvidia-smi line "${line.slice(0, 80)}"`);
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
    const used = toNumber(get('memory.used'));
    const free = toNumber(get('memory.free'));
    c.vramTotalBytes = totalMiB !== null ? totalMiB * MiB : null;
    c.vramUsedBytes = used !== null ? used * MiB : null;
    c.vramFreeBytes = free !== null ? free * MiB : null;
    if (totalMiB === null) {
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
