// `estimate` options: parsing, the model to plan (library id, parameter count, config.json or GGUF) and
// the engine settings. `plan` reuses the same parser so both commands read flags alike.

import { parseArgs } from 'node:util';
import { getModel, searchModels } from '../../core/catalog';
import { defaultSettings, specFromParameterCount } from '../../core/estimate/index';
import type { EstimateSettings, KvCacheType, ModelInput, Runtime } from '../../core/estimate/types';
import { quantForBits } from '../../core/quant';
import { formatParameterCount, parseParameterCount } from '../../core/units';
import { strictDecimal } from '../args';
import { CliError } from '../types';
import { MLX_OPTIONS, applyMlxArgs } from './estimate-mlx-args';

export const OPTIONS = {
  model: { type: 'string' },
  config: { type: 'string' },
  gguf: { type: 'string' },
  params: { type: 'string' },
  quant: { type: 'string' },
  bits: { type: 'string' },
  ctx: { type: 'string' },
  parallel: { type: 'string' },
  'kv-type': { type: 'string' },
  'flash-attn': { type: 'string' },
  ubatch: { type: 'string' },
  runtime: { type: 'string' },
  gpu: { type: 'string', multiple: true },
  vram: { type: 'string' },
  'cpu-only': { type: 'boolean' },
  hardware: { type: 'string' },
  ram: { type: 'string' },
  json: { type: 'boolean' },
  ...MLX_OPTIONS,
} as const;

const RUNTIMES: readonly Runtime[] = ['llama.cpp', 'vllm', 'sglang', 'transformers', 'mlx'];
const KV_TYPES: readonly KvCacheType[] = ['f16', 'q8_0', 'q4_0', 'f32', 'bf16', 'q4_1', 'q5_0', 'q5_1', 'iq4_nl', 'fp8'];
/** Quants listed in the max-context table of the text output, per runtime. */
export const QUANT_TABLE: Record<Runtime, string[]> = {
  'llama.cpp': ['F16', 'Q8_0', 'Q6_K', 'Q5_K_M', 'Q4_K_M', 'Q3_K_M'],
  vllm: ['bf16', 'fp8', 'awq'],
  transformers: ['bf16', 'int8', 'nf4'],
  sglang: ['bf16', 'fp8', 'awq'],
  mlx: ['bf16', 'mlx-8bit', 'mlx-6bit', 'mlx-4bit', 'mlx-3bit'],
};

export type Values = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K] extends { multiple: true }
    ? string[]
    : (typeof OPTIONS)[K]['type'] extends 'boolean'
      ? boolean
      : string;
};

export function parse(args: string[]): Values {
  try {
    const { values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false });
    return values;
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

function positiveInt(text: string | undefined, flag: string, max: number): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim().toLowerCase();
  const k = /^(\d+)k$/.exec(t);
  const n = k ? Number(k[1]) * 1024 : /^\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new CliError(`${flag} needs a positive whole number, not "${text}".`);
  if (n > max) throw new CliError(`${flag} ${n} is above the supported maximum of ${max}.`);
  return n;
}

export async function loadModel(v: Values): Promise<{ input: ModelInput; defaultQuant: string | null; label: string }> {
  const sources = (['model', 'config', 'gguf', 'params'] as const).filter((k) => v[k] !== undefined);
  if (sources.length === 0) throw new CliError('Name a model with --model ID, --params 70B, --config FILE or --gguf FILE.');
  if (sources.length > 1)
    throw new CliError(`Give only one of --model, --params, --config or --gguf (got ${sources.map((s) => `--${s}`).join(' and ')}).`);
  if (v.model !== undefined) {
    const id = v.model.trim();
    const hit = getModel(id);
    const found = hit ? [hit] : searchModels(id);
    if (found.length === 0) throw new CliError(`No model "${id}" in the library; run "vram-planner models --search ${id}" to find its id.`);
    if (found.length > 1) {
      const ids = found
        .slice(0, 4)
        .map((m) => m.spec.id)
        .join(', ');
      throw new CliError(`"${id}" matches ${found.length} models (${ids}${found.length > 4 ? ', …' : ''}); give one id.`);
    }
    const m = found[0]!;
    return { input: { spec: m.spec }, defaultQuant: null, label: m.spec.name };
  }
  if (v.params !== undefined) {
    const count = parseParameterCount(v.params);
    if (count === null) throw new CliError(`"${v.params}" is not a parameter count; write it like 70B, 405M or 8.03e9.`);
    if (count < 1e6 || count > 1e13) throw new CliError(`${v.params} parameters is outside the accepted range of 1M to 10T.`);
    const spec = specFromParameterCount(count, { id: `params:${count}`, name: `Generic ${formatParameterCount(count)} model` });
    return { input: { spec }, defaultQuant: null, label: spec.name };
  }
  const path = (v.config ?? v.gguf)!;
  let inspectPath: (p: string) => Promise<{ input: ModelInput; fileType: string | null; format: string | null; kind: string }>;
  try {
    ({ inspectPath } = await import('../../main/services/import/index'));
  } catch {
    throw new CliError('Reading model files is not available in this build; use --model or --params.');
  }
  try {
    const r = await inspectPath(path);
    if (v.gguf !== undefined && r.kind !== 'gguf')
      throw new CliError(`${path} is not a GGUF file; use --config for a config.json or model folder.`);
    return { input: r.input, defaultQuant: r.fileType ?? r.format, label: r.input.spec.name };
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(error instanceof Error ? firstSentence(error.message) : String(error));
  }
}

export function firstSentence(text: string): string {
  const line = text.split('\n')[0] ?? text;
  return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}

export function buildSettings(v: Values, defaultQuant: string | null, hasTensors: boolean): EstimateSettings {
  const runtime = (v.runtime ?? 'llama.cpp') as Runtime;
  if (!RUNTIMES.includes(runtime)) throw new CliError(`--runtime must be one of ${RUNTIMES.join(', ')}, not "${v.runtime}".`);
  const s = defaultSettings(runtime);
  if (v.quant !== undefined && v.bits !== undefined) throw new CliError('Give either --quant or --bits, not both.');
  if (v.bits !== undefined) {
    const bits = strictDecimal(v.bits);
    if (bits !== 16 && bits !== 8 && bits !== 4) throw new CliError(`--bits must be 16, 8 or 4, not "${v.bits}".`);
    s.quant = quantForBits(bits, runtime).id;
  } else if (v.quant !== undefined) {
    s.quant = v.quant.trim();
  } else if (defaultQuant && !hasTensors) {
    s.quant = defaultQuant;
  } else if (defaultQuant && hasTensors && runtime === 'llama.cpp') {
    s.quant = defaultQuant;
  }
  const ctx = positiveInt(v.ctx, '--ctx', 16 * 1024 * 1024);
  if (ctx !== undefined) s.context = ctx;
  const par = positiveInt(v.parallel, '--parallel', 4096);
  if (par !== undefined) s.parallel = par;
  const ub = positiveInt(v.ubatch, '--ubatch', 65536);
  if (ub !== undefined) {
    s.ubatch = ub;
    s.batch = Math.max(s.batch, ub);
  }
  if (v['kv-type'] !== undefined) {
    const kv = v['kv-type'].trim().toLowerCase() as KvCacheType;
    if (!KV_TYPES.includes(kv))
      throw new CliError(`--kv-type must be one of f16, q8_0, q4_0 (or ${KV_TYPES.slice(3).join(', ')}), not "${v['kv-type']}".`);
    s.kvTypeK = kv;
    s.kvTypeV = kv;
  }
  if (v['flash-attn'] !== undefined) {
    const fa = v['flash-attn'].trim().toLowerCase();
    if (fa !== 'on' && fa !== 'off') throw new CliError(`--flash-attn must be on or off, not "${v['flash-attn']}".`);
    s.flashAttention = fa === 'on';
  }
  applyMlxArgs(v, s);
  return s;
}
