// `estimate` / `plan` options for several models on one machine: --add MODEL[:ctx=N,parallel=N,quant=Q]
// (repeatable), --draft MODEL|FILE|mtp (mtp: the model's own MTP layers), --mmproj FILE, --lora FILE, and
// for a vision model --images N (per request), --mmproj-type f16|q8_0|bf16 and --no-mmproj. They are taken
// out of argv here so the single-model parser sees only its own flags.

import { CliError } from '../types';

export interface AddSpec {
  /** Catalog id or search text, or a .gguf path. */
  model: string;
  ctx?: number;
  parallel?: number;
  quant?: string;
}

export interface SetArgs {
  adds: AddSpec[];
  draft: string | null;
  mmproj: string | null;
  lora: string | null;
  /** Images per request, whose tokens count toward the context (--images N). */
  images: number | null;
  /** Type of the projector planned from a catalog / HF vision tower (--mmproj-type). */
  mmprojType: string | null;
  /** --no-mmproj: plan a vision model's text model alone, without its projector. */
  noMmproj: boolean;
  /** Everything else, for the single-model parser. */
  rest: string[];
}

const SET_FLAGS = ['--add', '--draft', '--mmproj', '--lora', '--images', '--mmproj-type'] as const;

/** A flag without a value: it only turns the vision projector off, so on its own it does not make a set. */
export const NO_MMPROJ = '--no-mmproj';

export function hasSetFlags(args: readonly string[]): boolean {
  return args.some((a) => SET_FLAGS.some((f) => a === f || a.startsWith(`${f}=`)));
}

function wholeNumber(text: string, what: string, max: number): number {
  const t = text.trim().toLowerCase();
  const k = /^(\d+)k$/.exec(t);
  const n = k ? Number(k[1]) * 1024 : /^\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new CliError(`${what} needs a whole number from 1 to ${max}, not "${text}".`);
  return n;
}

/** "qwen3-embedding-0.6b:ctx=8192,parallel=4,quant=Q8_0" → its parts. A .gguf path keeps its colons (C:\…). */
export function parseAddSpec(text: string): AddSpec {
  const raw = text.trim();
  if (raw === '') throw new CliError('--add needs a model, such as --add qwen3-embedding-0.6b:ctx=8192.');
  const m = /^(.*?\.gguf|[^:]+)(?::(.*))?$/i.exec(raw);
  const model = (m?.[1] ?? raw).trim();
  const spec: AddSpec = { model };
  const opts = m?.[2];
  if (opts === undefined) return spec;
  for (const part of opts.split(',')) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (value === '') throw new CliError(`--add ${raw}: "${part}" needs a value (ctx=N, parallel=N or quant=Q).`);
    if (key === 'ctx') spec.ctx = wholeNumber(value, `--add ${model} ctx`, 16 * 1024 * 1024);
    else if (key === 'parallel') spec.parallel = wholeNumber(value, `--add ${model} parallel`, 4096);
    else if (key === 'quant') spec.quant = value;
    else throw new CliError(`--add ${raw}: unknown option "${key}"; use ctx=N, parallel=N or quant=Q.`);
  }
  return spec;
}

export function splitSetArgs(args: readonly string[]): SetArgs {
  const out: SetArgs = { adds: [], draft: null, mmproj: null, lora: null, images: null, mmprojType: null, noMmproj: false, rest: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === NO_MMPROJ) {
      out.noMmproj = true;
      continue;
    }
    const flag = SET_FLAGS.find((f) => a === f || a.startsWith(`${f}=`));
    if (!flag) {
      out.rest.push(a);
      continue;
    }
    const value = a === flag ? args[++i] : a.slice(flag.length + 1);
    if (value === undefined || value === '' || (a === flag && value.startsWith('--'))) throw new CliError(`${flag} needs a value.`);
    if (flag === '--add') out.adds.push(parseAddSpec(value));
    else if (flag === '--images') {
      if (out.images !== null) throw new CliError('Give --images only once.');
      out.images = /^0+$/.test(value.trim()) ? 0 : wholeNumber(value, '--images', 1024);
    } else if (flag === '--mmproj-type') {
      const t = value.trim().toLowerCase();
      if (!['f16', 'q8_0', 'bf16'].includes(t)) throw new CliError(`--mmproj-type needs f16, q8_0 or bf16, not "${value}".`);
      out.mmprojType = t;
    } else {
      const key = flag.slice(2) as 'draft' | 'mmproj' | 'lora';
      if (out[key] !== null) throw new CliError(`Give ${flag} only once.`);
      out[key] = value;
    }
  }
  return out;
}
