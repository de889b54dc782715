// Launch recipes: the commands and settings that make each runtime allocate what the plan estimated.
// Every number comes from the plan, so a recipe can be checked against it (recipes.test.ts parses them).

import type { KvCacheType } from '../estimate/types';
import { mlxRecipes } from './recipes-mlx';
import type { Plan, Recipe, PlanText } from './types';

type RecipeInput = Omit<Plan, 'checklist' | 'recipes'>;

function text(key: string, params: Record<string, string | number> = {}): PlanText {
  return { key, params };
}

/** POSIX single-quote a shell word only when it needs it. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'model';
}

/** The GGUF path llama.cpp should open: the user's file, else a name that says which quant to fetch. */
export function ggufPath(plan: RecipeInput): string {
  if (plan.model.file) return plan.model.file;
  return `${slug(plan.model.name)}-${plan.quant.id}.gguf`;
}

/** Total context llama-server must allocate: its -c is shared by all -np slots. */
export function llamaTotalContext(plan: RecipeInput): number {
  return plan.settings.context * Math.max(1, plan.settings.parallel);
}

function llamaServer(plan: RecipeInput): Recipe {
  const s = plan.settings;
  const args = [
    'llama-server',
    '-m',
    shellQuote(ggufPath(plan)),
    '-c',
    String(llamaTotalContext(plan)),
    '-np',
    String(Math.max(1, s.parallel)),
    '-ngl',
    String(plan.gpuLayers),
    '-fa',
    s.flashAttention ? 'on' : 'off',
    '-ctk',
    s.kvTypeK,
    '-ctv',
    s.kvTypeV,
    '-b',
    String(s.batch),
    '-ub',
    String(s.ubatch),
  ];
  if (plan.tensorSplit && plan.tensorSplit.length > 1) args.push('--tensor-split', plan.tensorSplit.join(','));
  args.push('--host', '127.0.0.1', '--port', '8080');
  const notes: PlanText[] = [text('plan.recipe.llama.ctx', { total: llamaTotalContext(plan), context: s.context, parallel: s.parallel })];
  if (s.kvTypeV !== 'f16' && s.kvTypeV !== 'f32' && s.kvTypeV !== 'bf16' && !s.flashAttention)
    notes.push(text('plan.recipe.llama.vNeedsFa', {}));
  if (plan.gpuLayers < plan.totalLayers)
    notes.push(text('plan.recipe.llama.offload', { gpuLayers: plan.gpuLayers, totalLayers: plan.totalLayers }));
  if (!plan.model.file) notes.push(text('plan.recipe.modelPath', { path: ggufPath(plan) }));
  return { id: 'llama-server', title: 'llama.cpp (llama-server)', commands: [args.join(' ')], files: [], settings: [], notes };
}

const OLLAMA_KV: ReadonlySet<KvCacheType> = new Set<KvCacheType>(['f16', 'q8_0', 'q4_0']);

function ollama(plan: RecipeInput): Recipe {
  const s = plan.settings;
  const name = slug(plan.model.name);
  const kvType = s.kvTypeK;
  const modelfile = [
    `FROM ./${ggufPath(plan).split(/[\\/]/).pop() ?? ggufPath(plan)}`,
    `PARAMETER num_ctx ${s.context}`,
    `PARAMETER num_gpu ${plan.gpuLayers}`,
    '',
  ].join('\n');
  const env = [
    `OLLAMA_FLASH_ATTENTION=${s.flashAttention ? 1 : 0}`,
    `OLLAMA_KV_CACHE_TYPE=${kvType}`,
    `OLLAMA_NUM_PARALLEL=${Math.max(1, s.parallel)}`,
  ];
  const notes: PlanText[] = [text('plan.recipe.ollama.ctx', { context: s.context, parallel: s.parallel })];
  if (s.kvTypeK !== s.kvTypeV) notes.push(text('plan.recipe.ollama.kvSame', { k: s.kvTypeK, v: s.kvTypeV }));
  if (!OLLAMA_KV.has(kvType)) notes.push(text('plan.recipe.ollama.kvUnsupported', { k: kvType }));
  if (kvType !== 'f16' && !s.flashAttention) notes.push(text('plan.recipe.ollama.kvNeedsFa', {}));
  return {
    id: 'ollama',
    title: 'Ollama',
    commands: [`${env.join(' ')} ollama serve`, `ollama create ${name} -f Modelfile`, `ollama run ${name}`, 'ollama ps'],
    files: [{ name: 'Modelfile', language: 'text', content: modelfile }],
    settings: [],
    notes,
  };
}

function lmStudio(plan: RecipeInput): Recipe {
  const s = plan.settings;
  const layers = plan.model.layers;
  // LM Studio's offload slider counts repeating layers only; llama.cpp's -ngl also counts the output.
  const offload = Math.min(plan.gpuLayers, layers);
  const total = llamaTotalContext(plan);
  const ratio = plan.gpuLayers >= plan.totalLayers ? 'max' : plan.gpuLayers <= 0 ? 'off' : (plan.gpuLayers / plan.totalLayers).toFixed(2);
  const settings: Recipe['settings'] = [
    { label: text('plan.recipe.lms.context'), value: String(total) },
    { label: text('plan.recipe.lms.offload'), value: `${offload} / ${layers}` },
    { label: text('plan.recipe.lms.fa'), value: s.flashAttention ? 'on' : 'off' },
    { label: text('plan.recipe.lms.kvK'), value: s.kvTypeK },
    { label: text('plan.recipe.lms.kvV'), value: s.kvTypeV },
  ];
  if (s.parallel > 1) settings.push({ label: text('plan.recipe.lms.parallel'), value: String(s.parallel) });
  return {
    id: 'lm-studio',
    title: 'LM Studio',
    commands: [`lms load ${shellQuote(slug(plan.model.name))} --context-length ${total} --gpu ${ratio}`],
    files: [],
    settings,
    notes: [text('plan.recipe.lms.note', {})],
  };
}

function vllmQuantization(quant: string): { quantization: string | null; dtype: string | null } {
  const q = quant.toLowerCase();
  if (q === 'bf16') return { quantization: null, dtype: 'bfloat16' };
  if (q === 'fp16') return { quantization: null, dtype: 'float16' };
  if (q === 'fp32') return { quantization: null, dtype: 'float32' };
  if (q === 'fp8') return { quantization: 'fp8', dtype: null };
  if (q.startsWith('awq')) return { quantization: 'awq', dtype: null };
  if (q.startsWith('gptq')) return { quantization: 'gptq', dtype: null };
  if (q === 'int8' || q.startsWith('nf4') || q.startsWith('fp4')) return { quantization: 'bitsandbytes', dtype: null };
  if (q === 'mxfp4') return { quantization: 'mxfp4', dtype: null };
  if (q === 'nvfp4') return { quantization: 'modelopt_fp4', dtype: null };
  return { quantization: null, dtype: null };
}

function vllm(plan: RecipeInput): Recipe {
  const s = plan.settings;
  const repo = plan.model.hfRepo || plan.model.id;
  const { quantization, dtype } = vllmQuantization(s.quant);
  const args = [
    'vllm',
    'serve',
    shellQuote(repo),
    '--max-model-len',
    String(s.context),
    '--gpu-memory-utilization',
    String(s.gpuMemoryUtilization),
    '--tensor-parallel-size',
    String(Math.max(1, plan.devices.length)),
    '--kv-cache-dtype',
    s.kvTypeK === 'fp8' ? 'fp8' : 'auto',
    '--max-num-seqs',
    String(Math.max(1, s.parallel)),
    '--max-num-batched-tokens',
    String(s.maxBatchedTokens),
  ];
  if (quantization) args.push('--quantization', quantization);
  if (dtype) args.push('--dtype', dtype);
  const notes: PlanText[] = [];
  if (plan.vllm)
    notes.push(text('plan.recipe.vllm.pool', { kvTokens: plan.vllm.kvTokens, concurrency: plan.vllm.maxConcurrency, context: s.context }));
  if (!plan.model.hfRepo) notes.push(text('plan.recipe.vllm.repo', { repo }));
  return { id: 'vllm', title: 'vLLM (vllm serve)', commands: [args.join(' ')], files: [], settings: [], notes };
}

/** Recipes for every runtime that can run this plan as estimated (GGUF runtimes share llama.cpp's memory model). */
export function buildRecipes(plan: RecipeInput): Recipe[] {
  switch (plan.runtime) {
    case 'llama.cpp':
      return [llamaServer(plan), ollama(plan), lmStudio(plan)];
    case 'vllm':
      return [vllm(plan)];
    case 'mlx':
      return mlxRecipes(plan);
    default:
      return [];
  }
}
