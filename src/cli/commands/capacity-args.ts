// `capacity` options: the model and quant as `estimate` reads them, the deployment (runtime, GPUs per
// node, tp / pp / nodes) and the workload (lengths, users or rate, targets).

import { parseArgs } from 'node:util';
import { DEFAULT_NODE_GPUS } from '../../core/capacity/layouts';
import type { Deployment, ServeRuntime, Workload } from '../../core/capacity/types';
import type { EstimateSettings, ModelInput } from '../../core/estimate/types';
import type { GpuCatalogEntry } from '../../core/hardware/types';
import { strictDecimal } from '../args';
import { CliError } from '../types';
import { buildSettings, loadModel, type Values } from './estimate-args';
import { resolveGpuArg } from './estimate-hardware';

const OPTIONS = {
  model: { type: 'string' },
  config: { type: 'string' },
  gguf: { type: 'string' },
  params: { type: 'string' },
  quant: { type: 'string' },
  bits: { type: 'string' },
  runtime: { type: 'string' },
  gpu: { type: 'string' },
  tp: { type: 'string' },
  pp: { type: 'string' },
  nodes: { type: 'string' },
  'kv-type': { type: 'string' },
  'max-model-len': { type: 'string' },
  'max-num-seqs': { type: 'string' },
  'mem-fraction': { type: 'string' },
  'runtime-version': { type: 'string' },
  prompt: { type: 'string' },
  output: { type: 'string' },
  'prompt-p95': { type: 'string' },
  'output-p95': { type: 'string' },
  'shared-prefix': { type: 'string' },
  users: { type: 'string' },
  arrival: { type: 'string' },
  'num-prompts': { type: 'string' },
  rate: { type: 'string' },
  'ttft-p95': { type: 'string' },
  'tpot-p95': { type: 'string' },
  json: { type: 'boolean' },
  format: { type: 'string' },
  lang: { type: 'string' },
} as const;

const RUNTIMES: readonly ServeRuntime[] = ['vllm', 'sglang', 'llama.cpp'];

export interface ParsedCapacity {
  input: ModelInput;
  label: string;
  base: EstimateSettings;
  gpu: GpuCatalogEntry;
  workload: Workload;
  deployment: Deployment;
  json: boolean;
  /** --format md: the plan's Capacity section as Markdown, in --lang en|ja. */
  markdown: { lang: 'en' | 'ja' } | null;
  /** The GGUF path given, for llama-server's -m. */
  gguf?: string;
}

function whole(text: string | undefined, flag: string, max: number): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim().toLowerCase();
  const k = /^(\d+)k$/.exec(t);
  const n = k ? Number(k[1]) * 1024 : /^\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new CliError(`${flag} needs a positive whole number, not "${text}".`);
  if (n > max) throw new CliError(`${flag} ${n} is above the supported maximum of ${max}.`);
  return n;
}

function decimal(text: string | undefined, flag: string, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = strictDecimal(text);
  if (!(n > 0) || n > max) throw new CliError(`${flag} needs a positive number up to ${max}, not "${text}".`);
  return n;
}

function workloadOf(v: Record<string, string | boolean | undefined>): Workload {
  const s = (k: string) => v[k] as string | undefined;
  const prompt = whole(s('prompt'), '--prompt', 1 << 24);
  const output = whole(s('output'), '--output', 1 << 24);
  if (prompt === undefined || output === undefined) throw new CliError('Give the request shape with --prompt TOKENS and --output TOKENS.');
  const users = whole(s('users'), '--users', 1 << 20);
  const rate = decimal(s('rate'), '--rate', 1e6);
  if ((users === undefined) === (rate === undefined)) throw new CliError('Give either --users N or --rate REQ/S.');
  const share = s('shared-prefix') !== undefined ? strictDecimal(s('shared-prefix')!) : undefined;
  if (share !== undefined && !(share >= 0 && share < 1)) throw new CliError('--shared-prefix is a share from 0 to below 1, such as 0.5.');
  const w: Workload = { promptTokens: prompt, outputTokens: output };
  const opt = <K extends keyof Workload>(k: K, x: Workload[K] | undefined) => {
    if (x !== undefined) w[k] = x;
  };
  opt('users', users);
  const arrival = s('arrival');
  if (arrival !== undefined) {
    if (arrival !== 'steady' && arrival !== 'burst') throw new CliError(`--arrival must be steady or burst, not "${arrival}".`);
    if (users === undefined) throw new CliError('--arrival describes --users; a --rate arrives steadily.');
    w.arrival = arrival;
  }
  const prompts = whole(s('num-prompts'), '--num-prompts', 1 << 24);
  if (prompts !== undefined) {
    if (w.arrival !== 'burst')
      throw new CliError('--num-prompts is the length of an --arrival burst run (vllm bench serve --num-prompts).');
    w.promptsPerRun = prompts;
  }
  opt('rate', rate);
  opt('promptP95', whole(s('prompt-p95'), '--prompt-p95', 1 << 24));
  opt('outputP95', whole(s('output-p95'), '--output-p95', 1 << 24));
  opt('sharedPrefix', share);
  opt('ttftP95S', decimal(s('ttft-p95'), '--ttft-p95', 3600));
  opt('tpotP95Ms', decimal(s('tpot-p95'), '--tpot-p95', 60000));
  return w;
}

export async function parseCapacityArgs(args: string[]): Promise<ParsedCapacity> {
  let v: Record<string, string | boolean | undefined>;
  try {
    v = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  const runtime = (v.runtime ?? '') as ServeRuntime;
  if (!RUNTIMES.includes(runtime)) throw new CliError(`--runtime must be one of ${RUNTIMES.join(', ')}, not "${String(v.runtime ?? '')}".`);
  if (v.gpu === undefined) throw new CliError('Name the GPU with --gpu ID[xN] (N GPUs per node); run "vram-planner gpus" for ids.');
  const { entry, count: given } = resolveGpuArg(v.gpu as string);
  // Neither --tp nor --pp: the plan searches layouts. A GPU named without a count is planned on servers of
  // DEFAULT_NODE_GPUS (the question is how many to buy); with --tp or --pp pinned it stays one per node.
  const search = v.tp === undefined && v.pp === undefined;
  const counted = given > 1 || /[x×*]\s*1\s*$|^\s*1\s*[x×*]/i.test(v.gpu as string);
  const count = search && !counted ? DEFAULT_NODE_GPUS : given;
  const workload = workloadOf(v);
  const str = (k: string) => (typeof v[k] === 'string' ? v[k] : undefined);
  const picked = Object.fromEntries(
    ['model', 'config', 'gguf', 'params', 'quant', 'bits', 'kv-type'].flatMap((k) => (str(k) !== undefined ? [[k, str(k)]] : [])),
  ) as Values;
  const { input, defaultQuant, label } = await loadModel(picked);
  // SGLang reads the same Hugging Face formats as vLLM: settings are validated as vLLM's, then retagged.
  const asRead: Values = { ...picked, runtime: runtime === 'sglang' ? 'vllm' : runtime };
  const base = { ...buildSettings(asRead, defaultQuant, Boolean(input.tensors && input.tensors.length > 0)), runtime };
  const nodes = whole(v.nodes as string | undefined, '--nodes', 1024) ?? 1;
  const tp = whole(v.tp as string | undefined, '--tp', 1024) ?? (runtime === 'llama.cpp' ? 1 : count);
  const pp = whole(v.pp as string | undefined, '--pp', 1024) ?? (runtime === 'llama.cpp' ? count * nodes : nodes);
  const deployment: Deployment = { runtime, gpusPerNode: count, tp, pp, nodes, ...(search ? { searchLayouts: true } : {}) };
  const maxLen = whole(v['max-model-len'] as string | undefined, '--max-model-len', 1 << 24);
  if (maxLen !== undefined) deployment.maxModelLen = maxLen;
  const seqs = whole(v['max-num-seqs'] as string | undefined, '--max-num-seqs', 65536);
  if (seqs !== undefined) deployment.maxNumSeqs = seqs;
  const frac = decimal(v['mem-fraction'] as string | undefined, '--mem-fraction', 1);
  if (frac !== undefined) deployment.memoryFraction = frac;
  const release = str('runtime-version');
  if (release !== undefined) {
    // Only a release number moves a rule (vLLM's sampler, vllm-profile.ts; prefill CUDA graphs, prefill-graphs.ts);
    // anything else would be ignored silently.
    if (!/^v?\d+\.\d+(\.\d+)?([.+-][\w.]*)?$/.test(release.trim()))
      throw new CliError(`--runtime-version takes a release number such as 0.11.2, not "${release}".`);
    deployment.runtimeVersion = release.trim();
  }
  const format = str('format');
  if (format !== undefined && format !== 'md' && format !== 'json') throw new CliError(`--format must be md or json, not "${format}".`);
  const lang = str('lang') ?? 'en';
  if (lang !== 'en' && lang !== 'ja') throw new CliError(`--lang must be en or ja, not "${lang}".`);
  const markdown: { lang: 'en' | 'ja' } | null = format === 'md' ? { lang: lang === 'ja' ? 'ja' : 'en' } : null;
  return {
    input,
    label,
    base,
    gpu: entry,
    workload,
    deployment,
    json: Boolean(v.json) || format === 'json',
    markdown,
    ...(str('gguf') ? { gguf: str('gguf')! } : {}),
  };
}
