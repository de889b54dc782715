// Reading numbers out of a config.json with errors a user can act on: a missing or non-numeric field
// names the field and what it is for, instead of failing later with NaN sizes.

export class ModelImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelImportError';
  }
}

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function num(c: Json, ...keys: string[]): number | undefined {
  return numOf(c, keys);
}

export function numOf(c: Json, keys: readonly string[]): number | undefined {
  for (const k of keys) {
    const v = c[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return undefined;
}

export function bool(c: Json, key: string): boolean | undefined {
  const v = c[key];
  return typeof v === 'boolean' ? v : undefined;
}

const FIELD_HELP: Record<string, string> = {
  hidden_size: 'the model width',
  num_hidden_layers: 'the layer count',
  num_attention_heads: 'the attention head count',
  vocab_size: 'the vocabulary size',
  intermediate_size: 'the feed-forward width',
};

/** Upper bounds far above any real model, so a corrupt file cannot make the inventory explode. */
const LIMITS: Record<string, number> = { num_hidden_layers: 10_000, vocab_size: 10_000_000 };

export function required(c: Json, label: string, ...keys: string[]): number {
  const v = numOf(c, keys);
  const present = keys.find((k) => c[k] !== undefined && c[k] !== null);
  if (v === undefined && present !== undefined) {
    const raw = c[present];
    // JSON.parse reads 1e400 as Infinity, which JSON.stringify would print as "null".
    if (typeof raw === 'number') throw new ModelImportError(`The config field "${present}" is too large to be a real size.`);
    throw new ModelImportError(`The config field "${present}" is ${JSON.stringify(raw)?.slice(0, 40)}, not a number.`);
  }
  if (v === undefined) {
    throw new ModelImportError(
      `The config is missing "${label}" (${FIELD_HELP[label] ?? 'a required field'}), so the model cannot be sized.`,
    );
  }
  if (!(v > 0) || !Number.isInteger(v) || v > (LIMITS[label] ?? 1e8)) {
    throw new ModelImportError(`The config field "${label}" is ${String(v)}, which is not a usable positive whole number.`);
  }
  return v;
}
