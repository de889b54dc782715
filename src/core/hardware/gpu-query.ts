// "rtx-4090", "RTX 4090", "RTX 4090 x2", "rtx-4090x2", "2 × L4", "a100 80gb x4": a catalog id, name or
// unique search text with an optional count. The whole text is tried as a name first, so digits that
// belong to a name (RTX 3070, RX 7900 XTX) are never read as a count.

import { findGpus, getGpu } from './gpu-catalog';
import type { GpuCatalogEntry } from './types';

export const MAX_GPU_COUNT = 64;

export type GpuQueryResult =
  | { ok: true; entry: GpuCatalogEntry; count: number }
  | { ok: false; reason: 'empty' | 'not-found' | 'ambiguous' | 'count'; message: string };

type Lookup = { entry: GpuCatalogEntry } | { ambiguous: GpuCatalogEntry[] } | null;

function words(x: string): string[] {
  return x
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function lookup(text: string): Lookup {
  const t = text.trim();
  if (t === '') return null;
  const byId = getGpu(t.toLowerCase());
  if (byId) return { entry: byId };
  const hits = findGpus(t);
  if (hits.length === 1) return { entry: hits[0]! };
  if (hits.length === 0) return null;
  const exact = hits.filter((h) => h.name.toLowerCase() === t.toLowerCase());
  if (exact.length === 1) return { entry: exact[0]! };
  // "4090" means the RTX 4090, not the 4090 D: prefer the one name with the fewest extra words.
  const q = new Set(words(t));
  const extra = hits.map((h) => words(h.name).filter((w) => !q.has(w)).length);
  let least = Infinity;
  for (const e of extra) least = Math.min(least, e);
  if (extra.filter((e) => e === least).length === 1) return { entry: hits[extra.indexOf(least)]! };
  return { ambiguous: hits };
}

const COUNT_AFTER = /^(.*?\S)\s*[x×*]\s*(\d{1,6})$/i;
const COUNT_BEFORE = /^(\d{1,6})\s*[x×*]\s*(\S.*)$/i;

export function resolveGpuQuery(text: string): GpuQueryResult {
  // Quotes typed inside one shell argument ('"RTX 4090" x2') are not part of any name.
  const raw = String(text ?? '')
    .slice(0, 200)
    .replace(/["'`]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (raw === '') return { ok: false, reason: 'empty', message: 'needs a catalog id such as rtx-4090 or a100-sxm4-80gb.' };
  const whole = lookup(raw);
  if (whole && 'entry' in whole) return { ok: true, entry: whole.entry, count: 1 };
  const m = COUNT_AFTER.exec(raw) ?? null;
  const b = m ? null : COUNT_BEFORE.exec(raw);
  const name = m ? m[1]! : b ? b[2]! : null;
  const countText = m ? m[2]! : b ? b[1]! : null;
  if (name !== null && countText !== null) {
    const part = lookup(name);
    if (part && 'entry' in part) {
      const count = Number(countText);
      if (!Number.isSafeInteger(count) || count < 1 || count > MAX_GPU_COUNT) {
        return { ok: false, reason: 'count', message: `count must be between 1 and ${MAX_GPU_COUNT}, not ${countText}.` };
      }
      return { ok: true, entry: part.entry, count };
    }
  }
  const amb = whole && 'ambiguous' in whole ? whole.ambiguous : null;
  if (amb) {
    const ids = amb
      .slice(0, 5)
      .map((h) => h.id)
      .join(', ');
    return {
      ok: false,
      reason: 'ambiguous',
      message: `"${raw}" matches ${amb.length} GPUs (${ids}${amb.length > 5 ? ', …' : ''}); give a catalog id.`,
    };
  }
  return { ok: false, reason: 'not-found', message: `no GPU "${raw}" in the catalog.` };
}
