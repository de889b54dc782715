// A PlanText (key + raw params) in one language, through core/i18n's one formatter and catalog: the plan
// speaks with the same words and number formats as the app and the CLI.

import { formatNum as formatNumber, hasMessage, translateKey, type Locale } from '../i18n';
import { formatParam as formatOne } from '../i18n/format';
import type { PlanText } from './types';

export type PlanLocale = Locale;

export function hasPlanKey(key: string): boolean {
  return hasMessage(key);
}

export function formatNum(locale: PlanLocale, value: number, maxDigits = 2): string {
  return formatNumber(locale, value, maxDigits);
}

export function formatParam(locale: PlanLocale, name: string, value: string | number): string {
  return formatOne(locale, name, value, (k) => (hasMessage(k) ? translateKey(locale, k) : undefined));
}

export function tr(locale: PlanLocale, key: string, params: Record<string, string | number> = {}): string {
  return translateKey(locale, key, params);
}

export function trText(locale: PlanLocale, t: PlanText): string {
  return translateKey(locale, t.key, t.params);
}
