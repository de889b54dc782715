import { describe, expect, it } from 'vitest';
import { wiredLimit } from '../../core/plan/recipes-mlx';
import type { Plan } from '../../core/plan/types';
import { GiB } from '../../core/units';
import type { CliIO } from '../types';
import { createEstimateCommand, parseEstimateArgs, type EstimateJson } from './estimate';
import { parseMlxSize } from './estimate-mlx-args';
import { createPlanCommand } from './plan';

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

const deps = { detect: async () => null, ramBytes: () => 64 * GiB };
const estimate = createEstimateCommand(deps);
const plan = createPlanCommand({
  parseEstimateArgs: (a) => parseEstimateArgs(a, deps),
  now: () => new Date('2026-12-03T00:00:00Z'),
  appVersion: 't',
});

async function json(args: string[]): Promise<EstimateJson & { mlxWired?: { sysctl: string | null; defaultLimitBytes: number } }> {
  const io = capture();
  expect(await estimate([...args, '--json'], io)).toBe(0);
  return JSON.parse(io.stdout.join('\n')) as EstimateJson & { mlxWired?: { sysctl: string | null; defaultLimitBytes: number } };
}

describe('vram-planner estimate --runtime mlx', () => {
  it('plans MLX on an Apple GPU with the wired limit as the budget', async () => {
    const r = await json(['--model', 'llama-3.1-8b-instruct', '--runtime', 'mlx', '--gpu', 'apple-m3-max-36gb', '--ctx', '32768']);
    expect(r.settings.quant).toBe('mlx-4bit');
    expect(r.devices[0]!.budget.kind).toBe('working-set');
    expect(r.devices[0]!.capacityBytes).toBe(27 * GiB); // 3/4 of 36 GiB
    expect(r.verdict).toBe('fits');
    expect(r.mlxWired).toMatchObject({ sysctl: null, defaultLimitBytes: 27 * GiB });
  });

  it('says "does not fit" past the wired limit and gives the sysctl that raises it', async () => {
    const r = await json(['--model', 'llama-3.1-70b-instruct', '--runtime', 'mlx', '--gpu', 'apple-m3-max-64gb', '--ctx', '40000']);
    expect(r.verdict).toBe('no-fit');
    expect(r.shortBytes).toBeGreaterThan(0);
    expect(r.mlxWired!.sysctl).toMatch(/^sudo sysctl iogpu\.wired_limit_mb=\d+$/);
  });

  it('takes MLX formats and mlx_lm flags, and refuses them for other runtimes', async () => {
    const g32 = await json([
      '--model',
      'qwen3-4b-instruct-2507',
      '--runtime',
      'mlx',
      '--quant',
      'mlx-4bit-g32',
      '--gpu',
      'apple-m4-pro-24gb',
    ]);
    const g64 = await json(['--model', 'qwen3-4b-instruct-2507', '--runtime', 'mlx', '--quant', 'mlx-4bit', '--gpu', 'apple-m4-pro-24gb']);
    expect(g32.bytes.weights).toBeGreaterThan(g64.bytes.weights);
    const kv = await json([
      '--model',
      'qwen3-4b-instruct-2507',
      '--runtime',
      'mlx',
      '--ctx',
      '65536',
      '--kv-bits',
      '4',
      '--gpu',
      'apple-m4-pro-24gb',
    ]);
    const plain = await json(['--model', 'qwen3-4b-instruct-2507', '--runtime', 'mlx', '--ctx', '65536', '--gpu', 'apple-m4-pro-24gb']);
    expect(kv.bytes.kvCache).toBeLessThan(plain.bytes.kvCache / 3);
    await expect(estimate(['--model', 'qwen3-4b-instruct-2507', '--kv-bits', '4'], capture())).rejects.toThrow(
      /--kv-bits is an mlx_lm option; add --runtime mlx/,
    );
    expect(parseMlxSize('8GB')).toBe(8e9);
    expect(parseMlxSize('500M')).toBe(5e8);
    expect(parseMlxSize('8 GiB')).toBeNull();
  });
});

describe('MLX launch recipes', () => {
  it('computes the wired limit macOS applies and the sysctl that covers a plan', () => {
    expect(wiredLimit(16 * GiB, 8 * GiB).setMB).toBeNull(); // 2/3 of 16 GiB = 10.67 GiB
    const w = wiredLimit(64 * GiB, 50.2 * GiB); // default 48 GiB
    expect(w.setMB).toBe(51 * 1024);
    expect(w.possible).toBe(true);
    expect(wiredLimit(64 * GiB, 60 * GiB).possible).toBe(false); // above 64 − 8 GiB
  });

  it('writes mlx_lm.server, mlx_lm.generate and LM Studio MLX recipes with the plan’s values', async () => {
    const io = capture();
    const args = [
      '--model',
      'qwen3-4b-instruct-2507',
      '--runtime',
      'mlx',
      '--gpu',
      'apple-m4-pro-24gb',
      '--ctx',
      '65536',
      '--kv-bits',
      '8',
      '--prefill-step-size',
      '512',
    ];
    expect(await plan([...args, '--format', 'json'], io)).toBe(0);
    const p = JSON.parse(io.stdout.join('\n')) as Plan;
    const ids = p.recipes.map((r) => r.id);
    expect(ids).toEqual(['mlx-server', 'mlx-generate', 'lm-studio-mlx']);
    const gen = p.recipes[1]!.commands.join('\n');
    expect(gen).toMatch(/mlx_lm\.convert --hf-path Qwen\/Qwen3-4B-Instruct-2507 -q --q-bits 4 --q-group-size 64/);
    expect(gen).toMatch(/mlx_lm\.generate .*--prefill-step-size 512 .*--kv-bits 8 --kv-group-size 64 --quantized-kv-start 5000/);
    const server = p.recipes[0]!;
    expect(server.commands.at(-1)).toMatch(/^mlx_lm\.server --model \S+ --host 127\.0\.0\.1 --port 8080 --prefill-step-size 512$/);
    expect(server.notes.map((n) => n.key)).toContain('plan.recipe.mlx.serverNoKv');
    expect(p.recipes[2]!.settings.map((s) => s.value)).toEqual(['MLX', '65536', '8-bit']);
    const md = capture();
    expect(await plan([...args, '--format', 'md', '--lang', 'ja'], md)).toBe(0);
    expect(md.stdout.join('\n')).toMatch(/mlx_lm\.server/);
  });
});
