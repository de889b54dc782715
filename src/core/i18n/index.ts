// Message catalogs shared by the UI, the exported plan and the CLI. Keys are stable identifiers; a test
// checks that both languages define exactly the same keys and the same {placeholders}.

import { compareEn } from './compare-en';
import { compareJa } from './compare-ja';
import { en as baseEn } from './en';
import { hardwareEn } from './hardware-en';
import { hardwareJa } from './hardware-ja';
import { ja as baseJa } from './ja';
import { libraryEn } from './library-en';
import { libraryJa } from './library-ja';

// One catalog per language, assembled from the parts each area owns.
const en = { ...baseEn, ...compareEn, ...libraryEn, ...hardwareEn };
const ja: Record<keyof typeof en, string> = { ...baseJa, ...compareJa, ...libraryJa, ...hardwareJa };

export type Locale = 'en' | 'ja';
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

export const catalogs: Record<Locale, Messages> = { en, ja };

/** Maps an OS/browser locale tag to a supported language ("ja-JP" → ja, everything else → en). */
export function resolveLocale(tag: string | null | undefined): Locale {
  return tag && tag.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export type Params = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = catalogs[locale][key] ?? catalogs.en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** Locale-aware number formatting. Formatters are cached: building one costs ~36 µs, and the Compare
 *  view formats dozens of numbers on every slider move. */
const formatters = new Map<string, Intl.NumberFormat>();

export function formatNumber(locale: Locale, value: number, digits = 0): string {
  const key = `${locale}:${digits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(key, f);
  }
  return f.format(value);
}
