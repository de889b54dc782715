import { describe, expect, it } from 'vitest';
import { capacity } from '../capacity/index';
import { getModel } from '../catalog';
import { defaultSettings } from '../estimate/index';
import { getGpu } from '../hardware/gpu-catalog';
import { capacityBlocks, capacityMarkdown, quantName } from './capacity-section';
import { serveRecipes } from './recipes-serve';

const model = getModel('llama-3.1-70b-instruct')!;
const gpu = getGpu('h100-sxm')!;
const plan = capacity({
  input: { spec: model.spec },
  base: defaultSettings('vllm'),
  gpu,
  workload: { users: 64, promptTokens: 1024, outputTokens: 256, ttftP95S: 2, tpotP95Ms: 60 },
  deployment: { runtime: 'vllm', gpusPerNode: 8, tp: 8, pp: 1, nodes: 1 },
});
const recipes = serveRecipes(plan, { modelId: model.hfRepo, gpu });

describe('Capacity section of the plan', () => {
  for (const locale of ['en', 'ja'] as const) {
    it(`renders every part in ${locale} with the plan's own numbers`, () => {
      const md = capacityMarkdown(capacityBlocks(plan, recipes, locale, { model: model.spec.name, gpu: gpu.name }));
      expect(md).toContain(plan.pool.kvPoolTokens.toLocaleString('en-US'));
      expect(md).toContain('vllm serve meta-llama/Llama-3.1-70B-Instruct');
      expect(md).toContain('kind: LeaderWorkerSet');
      expect(md.match(/^\|.*\|$/gm)!.length).toBeGreaterThan(8);
      // No key leaks through untranslated, and the Japanese text is Japanese.
      expect(md).not.toMatch(/capacity\.[a-z]+\.[a-zA-Z]+/);
      if (locale === 'ja') expect(md).toMatch(/サービング容量/);
    });
  }

  it("puts the plan's notes with its figures, before what is not modelled (EN and JA)", () => {
    const older = capacity({
      input: { spec: model.spec },
      base: defaultSettings('vllm'),
      gpu,
      workload: { users: 64, promptTokens: 1024, outputTokens: 256 },
      deployment: { runtime: 'vllm', gpusPerNode: 8, tp: 4, pp: 1, nodes: 1, runtimeVersion: '0.13.0' },
    });
    // A 1024-token prompt is wider than vLLM's 512-token prefill graphs: its TTFT carries the eager cost.
    expect(older.notes.map((n) => n.key)).toEqual([
      'capacity.note.vllmRelease',
      'capacity.note.vllmReleaseNvls',
      'capacity.note.eagerPrefill.vllm',
    ]);
    for (const [l, notes, heading] of [
      ['en', ['Priced for vLLM 0.13.0', 'without CUDA graphs'], 'Not modelled'],
      ['ja', ['vLLM 0.13.0 として見積もっています', 'CUDA グラフを使わないプリフィル'], 'モデル化していないもの'],
    ] as const) {
      const md = capacityMarkdown(capacityBlocks(older, [], l, { model: 'Llama 3.1 70B', gpu: gpu.name }));
      for (const note of notes) {
        expect(md.indexOf(note)).toBeGreaterThan(0);
        expect(md.indexOf(note)).toBeLessThan(md.indexOf(heading));
      }
    }
  });

  it('opens by naming the model, its weight format, the runtime, the GPU layout and the workload', () => {
    const fp8 = capacity({
      input: { spec: model.spec },
      base: { ...defaultSettings('vllm'), quant: 'fp8' },
      gpu,
      workload: { users: 64, promptTokens: 1024, outputTokens: 256 },
      deployment: { runtime: 'vllm', gpusPerNode: 8, tp: 4, pp: 1, nodes: 1 },
    });
    const intro = (l: 'en' | 'ja') =>
      capacityMarkdown(capacityBlocks(fp8, [], l, { model: 'Llama 3.1 70B', gpu: gpu.name })).split('\n\n')[1];
    expect(intro('en')).toBe(
      `Llama 3.1 70B in FP8 served by vLLM on 2 replica(s) of 4 × ${gpu.name} (tensor parallel 4, pipeline parallel 1, 1 node(s)). ` +
        'Workload: 64 concurrent users, each request 1,024 prompt tokens and 256 output tokens.',
    );
    expect(intro('ja')).toContain('Llama 3.1 70B（FP8）を vLLM で');
    expect(intro('ja')).toContain('同時 64 ユーザー');
    const rate = capacity({
      input: { spec: model.spec },
      base: { ...defaultSettings('llama.cpp'), quant: 'Q4_K_M' },
      gpu,
      workload: { rate: 2.5, promptTokens: 512, outputTokens: 128 },
      deployment: { runtime: 'llama.cpp', gpusPerNode: 2, tp: 1, pp: 2, nodes: 1 },
    });
    const md = capacityMarkdown(capacityBlocks(rate, [], 'en', { model: 'Llama 3.1 70B', gpu: gpu.name }));
    expect(md).toContain('Llama 3.1 70B in Q4_K_M served by llama.cpp on 1 replica(s) of 2 ×');
    expect(md).toContain('Workload: 2.5 requests per second');
  });

  it('names weight formats as a reader does', () => {
    expect(quantName('Q4_K_M')).toBe('Q4_K_M');
    expect(quantName('awq')).toBe('AWQ 4-bit');
    expect(quantName('fp8')).toBe('FP8');
    expect(quantName('bf16')).toBe('BF16');
    expect(quantName('gptq-int8-g32')).toBe('GPTQ 8-bit');
    expect(quantName('no-such-format')).toBe('no-such-format');
  });

  it('says which layout was planned and why, and the arrival pattern the first-token time assumes', () => {
    const searched = capacity({
      input: { spec: model.spec },
      base: defaultSettings('vllm'),
      gpu,
      workload: { users: 64, arrival: 'burst', promptTokens: 1024, outputTokens: 256, ttftP95S: 2, tpotP95Ms: 60 },
      deployment: { runtime: 'vllm', gpusPerNode: 8, tp: 8, pp: 1, nodes: 1, searchLayouts: true },
      layouts: true,
    });
    const c = searched.layoutChoice;
    const md = capacityMarkdown(capacityBlocks(searched, [], 'en', { model: 'Llama 3.1 70B', gpu: gpu.name }));
    expect(md).toContain(`Layout TP ${c.tp} × PP ${c.pp} chosen: of ${String(c.reason.params['count'])} layouts searched`);
    expect(md).toContain('All users start at once with equal lengths');
    const chosen = searched.layouts.find((x) => x.chosen)!;
    expect(md).toMatch(new RegExp(`\\| TP ${chosen.tp} × PP ${chosen.pp}[^\\n]*\\| ${chosen.gpusNeeded} \\(chosen\\) \\|`));
    expect(capacityMarkdown(capacityBlocks(searched, [], 'ja', { model: 'Llama 3.1 70B', gpu: gpu.name }))).toContain(
      '全ユーザーが同じ長さで一斉に開始します',
    );
    expect(md).not.toContain('SGLang prefills the whole wave');
  });

  it('says that SGLang prefills a burst’s whole wave before decoding it', () => {
    const sglang = capacity({
      input: { spec: model.spec },
      base: defaultSettings('sglang'),
      gpu,
      workload: { users: 64, arrival: 'burst', promptTokens: 1024, outputTokens: 256 },
      deployment: { runtime: 'sglang', gpusPerNode: 8, tp: 8, pp: 1, nodes: 1 },
      layouts: false,
    });
    const doc = (l: 'en' | 'ja') => capacityMarkdown(capacityBlocks(sglang, [], l, { model: 'Llama 3.1 70B', gpu: gpu.name }));
    expect(doc('en')).toContain('SGLang prefills the whole wave before decoding it');
    expect(doc('ja')).toContain('SGLang は波全体をプリフィルしてからデコードする');
  });
});
