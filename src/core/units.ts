// Bytes are plain numbers everywhere inside the app; these helpers are the only place that turns them
// into text, so every display says GiB or GB explicitly (never a bare "G").

export const KiB = 1024;
export const MiB = 1024 * 1024;
export const GiB = 1024 * 1024 * 1024;
export const GB = 1e9;

export function toMiB(bytes: number): number {
  return bytes / MiB;
}

export function toGiB(bytes: number): number {
  return bytes / GiB;
}

export function toGB(bytes: number): number {
  return bytes / GB;
}

/** Round to `digits` decimals without the float noise of toFixed on .5 edges mattering for display. */
function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}

export function formatGiB(bytes: number, digits = 2): string {
  return `${fixed(toGiB(bytes), digits)} GiB`;
}

export function formatGB(bytes: number, digits = 1): string {
  return `${fixed(toGB(bytes), digits)} GB`;
}

export function formatMiB(bytes: number, digits = 0): string {
  return `${fixed(toMiB(bytes), digits)} MiB`;
}

/** Picks MiB below 1 GiB and GiB above, for compact tables. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  const abs = Math.abs(bytes);
  if (abs < MiB) return `${(bytes / KiB).toFixed(0)} KiB`;
  if (abs < GiB) return formatMiB(bytes);
  return formatGiB(bytes);
}

/** Parses "70B", "8.03b", "405M", "7e9" or a plain number into a parameter count. */
export function parseParameterCount(text: string): number | null {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?(?:e[0-9]+)?)\s*([kmbt]?)\s*$/i.exec(text);
  if (!m) return null;
  const value = Number(m[1]);
  const scale: Record<string, number> = { '': 1, k: 1e3, m: 1e6, b: 1e9, t: 1e12 };
  const result = value * (scale[m[2]!.toLowerCase()] ?? 1);
  return Number.isFinite(result) && result > 0 ? Math.round(result) : null;
}

export function formatParameterCount(count: number): string {
  // Thresholds sit half a display unit below the power of ten, so 999,885,952 reads "1.0B", not "1000M".
  if (count >= 0.9995e12) return `${(count / 1e12).toFixed(2)}T`;
  if (count >= 0.9995e9) return `${(count / 1e9).toFixed(count >= 1e11 ? 0 : 1)}B`;
  if (count >= 0.9995e6) return `${(count / 1e6).toFixed(0)}M`;
  return String(count);
}
