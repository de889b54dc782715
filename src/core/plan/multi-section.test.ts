// The plan's section for a set: one row and one recipe per process, ports and contexts as the set planned
// them, and the shrink steps in the reader's language (they were English in the Japanese plan before).

import { describe, expect, it } from 'vitest';
import type { PlanningHardware } from '../advice/types';
import { getModel } from '../catalog';
import { defaultSettings } from '../estimate/index';
import { makeMember, summarizeSet, type SetMember } from '../multi/index';
import { GiB } from '../units';
import type { Block } from './document-blocks';
import { renderBlocks } from './markdown';
import { multiBlocks } from './multi-section';

function gpu(gib: number): PlanningHardware {
  const device = { id: 'gpu0', name: `${gib} GiB GPU`, vendor: 'nvidia' as const, source: 'user' as const, kind: 'dedicated' as const };
  return {
    devices: [{ ...device, totalBytes: gib * GiB, usedBytes: 0, bandwidthGBps: 1000, fp16Tflops: 100 }],
    ramBytes: 64 * GiB,
    ramAvailableBytes: 48 * GiB,
    ramBandwidthGBps: 60,
  };
}

function rag(ctx: number): SetMember[] {
  const main = { ...defaultSettings('llama.cpp'), quant: 'Q4_K_M', context: ctx };
  const m = (id: string, role: SetMember['role']) => makeMember(id, role, { spec: getModel(id)!.spec }, main);
  return [m('qwen3-8b', 'main'), m('qwen3-embedding-0.6b', 'embedding'), m('qwen3-reranker-0.6b', 'reranker')];
}

const lists = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'list' ? b.items : []));

describe('multiBlocks', () => {
  it('lists every model and one llama-server per model whose port and context match the set', () => {
    const r = summarizeSet(rag(32768), gpu(24));
    const md = renderBlocks(multiBlocks(r, 'en'));
    const commands = md.split('\n').filter((l) => l.startsWith('llama-server '));
    expect(commands).toHaveLength(3);
    r.models.forEach((m, i) => {
      expect(md).toContain(`| ${m.id} |`);
      expect(commands[i]).toContain(`-c ${m.ctx * m.parallel} `);
      expect(commands[i]).toContain(`--port ${r.recipes[i]!.port}`);
    });
    expect(new Set(r.recipes.map((c) => c.port)).size).toBe(3);
    expect(md).toContain(`OLLAMA_MAX_LOADED_MODELS=${r.launch.ollama.env.OLLAMA_MAX_LOADED_MODELS}`);
    expect(md).toContain('PARAMETER num_ctx 32768');
  });

  it('says the shrink steps in Japanese in the Japanese plan', () => {
    const r = summarizeSet(rag(131072), gpu(10));
    expect(r.shrink.length).toBeGreaterThan(1);
    const en = lists(multiBlocks(r, 'en')).filter((i) => i.startsWith('✓') || i.startsWith('·'));
    const ja = lists(multiBlocks(r, 'ja')).filter((i) => i.startsWith('✓') || i.startsWith('·'));
    expect(en).toHaveLength(r.shrink.length);
    expect(ja).toHaveLength(r.shrink.length);
    for (const line of ja) expect(line).not.toMatch(/\b(main|drop|context|quant)\b/);
    expect(ja[0]).toContain('メインモデルのコンテキスト');
    const first = r.shrink[0]!;
    expect(first.action).toBe('shrink-main-context');
    // The figures are the step's own, in both languages.
    for (const line of [en[0]!, ja[0]!])
      expect(line.replace(/,/g, '')).toContain(`${first.text.params['from']} → ${first.text.params['to']}`);
  });
});

describe('shrinkSet without a GPU', () => {
  it('has nothing to shrink when every model runs on the CPU and RAM holds them', () => {
    const cpuOnly: PlanningHardware = { ...gpu(24), devices: [] };
    const r = summarizeSet(rag(8192), cpuOnly);
    expect(r.verdict).toBe('cpu');
    expect(r.shrink).toEqual([]);
  });

  it('still shrinks when RAM is short, and stops at the first step that runs on the CPU', () => {
    const small: PlanningHardware = { ...gpu(24), devices: [], ramBytes: 12 * GiB, ramAvailableBytes: 12 * GiB };
    const r = summarizeSet(rag(32768), small);
    expect(r.verdict).toBe('no-fit');
    expect(r.shrink.length).toBeGreaterThan(0);
    expect(r.shrink.at(-1)).toMatchObject({ verdict: 'cpu', fits: true });
  });
});
