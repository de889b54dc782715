import { describe, expect, it } from 'vitest';
import { capacity } from '../capacity/index';
import { getModel } from '../catalog';
import { defaultSettings } from '../estimate/index';
import { getGpu } from '../hardware/gpu-catalog';
import { capacityBlocks, capacityMarkdown } from './capacity-section';
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
});
