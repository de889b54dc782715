// Display helpers over Advice. Every number shown comes from the core's figures; this only formats.

import { speedText as coreSpeedText, verdictDetail as coreVerdictDetail, verdictLabel as coreVerdictLabel } from '$core/advice/describe';
import type { Advice, DevicePlacement, SpeedEstimate } from '$core/advice/types';
import { formatNumber, translateKey } from '$core/i18n';
import { formatGB, formatGiB } from '$core/units';
import { lang, t } from './i18n.svelte';

export function tokens(n: number): string {
  return formatNumber(lang.current, n);
}

export function tokensShort(n: number): string {
  return n >= 1024 && n % 1024 === 0 ? `${n / 1024}K` : tokens(n);
}

export function verdictLabel(verdict: Advice['verdict']): string {
  return coreVerdictLabel(lang.current, verdict);
}

/** The sentence under a verdict: the same words the CLI and the plan use (core/advice/describe). */
export function verdictDetail(a: Advice): string {
  return coreVerdictDetail(lang.current, a);
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

/** A speed figure, or the reason it is missing (does not run, or which device lacks which figure). */
export function speedText(speed: SpeedEstimate, which: 'decode' | 'prefill'): string {
  return coreSpeedText(lang.current, speed, which);
}

/** The advisor's structured messages (remedy labels, costs, explanations), through the one formatter. */
export function adviceText(key: string, params: Record<string, string | number> = {}): string {
  return translateKey(lang.current, key, params);
}
