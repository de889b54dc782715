// The one formatter of message parameters, for the UI, the plan and the CLI. Parameters carry raw values;
// their names say how to show them, so both languages show a figure the same way:
//   …BytesGB → decimal GB (the article's unit), …Bytes → GiB, …MiB → MiB, parameters → 70.6B,
//   share / unifiedShare → per cent, factor → two decimals, other numbers with the locale's grouping,
//   and a value with a catalog entry `plan.value.<name>.<value>` → that word ("on" → "オン").

import { formatGB, formatGiB, formatParameterCount } from '../units';

export type Locale = 'en' | 'ja';

// Building an Intl.NumberFormat costs ~36 µs, far more than using one; the Compare view and a plan
// format hundreds of numbers. One cache for every digit setting.
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: Locale, minDigits: number, maxDigits: number): Intl.NumberFormat {
  const key = `${locale}:${minDigits}:${maxDigits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-US', { minimumFractionDigits: minDigits, maximumFractionDigits: maxDigits });
    formatters.set(key, f);
  }
  return f;
}

/** Exactly `digits` decimals, with grouping ("12,345.6"). */
export function formatNumber(locale: Locale, value: number, digits = 0): string {
  return formatter(locale, digits, digits).format(value);
}

/** Up to `maxDigits` decimals (none for whole numbers); "—" for a non-finite value. */
export function formatNum(locale: Locale, value: number, maxDigits = 2): string {
  if (!Number.isFinite(value)) return '—';
  return formatter(locale, 0, Number.isInteger(value) ? 0 : maxDigits).format(value);
}

/** Formats one parameter by its name; `word` looks up catalog words for enumerated values. */
export function formatParam(locale: Locale, name: string, value: string | number, word: (key: string) => string | undefined): string {
  if (typeof value === 'number') {
    if (name.endsWith('BytesGB')) return formatGB(value, 1);
    if (name.endsWith('Bytes')) return formatGiB(value, 2);
    if (name.endsWith('MiB')) return `${formatNum(locale, value)} MiB`;
    if (name === 'parameters') return formatParameterCount(value);
    if (name === 'share' || name === 'unifiedShare') return `${Math.round(value * 100)} %`;
    if (name === 'factor') return value.toFixed(2);
  }
  const w = word(`plan.value.${name}.${String(value)}`);
  if (w !== undefined) return w;
  return typeof value === 'number' ? formatNum(locale, value) : value;
}
