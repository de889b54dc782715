import { resolve, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GiB, MiB } from '../../core/units';
import type { CliIO } from '../types';
import { check, type CheckJson } from './check';

const at = (name: string) => join(resolve(__dirname, '../../../tests/fixtures/measured'), name);

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

describe('vram-planner check on other runtimes', () => {
  it("plans a vLLM memory profile for the log's own settings (vLLM PR 10511, Llama 3 8B)", async () => {
    const r = await json(['--log', at('vllm-10511-memory-profile.log'), '--model', 'llama-3-8b-instruct']);
    expect(r).toMatchObject({ runtime: 'vllm', source: 'vllm-log' });
    expect(r.plannedSettings).toMatchObject({ runtime: 'vllm', gpuMemoryUtilization: 0.9 });
    const weights = r.components.find((c) => c.name === 'weights')!;
    expect(weights.measuredBytes).toBe(Math.round(14.96 * GiB));
    expect(weights.withinBand).toBe(true);
    expect(r.components.map((c) => c.name)).toEqual(['weights', 'compute', 'kvCache']);
  });

  it('matches the model from the log name and reads tensor parallelism (vLLM PR 24162)', async () => {
    const r = await json(['--log', at('vllm-24162-v1-tp2-truncated.log')]);
    expect(r.modelSource).toMatch(/qwen2\.5-0\.5b.*matched from the log's model name/);
    expect(r.settings).toMatchObject({ tensorParallel: 2, maxModelLen: 32768 });
    expect(r.notes.join(' ')).toMatch(/tensor parallel 2/);
  });

  it('gives measured-only vLLM figures and names what is missing without a model', async () => {
    const r = await json(['--log', at('vllm-14447-four-workers.log')]);
    expect(r.components.every((c) => c.plannedBytes === null)).toBe(true);
    expect(new Set(r.components.map((c) => c.device)).size).toBe(3);
    expect(r.notes.join(' ')).toMatch(/give --model ID/);
  });

  it("compares Ollama's new-engine report with llama.cpp's rules (ollama issue 12027)", async () => {
    const r = await json(['--log', at('ollama-12027-kv-total-reload.log'), '--model', 'llama-3.1-8b-instruct']);
    expect(r.runtime).toBe('ollama');
    const kv = r.components.find((c) => c.name === 'kvCache')!;
    expect(kv.measuredBytes).toBe(936 * MiB);
    expect(kv.plannedBytes).toBeGreaterThan(0);
    expect(r.components.find((c) => c.name === 'total')!.measuredBytes).toBe(Math.round(5.4 * GiB));
  });

  it("reads LM Studio's llama.cpp lines as a llama.cpp run (lmstudio-bug-tracker issue 1360)", async () => {
    const r = await json(['--log', at('lmstudio-1360-partial-offload.log')]);
    expect(r).toMatchObject({ runtime: 'lm-studio', source: 'lmstudio-log' });
    expect(r.components.find((c) => c.name === 'weights')!.measuredBytes).toBe(Math.round(4944.6 * MiB) + Math.round(3621.44 * MiB));
  });

  it('lists GPU readings per GPU, and plans a single GPU with --model (nvidia-smi, ollama ps)', async () => {
    const smi = await json(['--log', at('nvidia-smi-club3090-96-two-gpu-truncated.txt')]);
    expect(smi.components.map((c) => [c.device, c.measuredBytes])).toEqual([
      ['GPU0', 22188 * MiB],
      ['GPU1', 22188 * MiB],
    ]);
    const ps = await json(['--log', at('ollama-python-490-ps.txt'), '--model', 'llama-3.2-3b-instruct']);
    expect(ps.components).toHaveLength(1);
    expect(ps.components[0]).toMatchObject({ name: 'total', device: 'gpu', measuredBytes: 4e9 });
    expect(ps.notes[0]).toBe('Models: llama3.2:latest (100 % on the GPU).');
    expect(ps.components[0]!.plannedBytes).toBeGreaterThan(0);
  });

  it('sets one GPU reading against a one-GPU plan with --model (gist, RTX A6000)', async () => {
    const r = await json(['--log', at('nvidia-smi-gist-collapsed.txt'), '--model', 'llama-3.1-8b-instruct']);
    expect(r.components).toHaveLength(1);
    expect(r.components[0]).toMatchObject({ name: 'total', device: 'GPU0', measuredBytes: 47067 * MiB });
    expect(r.components[0]!.differenceBytes).toBe(47067 * MiB - r.components[0]!.plannedBytes!);
    expect(r.notes.join(' ')).toMatch(/whole used memory/);
  });

  it("shows llama.cpp's fit projection per device (llama.cpp PR 22171)", async () => {
    const r = await json(['--log', at('llama-fit-print-22171.txt')]);
    expect(r.components.find((c) => c.name === 'total' && c.device === 'MTL0')!.measuredBytes).toBe((7401 + 814 + 517) * MiB);
  });

  it('reads batched-bench and serving benchmarks into speed[], planned with --model and --gpu', async () => {
    const b = await json(['--log', at('llama-batched-bench-16894.md'), '--model', 'qwen2.5-7b-instruct', '--gpu', 'rtx-4090']);
    expect(b.speed).toHaveLength(12);
    expect(b.speed[1]).toMatchObject({ name: 'decode', test: 'pp512 tg32 B1 decode (all sequences)', measuredTokensPerSecond: 79.04 });
    expect(b.speed.every((s) => s.plannedTokensPerSecond === null || s.plannedTokensPerSecond > 0)).toBe(true);
    const v = await json(['--log', at('vllm-bench-tt-2119.txt')]);
    expect(v.speed).toEqual([expect.objectContaining({ name: 'decode', measuredTokensPerSecond: 10000, plannedTokensPerSecond: null })]);
  });

  it('prints a readable table with the vLLM quantities', async () => {
    const io = capture();
    await check(['--log', at('vllm-12569-v1-concurrency.log')], io);
    expect(io.stdout[0]).toMatch(/vLLM start-up log/);
    expect(io.stdout.join('\n')).toMatch(/Max concurrency/);
  });
});
