import { SPEED_CALIBRATION } from '../../core/advice/speed-calibration';
import { describe, expect, it } from 'vitest';
import { CliError, type CliIO } from '../types';
import { capacityCommand } from './capacity';

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

type AtLoad = Record<'users' | 'ttftMs' | 'tpotMs' | 'perUserTokensPerSecond' | 'outputTokensPerSecond' | 'requestsPerSecond', number>;

async function json(args: string[]): Promise<Record<string, unknown> & { atLoad: AtLoad; estimate: { perDevice: unknown[] } }> {
  const io = capture();
  expect(await capacityCommand([...args, '--json'], io)).toBe(0);
  return JSON.parse(io.stdout.join('\n')) as never;
}

const base = ['--model', 'llama-3.1-70b-instruct', '--gpu', 'h100-sxmx8', '--prompt', '1024', '--output', '256'];

describe('vram-planner capacity --json', () => {
  it('carries the contract fields', async () => {
    const r = await json([...base, '--runtime', 'vllm', '--users', '64', '--ttft-p95', '2', '--tpot-p95', '60']);
    for (const k of ['maxConcurrency', 'kvPoolTokens', 'gpusNeeded', 'replicas']) expect(typeof r[k], k).toBe('number');
    expect(typeof r.meetsTargets).toBe('boolean');
    for (const k of ['users', 'ttftMs', 'tpotMs', 'perUserTokensPerSecond', 'outputTokensPerSecond', 'requestsPerSecond'] as const) {
      expect(r.atLoad[k], k).toBeGreaterThan(0);
    }
    expect(r.atLoad.users).toBe(64);
    expect(r.replicas).toBe(1);
    expect(r.estimate.perDevice).toHaveLength(1);
    // Output tokens/s = requests/s × output length, and per-user speed = 1000 ÷ TPOT.
    expect(r.atLoad.outputTokensPerSecond).toBeCloseTo(r.atLoad.requestsPerSecond * 256, -1);
    expect(r.atLoad.perUserTokensPerSecond).toBeCloseTo(1000 / r.atLoad.tpotMs, 0);
  });

  it('takes SGLang, a request rate, fp8 and mxfp4-style HF quants, tp/pp/nodes and the KV type', async () => {
    const r = await json([
      ...base,
      '--runtime',
      'sglang',
      '--quant',
      'fp8',
      '--kv-type',
      'fp8',
      '--rate',
      '2',
      '--tp',
      '8',
      '--pp',
      '2',
      '--nodes',
      '2',
    ]);
    expect(r.runtime).toBe('sglang');
    expect((r.deployment as { pp: number }).pp).toBe(2);
    expect(r.atLoad.requestsPerSecond).toBeCloseTo(2, 2);
    const g = await json([
      '--model',
      'gpt-oss-120b',
      '--quant',
      'mxfp4',
      '--runtime',
      'vllm',
      '--gpu',
      'h100-sxm',
      '--prompt',
      '512',
      '--output',
      '512',
      '--users',
      '8',
    ]);
    expect(g.kvPoolTokens as number).toBeGreaterThan(0);
  });

  it('llama.cpp with --max-model-len sizes slots of that length', async () => {
    const r = await json([
      '--params',
      '8B',
      '--runtime',
      'llama.cpp',
      '--gpu',
      'rtx-4090',
      '--prompt',
      '1000',
      '--output',
      '200',
      '--users',
      '4',
      '--max-model-len',
      '4096',
    ]);
    expect((r.pool as { maxModelLen: number }).maxModelLen).toBe(4096);
    expect((r.pool as { maxNumSeqs: number }).maxNumSeqs).toBe(4);
  });

  it('prints a table with the recipes without --json', async () => {
    const io = capture();
    expect(await capacityCommand([...base, '--runtime', 'vllm', '--users', '16', '--tp', '8'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/KV pool: \d+ tokens/);
    expect(text).toMatch(/At 16 users \(steady arrivals\)/);
    expect(text).toMatch(/as given \(tensor and pipeline parallel as set\)/);
    expect(text).toMatch(/vllm serve meta-llama\/Llama-3\.1-70B-Instruct --tensor-parallel-size 8/);
  });

  it('says which arrivals it priced: steady by default, burst on request, a rate always steady', async () => {
    const args = [...base, '--runtime', 'vllm', '--tp', '8', '--users', '64'];
    const steady = await json(args);
    const burst = await json([...args, '--arrival', 'burst']);
    expect(steady.arrival).toBe('steady');
    expect((steady.atLoad as unknown as { arrival: string }).arrival).toBe('steady');
    expect(burst.arrival).toBe('burst');
    // Lockstep prefills queue behind the other 63: the burst TTFT is several times the steady one.
    expect(burst.atLoad.ttftMs).toBeGreaterThan(3 * steady.atLoad.ttftMs);
    // Both carry the same prompt work in their steps; the wave's wide passes run it at a higher GEMM share.
    expect(burst.atLoad.tpotMs).toBeLessThanOrEqual(steady.atLoad.tpotMs);
    expect(burst.atLoad.tpotMs).toBeGreaterThan(0.9 * steady.atLoad.tpotMs);
    await expect(capacityCommand([...args, '--arrival', 'poisson'], capture())).rejects.toThrow(/steady or burst/);
    await expect(capacityCommand([...base, '--runtime', 'vllm', '--rate', '1', '--arrival', 'burst'], capture())).rejects.toThrow(/--rate/);
  });

  it('prices a burst run of --num-prompts: its later waves, one pass apart, wait less than its first', async () => {
    const args = [...base, '--runtime', 'vllm', '--tp', '8', '--users', '256', '--arrival', 'burst'];
    const firstWave = await json(args);
    const longRun = await json([...args, '--num-prompts', '2560']);
    expect(longRun.atLoad.ttftMs).toBeLessThan(firstWave.atLoad.ttftMs);
    await expect(capacityCommand([...base, '--runtime', 'vllm', '--users', '8', '--num-prompts', '80'], capture())).rejects.toThrow(
      /--arrival burst/,
    );
    await expect(capacityCommand([...args, '--num-prompts', '0'], capture())).rejects.toThrow(/--num-prompts/);
  });

  it('without --tp/--pp picks the layout needing the fewest GPUs, and the figures follow it', async () => {
    const args = ['--model', 'llama-3.3-70b-instruct', '--quant', 'fp8', '--runtime', 'vllm', '--prompt', '1000', '--output', '300'];
    const targets = ['--users', '300', '--ttft-p95', '2', '--tpot-p95', '50'];
    // A GPU without a count: planned on 8-GPU servers, not as one GPU per replica.
    const r = await json([...args, '--gpu', 'h100-sxm', ...targets]);
    const choice = r.layoutChoice as { tp: number; pp: number; searched: boolean; reason: string };
    const dep = r.deployment as { tp: number; pp: number; replicas: number; gpusPerReplica: number; gpusPerNode: number };
    const layouts = r.layouts as Array<{ tp: number; pp: number; gpusNeeded: number | null; chosen: boolean }>;
    expect(choice.searched).toBe(true);
    expect(dep.gpusPerNode).toBe(8);
    expect([dep.tp, dep.pp]).toEqual([choice.tp, choice.pp]);
    expect(choice.tp).toBeGreaterThan(1);
    expect(r.gpusNeeded).toBe((r.replicas as number) * dep.gpusPerReplica);
    expect(r.meetsTargets).toBe(true);
    expect(layouts.filter((l) => l.chosen)).toHaveLength(1);
    for (const l of layouts) if (l.gpusNeeded != null) expect(l.gpusNeeded).toBeGreaterThanOrEqual(r.gpusNeeded as number);
    expect(choice.reason).toMatch(/fewest GPUs/);
    // --tp pinned: the user's layout is kept, and one GPU per replica needs far more GPUs.
    const pinned = await json([...args, '--gpu', 'h100-sxm', '--tp', '1', ...targets]);
    expect((pinned.layoutChoice as { searched: boolean }).searched).toBe(false);
    expect((pinned.deployment as { tp: number }).tp).toBe(1);
    expect(pinned.gpusNeeded as number).toBeGreaterThan(2 * (r.gpusNeeded as number));
  });

  it('--runtime-version prices the vLLM release named: 0.11.2 sorts the vocabulary to sample, so its pool is smaller', async () => {
    const args = [
      '--model',
      'qwen3-8b',
      '--gpu',
      'l40sx2',
      '--tp',
      '2',
      '--runtime',
      'vllm',
      '--max-num-seqs',
      '1024',
      '--prompt',
      '1024',
      '--output',
      '256',
      '--users',
      '8',
    ];
    const newest = await json(args);
    const old = await json([...args, '--runtime-version', '0.11.2']);
    const kv = (r: typeof newest) => (r.estimate.perDevice[0] as { kvBytes: number }).kvBytes;
    // 1024 rows × 151,936 entries × (38 − 14) B = 3.48 GiB less pool per GPU.
    expect((kv(newest) - kv(old)) / 1024 ** 3).toBeCloseTo((1024 * 151936 * 24) / 1024 ** 3, 2);
    expect(old.kvPoolTokens as number).toBeLessThan(newest.kvPoolTokens as number);
    await expect(capacityCommand([...args, '--runtime-version', 'latest'], capture())).rejects.toThrow(/release number such as 0\.11\.2/);
  });

  it('--runtime-version names an SGLang release too: before 0.5.10 its prefill runs without CUDA graphs', async () => {
    const args = [
      '--model',
      'qwen3-32b',
      '--gpu',
      'h100-sxm',
      '--runtime',
      'sglang',
      '--prompt',
      '1024',
      '--output',
      '256',
      '--users',
      '1',
    ];
    const current = await json(args);
    const older = await json([...args, '--runtime-version', '0.5.9']);
    const ttft = (r: typeof current) => (r.atLoad as { ttftMs: number }).ttftMs;
    const notes = (r: typeof current) => (r.notes as string[]).join(' ');
    // The eager cost (NVIDIA HBM) is the whole difference, and the older plan says so.
    expect(ttft(older) - ttft(current)).toBeCloseTo(SPEED_CALIBRATION.servingFirstTokenSeconds['nvidia-hbm']! * 1000, 0);
    expect(notes(older)).toContain('without CUDA graphs');
    expect(notes(current)).not.toContain('without CUDA graphs');
  });

  it('refuses a missing workload or runtime with one sentence', async () => {
    await expect(capacityCommand([...base, '--users', '4'], capture())).rejects.toThrow(/--runtime/);
    await expect(capacityCommand([...base, '--runtime', 'vllm'], capture())).rejects.toThrow(/--users N or --rate/);
    await expect(capacityCommand([...base, '--runtime', 'vllm', '--users', '4', '--rate', '1'], capture())).rejects.toThrow(CliError);
    await expect(capacityCommand([...base, '--runtime', 'vllm', '--users', '4', '--tp', '16'], capture())).rejects.toThrow(/needs 16 GPUs/);
  });
});
