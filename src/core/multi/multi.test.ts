// The set planner on real catalog models: per-device sums, the order, the verdict and what to shrink.

import { describe, expect, it } from 'vitest';
import { evaluate } from '../advice/evaluate';
import type { PlanningHardware } from '../advice/types';
import { getModel } from '../catalog';
import { defaultSettings, estimate } from '../estimate/index';
import type { EstimateSettings } from '../estimate/types';
import { GiB } from '../units';
import { pooledEstimate } from './pooled';
import { draftSpeed, estimateSet, makeMember, setRecipes, shrinkSet, speculativeSpeedup, type SetMember } from './index';

function gpu(gib: number, count = 1): PlanningHardware {
  return {
    devices: Array.from({ length: count }, (_, i) => ({
      id: `gpu${i}`,
      name: `${gib} GiB GPU`,
      vendor: 'nvidia' as const,
      source: 'user' as const,
      kind: 'dedicated' as const,
      totalBytes: gib * GiB,
      usedBytes: 0,
      bandwidthGBps: 1000,
      fp16Tflops: 100,
    })),
    ramBytes: 64 * GiB,
    ramAvailableBytes: 48 * GiB,
    ramBandwidthGBps: 60,
  };
}

function input(id: string) {
  const m = getModel(id);
  if (!m) throw new Error(`no ${id}`);
  return { spec: m.spec };
}

function mainSettings(over: Partial<EstimateSettings> = {}): EstimateSettings {
  return { ...defaultSettings('llama.cpp'), quant: 'Q4_K_M', context: 32768, ...over };
}

function chatRetrieval(ctx = 32768): SetMember[] {
  const main = mainSettings({ context: ctx });
  return [
    makeMember('qwen3-8b', 'main', input('qwen3-8b'), main),
    makeMember('qwen3-embedding-0.6b', 'embedding', input('qwen3-embedding-0.6b'), main),
    makeMember('qwen3-reranker-0.6b', 'reranker', input('qwen3-reranker-0.6b'), main),
  ];
}

describe('estimateSet', () => {
  it('a chat model, an embedding model and a reranker on one 24 GiB GPU: per-device sums and verdict', () => {
    const set = estimateSet(chatRetrieval(), gpu(24));
    expect(set.members.map((m) => m.role)).toEqual(['main', 'embedding', 'reranker']);
    expect(set.verdict).toBe('fits');
    const dev = set.devices[0]!;
    // The device total is the sum of the members' parts, each with its own process's runtime reserve.
    expect(dev.usedBytes).toBe(dev.perModel.reduce((a, p) => a + p.bytes, 0));
    expect(dev.usedBytes).toBeLessThanOrEqual(dev.capacityBytes);
    for (const m of set.members) expect(m.reserveBytes[0]).toBe(m.estimate.overheadPerGpu.bytes);
    // The embedding model is sized by its own sequence (8192 tokens, one ubatch), not the chat context.
    const emb = set.members[1]!.estimate;
    expect(emb.settings.context).toBe(8192);
    expect(emb.settings.ubatch).toBe(8192);
    expect(emb.settings.quant).toBe('Q8_0');
    expect(emb.kvCache.contextAllocated).toBeLessThan(set.members[0]!.estimate.kvCache.contextAllocated);
  });

  it('the main model alone is placed exactly as a single-model evaluation', () => {
    const [main] = chatRetrieval();
    const set = estimateSet([main!], gpu(24));
    const single = evaluate(estimate(main!.input, main!.settings), gpu(24));
    expect(set.verdict).toBe(single.verdict);
    expect(set.devices[0]!.usedBytes).toBe(single.placement.devices[0]!.usedBytes + single.placement.devices[0]!.overheadBytes);
  });

  it('later members see what the earlier ones took, so the order changes who offloads', () => {
    // 10 GiB: the 8B chat model at 32k fits alone; with the others after it, someone runs short.
    const alone = estimateSet(chatRetrieval().slice(0, 1), gpu(10));
    const set = estimateSet(chatRetrieval(), gpu(10));
    expect(set.order.ids[0]).toBe('qwen3-8b');
    expect(set.members[0]!.verdict).toBe(alone.verdict);
    // The member that no longer fits says so itself: offloaded layers, or the whole model on the CPU.
    expect(['offload', 'cpu', 'no-fit']).toContain(set.verdict);
    expect(set.members.some((m) => m.verdict !== 'fits' && m.verdict !== 'tight')).toBe(true);
    expect(set.devices[0]!.usedBytes).toBeLessThanOrEqual(set.devices[0]!.capacityBytes);
  });

  it('a draft model shares the main process: no second runtime reserve, same context', () => {
    const main = mainSettings();
    const members = [makeMember('qwen3-8b', 'main', input('qwen3-8b'), main), makeMember('qwen3-0.6b', 'draft', input('qwen3-0.6b'), main)];
    const set = estimateSet(members, gpu(24));
    const draft = set.members.find((m) => m.role === 'draft')!;
    expect(draft.reserveBytes.every((b) => b === 0)).toBe(true);
    expect(draft.estimate.settings.context).toBe(32768);
    expect(draft.estimate.kvCache.bytes).toBeGreaterThan(0);
  });

  it('refuses two members with the same id', () => {
    const [main] = chatRetrieval();
    expect(() => estimateSet([main!, { ...main!, role: 'embedding' }], gpu(24))).toThrow(/distinct id/);
  });
});

describe('pooled embedding / reranker servers', () => {
  it('a decoder keeps the n_vocab × n_ubatch logits, with the KQ mask live beside them (measured on llama.cpp)', () => {
    const m = makeMember('qwen3-embedding-0.6b', 'embedding', input('qwen3-embedding-0.6b'), mainSettings());
    const chat = estimate(m.input, m.settings);
    const pooled = pooledEstimate('embedding', chat);
    const T = 8192;
    const nKv = chat.kvCache.contextAllocated;
    const mask = (m.settings.flashAttention ? 2 : 4) * T * nKv;
    // llama.cpp reserves the worst-case graph with every token an output: 8192 × 151,669 × 4 B of logits.
    expect(pooled.compute.device).toBe(Math.max(chat.compute.device, 4 * T * (151669 + 2 * 1024) + mask));
    expect(pooled.compute.device).toBeGreaterThan(4 * T * 151669);
    expect(pooled.outputBuffer.bytes).toBe((151669 + 1024) * 4 * m.settings.parallel);
    expect(pooled.totalBytes - pooled.compute.bytes - pooled.outputBuffer.bytes).toBe(
      chat.totalBytes - chat.compute.bytes - chat.outputBuffer.bytes,
    );
    expect(pooledEstimate('main', chat)).toBe(chat);
  });

  it('an encoder-only model is priced by the engine (no KV, T × T attention) and passes through unchanged', () => {
    const m = makeMember('bge-m3', 'embedding', input('bge-m3'), mainSettings());
    const est = estimate(m.input, m.settings);
    expect(pooledEstimate('embedding', est)).toBe(est);
    expect(est.kvCache.bytes).toBe(0);
    const T = 8192;
    // Flash attention on: the f16 T × T mask plus the FFN phase (n_ff + 3·n_embd floats per token), and mean pooling's T × n_seq.
    const graph = m.settings.flashAttention ? 2 * T * T + 4 * T * (4096 + 3 * 1024 + 3) : 4 * T * T * 17 + 4 * T * (6 * 1024 + 3);
    expect(est.compute.device).toBe(graph + 4 * T * m.settings.parallel);
    expect(est.outputBuffer.bytes).toBe(4 * (250002 + 1024) * m.settings.parallel);
  });
});

describe('shrinkSet', () => {
  it('is empty when the set fits', () => {
    expect(shrinkSet(chatRetrieval(), gpu(24))).toEqual([]);
  });

  it('shrinks the main context first, re-checks each step and stops at the first that fits', () => {
    const steps = shrinkSet(chatRetrieval(131072), gpu(10));
    expect(steps.length).toBeGreaterThan(0);
    expect(steps[0]!.action).toBe('shrink-main-context');
    expect(steps.at(-1)!.fits).toBe(true);
    expect(steps.slice(0, -1).every((s) => !s.fits)).toBe(true);
    // Each later step needs no more memory than the one before.
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.totalBytes).toBeLessThanOrEqual(steps[i - 1]!.totalBytes);
  });
});

describe('draft speed range', () => {
  it('follows Leviathan et al. Theorem 3.8 and grows with the acceptance rate', () => {
    // α = 0.8, γ = 4, c = 0: (1 − 0.8^5) / 0.2 = 3.3616 tokens per step.
    expect(speculativeSpeedup(0.8, 4, 0).tokensPerStep).toBeCloseTo(3.3616, 4);
    expect(speculativeSpeedup(0.8, 4, 0.1).speedup).toBeCloseTo(3.3616 / 1.4, 4);
    const r = draftSpeed(10e9, 1e9);
    expect(r.costRatio).toBeCloseTo(0.1, 6);
    const s = r.points.map((p) => p.speedup);
    expect([...s].sort((a, b) => a - b)).toEqual(s);
    expect(s[0]).toBeLessThan(s.at(-1)!);
  });
});

describe('setRecipes', () => {
  const flag = (cmd: string, f: string): string | undefined => {
    const parts = cmd.split(' ');
    const i = parts.indexOf(f);
    return i < 0 ? undefined : parts[i + 1];
  };

  it('one llama-server per process, distinct ports, and -c / -ub matching what was planned', () => {
    const main = mainSettings();
    const members = [...chatRetrieval(), makeMember('qwen3-0.6b', 'draft', input('qwen3-0.6b'), main)];
    const set = estimateSet(members, gpu(24));
    const recipes = setRecipes(set);
    expect(recipes.map((r) => r.ids)).toEqual([['qwen3-8b', 'qwen3-0.6b'], ['qwen3-embedding-0.6b'], ['qwen3-reranker-0.6b']]);
    expect(new Set(recipes.map((r) => r.port)).size).toBe(3);
    for (const r of recipes) {
      const m = set.members.find((x) => x.id === r.ids[0])!;
      const s = m.estimate.settings;
      expect(Number(flag(r.command, '-c'))).toBe(s.context * s.parallel);
      expect(Number(flag(r.command, '-ub'))).toBe(s.ubatch);
      expect(Number(flag(r.command, '--port'))).toBe(r.port);
    }
    expect(recipes[0]!.command).toContain('-md qwen3-0.6b-Q4_K_M.gguf');
    expect(recipes[1]!.command).toContain('--embedding --pooling last');
    expect(recipes[2]!.command).toContain('--reranking');
  });
});
