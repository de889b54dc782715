// The advisor on the real memory engine and the real GPU catalog: the article's examples with real
// capacities, and the guarantees the UI relies on (remedies really fit, max context is exact).

import { describe, expect, it } from 'vitest';
import { defaultSettings, estimate, specFromParameterCount } from '../estimate/index';
import type { EstimateSettings, ModelInput } from '../estimate/types';
import { getGpu } from '../hardware/gpu-catalog';
import type { Hardware } from '../hardware/types';
import { quantForBits } from '../quant';
import { GB, GiB } from '../units';
import { advise, maxContextByQuant, maxContextThatFits, planningHardwareFromCatalog, planningHardwareFromHardware } from './index';
import type { PlanningHardware } from './types';

const llama70 = { spec: specFromParameterCount(70e9) };
const ctx8k = (rt: EstimateSettings['runtime'], bits: 16 | 8 | 4): EstimateSettings => ({
  ...defaultSettings(rt),
  quant: quantForBits(bits, rt).id,
  context: 8192,
});
function catalogHw(id: string, count: number, ramGiB = 256): PlanningHardware {
  const e = getGpu(id);
  if (!e) throw new Error(`catalog has no ${id}`);
  return planningHardwareFromCatalog(e, count, ramGiB * GiB);
}

function expectRemediesHold(input: ModelInput, s: EstimateSettings, hw: PlanningHardware): void {
  const a = advise(input, s, hw);
  for (const r of a.remedies) {
    const hw2 = r.addDevices ? { ...hw, devices: [...hw.devices, ...r.addDevices] } : hw;
    const again = advise(input, { ...s, ...r.settings }, hw2, { ...r.options, maxContextSearch: false, remedies: false });
    expect(again.verdict, `${r.kind} ${JSON.stringify(r.settings)}`).toBe(r.resultingVerdict);
  }
}

describe("the article's examples at 8192 tokens of context", () => {
  it('Llama-70B at 16 bit (168 GB by the formula) fits 2 × A100 80GB with llama.cpp', () => {
    const hw = catalogHw('a100-pcie-80gb', 2);
    const a = advise(llama70, ctx8k('llama.cpp', 16), hw);
    expect(a.estimate.seedFormula.bytes / GB).toBeCloseTo(168, 0);
    // The detailed figure is below the formula's +20 %: 2 B/param plus an 8k KV cache and buffers.
    expect(a.estimate.totalBytes).toBeLessThan(a.estimate.seedFormula.bytes);
    expect(a.estimate.totalBytes / GiB).toBeGreaterThan(130);
    expect(a.verdict).toBe('fits');
    expect(a.gpuLayers).toBe(a.totalLayers);
    expect(a.devices).toHaveLength(2);
    for (const d of a.devices) {
      expect(d.capacityBytes).toBe(81920 * 1024 * 1024 - a.estimate.overheadPerGpu.bytes);
      expect(d.usedBytes).toBeLessThanOrEqual(d.capacityBytes);
      expect(d.layers).toBeGreaterThan(30);
    }
    expect(a.marginBytes).toBe(Math.min(...a.devices.map((d) => d.capacityBytes - d.usedBytes)));
    expect(a.marginBytes / GiB).toBeGreaterThan(5);
    // Room to spare: a longer context fits too, up to the exact search's answer.
    expect(a.maxContext!).toBeGreaterThan(8192);
    expect(a.speed.decodeTokensPerSecond!).toBeGreaterThan(5);
    expect(a.speed.decodeTokensPerSecond!).toBeLessThan(20);
  });

  it('the same 16-bit model under vLLM leaves a KV pool for a few 8k sequences', () => {
    const a = advise(llama70, ctx8k('vllm', 16), catalogHw('a100-pcie-80gb', 2));
    expect(['fits', 'tight']).toContain(a.verdict);
    expect(a.vllm!.kvTokens).toBeGreaterThanOrEqual(8192);
    expect(a.vllm!.maxConcurrency).toBeGreaterThanOrEqual(1);
    expect(a.vllm!.replicatedKv).toBe(false);
  });

  it('Llama-70B at 4 bit (42 GB by the formula) on 2 × L4 24GB: Q4_K_M is tight at 8k and offloads at 32k; Q4_0 fits', () => {
    const hw = catalogHw('l4', 2);
    const k = advise(llama70, ctx8k('llama.cpp', 4), hw);
    expect(k.estimate.seedFormula.bytes / GB).toBeCloseTo(42, 0);
    // Q4_K_M is ~4.85 bits per weight, not 4, and the KV cache comes on top: above the article's figure.
    expect(k.estimate.totalBytes).toBeGreaterThan(k.estimate.seedFormula.bytes);
    expect(k.verdict).toBe('tight');
    expect(k.gpuLayers).toBe(k.totalLayers);
    const fullest = Math.min(...k.devices.map((d) => d.capacityBytes));
    expect(k.marginBytes).toBeGreaterThan(0);
    expect(k.marginBytes).toBeLessThan(0.05 * fullest);
    expect(k.remedies.some((r) => r.resultingVerdict === 'fits')).toBe(true);

    const long = advise(llama70, { ...ctx8k('llama.cpp', 4), context: 32768 }, hw);
    expect(long.verdict).toBe('offload');
    expect(long.gpuLayers).toBeGreaterThan(long.totalLayers * 0.8);
    expect(long.gpuLayers).toBeLessThan(long.totalLayers);
    expect(long.ramShort).toBe(false);
    expect(long.marginBytes).toBeLessThan(0);

    const q40 = advise(llama70, { ...ctx8k('llama.cpp', 4), quant: 'Q4_0' }, hw);
    expect(q40.verdict).toBe('fits');
    expect(q40.marginBytes).toBeGreaterThan(k.marginBytes);
    expect(q40.tensorSplit).toHaveLength(2);
  });

  it('the remedies of those examples really reach the verdict they promise', () => {
    expectRemediesHold(llama70, ctx8k('llama.cpp', 4), catalogHw('l4', 2));
    expectRemediesHold(llama70, { ...ctx8k('llama.cpp', 4), context: 32768 }, catalogHw('l4', 2));
    expectRemediesHold(llama70, { ...ctx8k('llama.cpp', 8), context: 32768, flashAttention: false }, catalogHw('l4', 2));
    expectRemediesHold(llama70, ctx8k('vllm', 4), catalogHw('l4', 2));
    expectRemediesHold(llama70, { ...ctx8k('llama.cpp', 16), context: 131072 }, catalogHw('a100-pcie-80gb', 2));
  });
});

describe('placement on real hardware descriptions', () => {
  it('mixes GPUs of different sizes and splits ∝ their budgets', () => {
    const big = getGpu('rtx-4090')!;
    const small = getGpu('l4')!;
    const hw: PlanningHardware = {
      ...planningHardwareFromCatalog(big, 1, 128 * GiB),
      devices: [planningHardwareFromCatalog(big, 1).devices[0]!, { ...planningHardwareFromCatalog(small, 1).devices[0]!, id: 'l4#1' }],
    };
    const a = advise({ spec: specFromParameterCount(32e9) }, { ...defaultSettings('llama.cpp'), quant: 'Q6_K', context: 8192 }, hw);
    expect(a.verdict === 'fits' || a.verdict === 'tight').toBe(true);
    expect(a.devices[0]!.layers).toBeGreaterThan(0);
    expect(a.devices[1]!.layers).toBeGreaterThan(0);
    expect(a.devices.reduce((s, d) => s + d.layers, 0)).toBe(a.estimate.weights.perLayer.length);
  });

  it('fits nowhere: a 405B model at 16 bit on one 24 GB card and 64 GB of RAM', () => {
    const a = advise({ spec: specFromParameterCount(405e9) }, ctx8k('llama.cpp', 16), catalogHw('rtx-4090', 1, 64));
    expect(a.verdict).toBe('no-fit');
    expect(a.ramShort).toBe(true);
    expect(a.maxContext).toBeNull();
  });

  it('only fits with offload: 70B Q4_K_M on one 24 GB card with 128 GB of RAM', () => {
    const a = advise(llama70, ctx8k('llama.cpp', 4), catalogHw('rtx-4090', 1, 128));
    expect(a.verdict).toBe('offload');
    // Whatever of the weights the card cannot hold must sit in RAM.
    expect(a.cpuBytes).toBeGreaterThan(a.estimate.weights.bytes - a.devices[0]!.capacityBytes);
    expect(a.speed.decodeTokensPerSecond!).toBeLessThan(10);
    expect(a.speed.basis.cpuMs).toBeGreaterThan(a.speed.basis.gpuMs);
  });

  it('Apple Silicon: the working-set limit is the budget and can be raised', () => {
    const hw = catalogHw('apple-m2-max-64gb', 1, 64);
    expect(hw.devices[0]!.kind).toBe('unified');
    const s = { ...defaultSettings('llama.cpp'), quant: 'Q4_K_M', context: 8192 };
    const def = advise(llama70, s, hw);
    expect(def.devices[0]!.budget.kind).toBe('working-set');
    expect(def.devices[0]!.budget.unifiedShare).toBe(0.75);
    const raised = advise(llama70, s, hw, { unifiedShare: 0.9 });
    expect(raised.devices[0]!.capacityBytes).toBeGreaterThan(def.devices[0]!.capacityBytes);
    expect(raised.gpuLayers).toBeGreaterThanOrEqual(def.gpuLayers);
  });

  it('vLLM replicates KV heads when there are more GPUs than KV heads', () => {
    const spec = { ...specFromParameterCount(70e9), kvHeads: 4 };
    const a = advise({ spec }, ctx8k('vllm', 16), catalogHw('a100-pcie-80gb', 8));
    expect(a.vllm!.replicatedKv).toBe(true);
    expect(a.vllm!.kvHeadsPerGpu).toBe(1);
    const four = advise({ spec }, ctx8k('vllm', 16), catalogHw('a100-pcie-80gb', 4));
    // Each GPU holds one head either way, so 8 GPUs give each sequence no more KV room per GPU.
    expect(a.devices[0]!.kvBytes).toBeCloseTo(four.devices[0]!.kvBytes, -3);
  });

  it('builds the planning view from a detection result', () => {
    const hw: Hardware = {
      gpus: [
        {
          id: '0',
          vendor: 'nvidia',
          name: 'NVIDIA GeForce RTX 4090',
          kind: 'dedicated',
          vramTotalBytes: 24564 * 1024 * 1024,
          vramFreeBytes: 22 * GiB,
          vramUsedBytes: null,
          driver: null,
          busId: null,
          pciId: '10de:2684',
          computeCapability: null,
          source: 'nvidia-smi',
          confidence: 'high',
          catalogId: 'rtx-4090',
          warnings: [],
        },
      ],
      ram: { totalBytes: 64 * GiB, availableBytes: 40 * GiB },
      cpu: { brand: 'x', cores: 8, threads: 16, memoryBandwidthGBps: null },
      os: { platform: 'linux', distro: 'debian', release: '12', arch: 'x64' },
      detectedAt: '2026-01-01T00:00:00Z',
      notes: [],
    };
    const p = planningHardwareFromHardware(hw, { getGpu });
    expect(p.devices[0]!.usedBytes).toBe(24564 * 1024 * 1024 - 22 * GiB);
    expect(p.devices[0]!.bandwidthGBps).toBe(1008);
    const a = advise({ spec: specFromParameterCount(8e9) }, { ...defaultSettings('llama.cpp'), context: 8192 }, p);
    expect(a.devices[0]!.budget.inUseBytes).toBe(p.devices[0]!.usedBytes);
    const ignoring = advise({ spec: specFromParameterCount(8e9) }, { ...defaultSettings('llama.cpp'), context: 8192 }, p, {
      useFreeMemory: false,
    });
    expect(ignoring.devices[0]!.capacityBytes).toBeGreaterThan(a.devices[0]!.capacityBytes);
  });

  it('keeps the working-set limit a Mac reported instead of cutting the pool twice', () => {
    // Detection reports a unified GPU's size as its working-set limit (here a raised wired limit).
    const mac: Hardware = {
      gpus: [
        {
          id: 'm2',
          vendor: 'apple',
          name: 'Apple M2 Max',
          kind: 'unified',
          vramTotalBytes: 56 * GiB,
          vramFreeBytes: null,
          vramUsedBytes: null,
          driver: null,
          busId: null,
          pciId: null,
          computeCapability: null,
          source: 'system_profiler',
          confidence: 'high',
          catalogId: null,
          warnings: [],
        },
      ],
      ram: { totalBytes: 64 * GiB, availableBytes: null },
      cpu: { brand: 'Apple M2 Max', cores: 12, threads: 12, memoryBandwidthGBps: null },
      os: { platform: 'darwin', distro: 'macOS', release: '15', arch: 'arm64' },
      detectedAt: '2026-01-01T00:00:00Z',
      notes: [],
    };
    const p = planningHardwareFromHardware(mac, { getGpu });
    expect(p.devices[0]!.totalBytes).toBe(64 * GiB);
    expect(p.devices[0]!.workingSetBytes).toBe(56 * GiB);
    const a = advise({ spec: specFromParameterCount(8e9) }, { ...defaultSettings('llama.cpp'), context: 4096 }, p, {
      remedies: false,
      maxContextSearch: false,
    });
    expect(a.devices[0]!.capacityBytes + a.devices[0]!.overheadBytes).toBe(56 * GiB);
  });
});

describe('max context on the real engine', () => {
  it('is exact: the answer fits and one token more does not', () => {
    const hw = catalogHw('rtx-4090', 1);
    const s = { ...defaultSettings('llama.cpp'), quant: 'Q8_0' };
    const input = { spec: specFromParameterCount(14e9) };
    const max = maxContextThatFits(input, s, hw)!;
    expect(max).toBeGreaterThan(1024);
    const at = advise(input, { ...s, context: max }, hw, { maxContextSearch: false, remedies: false });
    const above = advise(input, { ...s, context: max + 1 }, hw, { maxContextSearch: false, remedies: false });
    expect(['fits', 'tight']).toContain(at.verdict);
    expect(['offload', 'no-fit']).toContain(above.verdict);
  });

  it('never shrinks as memory grows, for each quant', () => {
    const input = { spec: specFromParameterCount(8e9) };
    const s = defaultSettings('llama.cpp');
    let prev: Record<string, number> = {};
    for (const gib of [6, 8, 12, 16, 24, 48]) {
      const hw: PlanningHardware = {
        devices: [
          {
            id: 'g',
            name: 'G',
            vendor: 'other',
            source: 'user',
            kind: 'dedicated',
            totalBytes: gib * GiB,
            usedBytes: null,
            bandwidthGBps: 500,
            fp16Tflops: 50,
          },
        ],
        ramBytes: 64 * GiB,
        ramAvailableBytes: null,
        ramBandwidthGBps: null,
      };
      const rows = maxContextByQuant(input, s, hw, ['F16', 'Q8_0', 'Q4_K_M']);
      for (const r of rows) {
        const v = r.maxContext ?? 0;
        expect(v).toBeGreaterThanOrEqual(prev[r.quant] ?? 0);
        prev = { ...prev, [r.quant]: v };
      }
      // A smaller quant always leaves at least as much room for context.
      expect(rows[2]!.maxContext ?? 0).toBeGreaterThanOrEqual(rows[0]!.maxContext ?? 0);
    }
  });
});

describe('engine figures flow through unchanged', () => {
  it('devices carry the estimate’s per-layer weights and KV', () => {
    const s = { ...defaultSettings('llama.cpp'), context: 8192 };
    const input = { spec: specFromParameterCount(8e9) };
    const e = estimate(input, s);
    const a = advise(input, s, catalogHw('rtx-4090', 1));
    const d = a.devices[0]!;
    const layerW = e.weights.perLayer.reduce((x, y) => x + y, 0);
    expect(d.weightsBytes).toBeCloseTo(layerW + e.weights.output + e.weights.other, 0);
    expect(d.kvBytes).toBeCloseTo(e.kvCache.bytes, 0);
    expect(d.computeBytes).toBe(e.compute.device);
  });
});
