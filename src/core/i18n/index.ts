// Message catalogs shared by the UI, the exported plan and the CLI. Keys are stable identifiers; a test
// checks that both languages define exactly the same keys and the same {placeholders}.

import { adviceEn } from './advice-en';
import { adviceJa } from './advice-ja';
import { calibrationEn } from './calibration-en';
import { capacityEn } from './capacity-en';
import { capacityJa } from './capacity-ja';
import { calibrationJa } from './calibration-ja';
import { compareEn } from './compare-en';
import { compareJa } from './compare-ja';
import { checkEn } from './check-en';
import { checkJa } from './check-ja';
import { checkRunsEn } from './check-runs-en';
import { checkRunsJa } from './check-runs-ja';
import { en as baseEn } from './en';
import { hardwareEn } from './hardware-en';
import { hardwareJa } from './hardware-ja';
import { ja as baseJa } from './ja';
import { libraryEn } from './library-en';
import { libraryJa } from './library-ja';
import { mlxEn } from './mlx-en';
import { mlxJa } from './mlx-ja';
import { multiEn } from './multi-en';
import { multiJa } from './multi-ja';
import { planEn } from './plan-en';
import { planJa } from './plan-ja';
import { formatParam, type Locale } from './format';
import { glanceEn } from './glance-en';
import { glanceJa } from './glance-ja';
import { serveEn } from './serve-en';
import { serveJa } from './serve-ja';
import { trainEn } from './train-en';
import { trainJa } from './train-ja';

export { formatNum, formatNumber, type Locale } from './format';

// One catalog per language, assembled from the parts each area owns.
const en = {
  ...baseEn,
  ...compareEn,
  ...libraryEn,
  ...hardwareEn,
  ...planEn,
  ...adviceEn,
  ...glanceEn,
  ...checkEn,
  ...checkRunsEn,
  ...trainEn,
  ...calibrationEn,
  ...mlxEn,
  ...multiEn,
  ...capacityEn,
  ...serveEn,
};
const ja: Record<keyof typeof en, string> = {
  ...baseJa,
  ...compareJa,
  ...libraryJa,
  ...hardwareJa,
  ...planJa,
  ...adviceJa,
  ...glanceJa,
  ...checkJa,
  ...checkRunsJa,
  ...trainJa,
  ...calibrationJa,
  ...mlxJa,
  ...multiJa,
  ...capacityJa,
  ...serveJa,
};
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

export const catalogs: Record<Locale, Messages> = { en, ja };

/** Maps an OS/browser locale tag to a supported language ("ja-JP" → ja, everything else → en). */
export function resolveLocale(tag: string | null | undefined): Locale {
  return tag && tag.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export type Params = Record<string, string | number>;

function template(locale: Locale, key: string): string | undefined {
  const own = (cat: Messages) => (Object.prototype.hasOwnProperty.call(cat, key) ? cat[key as MessageKey] : undefined);
  return own(catalogs[locale]) ?? own(catalogs.en);
}

/** Whether a key exists (keys carried as data: plan texts, advisor explanations, remedy labels). */
export function hasMessage(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(catalogs.en, key);
}

function fill(locale: Locale, text: string, params: Params | undefined): string {
  if (!params) return text;
  const word = (k: string) => template(locale, k);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? formatParam(locale, name, params[name]!, word) : whole,
  );
}

/** The one formatter: a key checked at compile time, parameters shown by their names' rules. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return fill(locale, template(locale, key) ?? key, params);
}

/** The same for a key that arrives as data (Plan, Advice); an unknown key shows as itself. */
export function translateKey(locale: Locale, key: string, params?: Params): string {
  return fill(locale, template(locale, key) ?? key, params);
}
