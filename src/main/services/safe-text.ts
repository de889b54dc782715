// Text from files and tools (a GGUF's general.name, an nvidia-smi GPU name, a profile name) reaches a
// terminal or a label. Escape sequences, carriage returns and bidi overrides there can rewrite what the
// user sees, so they are removed before printing and refused where the user types a name.

// C0 and C1 controls (ESC, CR, NUL...), zero-width and bidi embedding/override/isolate marks.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
// eslint-disable-next-line no-control-regex -- as above, without the global flag for test()
const UNSAFE_ONE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

export function hasUnsafeChars(text: string): boolean {
  return UNSAFE_ONE.test(text);
}

/** Removes control, zero-width and bidi characters (a tab or newline becomes a space), and caps length. */
export function printable(text: string, max = 200): string {
  const clean = text.replace(/[\t\n\r]/g, ' ').replace(UNSAFE, '');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

// Everything UNSAFE matches except tab and newline, which multi-line output (tables, Markdown) needs.
// eslint-disable-next-line no-control-regex -- as above
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** For whole blocks of output: keeps line breaks and tabs, drops escapes, CRs and bidi marks. */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_UNSAFE, '');
}
