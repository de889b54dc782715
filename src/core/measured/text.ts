// Shared plumbing for the runtime-output parsers: every parser reads text of any size and shape without
// throwing, so the input is capped, colour codes and carriage returns are removed, and sizes are read in
// the unit the tool printed. Kept apart so each parser file stays about one format.

import { GB, GiB, KiB, MiB } from '../units';
import { MAX_LOG_CHARS } from './llama-log';

/** What every parser returns besides its own data: what it found, what it expected but did not, and problems. */
export interface ParseNotes {
  /** Short names of what was read ("weights", "GPU blocks"), for a one-line summary. */
  recognised: string[];
  /** Short names of what a complete output of this kind carries but this text did not. */
  missing: string[];
  problems: string[];
}

export function emptyNotes(): ParseNotes {
  return { recognised: [], missing: [], problems: [] };
}

/**
 * The text as lines, or null when the input is not text. Longer inputs are cut at MAX_LOG_CHARS (and the
 * cut is noted); ANSI colour codes and CR/CRLF line ends (Windows consoles, progress bars) are removed.
 */
export function linesOf(input: unknown, problems: string[]): string[] | null {
  if (typeof input !== 'string') {
    problems.push('The input is not text.');
    return null;
  }
  let text = input;
  if (text.length > MAX_LOG_CHARS) {
    text = text.slice(0, MAX_LOG_CHARS);
    problems.push(`Only the first ${MAX_LOG_CHARS / MiB} MiB of the text were read.`);
  }
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').split(/\r\n|\r|\n/);
}

const UNIT_BYTES: Record<string, number> = {
  b: 1,
  kib: KiB,
  kb: 1e3,
  mib: MiB,
  mb: 1e6,
  gib: GiB,
  gb: GB,
  tib: 1024 * GiB,
  tb: 1e12,
};

/**
 * A decimal number as printed, accepting a decimal comma ("1,5" from a German or French locale) when the
 * comma is followed by one or two digits only; "178,880" (three digits) is a thousands separator.
 */
export function readNumber(text: string): number {
  const t = text.trim();
  if (/^-?\d+,\d{1,2}$/.test(t)) return Number(t.replace(',', '.'));
  const n = Number(t.replace(/[,\u00a0\u202f ]/g, ''));
  return Number.isFinite(n) ? n : NaN;
}

/** "14.96GiB", "992.0 MiB", "1,5 GiB", "12345MiB", "0 B" → bytes; NaN when it is not a size. */
export function readSize(text: string, unitOverride?: number): number {
  const m = /^\s*(-?[\d.,]+)\s*([KMGT]i?B|B)?\s*$/i.exec(text);
  if (!m) return NaN;
  const value = readNumber(m[1]!);
  const unit = unitOverride ?? (m[2] ? UNIT_BYTES[m[2].toLowerCase()] : undefined);
  return unit === undefined || !Number.isFinite(value) ? NaN : Math.round(value * unit);
}

/** Adds `name` to `list` once. */
export function note(list: string[], name: string): void {
  if (!list.includes(name)) list.push(name);
}
