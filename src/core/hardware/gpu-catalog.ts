// Built-in catalogue of GPUs and unified-memory machines: what a detector cannot read (bandwidth,
// tensor throughput) and what it reads inconsistently (names), keyed by PCI id and name tokens.

import { AMD_INSTINCT_GPUS } from './gpu-data/amd-instinct';
import { AMD_RADEON_GPUS } from './gpu-data/amd-radeon';
import { APPLE_GPUS } from './gpu-data/apple';
import type { GpuCatalogRecord } from './gpu-data/build';
import { INTEL_GPUS } from './gpu-data/intel';
import { NVIDIA_GPUS } from './gpu-data/nvidia';
import type { GpuCatalogEntry } from './types';

export type { GpuCatalogRecord } from './gpu-data/build';

export const GPU_CATALOG: GpuCatalogRecord[] = [...NVIDIA_GPUS, ...AMD_RADEON_GPUS, ...AMD_INSTINCT_GPUS, ...INTEL_GPUS, ...APPLE_GPUS];

const BY_ID = new Map<string, GpuCatalogRecord>(GPU_CATALOG.map((g) => [g.id, g]));

export function getGpu(id: string): GpuCatalogRecord | undefined {
  return BY_ID.get(id) ?? BY_ID.get(id.trim().toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Name normalisation shared by search and matching.

/** Words every vendor string carries that say nothing about which board it is. */
const NOISE = new Set([
  'nvidia',
  'geforce',
  'amd',
  'ati',
  'radeon',
  'intel',
  'arc',
  'apple',
  'tesla',
  'graphics',
  'gpu',
  'corporation',
  'inc',
  'tm',
  'r',
  'series',
  'with',
  'design',
]);
/** Words that describe a variant (form factor, memory technology) rather than the chip tier. */
const DESCRIPTOR = /^(pcie|sxm\d?|hbm\d?e?|gddr\d+x?|lpddr\d+x?|ecc|edition|workstation|server|generation|oem|\d+(?:\.\d+)?(?:gb|gib))$/;
/** A board that is not the desktop part of the same name: never matched to it. */
const DIFFERENT_PART = new Set(['laptop', 'mobile', 'max-q', 'maxq', 'embedded']);

function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/\((?:r|tm)\)|[™®]/g, ' ')
    .replace(/(\d)\s*(gb|gib)\b/g, '$1$2')
    .split(/[^a-z0-9.+]+/)
    .map((t) => t.replace(/^\.+|\.+$/g, ''))
    .filter(Boolean);
}

interface NameKey {
  /** Tokens that identify the chip tier, as a sorted joined string for set equality. */
  model: string;
  descriptors: string[];
  memoryGB: number | null;
  differentPart: boolean;
}

function nameKey(text: string): NameKey {
  const model: string[] = [];
  const descriptors: string[] = [];
  let memoryGB: number | null = null;
  let differentPart = false;
  for (const t of tokens(text)) {
    if (NOISE.has(t)) continue;
    if (DIFFERENT_PART.has(t)) differentPart = true;
    if (DESCRIPTOR.test(t)) {
      descriptors.push(t);
      const gb = /^(\d+(?:\.\d+)?)(?:gb|gib)$/.exec(t);
      if (gb) memoryGB = Number(gb[1]);
      continue;
    }
    model.push(t);
  }
  return { model: [...new Set(model)].sort().join(' '), descriptors, memoryGB, differentPart };
}

interface Indexed {
  entry: GpuCatalogRecord;
  /** A laptop / mobile / embedded part: matched only by names that say so too. */
  differentPart: boolean;
  /** Model keys of the name and of every alias that names the board on its own. */
  keys: Set<string>;
  /** All searchable words (name, aliases, id, vendor). */
  words: string[];
  descriptorWords: Set<string>;
}

const INDEX: readonly Indexed[] = GPU_CATALOG.map((entry) => {
  const keys = new Set<string>([nameKey(entry.name).model]);
  for (const alias of entry.aliases) {
    const k = nameKey(alias).model;
    // Single generic words ("ada", "mac") are search aids, not identities.
    if (/\d/.test(k)) keys.add(k);
  }
  keys.delete('');
  const all = [entry.name, entry.id, entry.vendor, entry.kind, ...entry.aliases].join(' ');
  const words = [...new Set([...tokens(all), ...tokens(all.replace(/-/g, ' '))])];
  const differentPart = nameKey(entry.name).differentPart;
  return { entry, differentPart, keys, words, descriptorWords: new Set(tokens([entry.name, ...entry.aliases].join(' '))) };
});

// ---------------------------------------------------------------------------------------------
// Search.

/**
 * Every whitespace-separated query token must match a word of the entry (prefix match), or be a
 * memory size ("24gb") equal to its marketed size. Entries whose name matches exactly come first;
 * otherwise catalog order (vendor, then generation) is kept.
 */
export function findGpus(text: string): GpuCatalogRecord[] {
  const q = tokens(String(text ?? '').slice(0, 200)).slice(0, 12);
  if (q.length === 0) return [...GPU_CATALOG];
  const exactName = nameKey(String(text ?? '').slice(0, 200)).model;
  const hits: { e: GpuCatalogRecord; exact: boolean }[] = [];
  for (const ix of INDEX) {
    const ok = q.every((t) => {
      const gb = /^(\d+(?:\.\d+)?)(?:gb|gib)$/.exec(t);
      if (gb) return ix.entry.memoryGB === Number(gb[1]);
      return ix.words.some((w) => w === t || w.startsWith(t)) || (NOISE.has(t) && ix.entry.vendor === vendorOfNoise(t));
    });
    if (ok) hits.push({ e: ix.entry, exact: ix.keys.has(exactName) });
  }
  return [...hits.filter((h) => h.exact), ...hits.filter((h) => !h.exact)].map((h) => h.e);
}

function vendorOfNoise(t: string): string | null {
  if (t === 'nvidia' || t === 'geforce' || t === 'tesla') return 'nvidia';
  if (t === 'amd' || t === 'radeon' || t === 'ati') return 'amd';
  if (t === 'intel' || t === 'arc') return 'intel';
  if (t === 'apple') return 'apple';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Matching a detected device.

export interface GpuMatchQuery {
  name: string;
  /** "vendor:device", lower-case hex; null when the probe did not say. */
  pciId: string | null;
  /** Total memory the probe reported (bytes); null when unknown. */
  memoryBytes: number | null;
}

function normalisePci(pci: string | null): string | null {
  if (!pci) return null;
  const m = /^(?:0x)?([0-9a-f]{4})[:\s]+(?:0x)?([0-9a-f]{4})$/i.exec(pci.trim());
  return m ? `${m[1]!.toLowerCase()}:${m[2]!.toLowerCase()}` : null;
}

/** Pick among candidates: form-factor words of the name first, then the nearest memory size. */
function pickBest(cands: Indexed[], key: NameKey, memoryBytes: number | null): GpuCatalogRecord | null {
  if (cands.length === 0) return null;
  if (cands.length === 1) return cands[0]!.entry;
  const wantBytes = memoryBytes ?? (key.memoryGB !== null ? key.memoryGB * 1e9 : null);
  const formWords = key.descriptors.filter((d) => !/^\d/.test(d));
  let best = cands[0]!;
  let bestScore = -Infinity;
  for (const c of cands) {
    const form = formWords.filter((d) => c.descriptorWords.has(d)).length;
    // Relative memory distance; marketing GB vs reported MiB differ by < 10 %, options by far more.
    const mem = wantBytes !== null ? Math.abs(Math.log(c.entry.memoryBytes / wantBytes)) : 0;
    const score = form * 10 - mem;
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best.entry;
}

/**
 * Find the catalog entry for a detected GPU. The PCI id decides first (with the memory size breaking
 * ties where one id covers several boards); otherwise the name's identifying tokens must equal an
 * entry's, ignoring vendor noise and variant words. Laptop/mobile parts match only laptop entries, and
 * desktop names only desktop entries (a laptop 5090 is a different chip from the desktop one).
 * Returns null rather than a guess.
 */
export function matchGpuCatalog(q: GpuMatchQuery): GpuCatalogEntry | null {
  const name = String(q.name ?? '').slice(0, 300);
  const key = nameKey(name);
  const memoryBytes = typeof q.memoryBytes === 'number' && q.memoryBytes > 0 && Number.isFinite(q.memoryBytes) ? q.memoryBytes : null;
  const pci = normalisePci(q.pciId);
  if (pci) {
    const byPci = INDEX.filter((ix) => ix.entry.pciIds.includes(pci));
    if (byPci.length > 0) {
      if (!byPci.some((ix) => ix.differentPart === key.differentPart)) return null;
      // Prefer candidates whose name also matches (7900 XT vs XTX share 744c), then memory.
      const samePart = byPci.filter((ix) => ix.differentPart === key.differentPart);
      const named = samePart.filter((ix) => ix.keys.has(key.model));
      return pickBest(named.length > 0 ? named : samePart, key, memoryBytes);
    }
  }
  if (key.model === '') return null;
  const byName = INDEX.filter((ix) => ix.differentPart === key.differentPart && ix.keys.has(key.model));
  return pickBest(byName, key, memoryBytes);
}
