// Model library search: every whitespace-separated token of the query must match somewhere in the
// entry (name, id, family, publisher, tags, aliases, architecture) or, for size tokens such as
// "70b" / "500m", the parameter count. Runs over a precomputed index so a search is a few string
// comparisons per entry.

import { MODEL_CATALOG } from './models';
import type { CatalogModel, ModelTag } from './types';

export interface ModelFilters {
  family?: string;
  tags?: ModelTag[];
  /** Inclusive bounds on the total parameter count. */
  minParams?: number;
  maxParams?: number;
}

export type ModelSort = 'name' | 'params' | 'released';

interface Indexed {
  model: CatalogModel;
  /** Lower-case words, also with the dotted/dashed parts split apart ("3.1", "8b", "instruct"). */
  words: string[];
  haystack: string;
}

function normalise(text: string): string {
  return text.toLowerCase().normalize('NFKC');
}

function wordsOf(text: string): string[] {
  const lower = normalise(text);
  const out = new Set<string>();
  for (const w of lower.split(/[\s/_,()]+/)) {
    if (!w) continue;
    out.add(w);
    for (const part of w.split('-')) if (part) out.add(part);
  }
  return [...out];
}

const INDEX: readonly Indexed[] = MODEL_CATALOG.map((model) => {
  const parts = [
    model.spec.name,
    model.spec.id,
    model.family,
    model.publisher,
    model.spec.architecture,
    model.hfRepo,
    ...model.tags,
    ...(model.aliases ?? []),
  ];
  return { model, words: wordsOf(parts.join(' ')), haystack: normalise(parts.join(' ')) };
});

const BY_ID = new Map<string, CatalogModel>(MODEL_CATALOG.map((m) => [m.spec.id, m]));

/** "70b" → 70e9, "1.5B" → 1.5e9, "500m" → 5e8; null when the token is not a size. */
export function parseSizeToken(token: string): number | null {
  const m = /^(\d+(?:\.\d+)?)([mbt])$/i.exec(token.trim());
  if (!m) return null;
  const unit = m[2]!.toLowerCase();
  const scale = unit === 'm' ? 1e6 : unit === 'b' ? 1e9 : 1e12;
  return Number(m[1]) * scale;
}

/** Whether a size token describes the model's total or active count within model-card rounding (5 %). */
function sizeMatches(size: number, model: CatalogModel): boolean {
  const counts = [model.parameterCount, model.activeParameterCount];
  return counts.some((c) => Math.abs(c - size) / size <= 0.05);
}

function tokenMatches(token: string, entry: Indexed): boolean {
  if (entry.words.includes(token)) return true;
  const size = parseSizeToken(token);
  if (size !== null) {
    // A size token matches a word of the name ("8x7b" has no "7b" word, so Mixtral is not a 7B) or
    // the count itself, for names that carry no size (DeepSeek V3, Phi-4).
    return sizeMatches(size, entry.model);
  }
  // Prefix match on words so "qwe" finds Qwen while typing; substring for ids like "r1".
  return entry.words.some((w) => w.startsWith(token)) || (token.length >= 3 && entry.haystack.includes(token));
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function compare(sort: ModelSort): (a: CatalogModel, b: CatalogModel) => number {
  if (sort === 'params') return (a, b) => a.parameterCount - b.parameterCount || collator.compare(a.spec.name, b.spec.name);
  if (sort === 'released')
    return (a, b) => (a.released < b.released ? 1 : a.released > b.released ? -1 : collator.compare(a.spec.name, b.spec.name));
  return (a, b) => collator.compare(a.spec.name, b.spec.name);
}

/**
 * Case-insensitive search of the built-in library. An empty query lists everything that passes the
 * filters. Query length is capped so pathological input stays cheap.
 */
export function searchModels(query: string, filters: ModelFilters = {}, sort: ModelSort = 'name'): CatalogModel[] {
  const tokens = normalise(String(query ?? '').slice(0, 200))
    .split(/[\s,]+/)
    .filter(Boolean)
    .slice(0, 12);
  const family = filters.family ? normalise(filters.family) : null;
  const out: CatalogModel[] = [];
  for (const entry of INDEX) {
    const m = entry.model;
    if (family && normalise(m.family) !== family) continue;
    if (filters.tags && !filters.tags.every((t) => m.tags.includes(t))) continue;
    if (filters.minParams !== undefined && m.parameterCount < filters.minParams) continue;
    if (filters.maxParams !== undefined && m.parameterCount > filters.maxParams) continue;
    if (tokens.every((t) => tokenMatches(t, entry))) out.push(m);
  }
  return out.sort(compare(sort));
}

export function getModel(id: string): CatalogModel | undefined {
  return BY_ID.get(id) ?? BY_ID.get(normalise(id));
}

/** Family names in catalog order, each once. */
export function modelFamilies(): string[] {
  return [...new Set(MODEL_CATALOG.map((m) => m.family))];
}
