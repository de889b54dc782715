import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { GiB } from '../../core/units';
import type { CliIO } from '../types';
import { createEstimateCommand, parseEstimateArgs } from './estimate';
import type { SetResultJson } from './estimate-add';
import { createPlanCommand } from './plan';

// js-yaml comes with electron-builder; a real YAML parser, so the config is read back as llama-swap reads it.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

const estimate = createEstimateCommand({ detect: async () => null, ramBytes: () => 64 * GiB });

async function json(args: string[]): Promise<SetResultJson> {
  const out: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: () => undefined };
  expect(await estimate([...args, '--json'], io)).toBe(0);
  return JSON.parse(out.join('\n')) as SetResultJson;
}

const flag = (command: string, name: string): string | undefined => {
  const words = command.split(' ');
  const i = words.indexOf(name);
  return i < 0 ? undefined : words[i + 1];
};

const RAG = [
  '--model',
  'qwen3-8b',
  '--quant',
  'Q4_K_M',
  '--ctx',
  '32768',
  '--add',
  'qwen3-embedding-0.6b',
  '--add',
  'qwen3-reranker-0.6b:parallel=2',
];

describe('the set launched through llama-swap and Ollama', () => {
  it('llama-swap: one entry per llama-server, its cmd and proxy on the same port, all in one non-swapping group', async () => {
    const r = await json([...RAG, '--vram', '24']);
    const swap = r.launch.llamaSwap!;
    const cfg = yaml.load(swap.yaml) as {
      models: Record<string, { cmd: string; proxy: string }>;
      groups: Record<string, { swap: boolean; exclusive: boolean; members: string[] }>;
    };
    const entries = Object.entries(cfg.models);
    expect(entries).toHaveLength(r.recipes.length);
    entries.forEach(([, m], i) => {
      expect(m.cmd).toBe(r.recipes[i]!.command);
      expect(m.proxy).toBe(`http://127.0.0.1:${r.recipes[i]!.port}`);
      expect(flag(m.cmd, '--port')).toBe(String(r.recipes[i]!.port));
    });
    expect(cfg.groups[swap.group]).toEqual({ swap: false, exclusive: true, members: Object.keys(cfg.models) });
    // llama-swap's own port is none of the servers'.
    expect(r.recipes.map((c) => c.port)).not.toContain(Number(swap.command.split(':').at(-1)));
  });

  it('Ollama: a Modelfile per model with its num_ctx, OLLAMA_MAX_LOADED_MODELS = models served, the reranker named as unsupported', async () => {
    const r = await json([...RAG, '--vram', '24']);
    const o = r.launch.ollama;
    const served = r.models.filter((m) => m.role !== 'reranker');
    expect(o.env.OLLAMA_MAX_LOADED_MODELS).toBe(served.length);
    expect(o.env.OLLAMA_NUM_PARALLEL).toBe(Math.max(...r.models.map((m) => m.parallel)));
    expect(o.models.map((m) => m.ids[0])).toEqual(served.map((m) => m.id));
    for (const m of o.models) {
      const ctx = r.models.find((x) => x.id === m.ids[0])!.ctx;
      expect(m.numCtx).toBe(ctx);
      expect(m.modelfile).toMatch(new RegExp(`^PARAMETER num_ctx ${ctx}$`, 'm'));
    }
    expect(o.unsupported.map((u) => u.id)).toEqual(['qwen3-reranker-0.6b']);
  });
});

describe('the set on vLLM: one process per model', () => {
  it('--gpu-memory-utilization shares cover each process and add up to at most the device', async () => {
    const r = await json([
      '--model',
      'qwen3-8b',
      '--runtime',
      'vllm',
      '--ctx',
      '16384',
      '--vram',
      '80',
      '--add',
      'qwen3-embedding-0.6b:ctx=8192',
      '--add',
      'qwen3-reranker-0.6b',
    ]);
    expect(r.verdict).toBe('fits');
    const v = r.launch.vllm;
    expect(v.map((p) => p.ids[0])).toEqual(r.models.map((m) => m.id));
    const total = 80 * GiB;
    let sum = 0;
    v.forEach((p, i) => {
      const m = r.models[i]!;
      expect(p.share).toBeGreaterThanOrEqual(m.bytes.devices[0]! / total);
      expect(p.share - m.bytes.devices[0]! / total).toBeLessThan(0.001);
      expect(flag(p.command, '--gpu-memory-utilization')).toBe(p.share.toFixed(3));
      expect(flag(p.command, '--max-model-len')).toBe(String(m.ctx));
      expect(flag(p.command, '--port')).toBe(String(p.port));
      sum += p.share;
    });
    expect(sum).toBeLessThanOrEqual(1);
    expect(new Set(v.map((p) => p.port)).size).toBe(v.length);
    expect(flag(v[1]!.command, '--task')).toBe('embed');
    expect(flag(v[2]!.command, '--task')).toBe('score');
    // llama-swap drives llama-server; a vLLM set has no llama-server recipes to put in it.
    expect(r.launch.llamaSwap).toBeNull();
  });
});

describe('the plan lists the other launch recipes', () => {
  it('llama-swap YAML and Ollama Modelfiles in English and Japanese; vLLM commands for a vLLM set', async () => {
    const deps = { detect: async () => null, ramBytes: () => 64 * GiB };
    const plan = createPlanCommand({
      parseEstimateArgs: (a) => parseEstimateArgs(a, deps),
      now: () => new Date('2026-01-01T00:00:00Z'),
      appVersion: 'test',
    });
    for (const [lang, swapTitle, rerankNote] of [
      ['en', 'llama-swap (llama-swap.yaml)', 'qwen3-reranker-0.6b: Ollama has no rerank endpoint'],
      ['ja', 'llama-swap（llama-swap.yaml）', 'qwen3-reranker-0.6b：Ollama にはリランク用'],
    ] as const) {
      const out: string[] = [];
      expect(await plan([...RAG, '--vram', '24', '--lang', lang], { out: (t) => out.push(t), err: () => undefined })).toBe(0);
      const md = out.join('\n');
      expect(md).toContain(swapTitle);
      const yamlBlock = md.slice(md.indexOf('```yaml') + 7, md.indexOf('```', md.indexOf('```yaml') + 7));
      const cfg = yaml.load(yamlBlock) as { models: Record<string, { proxy: string }> };
      expect(Object.values(cfg.models).map((m) => m.proxy)).toEqual([
        'http://127.0.0.1:8080',
        'http://127.0.0.1:8081',
        'http://127.0.0.1:8082',
      ]);
      expect(md).toContain('OLLAMA_MAX_LOADED_MODELS=2');
      expect(md).toContain('PARAMETER num_ctx 32768');
      expect(md).toContain(rerankNote);
    }
    const out: string[] = [];
    const args = ['--model', 'qwen3-8b', '--runtime', 'vllm', '--vram', '80', '--add', 'qwen3-embedding-0.6b'];
    expect(await plan(args, { out: (t) => out.push(t), err: () => undefined })).toBe(0);
    expect(out.join('\n').match(/vllm serve \S+ .*--gpu-memory-utilization 0\.\d{3}/g)).toHaveLength(2);
  });
});

describe('the text summary', () => {
  it('prints the vllm serve commands for a vLLM set', async () => {
    const out: string[] = [];
    const args = ['--model', 'qwen3-8b', '--runtime', 'vllm', '--vram', '80', '--add', 'qwen3-embedding-0.6b'];
    expect(await estimate(args, { out: (t) => out.push(t), err: () => undefined })).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('Launch (vLLM, one process per model):');
    expect(text.match(/^ {2}CUDA_VISIBLE_DEVICES=0 vllm serve /gm)).toHaveLength(2);
  });
});
