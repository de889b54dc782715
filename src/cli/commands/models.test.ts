import { describe, expect, it } from 'vitest';
import { MODEL_CATALOG } from '../../core/catalog';
import { CliError, type CliIO } from '../types';
import { models } from './models';

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

describe('vram-planner models', () => {
  it('prints the whole library as JSON', async () => {
    const io = capture();
    expect(await models(['--json'], io)).toBe(0);
    const rows = JSON.parse(io.stdout.join('\n')) as Record<string, unknown>[];
    expect(rows).toHaveLength(MODEL_CATALOG.length);
    const qwen = rows.find((r) => r.id === 'qwen3-0.6b')!;
    expect(qwen).toMatchObject({
      name: 'Qwen3 0.6B',
      parameterCount: 596_049_920,
      activeParameterCount: 596_049_920,
      family: 'Qwen3',
      maxContext: 40960,
      license: 'apache-2.0',
    });
    expect(Array.isArray(qwen.tags)).toBe(true);
  });

  it('filters with --search', async () => {
    const io = capture();
    await models(['--search', 'mixtral', '--json'], io);
    const rows = JSON.parse(io.stdout.join('\n')) as { id: string; activeParameterCount: number; parameterCount: number }[];
    expect(rows.map((r) => r.id).sort()).toEqual([
      'mixtral-8x22b-instruct-v0.1',
      'mixtral-8x22b-v0.1',
      'mixtral-8x7b-instruct-v0.1',
      'mixtral-8x7b-v0.1',
    ]);
    expect(rows.every((r) => r.activeParameterCount < r.parameterCount)).toBe(true);
  });

  it('prints a readable table', async () => {
    const io = capture();
    expect(await models(['--search=gpt-oss'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/^ID\s+NAME\s+PARAMS/);
    expect(text).toContain('gpt-oss-120b');
    expect(text).toContain('117B');
    expect(text).toContain('2 models.');
  });

  it("filters with --role and reports each model's role", async () => {
    const io = capture();
    await models(['--role', 'reranker', '--json'], io);
    const rows = JSON.parse(io.stdout.join('\n')) as { id: string; role: string }[];
    expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining(['bge-reranker-v2-m3', 'qwen3-reranker-0.6b']));
    expect(rows.every((r) => r.role === 'reranker')).toBe(true);
    const emb = capture();
    await models(['--role', 'embedding'], emb);
    expect(emb.stdout.join('\n')).toMatch(/bge-m3\s.*embedding/);
    expect(emb.stdout.join('\n')).not.toContain('qwen3-8b ');
    await expect(models(['--role', 'vision'], capture())).rejects.toBeInstanceOf(CliError);
  });

  it('says so when nothing matches', async () => {
    const io = capture();
    expect(await models(['--search', 'no-such-model-xyz'], io)).toBe(1);
    expect(io.stderr.join('')).toMatch(/No model/);
  });

  it('rejects unknown flags and positionals with a CliError', async () => {
    await expect(models(['--bogus'], capture())).rejects.toBeInstanceOf(CliError);
    await expect(models(['llama'], capture())).rejects.toBeInstanceOf(CliError);
    await expect(models(['--search'], capture())).rejects.toBeInstanceOf(CliError);
  });
});
