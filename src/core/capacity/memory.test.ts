// The runtimes' pool arithmetic (runtime-memory.ts) against the figures their own logs print. vLLM 0.19.0 on
// H100 80GB from llm-d-planner's accuracy logs (tests/fixtures/serving/SOURCES.md S7), SGLang from vllm issue
// 21348 (S2). A figure that moves by more than the stated tolerance is a change in the rule, not noise.

import { describe, expect, it } from 'vitest';
import { getModel } from '../catalog';
import { defaultSettings } from '../estimate/index';
import { capacity, type CapacityInput } from './plan';
import { estimate } from '../estimate/index';
import { getGpu } from '../hardware/gpu-catalog';
import { sglangFreeAfterInitBytes, vllmNonTorchBytes, vllmSmallNvlsProfile } from './runtime-memory';
import { vllmHybridBlockTokens, vllmHybridLayout, vllmHybridSlotFactor } from '../estimate/runtimes/vllm-groups';
import { sglangStateBytesPerRequest } from '../estimate/runtimes/sglang';

const GiB = 1024 ** 3;
const h100 = getGpu('h100-sxm')!;
const spec = (id: string) => getModel(id)!.spec;

describe('non-torch memory and what SGLang sees as total', () => {
  it('vLLM: 0.25 GiB on one GPU, 2.1 GiB per GPU with NVLS over an H100 switch, 0.2 GiB over PCIe', () => {
    expect(vllmNonTorchBytes(h100, 1)).toBe(0.25 * GiB);
    expect(vllmNonTorchBytes(h100, 4)).toBe(2.1 * GiB);
    expect(vllmNonTorchBytes(getGpu('l40s')!, 8)).toBe(0.2 * GiB);
    expect(vllmNonTorchBytes(getGpu('a100-sxm4-80gb')!, 2)).toBe(0.2 * GiB);
  });

  it('vLLM before 0.17 profiles a smaller NVLink-switch share (0.11.2 / 0.13.0 on H200 logged 0.3–0.8 GiB)', () => {
    const h200 = getGpu('h200')!;
    expect(vllmNonTorchBytes(h200, 4, '0.11.2')).toBe(0.7 * GiB);
    expect(vllmNonTorchBytes(h200, 2, '0.13.0+rhai11')).toBe(0.7 * GiB);
    expect(vllmNonTorchBytes(h200, 4, '0.18.0')).toBe(2.1 * GiB);
    expect(vllmNonTorchBytes(h200, 4)).toBe(2.1 * GiB);
    expect(vllmNonTorchBytes(h200, 1, '0.11.2')).toBe(0.25 * GiB);
    expect(vllmNonTorchBytes(getGpu('l40s')!, 2, '0.11.2')).toBe(0.2 * GiB);
    expect(vllmSmallNvlsProfile('n/a (2026-08)')).toBe(false);
    expect(vllmSmallNvlsProfile('0.16.1')).toBe(true);
    expect(vllmSmallNvlsProfile('1.0.0')).toBe(false);
  });

  it('SGLang keeps back (1 − fraction) of the memory free after distributed set-up', () => {
    expect(sglangFreeAfterInitBytes(79 * GiB, 0.5 * GiB, 1)).toBe(78.5 * GiB);
    expect(sglangFreeAfterInitBytes(79 * GiB, 0.5 * GiB, 4)).toBe(76.5 * GiB);
    // Over PCIe the custom all-reduce is off past two GPUs: only NCCL's own 0.13 GiB (S42's 4 × L4 log).
    expect(sglangFreeAfterInitBytes(22 * GiB, 0.5 * GiB, 4, getGpu('l4')!.link)).toBeCloseTo(21.37 * GiB, -3);
  });
});

describe("vLLM's token count for sliding-window hybrids (padded layer groups)", () => {
  // S7's logs: "Available KV cache memory" ÷ "GPU KV cache size" is the bytes one counted token costs.
  const logged: [string, number, number][] = [
    ['gemma-3-27b-it', 19.53, 36560],
    ['gemma-3-4b-it', 62.51, 468144],
    ['gemma-3-12b-it', 47.72, 130304],
  ];
  for (const [id, gib, tokens] of logged) {
    it(`${id}: ${gib} GiB over ${tokens} tokens`, () => {
      const e = estimate({ spec: spec(id) }, { ...defaultSettings('vllm'), context: 8192 });
      const perToken = e.vllm!.kvBytesPerToken * vllmHybridSlotFactor(spec(id));
      // The logged GiB has two decimals: 0.03 % on the smallest pool here.
      expect(Math.abs(perToken / ((gib * GiB) / tokens) - 1)).toBeLessThan(0.002);
    });
  }

  it('leaves uniform models and equal splits alone (Llama-3.1-8B, gpt-oss-20b 12/12, Llama-4-Scout 12/36)', () => {
    for (const id of ['llama-3.1-8b-instruct', 'gpt-oss-20b', 'llama-4-scout-17b-16e-instruct'])
      expect(vllmHybridSlotFactor(spec(id)), id).toBe(1);
    expect(vllmHybridSlotFactor(spec('gemma-3-27b-it'))).toBeCloseTo(70 / 62, 10);
  });
});

describe("vLLM's blocks for models with recurrent layers (Mamba, DeltaNet)", () => {
  it('groups the state layers with the attention layers: Nemotron-3-Nano 5 groups of 6, Qwen3-Next 4 of 12', () => {
    expect(vllmHybridLayout(spec('nemotron-3-nano-30b-a3b'))).toEqual({
      groupSize: 6,
      attentionGroups: 1,
      stateGroups: 4,
      attentionLayers: 6,
      slotFactor: 5,
    });
    expect(vllmHybridLayout(spec('qwen3-coder-next'))).toEqual({
      groupSize: 12,
      attentionGroups: 1,
      stateGroups: 3,
      attentionLayers: 12,
      slotFactor: 4,
    });
    expect(vllmHybridLayout(spec('llama-3.1-8b-instruct'))).toBeNull();
  });

  it('sizes the attention block to hold one layer’s state, in multiples of 16 tokens', () => {
    expect(vllmHybridBlockTokens(1000, 10)).toBe(112);
    expect(vllmHybridBlockTokens(1600, 10)).toBe(160);
    expect(vllmHybridBlockTokens(0, 10)).toBe(16);
  });

  // S252 (Red Hat's dashboard records of vLLM start-up logs, H200, gpu_memory_utilization 0.92, 8,192 tokens):
  // the logged token count is num_blocks ÷ groups × block, and "Maximum concurrency for 8,192 tokens" is
  // num_blocks ÷ (attention blocks + one per state group): 538,016 tokens and 208.32 for Qwen3-Coder-Next FP8
  // (blocks of 544), 6,644,016 and 1,325.83 for Nemotron-3-Nano FP8 with an fp8 cache (blocks of 4,176: its SSM
  // state is float32). Read after round 6 was gathered.
  const h200 = getGpu('h200')!;
  const pool = (id: string, kv: 'bf16' | 'fp8') =>
    capacity({
      input: { spec: spec(id) },
      base: { ...defaultSettings('vllm'), quant: 'fp8', kvTypeK: kv, kvTypeV: kv },
      gpu: h200,
      workload: { users: 1, promptTokens: 8191, outputTokens: 1 },
      deployment: { runtime: 'vllm', gpusPerNode: 1, tp: 1, pp: 1, nodes: 1, maxModelLen: 8192, memoryFraction: 0.92 },
      layouts: false,
    }).pool;
  it('Qwen3-Coder-Next: blocks of 544 tokens, tokens and concurrency within 3 % of the log', () => {
    const p = pool('qwen3-coder-next', 'bf16');
    expect(p.basis.key).toBe('capacity.basis.vllmHybrid');
    expect(p.basis.params.block).toBe(544);
    expect(Math.abs(p.kvPoolTokens / 538016 - 1)).toBeLessThan(0.03);
    expect(Math.abs(p.maxConcurrencyAtMaxModelLen / 208.32 - 1)).toBeLessThan(0.03);
  });
  it('Nemotron-3-Nano: float32 SSM state, blocks of 4,176 tokens, within 1 % of the log', () => {
    const p = pool('nemotron-3-nano-30b-a3b', 'fp8');
    expect(p.basis.params.block).toBe(4176);
    expect(Math.abs(p.kvPoolTokens / 6644016 - 1)).toBeLessThan(0.01);
    expect(Math.abs(p.maxConcurrencyAtMaxModelLen / 1325.83 - 1)).toBeLessThan(0.01);
  });
});

describe('whole pools against the logs', () => {
  const run = (over: Partial<CapacityInput>, runtime: 'vllm' | 'sglang' = 'vllm') =>
    capacity({
      input: { spec: spec('llama-3.1-8b-instruct') },
      base: defaultSettings(runtime),
      gpu: h100,
      workload: { users: 1, promptTokens: 1024, outputTokens: 256 },
      deployment: { runtime, gpusPerNode: 1, tp: 1, pp: 1, nodes: 1, maxModelLen: 8192, memoryFraction: 0.95 },
      layouts: false,
      ...over,
    });

  it('vLLM Llama-3.1-8B at 0.95: 476,016 tokens logged (58.11 GiB), within 1 %', () => {
    expect(Math.abs(run({}).pool.kvPoolTokens / 476016 - 1)).toBeLessThan(0.01);
  });

  it('vLLM Llama-3.1-8B at TP 4: 2,209,792 tokens logged, the NVLS buffers included, within 1 %', () => {
    const p = run({ deployment: { runtime: 'vllm', gpusPerNode: 4, tp: 4, pp: 1, nodes: 1, maxModelLen: 8192, memoryFraction: 0.95 } });
    expect(Math.abs(p.pool.kvPoolTokens / 2209792 - 1)).toBeLessThan(0.01);
  });

  it('SGLang Qwen3-235B-A22B-FP8 on 4 × H100 at 0.93: 367,404 tokens logged, within 5 %', () => {
    const p = capacity({
      input: { spec: spec('qwen3-235b-a22b') },
      base: { ...defaultSettings('sglang'), quant: 'fp8' },
      gpu: h100,
      workload: { users: 1, promptTokens: 1024, outputTokens: 256 },
      deployment: { runtime: 'sglang', gpusPerNode: 4, tp: 4, pp: 1, nodes: 1, maxModelLen: 40960, memoryFraction: 0.93 },
      layouts: false,
    });
    expect(Math.abs(p.pool.kvPoolTokens / 367404 - 1)).toBeLessThan(0.05);
  });
});

describe("SGLang's recurrent-state slots for hybrid models (Mamba / gated DeltaNet)", () => {
  const h200 = getGpu('h200')!;
  const plan = (id: string) =>
    capacity({
      input: { spec: spec(id) },
      base: { ...defaultSettings('sglang'), quant: 'fp8' },
      gpu: h200,
      workload: { users: 1024, promptTokens: 8192, outputTokens: 1024 },
      deployment: { runtime: 'sglang', gpusPerNode: 1, tp: 1, pp: 1, nodes: 1, memoryFraction: 0.8 },
      layouts: false,
    });

  it('sizes one request of Qwen3.6-35B-A3B at 30 DeltaNet layers × (bf16 conv + fp32 state)', () => {
    // Per layer: conv (4 − 1) × (32·128 + 2·16·128) × 2 B = 49,152 B; state 128 × 32·128 × 4 B = 2,097,152 B.
    expect(sglangStateBytesPerRequest(spec('qwen3.6-35b-a3b'))).toBe(30 * (49_152 + 2_097_152));
    expect(sglangStateBytesPerRequest(spec('qwen3.6-35b-a3b'), 2)).toBe((30 * (49_152 + 2_097_152)) / 2);
    expect(sglangStateBytesPerRequest(spec('llama-3.1-8b-instruct'))).toBe(0);
  });

  it('splits what is left 0.9 : 1 between state slots and the KV pool, three slots per running request', () => {
    const whole = plan('qwen3.6-35b-a3b');
    const p = whole.pool;
    const { slots, stateBytes } = p.basis.params as { slots: number; stateBytes: number };
    // The per-GPU memory shows the slots apart from the KV pool.
    expect(whole.perDevice[0]!.stateBytes).toBe(slots * stateBytes);
    expect(whole.perDevice[0]!.kvBytes).toBe(p.kvPoolBytesPerGpu);
    expect(p.basis.key).toBe('capacity.basis.sglangHybrid');
    // The KV pool is what the slots leave: 1 / 1.9 of the rest, less the slots' rounding.
    expect(p.kvPoolBytesPerGpu).toBeGreaterThan((slots * stateBytes) / 0.9);
    expect(p.kvPoolBytesPerGpu).toBeLessThan(((slots + 1) * stateBytes) / 0.9);
    expect(p.maxNumSeqs).toBe(Math.floor(slots / 3));
    expect(p.batchLimit).toBeLessThanOrEqual(p.maxNumSeqs);
  });

  it('leaves a model without recurrent layers on the plain rule', () => {
    expect(plan('qwen3-32b').pool.basis.key).toBe('capacity.basis.sglang');
  });
});
