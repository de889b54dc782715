import { describe, expect, it } from 'vitest';
import { fixturePlan, loadPlanInput, PLAN_SCENARIOS } from '../../../tests/fixtures/plan/fixtures';
import { buildPlan } from './build';
import type { Plan, Recipe } from './types';

/** Splits a shell command line into words, honouring single quotes and leading VAR=value words. */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /'((?:[^']|'\\'')*)'|(\S+)/g;
  for (const m of line.matchAll(re)) out.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!);
  return out;
}

function flags(line: string): { env: Record<string, string>; positional: string[]; opts: Map<string, string> } {
  const w = words(line);
  const env: Record<string, string> = {};
  while (w.length && /^[A-Z_]+=/.test(w[0]!)) {
    const [k, v] = w.shift()!.split('=') as [string, string];
    env[k] = v;
  }
  const positional: string[] = [];
  const opts = new Map<string, string>();
  for (let i = 0; i < w.length; i++) {
    const x = w[i]!;
    if (x.startsWith('-')) {
      expect(opts.has(x), `flag ${x} given twice in: ${line}`).toBe(false);
      opts.set(x, w[i + 1]!);
      i++;
    } else positional.push(x);
  }
  return { env, positional, opts };
}

function recipe(plan: Plan, id: Recipe['id']): Recipe {
  const r = plan.recipes.find((x) => x.id === id);
  if (!r) throw new Error(`no ${id} recipe`);
  return r;
}

const llamaScenarios = PLAN_SCENARIOS.filter((n) => fixturePlan(n).runtime === 'llama.cpp');
const vllmScenarios = PLAN_SCENARIOS.filter((n) => fixturePlan(n).runtime === 'vllm');

describe('launch recipes', () => {
  it('covers both runtimes in the fixtures', () => {
    expect(llamaScenarios.length).toBeGreaterThanOrEqual(3);
    expect(vllmScenarios.length).toBeGreaterThanOrEqual(2);
  });

  for (const name of llamaScenarios) {
    it(`llama-server flags match the plan (${name})`, () => {
      const plan = fixturePlan(name);
      const s = plan.settings;
      const { positional, opts } = flags(recipe(plan, 'llama-server').commands[0]!);
      expect(positional[0]).toBe('llama-server');
      expect(opts.get('-m')).toMatch(new RegExp(`${s.quant}\\.gguf$`));
      expect(Number(opts.get('-c'))).toBe(s.context * s.parallel);
      expect(Number(opts.get('-np'))).toBe(s.parallel);
      expect(Number(opts.get('-ngl'))).toBe(plan.gpuLayers);
      expect(opts.get('-fa')).toBe(s.flashAttention ? 'on' : 'off');
      expect(opts.get('-ctk')).toBe(s.kvTypeK);
      expect(opts.get('-ctv')).toBe(s.kvTypeV);
      expect(Number(opts.get('-ub'))).toBe(s.ubatch);
      expect(Number(opts.get('-b'))).toBe(s.batch);
      if (plan.tensorSplit) {
        const split = opts.get('--tensor-split')!.split(',').map(Number);
        expect(split).toEqual(plan.tensorSplit);
        expect(split.length).toBe(plan.devices.length);
        // Layers per device as placed by the advisor.
        expect(split).toEqual(plan.devices.map((d) => d.layers));
      } else {
        expect(opts.has('--tensor-split')).toBe(false);
      }
    });

    it(`Ollama Modelfile and environment match the plan (${name})`, () => {
      const plan = fixturePlan(name);
      const s = plan.settings;
      const r = recipe(plan, 'ollama');
      const modelfile = r.files.find((f) => f.name === 'Modelfile')!.content;
      const params = Object.fromEntries([...modelfile.matchAll(/^PARAMETER (\w+) (\S+)$/gm)].map((m) => [m[1]!, Number(m[2])]));
      expect(params).toEqual({ num_ctx: s.context, num_gpu: plan.gpuLayers });
      expect(modelfile).toMatch(/^FROM \S+\.gguf$/m);
      const { env } = flags(r.commands[0]!);
      expect(env).toEqual({
        OLLAMA_FLASH_ATTENTION: s.flashAttention ? '1' : '0',
        OLLAMA_KV_CACHE_TYPE: s.kvTypeK,
        OLLAMA_NUM_PARALLEL: String(s.parallel),
      });
    });

    it(`LM Studio settings match the plan (${name})`, () => {
      const plan = fixturePlan(name);
      const s = plan.settings;
      const r = recipe(plan, 'lm-studio');
      const byKey = Object.fromEntries(r.settings.map((x) => [x.label.key, x.value]));
      expect(Number(byKey['plan.recipe.lms.context'])).toBe(s.context * s.parallel);
      const [on, of] = byKey['plan.recipe.lms.offload']!.split(' / ').map(Number);
      expect(of).toBe(plan.model.layers);
      expect(on).toBe(Math.min(plan.gpuLayers, plan.model.layers));
      expect(byKey['plan.recipe.lms.fa']).toBe(s.flashAttention ? 'on' : 'off');
      expect(byKey['plan.recipe.lms.kvK']).toBe(s.kvTypeK);
      expect(byKey['plan.recipe.lms.kvV']).toBe(s.kvTypeV);
      const { opts } = flags(r.commands[0]!);
      expect(Number(opts.get('--context-length'))).toBe(s.context * s.parallel);
      const gpu = opts.get('--gpu')!;
      if (plan.gpuLayers >= plan.totalLayers) expect(gpu).toBe('max');
      else expect(Number(gpu)).toBeCloseTo(plan.gpuLayers / plan.totalLayers, 2);
    });
  }

  for (const name of vllmScenarios) {
    it(`vllm serve flags match the plan (${name})`, () => {
      const plan = fixturePlan(name);
      const s = plan.settings;
      const r = recipe(plan, 'vllm');
      expect(plan.recipes.map((x) => x.id)).toEqual(['vllm']);
      const { positional, opts } = flags(r.commands[0]!);
      expect(positional.slice(0, 3)).toEqual(['vllm', 'serve', plan.model.hfRepo]);
      expect(Number(opts.get('--max-model-len'))).toBe(s.context);
      expect(Number(opts.get('--gpu-memory-utilization'))).toBe(s.gpuMemoryUtilization);
      expect(Number(opts.get('--tensor-parallel-size'))).toBe(plan.devices.length);
      expect(Number(opts.get('--max-num-seqs'))).toBe(s.parallel);
      expect(Number(opts.get('--max-num-batched-tokens'))).toBe(s.maxBatchedTokens);
      expect(opts.get('--kv-cache-dtype')).toBe(s.kvTypeK === 'fp8' ? 'fp8' : 'auto');
      if (s.quant === 'bf16') expect(opts.get('--dtype')).toBe('bfloat16');
    });
  }

  it('maps vLLM quantisation formats to --quantization', () => {
    const input = loadPlanInput('llama8b-h100-vllm');
    const cases: Array<[string, string | undefined]> = [
      ['awq', 'awq'],
      ['gptq', 'gptq'],
      ['fp8', 'fp8'],
      ['nf4', 'bitsandbytes'],
      ['bf16', undefined],
    ];
    for (const [quant, expected] of cases) {
      input.advice.settings = { ...input.advice.settings, quant, kvTypeK: 'fp8', kvTypeV: 'fp8' };
      const plan = buildPlan(input);
      const { opts } = flags(plan.recipes[0]!.commands[0]!);
      expect(opts.get('--quantization')).toBe(expected);
      expect(opts.get('--kv-cache-dtype')).toBe('fp8');
    }
  });

  it('quotes a GGUF path with spaces and notes what Ollama cannot express', () => {
    const input = loadPlanInput('llama8b-4090');
    input.model.file = "/models/my model's Q4.gguf";
    input.advice.settings = { ...input.advice.settings, kvTypeK: 'q8_0', kvTypeV: 'q4_1', flashAttention: false };
    const plan = buildPlan(input);
    const { opts } = flags(recipe(plan, 'llama-server').commands[0]!);
    expect(opts.get('-m')).toBe("/models/my model's Q4.gguf");
    expect(recipe(plan, 'llama-server').notes.map((n) => n.key)).toContain('plan.recipe.llama.vNeedsFa');
    const ollamaNotes = recipe(plan, 'ollama').notes.map((n) => n.key);
    expect(ollamaNotes).toEqual(expect.arrayContaining(['plan.recipe.ollama.kvSame', 'plan.recipe.ollama.kvNeedsFa']));
  });

  it('gives transformers no recipe and says so in step 4', () => {
    const input = loadPlanInput('llama8b-4090');
    input.advice.settings = { ...input.advice.settings, runtime: 'transformers' };
    const plan = buildPlan(input);
    expect(plan.recipes).toEqual([]);
    expect(plan.checklist[3]!.items[0]!.key).toBe('plan.step4.noRecipe');
  });
});
