import { describe, expect, it } from 'vitest';
import { fixturePlan, loadPlanInput } from '../../../tests/fixtures/plan/fixtures';
import { planningHardwareFromCatalog } from '../advice';
import { getModel } from '../catalog';
import { defaultSettings, specFromParameterCount } from '../estimate';
import { getGpu } from '../hardware/gpu-catalog';
import { planEn } from '../i18n/plan-en';
import { planJa } from '../i18n/plan-ja';
import { buildPlan, PlanInputError } from './build';
import { deviceChart } from './chart';
import { composePlan, planHardware } from './compose';
import { renderMarkdown } from './markdown';
import { PLAN_SCHEMA } from './types';

describe('buildPlan', () => {
  it('carries date, version, hardware sources and the model basis through unchanged', () => {
    const input = loadPlanInput('llama70b-2x4090');
    const plan = buildPlan(input);
    expect(plan.schema).toBe(PLAN_SCHEMA);
    expect(plan.date).toBe(input.date);
    expect(plan.appVersion).toBe('0.1.0');
    expect(plan.hardware.source).toBe('profile');
    expect(plan.hardware.devices.map((d) => d.source)).toEqual(['catalog', 'catalog']);
    expect(plan.model.basis).toBe('catalog');
    expect(plan.settings).toEqual(input.advice.settings);
    expect(plan.devices).toHaveLength(2);
    expect(plan.tensorSplit).toEqual(input.advice.tensorSplit);
  });

  it('puts the 16/8/4-bit table in order and marks the chosen quant', () => {
    const plan = fixturePlan('llama70b-4090-offload');
    expect(plan.comparison.map((r) => r.bits)).toEqual([16, 8, 4]);
    expect(plan.comparison.filter((r) => r.chosen).map((r) => r.quant)).toEqual([plan.quant.id]);
    // Wider formats need more memory.
    expect(plan.comparison[0]!.weightsBytes).toBeGreaterThan(plan.comparison[1]!.weightsBytes);
    expect(plan.comparison[1]!.weightsBytes).toBeGreaterThan(plan.comparison[2]!.weightsBytes);
  });

  it('explains the seed formula beside the detailed total', () => {
    const plan = fixturePlan('llama8b-4090');
    const sf = plan.seedFormula;
    expect(sf.bytes).toBeCloseTo(sf.parameters * (sf.bits / 8) * 1.2, -3);
    expect(sf.detailedBytes).toBe(plan.components.total);
    expect(sf.differenceBytes).toBeCloseTo(plan.components.total - sf.bytes, 0);
    expect(sf.reasons.map((r) => r.key)).toEqual(['plan.seed.reason.bits', 'plan.seed.reason.flat', 'plan.seed.reason.units']);
  });

  it('fills the four steps with this plan’s numbers and monitor commands', () => {
    const plan = fixturePlan('llama70b-4090-offload');
    expect(plan.checklist.map((s) => s.step)).toEqual([1, 2, 3, 4]);
    const [s1, s2, s3, s4] = plan.checklist;
    expect(s1!.items.map((i) => i.key)).toContain('plan.step1.why.offload');
    expect(s1!.items.find((i) => i.key === 'plan.step1.why.offload')!.params).toMatchObject({
      gpuLayers: plan.gpuLayers,
      totalLayers: plan.totalLayers,
    });
    expect(s2!.items[0]!.params['usedBytes']).toBe(plan.devices[0]!.usedBytes);
    expect(s2!.items[0]!.params['capacityBytes']).toBe(plan.devices[0]!.capacityBytes);
    expect(s3!.items[0]!.params['weightsBytes']).toBe(plan.components.weights);
    expect(s4!.commands[0]).toMatch(/^llama-server /);
    expect(s4!.commands).toContain('nvidia-smi --query-gpu=index,name,memory.used,memory.total --format=csv -l 1');
    expect(s4!.commands).toContain('free -m -s 1');
    const expectDevice = s4!.items.find((i) => i.key === 'plan.step4.expectDevice')!;
    expect(expectDevice.params['expectedBytes']).toBe(
      plan.devices[0]!.usedBytes + plan.devices[0]!.overheadBytes + plan.devices[0]!.budget.inUseBytes,
    );
  });

  it('expects vLLM to show its whole utilization share in the memory monitor', () => {
    const plan = fixturePlan('llama8b-h100-vllm');
    const d = plan.devices[0]!;
    expect(d.budget.utilization).toBe(plan.settings.gpuMemoryUtilization);
    expect(d.expectedMonitorBytes).toBeCloseTo(d.totalBytes * plan.settings.gpuMemoryUtilization, -3);
    expect(d.expectedMonitorBytes).toBeGreaterThan(d.usedBytes + d.overheadBytes);
    expect(plan.checklist[3]!.items.map((i) => i.key)).toContain('plan.step4.vllmClaims');
    expect(plan.checklist[3]!.commands.at(-1)).toMatch(/^curl -s http:\/\/127\.0\.0\.1:8000\/v1\/chat\/completions /);
  });

  it('names remedies with the plan catalog and keeps their numbers', () => {
    const input = loadPlanInput('llama70b-4090-offload');
    const plan = buildPlan(input);
    expect(plan.remedies.length).toBe(input.advice.remedies.length);
    for (const [i, r] of plan.remedies.entries()) {
      expect(Object.keys(planEn)).toContain(r.label.key);
      expect(r.savesBytes).toBe(input.advice.remedies[i]!.savesBytes);
    }
  });

  it('refuses incomplete input with one plain sentence', () => {
    const input = loadPlanInput('llama8b-4090');
    expect(() => buildPlan({ ...input, date: 'yesterday' })).toThrow(PlanInputError);
    expect(() => buildPlan({ ...input, advice: {} as never })).toThrow(/complete advice result/);
    expect(() => buildPlan(null as never)).toThrow(PlanInputError);
  });

  it('draws each device bar against its usable line', () => {
    const plan = fixturePlan('llama70b-2x4090');
    for (const [i, c] of deviceChart(plan).entries()) {
      const d = plan.devices[i]!;
      const stacked = c.segments.reduce((s, x) => s + x.bytes, 0);
      expect(stacked).toBeCloseTo(d.budget.inUseBytes + d.overheadBytes + d.usedBytes, -3);
      expect(c.limitBytes).toBe(d.budget.inUseBytes + d.overheadBytes + d.capacityBytes);
      expect(c.overflows).toBe(d.usedBytes > d.capacityBytes);
      const last = c.segments.at(-1)!;
      expect(last.x + last.width).toBeCloseTo(stacked / c.scaleBytes, 9);
      expect(c.limitX).toBeLessThanOrEqual(1);
    }
  });
});

describe('plan catalogs', () => {
  it('have identical keys and placeholders in English and Japanese', () => {
    expect(Object.keys(planJa).sort()).toEqual(Object.keys(planEn).sort());
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [k, v] of Object.entries(planEn)) expect(names(planJa[k as keyof typeof planJa]), k).toEqual(names(v));
  });
});

describe('composePlan on the live engine', () => {
  it("reproduces the article's 70B at 16-bit = 168 GB beside the detailed figure", () => {
    const spec = specFromParameterCount(70e9);
    const g = getGpu('rtx-4090')!;
    const hw = planningHardwareFromCatalog(g, 1);
    const plan = composePlan({
      input: { spec },
      settings: { ...defaultSettings('llama.cpp'), quant: 'F16' },
      hw,
      hardware: planHardware({ hw, label: '1 × RTX 4090', origin: 'manual', ramSource: 'user', ramBandwidthAssumed: true }),
      model: { parameterCount: 70e9 },
      appVersion: '0.1.0',
      date: '2026-01-01T00:00:00Z',
    });
    expect(plan.seedFormula.bytes).toBeCloseTo(168e9, -6);
    expect(plan.model.basis).toBe('parameters');
    expect(renderMarkdown(plan, 'en')).toContain('= 70B × (16/8) × 1.2 = 168.0 GB');
    expect(plan.comparison.map((r) => r.quant)).toEqual(['F16', 'Q8_0', 'Q4_K_M']);
    expect(plan.comparison[0]!.chosen).toBe(true);
  });

  it('agrees with the advisor for a catalog model and a vLLM setup', () => {
    const m = getModel('llama-3.1-8b-instruct')!;
    const g = getGpu('h100-pcie')!;
    const hw = planningHardwareFromCatalog(g, 2);
    const plan = composePlan({
      input: { spec: m.spec },
      settings: { ...defaultSettings('vllm'), context: 16384 },
      hw,
      hardware: planHardware({ hw, label: '2 × H100', origin: 'profile', ramSource: 'user', ramBandwidthAssumed: true }),
      model: { hfRepo: m.hfRepo },
      appVersion: '0.1.0',
      date: '2026-01-01T00:00:00Z',
    });
    expect(plan.runtime).toBe('vllm');
    expect(plan.recipes[0]!.commands[0]).toContain('--tensor-parallel-size 2');
    expect(plan.recipes[0]!.commands[0]).toContain(`vllm serve ${m.hfRepo}`);
    expect(plan.comparison.map((r) => r.quant)).toEqual(['bf16', 'fp8', 'awq']);
    expect(plan.components.total).toBeGreaterThan(plan.components.weights);
  });
});
