import { describe, expect, it } from 'vitest';
import { MODEL_CATALOG, getModel, modelFamilies, parseSizeToken, searchModels } from '../../src/core/catalog';

const ids = (list: { spec: { id: string } }[]) => list.map((m) => m.spec.id);

describe('searchModels', () => {
  it('lists everything for an empty query, sorted by name', () => {
    const all = searchModels('');
    expect(all.length).toBe(MODEL_CATALOG.length);
    const names = all.map((m) => m.spec.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare));
  });

  it('is case-insensitive and needs every token', () => {
    const r = ids(searchModels('LLAMA 3.1'));
    expect(r).toContain('llama-3.1-8b-instruct');
    expect(r).toContain('llama-3.1-405b-instruct');
    expect(r).not.toContain('llama-3.3-70b-instruct');
    expect(r).not.toContain('qwen3-8b');
  });

  it('matches sizes as words and as parameter counts', () => {
    const r = ids(searchModels('70b'));
    expect(r).toContain('llama-3.1-70b-instruct');
    expect(r).toContain('deepseek-r1-distill-llama-70b');
    expect(r).not.toContain('llama-3.1-8b-instruct');
    // DeepSeek V3's name carries no size; its count does.
    expect(ids(searchModels('671b'))).toContain('deepseek-v3');
    // "7b" is not a word of "mixtral-8x7b" and 46.7B is not 7B.
    expect(ids(searchModels('7b'))).not.toContain('mixtral-8x7b-instruct-v0.1');
    expect(ids(searchModels('8x7b')).sort()).toEqual(['mixtral-8x7b-instruct-v0.1', 'mixtral-8x7b-v0.1']);
    // nomic-embed-text-v1.5's 136.7M rounds near enough to 135M for a size search.
    expect(ids(searchModels('135m')).sort()).toEqual(['nomic-embed-text-v1.5', 'smollm2-135m-instruct']);
  });

  it('finds by tag, alias, family and prefix', () => {
    expect(ids(searchModels('qwen coder'))).toEqual(expect.arrayContaining(['qwen2.5-coder-7b-instruct', 'qwen3-coder-30b-a3b-instruct']));
    expect(ids(searchModels('r1 distill')).length).toBe(7);
    expect(ids(searchModels('gemm')).length).toBeGreaterThanOrEqual(8);
    expect(searchModels('moe').every((m) => m.tags.includes('moe'))).toBe(true);
    expect(searchModels('zzzz-no-such-model')).toEqual([]);
  });

  it('applies filters and sorts', () => {
    const small = searchModels('', { maxParams: 2e9 }, 'params');
    expect(small.length).toBeGreaterThan(5);
    expect(small.every((m) => m.parameterCount <= 2e9)).toBe(true);
    for (let i = 1; i < small.length; i++) expect(small[i]!.parameterCount).toBeGreaterThanOrEqual(small[i - 1]!.parameterCount);
    const moe = searchModels('', { tags: ['moe'], minParams: 100e9 });
    expect(moe.every((m) => m.tags.includes('moe') && m.parameterCount >= 100e9)).toBe(true);
    expect(ids(moe)).toContain('deepseek-v3');
    const gemma3 = searchModels('', { family: 'gemma 3' });
    expect(gemma3.every((m) => m.family === 'Gemma 3')).toBe(true);
    expect(ids(gemma3)).toEqual(
      expect.arrayContaining(['gemma-3-270m-it', 'gemma-3-1b-it', 'gemma-3-4b-it', 'gemma-3-12b-it', 'gemma-3-27b-it']),
    );
    const newest = searchModels('', {}, 'released');
    for (let i = 1; i < newest.length; i++) expect(newest[i]!.released <= newest[i - 1]!.released).toBe(true);
  });

  it('survives hostile input', () => {
    expect(() => searchModels('('.repeat(10_000))).not.toThrow();
    expect(searchModels('   ')).toHaveLength(MODEL_CATALOG.length);
    expect(searchModels(undefined as unknown as string)).toHaveLength(MODEL_CATALOG.length);
  });
});

describe('getModel / modelFamilies / parseSizeToken', () => {
  it('looks up by id', () => {
    expect(getModel('qwen3-0.6b')?.parameterCount).toBe(596_049_920);
    expect(getModel('QWEN3-0.6B')?.spec.id).toBe('qwen3-0.6b');
    expect(getModel('nope')).toBeUndefined();
  });
  it('lists families once each', () => {
    const f = modelFamilies();
    expect(new Set(f).size).toBe(f.length);
    expect(f).toContain('Qwen3');
  });
  it('parses size tokens', () => {
    expect(parseSizeToken('70B')).toBe(70e9);
    expect(parseSizeToken('1.5b')).toBe(1.5e9);
    expect(parseSizeToken('500m')).toBe(5e8);
    expect(parseSizeToken('b70')).toBeNull();
  });
});
