import { describe, expect, it } from 'vitest';
import { getModel } from '../../core/catalog';
import { projectorFromHf } from '../../core/multi/projector-hf';
import { GiB } from '../../core/units';
import type { CliIO } from '../types';
import { createEstimateCommand, parseEstimateArgs } from './estimate';
import type { SetResultJson } from './estimate-add';
import { splitSetArgs } from './estimate-add-args';
import { createPlanCommand } from './plan';

function capture(): CliIO & { stdout: string[] } {
  const stdout: string[] = [];
  return { stdout, out: (t) => stdout.push(t), err: () => undefined };
}

const estimate = createEstimateCommand({ detect: async () => null, ramBytes: () => 64 * GiB });

async function run(args: string[]): Promise<Record<string, unknown>> {
  const io = capture();
  expect(await estimate([...args, '--json'], io)).toBe(0);
  return JSON.parse(io.stdout.join('\n')) as Record<string, unknown>;
}

const tower = (id: string) => getModel(id)!.spec.vision!;

describe('a catalog vision model plans its projector', () => {
  it('gemma-3-27b-it: a vision-projector member, bytes.projector, and the set total counts it', async () => {
    const r = (await run(['--model', 'gemma-3-27b-it', '--vram', '24'])) as unknown as SetResultJson;
    const p = projectorFromHf(tower('gemma-3-27b-it'), { runtime: 'llama.cpp' });
    const proj = r.models.find((m) => m.role === 'vision-projector')!;
    expect(proj.id).toBe('mmproj-gemma-3-27b-it-f16.gguf');
    expect(proj.bytes.weights).toBe(857_714_112);
    expect(proj.bytes.total).toBe(p.weightsBytes + p.computeBytes);
    expect(r.bytes.projector).toBe(proj.bytes.total);
    expect(r.bytes.total).toBe(r.models.reduce((a, m) => a + m.bytes.total, 0));
    expect(r.recipes[0]!.command).toContain('--mmproj mmproj-gemma-3-27b-it-f16.gguf');
    expect(r.images).toBeUndefined();
  });

  it('--images N adds N × tokens per image to the main model context and says so', async () => {
    const r = (await run(['--model', 'gemma-3-27b-it', '--vram', '24', '--ctx', '8192', '--images', '2'])) as unknown as SetResultJson;
    expect(r.images).toMatchObject({ images: 2, tokensPerImage: 256, addedTokens: 512, textContext: 8192 });
    expect(r.models.find((m) => m.role === 'main')!.ctx).toBe(8192 + 512);
    // Qwen3-VL under llama.cpp: up to 4,096 tokens per image (clip.cpp's cap).
    const q = (await run([
      '--model',
      'qwen3-vl-8b-instruct',
      '--vram',
      '24',
      '--ctx',
      '4096',
      '--images',
      '2',
    ])) as unknown as SetResultJson;
    expect(q.images?.addedTokens).toBe(8192);
    expect(q.models.find((m) => m.role === 'main')!.ctx).toBe(4096 + 8192);
  });

  it('--mmproj-type q8_0 shrinks the projector; --no-mmproj plans the text model alone', async () => {
    const f16 = (await run(['--model', 'mistral-small-3.1-24b-instruct-2503', '--vram', '24'])) as unknown as SetResultJson;
    const q8 = (await run([
      '--model',
      'mistral-small-3.1-24b-instruct-2503',
      '--vram',
      '24',
      '--mmproj-type',
      'q8_0',
    ])) as unknown as SetResultJson;
    const w = (r: SetResultJson) => r.models.find((m) => m.role === 'vision-projector')!.bytes.weights;
    expect(w(f16)).toBe(878_018_560);
    expect(w(q8)).toBeLessThan(w(f16) * 0.6);
    const alone = await run(['--model', 'mistral-small-3.1-24b-instruct-2503', '--vram', '24', '--no-mmproj']);
    expect(alone.models).toBeUndefined();
    expect((alone.model as { id: string }).id).toBe('mistral-small-3.1-24b-instruct-2503');
  });

  it('refuses --images without a projector or without a known tower', async () => {
    const io = capture();
    await expect(estimate(['--model', 'gemma-3-27b-it', '--images', '2', '--no-mmproj'], io)).rejects.toThrow(/drop --no-mmproj/);
    await expect(estimate(['--model', 'qwen3-8b', '--images', '1'], io)).rejects.toThrow(/vision tower/);
    expect(() => splitSetArgs(['--mmproj-type', 'q4_0'])).toThrow(/f16, q8_0 or bf16/);
  });

  it('plan --format json carries the set with the projector for a vision model', async () => {
    const deps = { detect: async () => null, ramBytes: () => 64 * GiB };
    const plan = createPlanCommand({
      parseEstimateArgs: (a) => parseEstimateArgs(a, deps),
      now: () => new Date('2026-01-01T00:00:00Z'),
      appVersion: 'test',
    });
    const io = capture();
    expect(await plan(['--model', 'gemma-3-4b-it', '--vram', '16', '--images', '1', '--format', 'json'], io)).toBe(0);
    const out = JSON.parse(io.stdout.join('\n')) as { set: SetResultJson };
    expect(out.set.models.map((m) => m.role)).toEqual(['main', 'vision-projector']);
    expect(out.set.images?.addedTokens).toBe(256);
  });
});
