import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MiB } from '../../core/units';
import { runCli } from '../index';
import type { CliIO } from '../types';
import { check, type CheckJson } from './check';

const FIXTURES = resolve(__dirname, '../../../tests/fixtures/measured');
const at = (name: string) => join(FIXTURES, name);

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

async function json(args: string[]): Promise<CheckJson> {
  const io = capture();
  expect(await check([...args, '--json'], io)).toBe(0);
  return JSON.parse(io.stdout.join('\n')) as CheckJson;
}

describe('vram-planner check --json', () => {
  it('gives per-device rows for a two-GPU log without layer lines, the split read from the KV shares', async () => {
    const r = await json(['--log', at('llama-cpp-6122-two-gpu.log'), '--model', 'c4ai-command-r-v01']);
    const kv = (d: string) => r.components.find((c) => c.name === 'kvCache' && c.device === d)!;
    // 40 layers of 128 MiB each (the log's 5120 MiB KV total): CUDA0 holds 1536 MiB = 12 layers, CUDA1 28.
    expect(kv('CUDA0').measuredBytes).toBe(1536 * MiB);
    expect(kv('CUDA0').plannedBytes).toBe(12 * 128 * MiB);
    expect(kv('CUDA1').plannedBytes).toBe(28 * 128 * MiB);
    expect(r.notes.join(' ')).toMatch(/CUDA0 12, CUDA1 28/);
  });

  it('carries the contract fields for a real llama.cpp log and a library model', async () => {
    const r = await json(['--log', at('ik-llama-562-vulkan-llama31-8b.log'), '--model', 'llama-3.1-8b-instruct']);
    expect(r.runtime).toBe('llama.cpp');
    expect(r.settings).toMatchObject({ nCtx: 16384, nSeqMax: 1, nUbatch: 1024, flashAttention: true, typeK: 'f16', typeV: 'f16' });
    expect(r.plannedSettings).toMatchObject({ context: 16384, parallel: 1, ubatch: 1024, quant: 'Q4_0', flashAttention: true });
    expect(r.modelSource).toMatch(/library model llama-3.1-8b-instruct/);
    for (const c of r.components) {
      expect(['weights', 'kvCache', 'compute', 'output', 'total']).toContain(c.name);
      expect(typeof c.device).toBe('string');
      expect(c.differenceBytes).toBe(c.measuredBytes - c.plannedBytes!);
      expect(typeof c.withinBand).toBe('boolean');
    }
    const gpuWeights = r.components.find((c) => c.name === 'weights' && c.device === 'Vulkan0')!;
    expect(gpuWeights.measuredBytes).toBe(Math.round(4155.99 * MiB));
    expect(Math.abs(gpuWeights.differenceBytes!)).toBeLessThan(0.01 * MiB);
    expect(r.components.find((c) => c.name === 'total' && c.device === 'all')).toBeDefined();
    expect(r.speed).toEqual([]);
  });

  it('plans from the log alone when no model is given, and says so', async () => {
    const r = await json(['--log', at('ik-llama-562-vulkan-llama31-8b.log')]);
    expect(r.modelSource).toMatch(/no --model given/);
    expect(r.components.find((c) => c.name === 'kvCache')!.differenceBytes).toBe(0);
  });

  it('gives measured-only rows and a note when the log has no model and none is given', async () => {
    const r = await json(['--log', at('llama-cpp-9390-eight-gpu.log')]);
    expect(r.components.every((c) => c.plannedBytes === null)).toBe(true);
    expect(r.notes.join(' ')).toMatch(/give --model ID or --gguf FILE/);
  });

  it('reads llama-bench output into speed[]', async () => {
    const r = await json(['--log', at('llama-bench-chraac-7.md')]);
    expect(r.speed.map((s) => [s.name, s.test, s.measuredTokensPerSecond])).toEqual([
      ['prefill', 'pp512', 18.46],
      ['decode', 'tg128', 0.7],
    ]);
    expect(r.components).toEqual([]);
  });
});

describe('vram-planner check with llama-bench and --gpu', () => {
  it('plans each test with the advisor and compares it', async () => {
    const r = await json(['--log', at('llama-bench-chraac-7.md'), '--model', 'llama-3.2-1b-instruct', '--gpu', 'rtx-4090']);
    expect(r.modelSource).toMatch(/llama-3.2-1b-instruct/);
    for (const s of r.speed) {
      expect(s.plannedTokensPerSecond).toBeGreaterThan(0);
      expect(s.differenceTokensPerSecond).toBeCloseTo(s.measuredTokensPerSecond - s.plannedTokensPerSecond!, 6);
      expect(typeof s.withinBand).toBe('boolean');
    }
    // Prefill is planned for the test's prompt (512 tokens in one batch), not for one token: far above decode.
    const [pp, tg] = [r.speed.find((s) => s.name === 'prefill')!, r.speed.find((s) => s.name === 'decode')!];
    expect(pp.plannedTokensPerSecond!).toBeGreaterThan(10 * tg.plannedTokensPerSecond!);
    // The fixture ran on a phone NPU (QNN), so a desktop GPU plan must be far off: the band check can fail.
    expect(r.speed.find((s) => s.name === 'decode')!.withinBand).toBe(false);
  });

  it('reports measured speed only, and says what is missing, without --model and --gpu', async () => {
    const r = await json(['--log', at('llama-bench-12994.json')]);
    expect(r.speed).toEqual([
      expect.objectContaining({ name: 'decode', test: 'tg128', measuredTokensPerSecond: 60.984063, plannedTokensPerSecond: null }),
    ]);
    expect(r.notes.join(' ')).toMatch(/--model ID.*--gpu ID/);
  });

  it('refuses --model and --gguf together', async () => {
    const io = capture();
    const log = at('ik-llama-562-vulkan-llama31-8b.log');
    expect(await runCli(['check', '--log', log, '--model', 'llama-3.1-8b-instruct', '--gguf', log], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/either --model or --gguf/);
  });

  it('names an unknown GPU as one clear error', async () => {
    const io = capture();
    expect(await runCli(['check', '--log', at('llama-bench-chraac-7.md'), '--gpu', 'no-such-gpu-xyz'], io)).toBe(2);
    expect(io.stderr).toHaveLength(1);
  });
});

describe('vram-planner check errors and text', () => {
  it('prints a readable table', async () => {
    const io = capture();
    expect(await check(['--log', at('ik-llama-562-vulkan-llama31-8b.log'), '--model', 'llama-3.1-8b-instruct'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/Component\s+Device\s+Planned\s+Measured\s+Difference\s+In band/);
    expect(text).toMatch(/Weights\s+Vulkan0\s+4155\.99 MiB\s+4155\.99 MiB/);
  });

  it('a missing file is one sentence and exit code 2', async () => {
    const io = capture();
    expect(await runCli(['check', '--log', join(FIXTURES, 'no-such-file.log')], io)).toBe(2);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/^Cannot read the log .*no-such-file\.log: no such file\.$/);
  });

  it('a folder, a missing --log and an unrelated file are clear errors', async () => {
    // tsconfig.json: a real file that is no runtime output (SOURCES.md quotes runtime lines, so it is not one).
    for (const args of [['--log', FIXTURES], [], ['--log', resolve(__dirname, '../../../tsconfig.json')]]) {
      const io = capture();
      expect(await runCli(['check', ...args], io)).toBe(2);
      expect(io.stderr).toHaveLength(1);
    }
  });

  it('reads only the first 16 MiB of a huge file and says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-check-'));
    const file = join(dir, 'big.log');
    const line = 'load_tensors:        CUDA0 model buffer size =  1.00 MiB\n';
    await writeFile(file, line + 'x'.repeat(17 * MiB));
    const r = await json(['--log', file]);
    expect(r.problems.join(' ')).toMatch(/Only the first 16 MiB/);
    expect(r.components.find((c) => c.name === 'weights')!.measuredBytes).toBe(MiB);
  });
});
