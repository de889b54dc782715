import { describe, expect, it } from 'vitest';
import { GiB } from '../../core/units';
import { CliError, type CliIO } from '../types';
import { createEstimateCommand, parseEstimateArgs } from './estimate';
import type { SetResultJson } from './estimate-add';
import { hasSetFlags, parseAddSpec, splitSetArgs } from './estimate-add-args';
import { createPlanCommand } from './plan';

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

const estimate = createEstimateCommand({ detect: async () => null, ramBytes: () => 64 * GiB });

async function json(args: string[]): Promise<SetResultJson> {
  const io = capture();
  expect(await estimate([...args, '--json'], io)).toBe(0);
  return JSON.parse(io.stdout.join('\n')) as SetResultJson;
}

const RAG = ['--model', 'qwen3-8b', '--quant', 'Q4_K_M', '--ctx', '32768', '--add', 'qwen3-embedding-0.6b', '--add', 'qwen3-reranker-0.6b'];

describe('--add MODEL[:ctx=N,parallel=N,quant=Q]', () => {
  it('parses the options and keeps a .gguf path whole', () => {
    expect(parseAddSpec('qwen3-embedding-0.6b:ctx=8k,parallel=4,quant=Q8_0')).toEqual({
      model: 'qwen3-embedding-0.6b',
      ctx: 8192,
      parallel: 4,
      quant: 'Q8_0',
    });
    expect(parseAddSpec('C:/models/bge.gguf:ctx=512')).toEqual({ model: 'C:/models/bge.gguf', ctx: 512 });
    expect(() => parseAddSpec('x:batch=4')).toThrow(CliError);
    expect(() => parseAddSpec('x:ctx=0')).toThrow(/whole number/);
  });

  it('takes the set flags out of argv', () => {
    const s = splitSetArgs(['--model', 'a', '--add=b', '--add', 'c:ctx=1024', '--draft', 'd', '--json']);
    expect(s.rest).toEqual(['--model', 'a', '--json']);
    expect(s.adds.map((a) => a.model)).toEqual(['b', 'c']);
    expect(s.draft).toBe('d');
    expect(hasSetFlags(['--model', 'a'])).toBe(false);
    expect(splitSetArgs(['--mmproj', 'p.gguf', '--lora', 'a.gguf'])).toMatchObject({ mmproj: 'p.gguf', lora: 'a.gguf' });
    expect(() => splitSetArgs(['--draft', 'a', '--draft', 'b'])).toThrow(/only once/);
  });
});

describe('vram-planner estimate with several models', () => {
  it('chat + embedding + reranker on one 24 GiB GPU: models[], devices[], verdict, bytes.total', async () => {
    const r = await json([...RAG, '--vram', '24']);
    expect(r.models.map((m) => [m.id, m.role])).toEqual([
      ['qwen3-8b', 'main'],
      ['qwen3-embedding-0.6b', 'embedding'],
      ['qwen3-reranker-0.6b', 'reranker'],
    ]);
    expect(r.verdict).toBe('fits');
    expect(r.devices).toHaveLength(1);
    const d = r.devices[0]!;
    expect(d.usedBytes).toBe(r.models.reduce((a, m) => a + m.bytes.devices[0]!, 0));
    expect(d.usedBytes).toBeLessThanOrEqual(d.capacityBytes);
    expect(r.bytes.total).toBe(r.models.reduce((a, m) => a + m.bytes.total, 0));
    expect(r.models[1]!.ctx).toBe(8192);
    expect(r.shrink).toEqual([]);
  });

  it('per-model options reach the estimate, and a set that does not fit says what to shrink first', async () => {
    const r = await json([
      '--model',
      'qwen3-8b',
      '--ctx',
      '131072',
      '--vram',
      '12',
      '--add',
      'qwen3-embedding-0.6b:ctx=2048,parallel=4,quant=F16',
    ]);
    const emb = r.models.find((m) => m.role === 'embedding')!;
    expect([emb.ctx, emb.parallel, emb.quant]).toEqual([2048, 4, 'F16']);
    expect(r.verdict).not.toBe('fits');
    expect(r.shrink[0]!.action).toBe('shrink-main-context');
    expect(r.shrink.at(-1)!.fits).toBe(true);
  });

  it('--draft adds a draft model at the main context with a speed range over the acceptance rate', async () => {
    const r = await json(['--model', 'qwen3-8b', '--ctx', '16384', '--vram', '24', '--draft', 'qwen3-0.6b']);
    const draft = r.models.find((m) => m.role === 'draft')!;
    expect(draft.ctx).toBe(16384);
    expect(r.draft!.points.length).toBeGreaterThan(1);
    expect(r.draft!.points[0]!.speedup).toBeLessThan(r.draft!.points.at(-1)!.speedup);
    expect(r.draft!.basis).toMatch(/acceptance rate/);
  });

  it('an added chat model without a role runs as its own server; the same model twice gets distinct ids', async () => {
    const r = await json(['--model', 'qwen3-0.6b', '--vram', '24', '--add', 'qwen3-0.6b']);
    expect(r.models.map((m) => [m.id, m.role])).toEqual([
      ['qwen3-0.6b', 'main'],
      ['qwen3-0.6b#2', 'chat'],
    ]);
  });

  it('vLLM: each process gets the memory share it must be started with, and the shares add up to at most 1', async () => {
    const r = await json(['--model', 'qwen3-8b', '--runtime', 'vllm', '--ctx', '16384', '--vram', '24', '--add', 'qwen3-embedding-0.6b']);
    const shares = r.models.map((m) => m.gpuShare!);
    for (const [i, m] of r.models.entries()) expect(shares[i]).toBeGreaterThanOrEqual(m.bytes.devices[0]! / (24 * GiB));
    expect(shares.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
  });

  it('prints a readable summary without --json', async () => {
    const io = capture();
    expect(await estimate([...RAG, '--vram', '24'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/Models on this machine: 3, set verdict fits/);
    expect(text).toMatch(/qwen3-reranker-0\.6b \(reranker\)/);
  });
});

describe('vram-planner plan with several models', () => {
  const deps = { detect: async () => null, ramBytes: () => 64 * GiB };
  const plan = createPlanCommand({
    parseEstimateArgs: (a) => parseEstimateArgs(a, deps),
    now: () => new Date('2026-01-01T00:00:00Z'),
    appVersion: 'test',
  });

  it('--format json carries models[] and the set beside the main model plan', async () => {
    const io = capture();
    expect(await plan([...RAG, '--vram', '24', '--format', 'json'], io)).toBe(0);
    const r = JSON.parse(io.stdout.join('\n')) as { models: SetResultJson['models']; set: SetResultJson };
    expect(r.models.map((m) => m.role)).toEqual(['main', 'embedding', 'reranker']);
    expect(r.set.verdict).toBe('fits');
    expect(r.set.bytes.total).toBe(r.models.reduce((a, m) => a + m.bytes.total, 0));
  });

  it('the Markdown plan lists every model, in English and in Japanese', async () => {
    for (const [lang, title, role] of [
      ['en', '## Models on this machine', '| qwen3-reranker-0.6b | reranker |'],
      ['ja', '## このマシンで動かすモデル', '| qwen3-reranker-0.6b | リランカー |'],
    ] as const) {
      const io = capture();
      expect(await plan([...RAG, '--vram', '24', '--lang', lang], io)).toBe(0);
      const md = io.stdout.join('\n');
      expect(md).toContain(title);
      expect(md).toContain(role);
      // Three servers, three ports, in the plan's llama-server commands as in the JSON (llama-swap's YAML repeats them).
      const section = md.slice(md.indexOf(title));
      const sh = section.slice(section.indexOf('```sh'), section.indexOf('```', section.indexOf('```sh') + 5));
      expect(sh.match(/llama-server .* --port 808[0-2]/g)).toHaveLength(3);
    }
  });
});
