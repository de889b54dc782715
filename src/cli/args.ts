// Strict numbers for command-line flags. Number() accepts "0x18", "1e3", " 24 ", "Infinity" and "";
// a flag value is a plain decimal or it is a mistake the user should hear about (issue 13 item 17).

/** "24", "24.5", ".5" → number; anything else (hex, exponent, sign, Infinity, empty) → NaN. */
export function strictDecimal(text: string): number {
  const t = text.trim();
  if (!/^(?:\d{1,15}(?:\.\d{1,15})?|\.\d{1,15})$/.test(t)) return Number.NaN;
  return Number(t);
}
