// vLLM's preallocated LoRA slots: the width formula against a published parameter count, the rank vLLM
// accepts, and the set's bytes and recipe when a LoRA member runs on vLLM.

import { describe, expect, it } from 'vitest';
import type { PlanningHardware } from '../advice/types';
import { getModel } from '../catalog';
import { defaultSettings } from '../estimate/index';
import { GiB } from '../units';
import { estimateSet, makeMember, vllmRecipes } from './index';
import { vllmLoraFixed, vllmLoraSlots, vllmMaxLoraRank } from './recipes-lora';

const spec = (id: string) => getModel(id)!.spec;

function gpus(count: number): PlanningHardware {
  return {
    devices: Array.from({ length: count }, (_, i) => ({
      id: `gpu${i}`,
      name: '80 GiB GPU',
      vendor: 'nvidia' as const,
      source: 'user' as const,
      kind: 'dedicated' as const,
      totalBytes: 80 * GiB,
      usedBytes: 0,
      bandwidthGBps: 2000,
      fp16Tflops: 300,
    })),
    ramBytes: 256 * GiB,
    ramAvailableBytes: 200 * GiB,
    ramBandwidthGBps: 100,
  };
}

describe('vllmLoraSlots', () => {
  it('one rank-16 slot of Llama 3 8B holds as many elements as PEFT counts for r = 16 on all linear layers', () => {
    // PEFT's print_trainable_parameters() for Llama-3-8B, r=16, target q/k/v/o/gate/up/down:
    // "trainable params: 41,943,040" = 16 × 32 layers × (8192 + 2·5120 + 8192 + 2·18432 + 18432).
    const s = vllmLoraSlots(spec('llama-3.1-8b'), 16);
    expect(s.widthPerRank * 16).toBe(41_943_040);
    expect(s.gpuBytes).toBe(41_943_040 * 2);
  });

  it('rounds the rank up to one vLLM accepts, scales with --max-loras, and refuses ranks above 512', () => {
    expect(vllmMaxLoraRank(8)).toBe(8);
    expect(vllmMaxLoraRank(12)).toBe(16);
    expect(vllmMaxLoraRank(300)).toBe(320);
    expect(vllmMaxLoraRank(null)).toBe(16);
    const one = vllmLoraSlots(spec('qwen3-8b'), 12);
    const four = vllmLoraSlots(spec('qwen3-8b'), 12, { maxLoras: 4 });
    expect(one.maxLoraRank).toBe(16);
    expect(four.gpuBytes).toBe(4 * one.gpuBytes);
    expect(four.maxCpuLoras).toBe(4);
    expect(() => vllmLoraSlots(spec('qwen3-8b'), 1024)).toThrow(/512/);
  });

  it('shards lora_b of column-parallel and lora_a of row-parallel layers under tensor parallelism', () => {
    const one = vllmLoraSlots(spec('llama-3.1-8b'), 16);
    const two = vllmLoraSlots(spec('llama-3.1-8b'), 16, { tensorParallel: 2 });
    // Per layer at TP 2: q/k/v and gate/up keep their 4096-wide input, o and down keep their 4096-wide output.
    const perLayer = 3 * 4096 + (4096 + 1024 + 1024) / 2 + (4096 / 2 + 4096) + 2 * (4096 + 14336 / 2) + (14336 / 2 + 4096);
    expect(two.widthPerRank).toBe(32 * perLayer);
    expect(two.gpuBytes).toBeLessThan(one.gpuBytes);
  });
});

describe('a LoRA member on vLLM', () => {
  it('is priced as the slots on the GPU plus the CPU cache, and its recipe passes the same slots', () => {
    const main = { ...defaultSettings('vllm'), quant: 'bf16', context: 8192 };
    const file = { weightsBytes: 167_832_240, computeBytes: 0, loraRank: 16, basis: 'adapter (test)' };
    const set = estimateSet(
      [
        makeMember('llama-3.1-8b', 'main', { spec: spec('llama-3.1-8b') }, main),
        { ...makeMember('my-adapter', 'lora', { spec: spec('llama-3.1-8b') }, main), fixed: file },
      ],
      gpus(1),
    );
    const lora = set.members.find((m) => m.role === 'lora')!;
    const expected = vllmLoraFixed(spec('llama-3.1-8b'), file);
    expect(lora.deviceBytes[0]).toBe(41_943_040 * 2);
    expect(lora.cpuBytes).toBe(expected.hostBytes);
    expect(lora.cpuBytes).toBe(file.weightsBytes);
    const [recipe] = vllmRecipes(set, gpus(1));
    const parts = recipe!.command.split(' ');
    const arg = (f: string) => parts[parts.indexOf(f) + 1];
    expect(parts).toContain('--enable-lora');
    expect(arg('--max-loras')).toBe('1');
    expect(arg('--max-lora-rank')).toBe('16');
    expect(arg('--max-cpu-loras')).toBe('1');
    expect(arg('--lora-modules')).toBe('my-adapter=my-adapter');
  });
});
