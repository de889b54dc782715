import { describe, expect, it } from 'vitest';
import { getModel } from '../catalog';
import { defaultSettings } from '../estimate/index';
import { sglangMemFractionStatic } from '../estimate/runtimes/sglang';
import { getGpu } from '../hardware/gpu-catalog';
import { costOf } from './cost';
import { DRIVER_RESERVED_BYTES } from './memory';
import { vllmProfilePeakBytes } from '../estimate/runtimes/vllm-profile';
import { vllmNonTorchBytes } from './runtime-memory';
import { capacity, CapacityInputError, type CapacityInput } from './plan';
import { DEFAULT_PRICES } from './prices';
import { sweepGrid, sweepUsers } from './sizing';
import { moeWeightFactor } from './speed';

const MiB = 1024 * 1024;
const llama8b = getModel('llama-3.1-8b-instruct')!;
const llama70b = getModel('llama-3.1-70b-instruct')!;
const h100 = getGpu('h100-sxm')!;
const rtx4090 = getGpu('rtx-4090')!;

function input(over: Partial<CapacityInput> = {}, runtime: 'vllm' | 'sglang' | 'llama.cpp' = 'vllm'): CapacityInput {
  return {
    input: { spec: llama8b.spec },
    base: { ...defaultSettings(runtime === 'llama.cpp' ? 'llama.cpp' : runtime) },
    gpu: h100,
    workload: { users: 32, promptTokens: 1024, outputTokens: 256 },
    deployment: { runtime, gpusPerNode: 1, tp: 1, pp: 1, nodes: 1 },
    layouts: false,
    ...over,
  };
}

describe('KV pool by the runtime’s own rule', () => {
  it('vLLM: utilisation × visible memory less non-torch, weights and activation, in 16-token blocks', () => {
    const p = capacity(input());
    const e = p.estimate;
    // vLLM subtracts its profiled peak and non-torch increase, not the CUDA context (runtime-memory.ts).
    const peak = vllmProfilePeakBytes(llama8b.spec, 8192, 1024, 1);
    const pool = (h100.memoryBytes - DRIVER_RESERVED_BYTES) * 0.9 - vllmNonTorchBytes(h100, 1) - e.weights.bytes - peak;
    const blocks = Math.floor(pool / e.vllm!.kvBytesPerToken / 16);
    expect(p.pool.kvPoolTokens).toBe(blocks * 16);
    // "Maximum concurrency for N tokens per request": blocks ÷ ⌈N / 16⌉, and the workload's own length.
    expect(p.pool.maxConcurrencyAtMaxModelLen).toBe(Math.floor(blocks / Math.ceil(1280 / 16)));
    expect(p.pool.maxConcurrency).toBe(Math.floor(blocks / 80));
    // vLLM's V1 default on a ≥ 70 GiB GPU that is not an A100.
    expect(p.pool.maxNumSeqs).toBe(1024);
    expect(p.pool.batchLimit).toBe(Math.min(p.pool.maxConcurrency, 1024));
  });

  it('a longer max-model-len leaves the pool alone but lowers the concurrency vLLM logs', () => {
    const a = capacity(input());
    const b = capacity(input({ deployment: { runtime: 'vllm', gpusPerNode: 1, tp: 1, pp: 1, nodes: 1, maxModelLen: 32768 } }));
    expect(b.pool.maxConcurrencyAtMaxModelLen).toBeLessThan(a.pool.maxConcurrencyAtMaxModelLen);
    expect(b.pool.maxConcurrency).toBe(a.pool.maxConcurrency);
  });

  it('SGLang: its default mem_fraction_static rule, then fraction × (memory − context) − weights', () => {
    // H100 80GB (81559 MiB): reserved 512 + 8192·1.5 + 256·2 + 1/8·1024 = 13440 MiB.
    expect(sglangMemFractionStatic(81559 * MiB, 1, 1)).toBe(0.835);
    // A 24 GiB card: 512 + 2048·1.5 + 24·2 + 128 = 3760 MiB of 24576.
    expect(sglangMemFractionStatic(24576 * MiB, 1, 1)).toBe(0.847);
    const p = capacity(input({ base: defaultSettings('sglang') }, 'sglang'));
    expect(p.pool.memoryFraction).toBe(0.835);
    const e = p.estimate;
    const pool = (h100.memoryBytes - DRIVER_RESERVED_BYTES - e.overheadPerGpu.bytes) * 0.835 - e.weights.bytes;
    expect(p.pool.kvPoolTokens).toBe(Math.floor(pool / e.vllm!.kvBytesPerToken));
  });

  it('tensor parallel splits weights and KV heads, and replicates heads past the KV-head count', () => {
    const one = capacity(
      input({ input: { spec: llama70b.spec }, deployment: { runtime: 'vllm', gpusPerNode: 8, tp: 8, pp: 1, nodes: 1 } }),
    );
    expect(one.pool.kvHeadsPerGpu).toBe(1);
    expect(one.pool.replicatedKv).toBe(false);
    const tp16 = capacity(
      input({ input: { spec: llama70b.spec }, deployment: { runtime: 'vllm', gpusPerNode: 8, tp: 16, pp: 1, nodes: 2 } }),
    );
    expect(tp16.pool.replicatedKv).toBe(true);
    expect(tp16.notes.map((n) => n.key)).toContain('capacity.note.replicatedKv');
    // Pipeline parallel halves the layers (and their KV) per GPU: the pool holds about twice the tokens.
    const pp2 = capacity(
      input({ input: { spec: llama70b.spec }, deployment: { runtime: 'vllm', gpusPerNode: 8, tp: 8, pp: 2, nodes: 2 } }),
    );
    expect(pp2.pool.kvPoolTokens).toBeGreaterThan(1.9 * one.pool.kvPoolTokens);
  });

  it('llama.cpp: slots × context, the most slots up to one per user that fit', () => {
    const p = capacity(
      input(
        { gpu: rtx4090, base: defaultSettings('llama.cpp'), workload: { users: 8, promptTokens: 2048, outputTokens: 512 } },
        'llama.cpp',
      ),
    );
    expect(p.pool.maxNumSeqs).toBe(8);
    expect(p.pool.kvPoolTokens).toBe(8 * p.estimate.kvCache.contextAllocated);
    expect(p.pool.batchLimit).toBe(8);
  });
});

describe('load, knee and sizing', () => {
  it('more users: more aggregate throughput, slower per user, and a knee below the batch limit', () => {
    const p = capacity(input({ workload: { users: 32, promptTokens: 1024, outputTokens: 256, tpotP95Ms: 40 } }));
    const pts = sweepUsers(p.model, p.workload, 1, [1, 8, 64, 256]).map((x) => x!);
    for (let i = 1; i < pts.length; i++) {
      expect(pts[i]!.outputTokensPerSecond.value).toBeGreaterThan(pts[i - 1]!.outputTokensPerSecond.value);
      expect(pts[i]!.tpotMs.value).toBeGreaterThan(pts[i - 1]!.tpotMs.value);
    }
    expect(p.kneeUsers).not.toBeNull();
    const knee = p.kneeUsers!;
    const [at, past] = sweepUsers(p.model, p.workload, 1, [knee, knee + 1]);
    expect(at!.meetsTargets).toBe(true);
    expect(past!.meetsTargets).toBe(false);
    expect(at!.tpotP95Ms).toBeLessThanOrEqual(40);
  });

  it('users beyond the batch limit queue for a slot, and replicas needed grow with the users', () => {
    const small = capacity(input({ deployment: { runtime: 'vllm', gpusPerNode: 1, tp: 1, pp: 1, nodes: 1, maxNumSeqs: 16 } }));
    expect(small.atLoad.batch).toBe(16);
    expect(small.atLoad.queueSeconds).toBeGreaterThan(0);
    expect(small.replicasNeeded).toBe(2);
    expect(small.gpusNeeded).toBe(2);
    const band = small.gpusNeededBand;
    expect(band.low!).toBeLessThanOrEqual(2);
    expect(band.high!).toBeGreaterThanOrEqual(2);
  });

  it('a request rate beyond what the replicas sustain is saturated and misses any target', () => {
    const ok = capacity(input({ workload: { rate: 1, promptTokens: 1024, outputTokens: 256, ttftP95S: 10 } }));
    expect(ok.atLoad.saturated).toBe(false);
    expect(ok.atLoad.requestsPerSecond).toBeCloseTo(1, 3);
    const over = capacity(input({ workload: { rate: 1e4, promptTokens: 1024, outputTokens: 256, ttftP95S: 10 } }));
    expect(over.atLoad.saturated).toBe(true);
    expect(over.atLoad.meetsTargets).toBe(false);
    expect(over.replicasNeeded!).toBeGreaterThan(10);
  });

  it('a cached shared prefix shortens the time to first token', () => {
    const a = capacity(input());
    const b = capacity(input({ workload: { users: 32, promptTokens: 1024, outputTokens: 256, sharedPrefix: 0.75 } }));
    expect(b.atLoad.ttftMs.value).toBeLessThan(a.atLoad.ttftMs.value);
  });

  it('a batch of MoE tokens reads more experts than one token', () => {
    const moe = getModel('qwen3-30b-a3b')!;
    const est = capacity(input({ input: { spec: moe.spec } })).estimate;
    expect(moeWeightFactor(est, 1)).toBe(1);
    expect(moeWeightFactor(est, 16)).toBeGreaterThan(2);
    expect(moeWeightFactor(est, 4096)).toBeCloseTo(est.weights.parameterCount / est.weights.activeParameterCount, 0);
  });

  it('the sweep grid runs from 1 to 512', () => {
    const g = sweepGrid(512);
    expect(g[0]).toBe(1);
    expect(g[g.length - 1]).toBe(512);
  });

  it('refuses impossible inputs with one sentence', () => {
    expect(() => capacity(input({ workload: { promptTokens: 10, outputTokens: 10 } }))).toThrow(CapacityInputError);
    expect(() => capacity(input({ deployment: { runtime: 'vllm', gpusPerNode: 2, tp: 4, pp: 1, nodes: 1 } }))).toThrow(/needs 4 GPUs/);
    expect(() => capacity(input({ deployment: { runtime: 'llama.cpp', gpusPerNode: 2, tp: 2, pp: 1, nodes: 1 } }, 'llama.cpp'))).toThrow(
      /tensor/,
    );
  });
});

describe('arrivals and chunked prefill', () => {
  const fp8 = (over: Partial<CapacityInput['workload']> = {}, dep: Partial<CapacityInput['deployment']> = {}) =>
    capacity(
      input({
        input: { spec: llama70b.spec },
        base: { ...defaultSettings('vllm'), quant: 'fp8' },
        workload: { users: 16, promptTokens: 1000, outputTokens: 300, ...over },
        deployment: { runtime: 'vllm', gpusPerNode: 4, tp: 4, pp: 1, nodes: 1, ...dep },
      }),
    );

  it('steady arrivals wait for one step, not for the others’ prefills; burst arrivals queue behind the wave', () => {
    const one = fp8({ users: 1 });
    const oneBurst = fp8({ users: 1, arrival: 'burst' });
    // Alone, both price the same prefill, half a step and the first-token overhead (steady adds ρ terms).
    expect(one.atLoad.ttftMs.value).toBeCloseTo(oneBurst.atLoad.ttftMs.value, -1);
    const steady = fp8({ users: 16 });
    const burst = fp8({ users: 16, arrival: 'burst' });
    expect(steady.atLoad.arrival).toBe('steady');
    expect(burst.atLoad.arrival).toBe('burst');
    // The wave: a request waits for half of the 15 other prefills (their GPU time in the wave's full passes).
    const busy = burst.model.speed.batchedPrefillSeconds(1000, burst.model.chunkTokens)! * 1000;
    expect(burst.atLoad.ttftMs.value - oneBurst.atLoad.ttftMs.value).toBeGreaterThan(busy * 7);
    expect(steady.atLoad.ttftMs.value).toBeLessThan(burst.atLoad.ttftMs.value / 2);
    // Steady at 16 users: its own prefill plus under three (prefill-laden) steps of waiting and sharing.
    const step = steady.model.speed.stepSeconds(16)! * 1000;
    const prefill = steady.model.speed.prefillSeconds(1000)! * 1000;
    const fixed = steady.model.speed.firstTokenSeconds(1000) * 1000;
    expect(steady.atLoad.ttftMs.value).toBeGreaterThan(prefill + fixed + steady.atLoad.tpotMs.value / 2);
    expect(steady.atLoad.ttftMs.value).toBeLessThan(prefill + fixed + 3 * steady.atLoad.tpotMs.value);
    expect(steady.atLoad.tpotMs.value).toBeGreaterThan(step);
  });

  it('TPOT carries the prompt work chunked into the decode steps: less prefill, closer to the bare step', () => {
    const full = fp8({ users: 64 });
    const cached = fp8({ users: 64, sharedPrefix: 0.9 });
    const step = full.model.speed.stepSeconds(64)! * 1000;
    expect(full.atLoad.tpotMs.value).toBeGreaterThan(cached.atLoad.tpotMs.value);
    expect(cached.atLoad.tpotMs.value).toBeGreaterThan(step);
    // T = t(B) / (1 − ρ) with ρ = λ·p, p the prompt's GPU time in a pass that carries it, the 64 decode
    // tokens and the other prompts that arrived meanwhile: between one prompt's pass and a full budget's.
    const lambda = full.atLoad.requestsPerSecond;
    const rhoAt = (pass: number) => lambda * full.model.speed.batchedPrefillSeconds(1000, pass)!;
    expect(full.atLoad.tpotMs.value).toBeLessThanOrEqual(step / (1 - rhoAt(1000 + 64)) + 1e-9);
    expect(full.atLoad.tpotMs.value).toBeGreaterThanOrEqual(step / (1 - rhoAt(full.model.chunkTokens!)) - 1e-9);
  });

  it('a small prompt budget splits long prompts over more steps and caps the request rate', () => {
    const long = { users: 64, promptTokens: 8000, outputTokens: 200 };
    const wide = fp8(long, { maxBatchedTokens: 16384 });
    const narrow = fp8(long, { maxBatchedTokens: 1024 });
    expect(narrow.atLoad.ttftMs.value).toBeGreaterThan(wide.atLoad.ttftMs.value);
    // Each step admits at most 1024 − 64 prompt tokens: λ ≤ chunk / (P·t(B) + chunk·p).
    const t = narrow.model.speed.stepSeconds(64)!;
    const p = narrow.model.speed.batchedPrefillSeconds(8000)!;
    const chunk = 1024 - 64;
    expect(narrow.atLoad.requestsPerSecond).toBeLessThanOrEqual(chunk / (8000 * t + chunk * p) + 1e-9);
    expect(wide.atLoad.requestsPerSecond).toBeGreaterThan(narrow.atLoad.requestsPerSecond);
  });

  it('an offered rate past what the prompt budget admits saturates at the budget’s rate', () => {
    const shape = { promptTokens: 8000, outputTokens: 200 };
    const narrow = fp8({ ...shape, users: undefined, rate: 50 }, { maxBatchedTokens: 1024 });
    expect(narrow.atLoad.saturated).toBe(true);
    // The most the budget admits at any batch: λ ≤ (1024 − B) / (P·t(B) + (1024 − B)·p) < 1024 / (P·t(1)).
    const t1 = narrow.model.speed.stepSeconds(1)!;
    expect(narrow.atLoad.requestsPerSecond).toBeLessThan(1024 / (8000 * t1));
    const ok = fp8({ ...shape, users: undefined, rate: narrow.atLoad.requestsPerSecond * 0.8 }, { maxBatchedTokens: 1024 });
    expect(ok.atLoad.saturated).toBe(false);
    expect(ok.atLoad.requestsPerSecond).toBeCloseTo(narrow.atLoad.requestsPerSecond * 0.8, 3);
  });

  it('refuses burst arrivals for a request rate', () => {
    expect(() => fp8({ users: undefined, rate: 2, arrival: 'burst' })).toThrow(CapacityInputError);
  });

  it('takes a prompt count only for a burst run, and only a whole one', () => {
    expect(() => fp8({ users: 8, promptsPerRun: 100 })).toThrow(/burst run/);
    expect(() => fp8({ users: 8, arrival: 'burst', promptsPerRun: 0 })).toThrow(/whole number/);
    expect(() => fp8({ users: 8, arrival: 'burst', promptsPerRun: 2.5 })).toThrow(/whole number/);
    // Later waves of a run wider than one pass wait less than its first wave.
    const shape = { users: 256, arrival: 'burst' as const, promptTokens: 2000 };
    const oneWave = fp8(shape, { maxBatchedTokens: 8192 }).atLoad.ttftMs.value;
    expect(fp8({ ...shape, promptsPerRun: 2560 }, { maxBatchedTokens: 8192 }).atLoad.ttftMs.value).toBeLessThan(oneWave);
  });
});

describe('layout search', () => {
  const search = (users: number, over: Partial<CapacityInput> = {}) =>
    capacity(
      input({
        input: { spec: llama70b.spec },
        base: { ...defaultSettings('vllm'), quant: 'fp8' },
        workload: { users, promptTokens: 1000, outputTokens: 300, ttftP95S: 2, tpotP95Ms: 50 },
        deployment: { runtime: 'vllm', gpusPerNode: 8, tp: 8, pp: 1, nodes: 1, searchLayouts: true },
        layouts: true,
        ...over,
      }),
    );

  it('plans the layout that meets the targets on the fewest GPUs, ties to the lower TPOT', () => {
    const p = search(300);
    const chosen = p.layouts.filter((l) => l.chosen);
    expect(chosen).toHaveLength(1);
    const best = chosen[0]!;
    expect([p.deployment.tp, p.deployment.pp]).toEqual([best.tp, best.pp]);
    expect(p.layoutChoice.searched).toBe(true);
    expect(p.gpusNeeded).toBe(best.gpusNeeded);
    expect(p.deployment.replicas).toBe(p.replicasNeeded);
    expect(p.gpusNeeded).toBe(p.replicasNeeded! * best.tp * best.pp);
    expect(p.atLoad.meetsTargets).toBe(true);
    for (const l of p.layouts) {
      if (l.gpusNeeded == null || l.chosen) continue;
      expect(l.gpusNeeded).toBeGreaterThanOrEqual(best.gpusNeeded!);
      if (l.gpusNeeded === best.gpusNeeded) expect(l.tpotMsAtNeed!).toBeGreaterThanOrEqual(best.tpotMsAtNeed!);
    }
    // One request per H100 (tp 1 holds the FP8 weights and barely one request's KV) is never the answer.
    expect(best.tp).toBeGreaterThan(1);
  });

  it('a light load fits a smaller split than the node', () => {
    const p = search(4);
    expect(p.gpusNeeded!).toBeLessThan(8);
    expect(p.deployment.nodes).toBe(1);
  });

  it('splits layers across nodes when no layout of one node holds the model', () => {
    const p = capacity(
      input({
        input: { spec: llama70b.spec },
        base: { ...defaultSettings('vllm'), quant: 'bf16' },
        gpu: rtx4090,
        workload: { users: 8, promptTokens: 1000, outputTokens: 300 },
        deployment: { runtime: 'vllm', gpusPerNode: 4, tp: 4, pp: 1, nodes: 1, searchLayouts: true },
        layouts: true,
      }),
    );
    // 141 GB of bf16 weights do not fit 4 × 24 GB: pipeline stages of 4 GPUs, one node each.
    expect(p.deployment.pp).toBeGreaterThan(1);
    expect(p.deployment.tp).toBe(4);
    expect(p.nodesNeeded!).toBeGreaterThanOrEqual(p.deployment.pp);
    expect(p.layouts.some((l) => l.pp === 1 && !l.fits)).toBe(true);
  });

  it('keeps a pinned layout and says so', () => {
    const p = capacity(
      input({
        input: { spec: llama70b.spec },
        base: { ...defaultSettings('vllm'), quant: 'fp8' },
        deployment: { runtime: 'vllm', gpusPerNode: 8, tp: 2, pp: 1, nodes: 1 },
      }),
    );
    expect(p.layoutChoice).toMatchObject({ tp: 2, pp: 1, searched: false, reason: { key: 'capacity.layout.pinned' } });
    expect(p.deployment.tp).toBe(2);
    expect(p.deployment.replicas).toBe(4);
  });
});

describe('cost', () => {
  it('amortised price plus power, and the cloud hourly rate, per million output tokens', () => {
    const c = costOf('h100-sxm', 2, 1000, 0.5);
    const row = DEFAULT_PRICES.gpus['h100-sxm']!;
    const power = 2 * (row.boardPowerW * 0.5 + DEFAULT_PRICES.hostWattsPerGpu);
    expect(c.powerW).toBeCloseTo(power, 6);
    const hourly = (2 * row.priceUsd!) / (DEFAULT_PRICES.amortisationYears * 8766) + (power / 1000) * DEFAULT_PRICES.electricityUsdPerKwh;
    expect(c.own!.usdPerHour).toBeCloseTo(hourly, 9);
    expect(c.own!.usdPerMillionOutputTokens).toBeCloseTo((hourly / 3.6e6) * 1e6, 9);
    expect(c.cloud!.usdPerHour).toBeCloseTo(2 * row.cloudUsdPerHour!, 9);
    expect(costOf('no-such-gpu', 1, 1000, 1).missing).toBe('no-such-gpu');
  });
});
