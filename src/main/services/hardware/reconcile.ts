// Merges what several probes said into one GpuDevice per physical GPU: match by bus id, then PCI id,
// then vendor + compatible name; take each figure from the most trustworthy source that has it, and say
// so when sources disagree. Pure: no I/O, so fixture tests drive it directly.

import type { Confidence, GpuCatalogEntry, GpuDevice, GpuMemoryKind, HardwareSource } from '../../../core/hardware/types';
import { MiB, type GpuCandidate } from './parsers/common';

/** GpuDevice plus optional facts the core may ignore. */
export interface DetectedGpu extends GpuDevice {
  /** Every probe that saw this GPU, best first. */
  sources?: HardwareSource[];
  /** Apple / GB10: the whole pool the GPU shares with the CPU. */
  unifiedMemoryBytes?: number | null;
  /** Integrated GPUs: the carve-out the firmware reports, which is system RAM and never VRAM. */
  sharedMemoryBytes?: number | null;
}

export type CatalogMatcher = (q: { name: string; pciId: string | null; memoryBytes: number | null }) => GpuCatalogEntry | null;

export interface ReconcileContext {
  ramTotalBytes: number | null;
  ramAvailableBytes: number | null;
  matchCatalog?: CatalogMatcher;
}

const MEMORY_PRIORITY: HardwareSource[] = [
  'nvidia-smi',
  'sysfs',
  'rocm-smi',
  'amd-smi',
  'system_profiler',
  'windows-registry',
  'systeminformation',
  'lspci',
  'catalog',
  'user',
];
const NAME_PRIORITY: HardwareSource[] = [
  'nvidia-smi',
  'rocm-smi',
  'amd-smi',
  'system_profiler',
  'windows-registry',
  'lspci',
  'systeminformation',
  'sysfs',
  'catalog',
  'user',
];

const rank = (order: HardwareSource[], s: HardwareSource): number => {
  const i = order.indexOf(s);
  return i < 0 ? order.length : i;
};

function normName(n: string | null): string {
  return (n ?? '')
    .toLowerCase()
    .replace(/\((tm|r)\)/g, '')
    .replace(/\b(nvidia|amd|ati|intel|corporation|graphics|geforce|radeon|advanced micro devices|inc)\b/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function namesCompatible(a: string | null, b: string | null): boolean {
  const x = normName(a);
  const y = normName(b);
  if (!x || !y) return true;
  if (x.includes(y) || y.includes(x)) return true;
  // lspci's "RX 7900 XT/7900 XTX/7900M" lists several boards: any shared model token counts.
  const tokens = (s: string): Set<string> => new Set(s.split(' ').filter((t) => /\d/.test(t)));
  const tx = tokens(x);
  for (const t of tokens(y)) if (tx.has(t)) return true;
  return false;
}

function fmtGiB(bytes: number): string {
  return `${(bytes / (1024 * MiB)).toFixed(2)} GiB`;
}

function belongs(group: GpuCandidate[], c: GpuCandidate): boolean {
  const groupBus = group.map((m) => m.busId).find((b) => b !== null) ?? null;
  if (c.busId && groupBus) return c.busId === groupBus;
  if (group.some((m) => m.source === c.source)) return false;
  const groupPci = group.map((m) => m.pciId).find((p) => p !== null) ?? null;
  if (c.pciId && groupPci) return c.pciId === groupPci;
  const groupVendor = group.find((m) => m.vendor !== 'other')?.vendor ?? 'other';
  if (c.vendor !== 'other' && groupVendor !== 'other' && c.vendor !== groupVendor) return false;
  return group.every((m) => namesCompatible(m.name, c.name));
}

/** Groups candidates so that each group is one physical GPU. Candidates must be best-first. */
export function groupCandidates(candidates: readonly GpuCandidate[]): GpuCandidate[][] {
  const sorted = [...candidates].sort((a, b) => rank(MEMORY_PRIORITY, a.source) - rank(MEMORY_PRIORITY, b.source));
  const groups: GpuCandidate[][] = [];
  for (const c of sorted) {
    // Prefer an exact bus-id match over a looser one, so two identical cards never swap.
    const exact = c.busId ? groups.find((g) => g.some((m) => m.busId === c.busId)) : undefined;
    const target = exact ?? groups.find((g) => belongs(g, c));
    if (target) target.push(c);
    else groups.push([c]);
  }
  return groups;
}

function lowerConfidence(c: Confidence): Confidence {
  return c === 'high' ? 'medium' : 'low';
}

/** What reconciliation decides about one GPU's memory, step by step. */
interface MemoryState {
  total: number | null;
  used: number | null;
  free: number | null;
  confidence: Confidence;
  source: HardwareSource;
  kind: GpuMemoryKind | null;
  unifiedMemoryBytes?: number | null;
  sharedMemoryBytes?: number | null;
}

/** The best-ranked memory figure, free/used borrowed from an agreeing source, disagreements noted. */
function pickMemory(byMemory: GpuCandidate[], warnings: string[]): { memory: GpuCandidate | null; state: MemoryState } {
  const memory = byMemory.find((m) => m.vramTotalBytes !== null) ?? null;
  const kindSource = (memory?.kind ? memory : null) ?? byMemory.find((m) => m.kind !== null) ?? null;
  const state: MemoryState = {
    total: memory?.vramTotalBytes ?? null,
    used: memory?.vramUsedBytes ?? null,
    free: memory?.vramFreeBytes ?? null,
    confidence: memory?.confidence ?? 'low',
    source: memory?.source ?? byMemory[0]!.source,
    kind: kindSource?.kind ?? null,
  };
  if (!memory) return { memory, state };
  const ref = memory.vramTotalBytes!;
  if (state.free === null) {
    const other = byMemory.find(
      (m) => m.vramFreeBytes !== null && m.vramTotalBytes !== null && Math.abs(m.vramTotalBytes - ref) <= 0.03 * ref,
    );
    if (other) {
      state.free = other.vramFreeBytes;
      state.used = other.vramUsedBytes;
    }
  }
  for (const m of byMemory) {
    if (m === memory || m.vramTotalBytes === null) continue;
    if (Math.abs(m.vramTotalBytes - ref) > 0.03 * ref) {
      warnings.push(`${m.source} reports ${fmtGiB(m.vramTotalBytes)} but ${memory.source} reports ${fmtGiB(ref)}; using ${memory.source}.`);
      state.confidence = lowerConfidence(state.confidence);
    }
  }
  state.unifiedMemoryBytes = memory.unifiedMemoryBytes ?? undefined;
  return { memory, state };
}

/** Unified memory takes the RAM figures; an integrated GPU's borrowed RAM is never VRAM. */
function applyKind(state: MemoryState, vendor: GpuCandidate['vendor'], ctx: ReconcileContext, warnings: string[]): void {
  if (state.kind === null) state.kind = state.total !== null ? 'dedicated' : vendor === 'intel' ? 'shared' : 'dedicated';
  if (state.kind === 'unified' && state.total === null && ctx.ramTotalBytes !== null) {
    // GB10 / Jetson: nvidia-smi prints [N/A]; the pool is system RAM.
    state.total = ctx.ramTotalBytes;
    state.free = ctx.ramAvailableBytes;
    state.used = null;
    state.unifiedMemoryBytes = ctx.ramTotalBytes;
    state.confidence = 'medium';
    warnings.push('This GPU shares system memory; its budget is the system RAM total.');
  }
  if (state.kind === 'shared') {
    state.sharedMemoryBytes = state.total;
    state.total = 0;
    state.used = null;
    state.free = null;
    if (!warnings.some((w) => w.includes('integrated'))) warnings.push('Integrated GPU: it uses system memory, so it adds no VRAM.');
  }
}

/** The catalog entry's id, and its memory when no tool gave one; an unknown size says so. */
function applyCatalog(
  state: MemoryState,
  name: string,
  pciId: string | null,
  bar: number | null,
  ctx: ReconcileContext,
  warnings: string[],
): string | null {
  let catalogId: string | null = null;
  if (ctx.matchCatalog) {
    try {
      const entry = ctx.matchCatalog({ name, pciId, memoryBytes: state.kind === 'shared' ? null : state.total });
      catalogId = entry?.id ?? null;
      if (entry && state.total === null && state.kind !== 'shared') {
        state.total = entry.memoryBytes;
        state.source = 'catalog';
        state.confidence = 'low';
        warnings.push(`No tool reported this GPU's memory; ${fmtGiB(entry.memoryBytes)} is the catalog figure for ${entry.name}.`);
      }
    } catch {
      catalogId = null;
    }
  }
  if (state.total === null) {
    state.total = 0;
    state.confidence = 'low';
    warnings.push(
      bar !== null
        ? `The memory size is unknown (lspci shows a ${fmtGiB(bar)} BAR, which is an address window, not memory); enter it by hand.`
        : 'The memory size is unknown; enter it by hand.',
    );
  }
  return catalogId;
}

function reconcileGroup(group: GpuCandidate[], i: number, ctx: ReconcileContext, usedIds: Set<string>): DetectedGpu {
  const byMemory = [...group].sort((a, b) => rank(MEMORY_PRIORITY, a.source) - rank(MEMORY_PRIORITY, b.source));
  const byName = [...group].sort((a, b) => rank(NAME_PRIORITY, a.source) - rank(NAME_PRIORITY, b.source));
  const warnings: string[] = [];
  for (const m of group) for (const w of m.warnings) if (!warnings.includes(w)) warnings.push(w);
  const vendor = group.find((m) => m.vendor !== 'other')?.vendor ?? 'other';
  const name =
    byName.find((m) => m.name)?.name ??
    `${vendor === 'other' ? 'Unknown' : vendor.toUpperCase()} GPU${group[0]?.pciId ? ` ${group[0].pciId}` : ''}`;
  const busId = group.map((m) => m.busId).find((b) => b !== null) ?? null;
  const pciId = group.map((m) => m.pciId).find((p) => p !== null) ?? null;
  const bar = group.map((m) => m.barBytes ?? null).find((b) => b !== null && b !== undefined) ?? null;

  const { state } = pickMemory(byMemory, warnings);
  applyKind(state, vendor, ctx, warnings);
  const catalogId = applyCatalog(state, name, pciId, bar, ctx, warnings);

  let id = busId ?? `${state.source}-${group[0]?.index ?? i}`;
  while (usedIds.has(id)) id = `${id}+`;
  usedIds.add(id);
  const device: DetectedGpu = {
    id,
    vendor,
    name,
    kind: state.kind!,
    vramTotalBytes: state.total!,
    vramFreeBytes: state.free,
    vramUsedBytes: state.used,
    driver: byMemory.find((m) => m.driver)?.driver ?? null,
    busId,
    pciId,
    computeCapability: byMemory.find((m) => m.computeCapability)?.computeCapability ?? null,
    source: state.source,
    confidence: state.confidence,
    catalogId,
    warnings,
    sources: [...new Set(byMemory.map((m) => m.source))],
  };
  if (state.unifiedMemoryBytes !== undefined) device.unifiedMemoryBytes = state.unifiedMemoryBytes;
  if (state.sharedMemoryBytes !== undefined) device.sharedMemoryBytes = state.sharedMemoryBytes;
  return device;
}

export function reconcileGpus(candidates: readonly GpuCandidate[], ctx: ReconcileContext): DetectedGpu[] {
  const usedIds = new Set<string>();
  return groupCandidates(candidates).map((group, i) => reconcileGroup(group, i, ctx, usedIds));
}
