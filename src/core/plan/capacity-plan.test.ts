import { describe, expect, it } from 'vitest';
import { capacity } from '../capacity/index';
import { getModel } from '../catalog';
import { defaultSettings } from '../estimate';
import { getGpu } from '../hardware/gpu-catalog';
import { planCapacity } from './capacity-plan';
import { fixturePlan } from '../../../tests/fixtures/plan/fixtures';
import { planDocument } from './document';
import { renderMarkdown } from './index';
import { serveRecipes } from './recipes-serve';

function served() {
  const gpu = getGpu('h100-sxm')!;
  const p = capacity({
    input: { spec: getModel('llama-3.1-70b-instruct')!.spec },
    base: defaultSettings('vllm'),
    gpu,
    workload: { users: 64, promptTokens: 1024, outputTokens: 256, ttftP95S: 2, tpotP95Ms: 60 },
    deployment: { runtime: 'vllm', gpusPerNode: 8, tp: 8, pp: 1, nodes: 1 },
  });
  return planCapacity(p, serveRecipes(p, { modelId: 'meta-llama/Llama-3.1-70B-Instruct', gpu }), { model: 'Llama 3.1 70B', gpu: gpu.name });
}

describe('Capacity section in the plan document', () => {
  it('is stored as plain data: it survives a JSON round trip (the IPC to the exporter) with the same Markdown', () => {
    const c = served();
    expect('model' in c.result).toBe(false);
    const plan = { ...fixturePlan('llama70b-2x4090'), capacity: c };
    const md = renderMarkdown(plan, 'en');
    expect(renderMarkdown(JSON.parse(JSON.stringify(plan)), 'en')).toBe(md);
    expect(md).toContain('## Serving capacity');
    expect(md).toContain('--tensor-parallel-size 8');
    expect(md).toContain(`${c.result.pool.maxConcurrency.toLocaleString('en-US')} requests of this length at once`);
  });

  it('appears only when the plan carries a serving workload, in both languages', () => {
    const plain = fixturePlan('llama70b-2x4090');
    const ids = (p: typeof plain) => planDocument(p, 'ja').blocks.flatMap((b) => (b.type === 'heading' && b.id ? [b.id] : []));
    expect(ids(plain)).not.toContain('capacity');
    const withCapacity = { ...plain, capacity: served() };
    expect(ids(withCapacity)).toContain('capacity');
    const ja = renderMarkdown(withCapacity, 'ja');
    expect(ja).not.toContain('## Serving capacity');
    expect(ja).toContain('--tensor-parallel-size 8');
  });
});
