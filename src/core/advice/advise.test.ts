import { describe, expect, it } from 'vitest';
import { GiB, MiB } from '../units';
import { adviseWith, maxContextWith, nextLowerQuant } from './advise';
import { defaultUnifiedShare, deviceBudget } from './budget';
import { catalogs, hasMessage } from '../i18n';
import { fakeEstimate, settings, spec } from './__fixtures__/fake-estimate';
import { predictSpeed, SPEED_CALIBRATION } from './speed';
import type { PlanningDevice, PlanningHardware } from './types';

function gpu(name: string, gib: number, over: Partial<PlanningDevice> = {}): PlanningDevice {
  return {
    id: name,
    name,
    vendor: 'nvidia',
    source: 'catalog',
    kind: 'dedicated',
    totalBytes: gib * GiB,
    usedBytes: null,
    bandwidthGBps: 1000,
    fp16Tflops: 150,
    ...over,
  };
}
function machine(devices: PlanningDevice[], ramGiB = 64): PlanningHardware {
  return { devices, ramBytes: ramGiB * GiB, ramAvailableBytes: null, ramBandwidthGBps: 60, cpuTflops: null };
}
const input8b = { spec: spec() };
const input70b = { spec: spec({ params: 70.6e9, layers: 80, hiddenSize: 8192, heads: 64, kvHeads: 8 }) };

describe('usable budget', () => {
  it('subtracts memory in use (when asked) and the runtime reserve', () => {
    const d = gpu('A', 24, { usedBytes: 2 * GiB });
    const hw = machine([d]);
    const on = deviceBudget(d, hw, { runtime: 'llama.cpp', useFreeMemory: true, reserveBytes: 512 * MiB });
    const off = deviceBudget(d, hw, { runtime: 'llama.cpp', useFreeMemory: false, reserveBytes: 512 * MiB });
    expect(on.capacityBytes).toBe(24 * GiB - 2 * GiB - 512 * MiB);
    expect(off.capacityBytes).toBe(24 * GiB - 512 * MiB);
    expect(on.basis.inUseBytes).toBe(2 * GiB);
  });

  it('applies the macOS working-set share on unified memory, and the user override', () => {
    expect(defaultUnifiedShare(16 * GiB)).toBeCloseTo(2 / 3);
    expect(defaultUnifiedShare(64 * GiB)).toBe(0.75);
    const mac = gpu('Apple M2 Max', 64, { kind: 'unified' });
    const hw = machine([mac], 64);
    const def = deviceBudget(mac, hw, { runtime: 'llama.cpp', useFreeMemory: true, reserveBytes: 0 });
    expect(def.capacityBytes).toBe(48 * GiB);
    expect(def.basis.kind).toBe('working-set');
    const raised = deviceBudget(mac, hw, { runtime: 'llama.cpp', useFreeMemory: true, reserveBytes: 0, unifiedShare: 56 / 64 });
    expect(raised.capacityBytes).toBe(56 * GiB);
    // A wired limit the OS reported (sysctl iogpu.wired_limit_mb=57344) beats the default share…
    const wired = { ...mac, workingSetBytes: 56 * GiB };
    expect(deviceBudget(wired, hw, { runtime: 'llama.cpp', useFreeMemory: true, reserveBytes: 0 }).capacityBytes).toBe(56 * GiB);
    // …and the user's own setting beats both.
    expect(deviceBudget(wired, hw, { runtime: 'llama.cpp', useFreeMemory: true, reserveBytes: 0, unifiedShare: 0.5 }).capacityBytes).toBe(
      32 * GiB,
    );
  });

  it('caps an integrated GPU at the RAM that is free', () => {
    const igpu = gpu('Radeon 780M', 16, { kind: 'shared' });
    const hw: PlanningHardware = { ...machine([igpu], 32), ramAvailableBytes: 10 * GiB };
    const b = deviceBudget(igpu, hw, { runtime: 'llama.cpp', useFreeMemory: true, reserveBytes: 0 });
    expect(b.capacityBytes).toBe(10 * GiB);
    expect(b.basis.kind).toBe('shared-ram');
  });

  it('vLLM claims gpu_memory_utilization of the card', () => {
    const d = gpu('A100', 80);
    const b = deviceBudget(d, machine([d]), { runtime: 'vllm', useFreeMemory: true, reserveBytes: GiB, gpuMemoryUtilization: 0.9 });
    expect(b.capacityBytes).toBe(Math.floor(80 * GiB * 0.9 - GiB));
  });
});

describe('placement and verdict (llama.cpp)', () => {
  it('fits an 8B Q4_K_M on one 24 GiB GPU with every layer and the output there', () => {
    const a = adviseWith(fakeEstimate, input8b, settings(), machine([gpu('RTX 4090', 24)]), { maxContextSearch: false });
    expect(a.verdict).toBe('fits');
    expect(a.gpuLayers).toBe(33);
    expect(a.totalLayers).toBe(33);
    expect(a.devices[0]!.layers).toBe(32);
    expect(a.devices[0]!.holdsOutput).toBe(true);
    // The token embedding stays in host memory.
    expect(a.cpuBytes).toBeGreaterThanOrEqual(a.estimate.weights.tokenEmbedding);
    expect(a.devices[0]!.usedBytes).toBe(a.devices[0]!.weightsBytes + a.devices[0]!.kvBytes + a.devices[0]!.computeBytes);
    expect(a.marginBytes).toBe(a.devices[0]!.capacityBytes - a.devices[0]!.usedBytes);
    expect(a.remedies).toEqual([]);
  });

  it('splits layers across mixed GPUs in proportion to their budgets, KV with each layer', () => {
    const hw = machine([gpu('RTX 3090', 24), gpu('RTX 3060', 12)]);
    const a = adviseWith(fakeEstimate, input70b, settings({ quant: 'Q2_K', context: 4096 }), hw, { maxContextSearch: false });
    const [big, small] = a.devices;
    expect(big!.layers + small!.layers).toBe(80);
    expect(big!.layers).toBeGreaterThan(small!.layers);
    // Proportional: roughly 2:1 like the budgets.
    expect(big!.layers / small!.layers).toBeGreaterThan(1.5);
    expect(big!.layers / small!.layers).toBeLessThan(2.6);
    // Contiguous ranges, first device holds the early layers, the last device the output.
    expect(big!.layerRange![0]).toBe(0);
    expect(small!.layerRange![1]).toBe(79);
    expect(small!.holdsOutput).toBe(true);
    const kvPerLayer = a.estimate.kvCache.perLayer[0]!;
    expect(big!.kvBytes).toBeCloseTo(kvPerLayer * big!.layers, 0);
    expect(a.tensorSplit).toEqual([big!.layers, small!.layers]);
    for (const d of a.devices) expect(d.usedBytes).toBeLessThanOrEqual(d.capacityBytes);
  });

  it('falls back to partial offload and says how much goes to RAM', () => {
    const a = adviseWith(fakeEstimate, input70b, settings({ quant: 'Q4_K_M' }), machine([gpu('RTX 4090', 24)], 128), {
      maxContextSearch: false,
    });
    expect(a.verdict).toBe('offload');
    expect(a.gpuLayers).toBeGreaterThan(0);
    expect(a.gpuLayers).toBeLessThan(a.totalLayers);
    expect(a.ramShort).toBe(false);
    expect(a.marginBytes).toBeLessThan(0);
    const d = a.devices[0]!;
    expect(d.usedBytes).toBeLessThanOrEqual(d.capacityBytes);
    // llama.cpp offloads from the end: the output layer is on the GPU before any repeating layer.
    expect(d.holdsOutput).toBe(true);
    expect(d.layerRange![1]).toBe(79);
    const gpuWeights = d.weightsBytes;
    expect(a.cpuBytes).toBeGreaterThan(a.estimate.weights.bytes - gpuWeights - 1);
    // One more layer would not have fitted.
    const perLayer = a.estimate.weights.perLayer[0]! + a.estimate.kvCache.perLayer[0]!;
    expect(d.marginBytes).toBeLessThan(perLayer);
    // Offloading costs speed: the explanation carries the factor against an all-GPU run.
    const cost = a.explain.find((e) => e.key === 'advice.offload.speedCost');
    expect(cost).toBeDefined();
    expect(Number(cost!.params['factor'])).toBeLessThan(1);
  });

  it('says no-fit when the CPU part does not fit in RAM either', () => {
    const a = adviseWith(fakeEstimate, input70b, settings({ quant: 'F16' }), machine([gpu('RTX 4090', 24)], 32), {
      maxContextSearch: false,
    });
    expect(a.verdict).toBe('no-fit');
    expect(a.ramShort).toBe(true);
    expect(a.explain.some((e) => e.key === 'advice.ramShort')).toBe(true);
  });

  it('plans a machine without GPUs as a CPU run: its own verdict, RAM budget, no GPU reserve, max context, speed', () => {
    const a = adviseWith(fakeEstimate, input8b, settings({ context: 8192 }), machine([], 32));
    expect(a.verdict).toBe('cpu');
    expect(a.gpuLayers).toBe(0);
    expect(a.devices).toEqual([]);
    expect(a.placed.gpuBytes).toBe(0);
    // Everything the CPU runs sits in RAM, and no CUDA context is counted anywhere.
    expect(a.cpuBytes).toBeGreaterThanOrEqual(a.estimate.weights.bytes + a.estimate.kvCache.bytes);
    expect(a.placed.totalBytes).toBe(a.cpuBytes);
    expect(a.marginBytes).toBe(a.ramBudgetBytes - a.cpuBytes);
    expect(a.maxContext).toBeGreaterThan(8192);
    expect(a.speed.decodeTokensPerSecond).toBeGreaterThan(0);
    expect(a.speed.decodeMissing).toBeNull();
    const small = adviseWith(fakeEstimate, input70b, settings({ quant: 'F16' }), machine([], 32));
    expect(small.verdict).toBe('no-fit');
    expect(small.shortBytes).toBe(small.cpuBytes - small.ramBudgetBytes);
    expect(small.speed.decodeMissing).toBe('no-fit');
  });

  it('calls a GPU that holds no layer a CPU run, not an offload of 0 layers', () => {
    const a = adviseWith(fakeEstimate, input70b, settings({ quant: 'F16' }), machine([gpu('Tiny', 1)], 256), { maxContextSearch: false });
    expect(a.verdict).toBe('cpu');
    expect(a.devices[0]!.usedBytes).toBe(0);
  });

  it('never calls an empty split a fit (compute buffer alone over budget, 0-byte GPU)', () => {
    for (const gib of [0, 0.25, 0.5]) {
      const a = adviseWith(fakeEstimate, input8b, settings({ ubatch: 4096 }), machine([gpu('Z', gib)]), {
        maxContextSearch: false,
        remedies: false,
      });
      expect(['cpu', 'no-fit', 'offload']).toContain(a.verdict);
      expect(a.gpuLayers).toBe(0);
    }
  });

  it('property: a fits/tight verdict places every layer and every weight byte on a GPU within budget', () => {
    const sizes = [1, 2, 3, 4, 6, 8, 12, 16, 24, 48];
    for (const gib of sizes) {
      for (const ubatch of [512, 4096]) {
        const a = adviseWith(fakeEstimate, input8b, settings({ ubatch }), machine([gpu('A', gib), gpu('B', gib / 2)]), {
          maxContextSearch: false,
          remedies: false,
        });
        if (a.verdict !== 'fits' && a.verdict !== 'tight') continue;
        const placedLayers = a.devices.reduce((n, d) => n + d.layers + (d.holdsOutput ? 1 : 0), 0);
        expect(placedLayers).toBe(a.totalLayers);
        const w = a.devices.reduce((n, d) => n + d.weightsBytes, 0);
        expect(w).toBeGreaterThanOrEqual(a.estimate.weights.bytes - a.estimate.weights.tokenEmbedding - 1);
        for (const d of a.devices) expect(d.usedBytes).toBeLessThanOrEqual(d.capacityBytes);
      }
    }
  });

  it('calls it tight when less than the margin stays free', () => {
    // Find a card size where the model just fits, then check tight vs fits around the margin.
    const base = adviseWith(fakeEstimate, input8b, settings(), machine([gpu('X', 80)]), { maxContextSearch: false });
    const need = base.devices[0]!.usedBytes + base.estimate.overheadPerGpu.bytes;
    const tightCard = gpu('T', (need + 0.02 * need) / GiB);
    const a = adviseWith(fakeEstimate, input8b, settings(), machine([tightCard]), { maxContextSearch: false });
    expect(a.verdict).toBe('tight');
    expect(a.marginBytes).toBeGreaterThan(0);
    const b = adviseWith(fakeEstimate, input8b, settings(), machine([tightCard]), { maxContextSearch: false, tightMargin: 0.001 });
    expect(b.verdict).toBe('fits');
  });

  it('honours a user-fixed layer count', () => {
    const a = adviseWith(fakeEstimate, input8b, settings(), machine([gpu('RTX 4090', 24)]), { maxContextSearch: false, gpuLayers: 20 });
    expect(a.gpuLayers).toBe(20);
    expect(a.verdict).toBe('offload');
  });
});

describe('bad hardware input', () => {
  it('never crashes and treats nonsense sizes as zero', () => {
    const junk: PlanningHardware = {
      devices: [
        gpu('NaN card', 24, { totalBytes: Number.NaN, usedBytes: -5, bandwidthGBps: Number.NaN, fp16Tflops: -1 }),
        gpu('Inf card', 24, { totalBytes: Number.POSITIVE_INFINITY, usedBytes: Number.NaN }),
      ],
      ramBytes: Number.NaN,
      ramAvailableBytes: -1,
      ramBandwidthGBps: Number.NaN,
      cpuTflops: Number.NaN,
    };
    for (const runtime of ['llama.cpp', 'vllm', 'transformers'] as const) {
      const a = adviseWith(fakeEstimate, input8b, settings({ runtime, quant: runtime === 'llama.cpp' ? 'Q4_K_M' : 'bf16' }), junk);
      expect(['fits', 'tight', 'offload', 'no-fit']).toContain(a.verdict);
      for (const d of a.devices) expect(Number.isFinite(d.capacityBytes)).toBe(true);
      expect(Number.isFinite(a.marginBytes)).toBe(true);
    }
  });
});

describe('vLLM tensor parallelism', () => {
  it('shards weights and KV heads evenly and gives the rest to the KV pool', () => {
    const hw = machine([gpu('A100', 80), gpu('A100', 80)]);
    const a = adviseWith(fakeEstimate, input70b, settings({ runtime: 'vllm', quant: 'bf16', context: 8192 }), hw, {
      maxContextSearch: false,
    });
    expect(a.vllm).toBeDefined();
    expect(a.vllm!.kvHeadsPerGpu).toBe(4);
    expect(a.vllm!.replicatedKv).toBe(false);
    expect(a.devices[0]!.weightsBytes).toBeCloseTo(a.estimate.weights.bytes / 2, 0);
    const perTokenPerGpu = a.estimate.vllm!.kvBytesPerToken / 2;
    expect(a.vllm!.kvTokens).toBe(Math.floor(a.vllm!.kvPoolBytes / perTokenPerGpu / 16) * 16);
    expect(a.vllm!.maxConcurrency).toBe(Math.floor(a.vllm!.kvTokens / 8192));
    expect(['fits', 'tight']).toContain(a.verdict);
  });

  it('replicates KV heads when there are more GPUs than KV heads', () => {
    const m = { spec: spec({ params: 70.6e9, layers: 80, hiddenSize: 8192, heads: 64, kvHeads: 4 }) };
    const s = settings({ runtime: 'vllm', quant: 'bf16', context: 8192 });
    const four = adviseWith(fakeEstimate, m, s, machine([0, 1, 2, 3].map((i) => gpu(`H${i}`, 80))), { maxContextSearch: false });
    const eight = adviseWith(fakeEstimate, m, s, machine([0, 1, 2, 3, 4, 5, 6, 7].map((i) => gpu(`H${i}`, 80))), {
      maxContextSearch: false,
    });
    expect(four.vllm!.kvHeadsPerGpu).toBe(1);
    expect(four.vllm!.replicatedKv).toBe(false);
    expect(eight.vllm!.kvHeadsPerGpu).toBe(1);
    expect(eight.vllm!.replicatedKv).toBe(true);
    // Per-GPU KV per token is the same with 8 GPUs as with 4: the extra GPUs hold copies.
    const kvPerGpu8 = eight.devices[0]!.kvBytes;
    const kvPerGpu4 = four.devices[0]!.kvBytes;
    expect(kvPerGpu8).toBeCloseTo(kvPerGpu4, 0);
    expect(eight.explain.some((e) => e.key === 'advice.vllm.replicatedKv')).toBe(true);
  });

  it('says no-fit when the weights do not fit, since vLLM does not offload', () => {
    const a = adviseWith(fakeEstimate, input70b, settings({ runtime: 'vllm', quant: 'bf16' }), machine([gpu('L4', 24)]), {
      maxContextSearch: false,
    });
    expect(a.verdict).toBe('no-fit');
    expect(a.gpuLayers).toBe(0);
  });
});

describe('max context', () => {
  it('is the exact largest context that fits', () => {
    const hw = machine([gpu('RTX 4090', 24)]);
    const s = settings({ quant: 'Q8_0' });
    const max = maxContextWith(fakeEstimate, input8b, s, hw)!;
    expect(max).toBeGreaterThan(4096);
    expect(max).toBeLessThan(131072);
    const at = adviseWith(fakeEstimate, input8b, { ...s, context: max }, hw, { maxContextSearch: false });
    const above = adviseWith(fakeEstimate, input8b, { ...s, context: max + 1 }, hw, { maxContextSearch: false });
    expect(['fits', 'tight']).toContain(at.verdict);
    expect(above.verdict).toBe('offload');
    // llama.cpp pads the context to 256, so the largest fitting context is a whole block.
    expect(max % 256).toBe(0);
  });

  it('never shrinks when the GPU grows', () => {
    const s = settings({ quant: 'Q8_0' });
    let prev = -1;
    for (const gib of [8, 10, 12, 16, 20, 24, 32, 48]) {
      const m = maxContextWith(fakeEstimate, input8b, s, machine([gpu('G', gib)])) ?? 0;
      expect(m).toBeGreaterThanOrEqual(prev);
      prev = m;
    }
    expect(prev).toBe(131072);
  });

  it('is null when nothing fits', () => {
    expect(maxContextWith(fakeEstimate, input70b, settings({ quant: 'F16' }), machine([gpu('G', 8)]))).toBeNull();
  });
});

describe('remedies', () => {
  function check(input: typeof input8b, s: ReturnType<typeof settings>, hw: PlanningHardware) {
    const a = adviseWith(fakeEstimate, input, s, hw);
    expect(a.remedies.length).toBeGreaterThan(0);
    for (const r of a.remedies) {
      const hw2 = r.addDevices ? { ...hw, devices: [...hw.devices, ...r.addDevices] } : hw;
      const again = adviseWith(fakeEstimate, input, { ...s, ...r.settings }, hw2, {
        ...r.options,
        maxContextSearch: false,
        remedies: false,
      });
      expect(again.verdict, r.kind).toBe(r.resultingVerdict);
      expect(r.savesBytes, r.kind).toBeGreaterThanOrEqual(0);
    }
    // Ranked: better resulting verdicts first.
    const order = { fits: 0, tight: 1, offload: 2, cpu: 3, 'no-fit': 4 } as const;
    for (let i = 1; i < a.remedies.length; i++) {
      expect(order[a.remedies[i]!.resultingVerdict]).toBeGreaterThanOrEqual(order[a.remedies[i - 1]!.resultingVerdict]);
    }
    return a;
  }

  it('offers context, KV type, flash attention, quant and GPU remedies that really fit when applied', () => {
    const s = settings({ quant: 'Q8_0', context: 65536, flashAttention: false });
    const a = check(input8b, s, machine([gpu('RTX 4080', 16)]));
    const kinds = a.remedies.map((r) => r.kind);
    expect(kinds).toContain('shorter-context');
    expect(kinds).toContain('kv-q8_0');
    expect(kinds).toContain('flash-attention');
    expect(kinds).toContain('more-gpu');
    const ctx = a.remedies.find((r) => r.kind === 'shorter-context')!;
    expect(ctx.settings.context).toBe(a.maxContext);
    expect(ctx.savesBytes).toBeGreaterThan(0);
  });

  it('lists only remedies that improve the verdict: a tight fit is not "remedied" by offloading', () => {
    const base = adviseWith(fakeEstimate, input8b, settings(), machine([gpu('X', 80)]), { maxContextSearch: false });
    const need = base.devices[0]!.usedBytes + base.estimate.overheadPerGpu.bytes;
    const hw = machine([gpu('T', (need * 1.02) / GiB)]);
    const a = check(input8b, settings(), hw);
    expect(a.verdict).toBe('tight');
    for (const r of a.remedies) expect(r.resultingVerdict, r.kind).toBe('fits');
  });

  it('prices a layer split by its boundaries: eight GPUs decode within a few per cent of one, so no fewer-GPUs note', () => {
    const eight = machine([0, 1, 2, 3, 4, 5, 6, 7].map((i) => gpu(`H${i}`, 80)));
    const a = adviseWith(fakeEstimate, input8b, settings(), eight, { maxContextSearch: false });
    expect(a.verdict).toBe('fits');
    expect(a.remedies).toEqual([]);
    const single = adviseWith(fakeEstimate, input8b, settings(), machine([gpu('H0', 80)]), { maxContextSearch: false });
    const ratio = a.speed.decodeTokensPerSecond! / single.speed.decodeTokensPerSecond!;
    // Seven hops of ~50 µs against a few ms of streaming: slower, but by less than 10 %.
    expect(ratio).toBeLessThan(1);
    expect(ratio).toBeGreaterThan(0.9);
    expect(a.explain.some((e) => e.key === 'advice.fewerGpus')).toBe(false);
    // One GPU that holds it all: nothing to say.
    const one = adviseWith(fakeEstimate, input8b, settings(), machine([gpu('H0', 80)]), { maxContextSearch: false });
    expect(one.explain.some((e) => e.key === 'advice.fewerGpus')).toBe(false);
  });

  it('adds GPUs in a count vLLM can shard over', () => {
    const hw = machine([gpu('L4', 24), gpu('L4', 24)]);
    const a = check(input70b, settings({ runtime: 'vllm', quant: 'awq', context: 8192 }), hw);
    const more = a.remedies.find((r) => r.kind === 'more-gpu');
    expect(more).toBeDefined();
    expect(64 % (2 + more!.addDevices!.length)).toBe(0);
    expect(more!.addDevices!.length).toBe(2);
  });

  it('steps down the quant ladder', () => {
    expect(nextLowerQuant('F16', 'llama.cpp')).toBe('Q8_0');
    expect(nextLowerQuant('Q4_K_M', 'llama.cpp')).toBe('Q3_K_M');
    expect(nextLowerQuant('Q4_0', 'llama.cpp')).toBe('Q3_K_M');
    expect(nextLowerQuant('bf16', 'vllm')).toBe('fp8');
    expect(nextLowerQuant('int8', 'transformers')).toBe('nf4');
    expect(nextLowerQuant('Q2_K', 'llama.cpp')).toBeNull();
  });
});

describe('speed', () => {
  it('decode follows bandwidth and bytes per token', () => {
    const a = adviseWith(fakeEstimate, input8b, settings(), machine([gpu('G', 24, { bandwidthGBps: 1000 })]), { maxContextSearch: false });
    const b = adviseWith(fakeEstimate, input8b, settings(), machine([gpu('G', 24, { bandwidthGBps: 500 })]), { maxContextSearch: false });
    expect(a.speed.decodeTokensPerSecond!).toBeGreaterThan(b.speed.decodeTokensPerSecond!);
    const t = 1 / a.speed.decodeTokensPerSecond!;
    const expected = a.speed.bytesPerToken / (SPEED_CALIBRATION.eta * 1000e9) + SPEED_CALIBRATION.t0 + 32 * SPEED_CALIBRATION.perLayer;
    expect(t).toBeCloseTo(expected, 6);
    expect(a.speed.prefillTokensPerSecond).toBeGreaterThan(0);
    expect(a.speed.band.decode).toBeGreaterThan(0);
    // At a full 8k context more KV is read per token.
    expect(a.speed.decodeAtFullContextTokensPerSecond!).toBeLessThan(a.speed.decodeTokensPerSecond!);
  });

  it('MoE streams only the active experts', () => {
    const dense = { spec: spec({ params: 30e9, layers: 48, hiddenSize: 2048 }) };
    const moe = { spec: spec({ params: 30e9, layers: 48, hiddenSize: 2048 }) };
    const est = (i: typeof dense, active: number) => {
      const e = fakeEstimate(i, settings());
      e.weights.activeParameterCount = active;
      return e;
    };
    const hw = machine([gpu('G', 48)]);
    const d = adviseWith((i) => est(i, 30e9), dense, settings(), hw, { maxContextSearch: false });
    const m = adviseWith((i) => est(i, 3.3e9), moe, settings(), hw, { maxContextSearch: false });
    expect(m.speed.bytesPerToken).toBeLessThan(d.speed.bytesPerToken / 5);
    expect(m.speed.decodeTokensPerSecond!).toBeGreaterThan(d.speed.decodeTokensPerSecond! * 2);
  });

  it('offloaded layers run at RAM bandwidth and dominate', () => {
    const p = predictSpeed({
      segments: [
        { backend: 'cuda', streamedBytes: 20e9, weightBytes: 20e9, params: 35e9, bandwidthGBps: 1000, tflops: 165, quantized: true },
        { backend: 'cpu', streamedBytes: 20e9, weightBytes: 20e9, params: 35e9, bandwidthGBps: 60, tflops: null, quantized: true },
      ],
      layers: 80,
      gpuCount: 1,
      prefillBatchTokens: 512,
    });
    expect(p.cpuSeconds).toBeGreaterThan(p.gpuSeconds * 10);
  });

  it('has no decode figure without a bandwidth', () => {
    const a = adviseWith(fakeEstimate, input8b, settings(), machine([gpu('G', 24, { bandwidthGBps: null, fp16Tflops: null })]), {
      maxContextSearch: false,
    });
    expect(a.speed.decodeTokensPerSecond).toBeNull();
    expect(a.speed.prefillTokensPerSecond).toBeNull();
  });
});

describe('message keys', () => {
  it('every key the advisor emits has an English and a Japanese template using its parameters', () => {
    const scenarios = [
      adviseWith(
        fakeEstimate,
        input8b,
        settings({ quant: 'Q8_0', context: 65536, flashAttention: false, parallel: 2 }),
        machine([gpu('A', 16)]),
      ),
      adviseWith(fakeEstimate, input70b, settings({ quant: 'F16' }), machine([gpu('A', 24)], 32)),
      adviseWith(fakeEstimate, input70b, settings({ quant: 'Q2_K', context: 4096 }), machine([gpu('A', 24), gpu('B', 12)])),
      adviseWith(
        fakeEstimate,
        { spec: spec({ params: 70.6e9, layers: 80, hiddenSize: 8192, heads: 64, kvHeads: 4 }) },
        settings({ runtime: 'vllm', quant: 'bf16' }),
        machine([0, 1, 2, 3, 4, 5, 6, 7].map((i) => gpu(`H${i}`, 80))),
      ),
      adviseWith(
        fakeEstimate,
        input8b,
        settings(),
        machine([gpu('Apple M2 Max', 64, { kind: 'unified' }), gpu('iGPU', 8, { kind: 'shared' })]),
      ),
      adviseWith(fakeEstimate, input8b, settings(), machine([], 64)),
      adviseWith(fakeEstimate, input8b, settings(), machine([0, 1, 2, 3, 4, 5, 6, 7].map((i) => gpu(`H${i}`, 80)))),
    ];
    const used: Array<{ key: string; params: Record<string, unknown> }> = [];
    for (const a of scenarios) {
      used.push(...a.explain);
      for (const r of a.remedies) used.push(r.label, { key: r.cost.key, params: {} });
      used.push({ key: a.speed.basis.key, params: {} });
    }
    expect(new Set(used.map((u) => u.key)).size).toBeGreaterThan(15);
    for (const u of used) {
      expect(hasMessage(u.key), u.key).toBe(true);
      for (const cat of [catalogs.en, catalogs.ja] as Array<Record<string, string>>) {
        const t = cat[u.key];
        expect(t, u.key).toBeDefined();
        for (const m of t!.matchAll(/\{(\w+)\}/g)) expect(u.params, `${u.key} {${m[1]}}`).toHaveProperty(m[1]!);
      }
    }
  });
});
