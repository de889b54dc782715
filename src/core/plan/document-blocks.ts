// The blocks a plan document is made of, and the formatting every section shares.

import { formatGB, formatGiB } from '../units';
import { formatNum, tr, type PlanLocale } from './text';
import type { Plan, PlanComparisonRow, PlanDevice } from './types';

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string; id?: string }
  | { type: 'paragraph'; text: string }
  | { type: 'table'; id: string; headers: string[]; rows: string[][]; numeric: boolean[]; highlight?: number[] }
  | { type: 'list'; items: string[] }
  | { type: 'checklist'; items: string[] }
  | { type: 'code'; language: string; content: string; caption?: string }
  /** The per-device memory chart; Markdown omits it (its table carries the same numbers). */
  | { type: 'chart'; id: 'devices' };

export interface PlanDocument {
  locale: PlanLocale;
  title: string;
  blocks: Block[];
}

export const dash = '—';

export function gib(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return dash;
  // A few hundred KiB would read as "0.00 GiB", which looks like nothing at all.
  if (bytes > 0 && bytes < 0.005 * 2 ** 30) return '< 0.01 GiB';
  return formatGiB(bytes, 2);
}

export function speed(locale: PlanLocale, tps: number | null, band: number): string {
  if (tps === null || !Number.isFinite(tps)) return dash;
  return tr(locale, 'plan.speed.value', { tps: tps >= 100 ? Math.round(tps) : Math.round(tps * 10) / 10, band: Math.round(band * 100) });
}

export function verdictText(locale: PlanLocale, verdict: string): string {
  return tr(locale, `plan.verdict.${verdict}`);
}

export function comparisonRow(locale: PlanLocale, r: PlanComparisonRow): string[] {
  return [
    `${tr(locale, 'plan.bits.value', { bits: r.bits })}${r.chosen ? ` ${tr(locale, 'plan.comparison.chosen')}` : ''}`,
    r.quant,
    formatNum(locale, r.bitsPerWeight),
    formatGB(r.seedBytes, 1),
    gib(r.weightsBytes),
    gib(r.kvCacheBytes),
    gib(r.totalBytes),
    verdictText(locale, r.verdict),
    `${r.gpuLayers} / ${r.totalLayers}`,
    r.maxContext === null ? dash : formatNum(locale, r.maxContext),
    r.decodeTokensPerSecond === null || r.verdict === 'no-fit' ? dash : formatNum(locale, Math.round(r.decodeTokensPerSecond * 10) / 10, 1),
  ];
}

export function layerText(d: PlanDevice): string {
  if (d.layerRange) return `${d.layers} (${d.layerRange[0]}–${d.layerRange[1]}${d.holdsOutput ? ' + out' : ''})`;
  return `${d.layers}${d.holdsOutput ? ' + out' : ''}`;
}

/** What every section needs: the plan, its language, a translator and the figures used throughout. */
export interface Ctx {
  plan: Plan;
  locale: PlanLocale;
  t: (key: string, params?: Record<string, string | number>) => string;
  s: Plan['settings'];
  c: Plan['components'];
  /** Speed as the document states it (none for a plan that does not run). */
  sp: Plan['speed'];
}
