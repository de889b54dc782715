// Display helpers over Advice. Every number shown comes from the core's figures; this only formats.

import type { Advice, DevicePlacement } from '../../../core/advice/types';
import { ADVICE_MESSAGES_EN, ADVICE_MESSAGES_JA } from '../../../core/advice/messages';
import { formatNumber, type MessageKey } from '../../../core/i18n';
import { formatGB, formatGiB } from '../../../core/units';
import { lang, t } from './i18n.svelte';

export function tokens(n: number): string {
  return formatNumber(lang.current, n);
}

export function tokensShort(n: number): string {
  return n >= 1024 && n % 1024 === 0 ? `${n / 1024}K` : tokens(n);
}

export function verdictLabel(verdict: Advice['verdict']): string {
  return t(`compare.verdict.${verdict}` as MessageKey);
}

export function verdictDetail(a: Advice): string {
  switch (a.verdict) {
    case 'fits':
      return t('compare.verdict.fits.detail', { margin: formatGiB(a.marginBytes) });
    case 'tight':
      return t('compare.verdict.tight.detail', { margin: formatGiB(Math.max(0, a.marginBytes)) });
    case 'offload':
      return t('compare.verdict.offload.detail', { gpu: a.gpuLayers, total: a.totalLayers, cpu: formatGiB(a.cpuBytes) });
    case 'no-fit':
      return t('compare.verdict.no-fit.detail', { need: formatGiB(Math.max(0, a.cpuBytes - a.ramBudgetBytes)) });
  }
}

/** Bytes the plan puts on a device including the runtime reserve, and what the device offers before it. */
export function deviceTotals(d: DevicePlacement): { used: number; capacity: number } {
  return { used: d.usedBytes + d.overheadBytes, capacity: d.capacityBytes + d.overheadBytes };
}

/** One line explaining the gap between the article's formula and the detailed estimate. */
export function seedDifference(a: Advice): string {
  const seed = a.estimate.seedFormula.bytes;
  const detailed = a.estimate.totalBytes;
  const diff = detailed - seed;
  const params = { diff: formatGiB(Math.abs(diff)), kv: formatGiB(a.estimate.kvCache.bytes), ctx: tokens(a.settings.context) };
  if (Math.abs(diff) <= 0.02 * seed) return t('compare.seedDiff.same');
  return diff > 0 ? t('compare.seedDiff.higher', params) : t('compare.seedDiff.lower', params);
}

export function seedValue(a: Advice): string {
  const bytes = a.estimate.seedFormula.bytes;
  return t('compare.seedValue', { gb: formatGB(bytes), gib: formatGiB(bytes) });
}

export function speedText(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return t('compare.speedUnknown');
  return t('compare.tokPerSec', { value: formatNumber(lang.current, value, value < 10 ? 1 : 0) });
}

/**
 * The advisor's structured messages (remedy labels, costs, explanations). Parameters named *Bytes are raw
 * byte counts and are shown in GiB; shares as percentages; other numbers with locale grouping.
 */
export function adviceText(key: string, params: Record<string, string | number> = {}): string {
  const table = lang.current === 'ja' ? ADVICE_MESSAGES_JA : ADVICE_MESSAGES_EN;
  const template = table[key] ?? ADVICE_MESSAGES_EN[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (typeof value !== 'number') return value;
    if (name.endsWith('Bytes')) return formatGiB(value);
    if (name === 'unifiedShare' || name === 'share') return `${Math.round(value * 100)} %`;
    if (name === 'factor') return value.toFixed(2);
    return formatNumber(lang.current, value, Number.isInteger(value) ? 0 : 1);
  });
}
