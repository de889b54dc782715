// Turns a PlanText (key + raw params) into a sentence in one language. Params carry raw numbers; their
// names say how to show them, so both languages format a figure the same way:
//   …BytesGB → decimal GB (the article's unit), …Bytes → GiB, …MiB → MiB, parameters → 70.6B,
//   anything with a catalog entry `plan.value.<name>.<value>` → that word ("on" → "オン").

import { planEn } from '../i18n/plan-en';
import { planJa } from '../i18n/plan-ja';
import { formatGB, formatGiB, formatParameterCount } from '../units';
import type { PlanText } from './types';

export type PlanLocale = 'en' | 'ja';

const catalogs: Record<PlanLocale, Record<string, string>> = { en: planEn, ja: planJa };

export function hasPlanKey(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(planEn, key);
}

// Building an Intl.NumberFormat costs far more than using one; a plan formats a few hundred numbers.
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: PlanLocale, maxDigits: number): Intl.NumberFormat {
  const key = `${locale}:${maxDigits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-US', { minimumFractionDigits: 0, maximumFractionDigits: maxDigits });
    formatters.set(key, f);
  }
  return f;
}

export function formatNum(locale: PlanLocale, value: number, maxDigits = 2): string {
  if (!Number.isFinite(value)) return '—';
  return formatter(locale, Number.isInteger(value) ? 0 : maxDigits).format(value);
}

export function formatParam(locale: PlanLocale, name: string, value: string | number): string {
  if (typeof value === 'number') {
    if (name.endsWith('BytesGB')) return formatGB(value, 1);
    if (name.endsWith('Bytes')) return formatGiB(value, 2);
    if (name.endsWith('MiB')) return `${formatNum(locale, value)} MiB`;
    if (name === 'parameters') return formatParameterCount(value);
  }
  const valueKey = `plan.value.${name}.${String(value)}`;
  if (hasPlanKey(valueKey)) return catalogs[locale][valueKey] ?? String(value);
  return typeof value === 'number' ? formatNum(locale, value) : value;
}

export function tr(locale: PlanLocale, key: string, params: Record<string, string | number> = {}): string {
  const template = catalogs[locale][key] ?? catalogs.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? formatParam(locale, name, params[name]!) : whole,
  );
}

export function trText(locale: PlanLocale, t: PlanText): string {
  return tr(locale, t.key, t.params);
}
