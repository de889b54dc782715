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

const MEMORY_PRIORITY: HardwareSource[] = ['nvidia-smi', 'sysfs', 'rocm-smi', 'amd-smi', 'system_profiler', 'windows-registry', 'systeminformation', 'lspci', 'catalog', 'user'];
const NAME_PRIORITY: HardwareSource[] = ['nvidia-smi', 'rocm-smi', 'amd-smi', 'system_profiler', 'windows-registry', 'lspci', 'systeminformation', 'sysfs', 'catalog', 'user'];

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

export function reconcileGpus(candidates: readonly GpuCandidate[], ctx: ReconcileContext): DetectedGpu[] {
  const groups = groupCandidates(candidates);
  const devices: DetectedGpu[] = [];
  const usedIds = new Set<string>();
  groups.forEach((group, i) => {
    const byMemory = [...group].sort((a, b) => rank(MEMORY_PRIORITY, a.source) - rank(MEMORY_PRIORITY, b.source));
    const byName = [...group].sort((a, b) => rank(NAME_PRIORITY, a.source) - rank(NAME_PRIORITY, b.source));
    const warnings: string[] = [];
    for (const m of group) for (const w of m.warnings) if (!warnings.includes(w)) warnings.push(w);

    const memory = byMemory.find((m) => m.vramTotalBytes !== null) ?? null;
    const vendor = group.find((m) => m.vendor !== 'other')?.vendor ?? 'other';
    const name = byName.find((m) => m.name)?.name ?? `${vendor === 'other' ? 'Unknown' : vendor.toUpperCase()} GPU${group[0]?.pciId ? ` ${group[0].pciId}` : ''}`;
    const busId = group.map((m) => m.busId).find((b) => b !== null) ?? null;
    const pciId = group.map((m) => m.pciId).find((p) => p !== null) ?? null;
    const kindSource = (memory?.kind ? memory : null) ?? byMemory.find((m) => m.kind !== null) ?? null;
    let kind: GpuMemoryKind | null = kindSource?.kind ?? null;

    let source: HardwareSource = memory?.source ?? byMemory[0]!.source;
    let confidence: Confidence = memory?.confidence ?? 'low';
    let total: number | null = memory?.vramTotalBytes ?? null;
    let used = memory?.vramUsedBytes ?? null;
    let free = memory?.vramFreeBytes ?? null;
    if (memory && free === null) {
      const other = byMemory.find((m) => m.vramFreeBytes !== null && m.vramTotalBytes !== null && Math.abs(m.vramTotalBytes - memory.vramTotalBytes!) <= 0.03 * memory.vramTotalBytes!);
      if (other) {
        free = other.vramFreeBytes;
        used = other.vramUsedBytes;
      }
    }

    if (memory) {
      for (const m of byMemory) {
        if (m === memory || m.vramTotalBytes === null) continue;
        const diff = Math.abs(m.vramTotalBytes - memory.vramTotalBytes!);
        if (diff > 0.03 * memory.vramTotalBytes!) {
          warnings.push(`${m.source} reports ${fmtGiB(m.vramTotalBytes)} but ${memory.source} reports ${fmtGiB(memory.vramTotalBytes!)}; using ${memory.source}.`);
          confidence = lowerConfidence(confidence);
        }
      }
    }
    const bar = group.map((m) => m.barBytes ?? null).find((b) => b !== null && b !== undefined) ?? null;

    const driver = byMemory.find((m) => m.driver)?.driver ?? null;
    const computeCapability = byMemory.find((m) => m.computeCapability)?.computeCapability ?? null;

    if (kind === null) kind = total !== null ? 'dedicated' : vendor === 'intel' ? 'shared' : 'dedicated';

    let unifiedMemoryBytes: number | null | undefined = memory?.unifiedMemoryBytes ?? undefined;
    let sharedMemoryBytes: number | null | undefined;
    if (kind === 'unified' && total === null && ctx.ramTotalBytes !== null) {
      // GB10 / Jetson: nvidia-smi prints [N/A]; the pool is system RAM.
      total = ctx.ramTotalBytes;
      free = ctx.ramAvailableBytes;
      used = null;
      unifiedMemoryBytes = ctx.ramTotalBytes;
      confidence = 'medium';
      warnings.push('This GPU shares system memory; its budget is the system RAM total.');
    }
    if (kind === 'shared') {
      // An integrated GPU borrows system RAM: never count it as VRAM.
      sharedMemoryBytes = total;
      total = 0;
      used = null;
      free = null;
      if (!warnings.some((w) => w.includes('integrated'))) warnings.push('Integrated GPU: it uses system memory, so it adds no VRAM.');
    }

    let catalogId: string | null = null;
    if (ctx.matchCatalog) {
      try {
        const entry = ctx.matchCatalog({ name, pciId, memoryBytes: kind === 'shared' ? null : total });
        catalogId = entry?.id ?? null;
        if (entry && total === null && kind !== 'shared') {
          total = entry.memoryBytes;
          source = 'catalog';
          confidence = 'low';
          warnings.push(`No tool reported this GPU's memory; ${fmtGiB(entry.memoryBytes)} is the catalog figure for ${entry.name}.`);
        }
      } catch {
        catalogId = null;
      }
    }
    if (total === null) {
      total = 0;
      confidence = 'low';
      warnings.push(
        bar !== null
          ? `The memory size is unknown (lspci shows a ${fmtGiB(bar)} BAR, which is an address window, not memory); enter it by hand.`
          : 'The memory size is unknown; enter it by hand.',
      );
    }

    let id = busId ?? `${source}-${group[0]?.index ?? i}`;
    while (usedIds.has(id)) id = `${id}+`;
    usedIds.add(id);
    const device: DetectedGpu = {
      id,
      vendor,
      name,
      kind,
      vramTotalBytes: total,
      vramFreeBytes: free,
      vramUsedBytes: used,
      driver,
      busId,
      pciId,
      computeCapability,
      source,
      confidence,
      catalogId,
      warnings,
      sources: [...new Set(byMemory.map((m) => m.source))],
    };
    if (unifiedMemoryBytes !== undefined) device.unifiedMemoryBytes = unifiedMemoryBytes;
    if (sharedMemoryBytes !== undefined) device.sharedMemoryBytes = sharedMemoryBytes;
    devices.push(device);
  });
  return devices;
}
