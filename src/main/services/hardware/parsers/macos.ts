// macOS: `system_profiler SPDisplaysDataType SPHardwareDataType -json` for GPU names and (Intel Macs)
// VRAM, plus `sysctl hw.memsize iogpu.wired_limit_mb` for the unified pool and its GPU cap.

import { emptyCandidate, GiB, MiB, makePciId, parseSizeText, splitLines, toNumber, vendorFromName, type GpuCandidate } from './common';
import { parseJsonSafely } from './amd-tools';

export const SYSTEM_PROFILER_ARGS = ['SPDisplaysDataType', 'SPHardwareDataType', '-json'];
export const SYSCTL_ARGS = ['hw.memsize', 'iogpu.wired_limit_mb'];

/**
 * Share of unified memory Metal lets the GPU keep resident (MTLDevice.recommendedMaxWorkingSetSize)
 * when iogpu.wired_limit_mb is 0 (the default). Apple does not publish the rule; public measurements:
 * 16 GB M4 → ~10.67 GB (2/3, exo-explore/exo PR #1672), 16 GB M3 → 11.84 GB (llmfit PR #754),
 * 24 GB → 17.76 GiB (0.74, sgl-project/sglang PR #29949), 128 GiB → 107.52 GiB (0.84, antirez/ds4
 * PR #893); GPUStack treats it as 75 % (gpustack#1375). We use the conservative 2/3 below 36 GiB and
 * 3/4 from 36 GiB up; callers can override the fraction.
 */
export function defaultAppleWorkingSetFraction(unifiedBytes: number): number {
  return unifiedBytes < 36 * GiB ? 2 / 3 : 3 / 4;
}

export interface SysctlValues {
  memsizeBytes: number | null;
  /** 0 or null means "macOS default". */
  wiredLimitMiB: number | null;
}

/** `sysctl a b` prints "a: 1\nb: 2"; an unknown oid goes to stderr, so stdout is read even on failure. */
export function parseSysctl(text: string): SysctlValues {
  let memsizeBytes: number | null = null;
  let wiredLimitMiB: number | null = null;
  for (const line of splitLines(text)) {
    const m = /^\s*([a-z0-9_.]+)\s*[:=]\s*(\S+)\s*$/i.exec(line);
    if (!m) continue;
    if (m[1] === 'hw.memsize') memsizeBytes = toNumber(m[2]);
    if (m[1] === 'iogpu.wired_limit_mb') wiredLimitMiB = toNumber(m[2]);
  }
  return { memsizeBytes, wiredLimitMiB };
}

export interface WorkingSet {
  bytes: number;
  basis: 'sysctl' | 'default-share' | 'user';
  fraction: number;
  note: string;
}

export function appleWorkingSet(unifiedBytes: number, wiredLimitMiB: number | null, userFraction?: number | null): WorkingSet {
  if (userFraction !== undefined && userFraction !== null && userFraction > 0 && userFraction <= 1) {
    return {
      bytes: Math.floor(unifiedBytes * userFraction),
      basis: 'user',
      fraction: userFraction,
      note: `GPU budget set to ${Math.round(userFraction * 100)} % of unified memory by the user.`,
    };
  }
  if (wiredLimitMiB !== null && wiredLimitMiB > 0) {
    const bytes = Math.min(unifiedBytes, wiredLimitMiB * MiB);
    return { bytes, basis: 'sysctl', fraction: bytes / unifiedBytes, note: `GPU budget from iogpu.wired_limit_mb = ${wiredLimitMiB} MiB.` };
  }
  const fraction = defaultAppleWorkingSetFraction(unifiedBytes);
  return {
    bytes: Math.floor(unifiedBytes * fraction),
    basis: 'default-share',
    fraction,
    note: `GPU budget assumed to be ${Math.round(fraction * 100)} % of unified memory (macOS default working-set limit; raise it with sysctl iogpu.wired_limit_mb).`,
  };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

export interface SystemProfilerResult {
  gpus: GpuCandidate[];
  chip: string | null;
  /** SPHardwareDataType physical_memory ("64 GB"), bytes. */
  physicalMemoryBytes: number | null;
  problem: string | null;
}

function vendorOf(entry: Json, name: string | null): GpuCandidate['vendor'] {
  const v = (text(entry.spdisplays_vendor) ?? '').toLowerCase();
  if (v.includes('apple')) return 'apple';
  if (v.includes('intel')) return 'intel';
  if (v.includes('amd') || v.includes('ati')) return 'amd';
  if (v.includes('nvidia')) return 'nvidia';
  return vendorFromName(name);
}

export function parseSystemProfilerJson(json: string): SystemProfilerResult {
  const { value, problem } = parseJsonSafely(json);
  if (problem || !isObject(value))
    return { gpus: [], chip: null, physicalMemoryBytes: null, problem: problem ?? 'the JSON was not an object' };
  const hw = Array.isArray(value.SPHardwareDataType) && isObject(value.SPHardwareDataType[0]) ? value.SPHardwareDataType[0] : {};
  const chip = text(hw.chip_type);
  const physicalMemoryBytes = parseSizeText(text(hw.physical_memory));
  const gpus: GpuCandidate[] = [];
  const displays = Array.isArray(value.SPDisplaysDataType) ? value.SPDisplaysDataType : [];
  for (const entry of displays) {
    if (!isObject(entry)) continue;
    const name = text(entry.sppci_model) ?? text(entry._name);
    if (!name) continue;
    const vendor = vendorOf(entry, name);
    const c = emptyCandidate('system_profiler', vendor);
    c.name = name;
    const dev = text(entry['spdisplays_device-id']);
    const ven =
      text(entry['spdisplays_vendor-id']) ?? ({ intel: '8086', amd: '1002', nvidia: '10de', apple: null, other: null } as const)[vendor];
    c.pciId = dev && ven ? makePciId(ven, dev) : null;
    const builtin = /builtin/i.test(text(entry.sppci_bus) ?? '');
    const dedicated = parseSizeText(text(entry.spdisplays_vram));
    const shared = parseSizeText(text(entry.spdisplays_vram_shared));
    if (vendor === 'apple') {
      // Apple Silicon lists no VRAM keys: the GPU uses the unified pool (filled in from sysctl).
      c.kind = 'unified';
      c.confidence = 'medium';
    } else if (dedicated !== null && !builtin) {
      c.kind = 'dedicated';
      c.vramTotalBytes = dedicated;
      c.confidence = 'medium';
    } else {
      c.kind = 'shared';
      c.vramTotalBytes = shared ?? dedicated;
      c.confidence = 'medium';
    }
    gpus.push(c);
  }
  return { gpus, chip, physicalMemoryBytes, problem: null };
}
