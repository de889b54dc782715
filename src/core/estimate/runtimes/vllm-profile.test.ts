// vLLM V1's profiled activation peak against the figures its own logs print: vLLM 0.19.0 on H100 80GB from
// llm-d-planner's accuracy logs (tests/fixtures/serving/SOURCES.md S7). The estimate (Compare) and the
// serving capacity (Serve) both price vLLM with this rule. A figure that moves by more than the stated
// tolerance is a change in the rule, not noise.

import { describe, expect, it } from 'vitest';
import { getModel } from '../../catalog';
import { defaultSettings, estimate } from '../index';
import {
  FUSED_MOE_CHUNK_TOKENS,
  fusedMoeWorkspaceBytes,
  parseVllmRelease,
  vllmProfilePeakBytes,
  vllmSamplerBytesPerLogit,
  vllmSamplerSorts,
  vllmSortSamplerBytesPerLogit,
} from './vllm-profile';

const GiB = 1024 ** 3;
const spec = (id: string) => getModel(id)!.spec;

describe('vLLM V1 profile peak (8192 batched tokens, 1024 rows, S7)', () => {
  // Measured "GiB for peak activation" per model; the rule is 0.02–0.13 GiB under on each (0.1–0.2 % of the pool).
  const dense: [string, number][] = [
    ['llama-3.1-8b-instruct', 1.89],
    ['qwen2.5-7b-instruct', 2.21],
    ['qwen3-8b', 2.21],
    ['phi-4', 1.52],
    ['gemma-2-9b-it', 3.65],
  ];
  for (const [id, measured] of dense) {
    it(`${id}: ${measured} GiB`, () => {
      expect(Math.abs(vllmProfilePeakBytes(spec(id), 8192, 1024, 1) / GiB - measured)).toBeLessThan(0.15);
    });
  }

  it('MoE models add the fused-experts workspace (Qwen3-30B-A3B 2.68, Mixtral TP 2 1.21, DeepSeek-V2-Lite 1.93 GiB)', () => {
    // 2.44, 1.21 and 1.82 GiB here: Qwen3-30B-A3B's 0.25 GiB short is 1.6 % of its 15.41 GiB pool.
    expect(Math.abs(vllmProfilePeakBytes(spec('qwen3-30b-a3b'), 8192, 1024, 1) / GiB - 2.68)).toBeLessThan(0.3);
    expect(Math.abs(vllmProfilePeakBytes(spec('mixtral-8x7b-instruct-v0.1'), 8192, 1024, 2) / GiB - 1.21)).toBeLessThan(0.05);
    expect(Math.abs(vllmProfilePeakBytes(spec('deepseek-v2-lite-chat'), 8192, 1024, 1) / GiB - 1.93)).toBeLessThan(0.15);
    expect(fusedMoeWorkspaceBytes(spec('llama-3.1-8b-instruct'), 8192, 1)).toBe(0);
  });

  it('the sampler rows are min(max_num_seqs, batched tokens): fewer rows, smaller peak', () => {
    const s = spec('llama-3.1-8b-instruct');
    expect(vllmProfilePeakBytes(s, 2048, 256, 1)).toBeLessThan(vllmProfilePeakBytes(s, 8192, 1024, 1) / 3);
  });
});

describe('the estimate prices vLLM with the same rule', () => {
  it('Compare shows the profile peak at TP 1 with the estimate’s batched tokens and sequences', () => {
    for (const id of ['llama-3.1-8b-instruct', 'qwen3-30b-a3b', 'gemma-2-9b-it']) {
      const s = { ...defaultSettings('vllm'), context: 8192, maxSeqs: 1024 };
      const e = estimate({ spec: spec(id) }, s);
      expect(e.compute.device, id).toBe(vllmProfilePeakBytes(spec(id), s.maxBatchedTokens, 1024, 1));
      expect(e.vllm!.activationPeakBytes, id).toBe(e.compute.device);
    }
  });

  it('Llama-3.1-8B at the defaults (8192 tokens, 256 rows): the forward pass outweighs the sampler', () => {
    const e = estimate({ spec: spec('llama-3.1-8b-instruct') }, { ...defaultSettings('vllm'), context: 8192 });
    // 8192 × (2 × 14336 + 4 × 4096) × 2 B = 704 MiB; the sampler is 8192 × 4096 × 4 B + 256 × 128256 × 14 B ≈ 566 MiB.
    expect(e.compute.device).toBe(8192 * (2 * 14336 + 4 * 4096) * 2);
    expect(e.compute.basis).toMatch(/^vLLM V1 profiling peak, tensor parallel 1: .* 256 rows × n_vocab × 14 B .* in 2-byte activations\.$/);
  });

  it('an MoE model adds the fused-experts workspace, and the basis says so', () => {
    const s = spec('qwen3-30b-a3b');
    const e = estimate({ spec: s }, { ...defaultSettings('vllm'), context: 8192 });
    const moe = s.moe!;
    const n = 2 * moe.expertFfnSize;
    expect(fusedMoeWorkspaceBytes(s, 8192, 1)).toBe(8192 * moe.expertsActive * (Math.max(n, s.hiddenSize) + n / 2) * 2);
    expect(e.compute.device).toBeGreaterThan(fusedMoeWorkspaceBytes(s, 8192, 1));
    expect(e.compute.basis).toContain(`fused MoE kernel's workspace, up to ${FUSED_MOE_CHUNK_TOKENS} tokens`);
  });

  it('fp32 activations double the forward pass and skip the logits’ fp32 copy', () => {
    expect(vllmSamplerBytesPerLogit(2)).toBe(14);
    expect(vllmSamplerBytesPerLogit(4)).toBe(12);
    const s = spec('llama-3.1-8b-instruct');
    expect(vllmProfilePeakBytes(s, 8192, 256, 1, 4)).toBe(2 * vllmProfilePeakBytes(s, 8192, 256, 1, 2));
  });
});

describe('the sampler by vLLM release', () => {
  it('reads release numbers and leaves the rest unnamed', () => {
    expect(parseVllmRelease('0.11.2')).toEqual([0, 11, 2]);
    expect(parseVllmRelease('0.13.0+rhai11')).toEqual([0, 13, 0]);
    expect(parseVllmRelease('v0.30')).toEqual([0, 30, 0]);
    expect(parseVllmRelease('n/a (2026-08)')).toBeUndefined();
    expect(parseVllmRelease('V0 (2024-12)')).toBeUndefined();
    expect(parseVllmRelease(undefined)).toBeUndefined();
  });

  it('sorts from 0.11.1 (FlashInfer off by default) until the Triton kernel, and below 8 rows in newer releases', () => {
    expect(vllmSamplerSorts('0.11.0', 1024)).toBe(false);
    expect(vllmSamplerSorts('0.11.1', 1024)).toBe(true);
    expect(vllmSamplerSorts('0.16.1', 256)).toBe(true);
    expect(vllmSamplerSorts('0.17.0', 256)).toBe(false);
    expect(vllmSamplerSorts(undefined, 256)).toBe(false);
    expect(vllmSamplerSorts(undefined, 4)).toBe(true);
    expect(vllmSamplerSorts('0.10.2', 4)).toBe(false);
  });

  it('the sort path keeps 38 B per logit in bf16, 24 B more than the kernels: 3.48 GiB at 1024 rows of Qwen3 (S211: 3.40–3.51)', () => {
    expect(vllmSortSamplerBytesPerLogit(2)).toBe(38);
    const s = spec('qwen3-8b');
    const gap = vllmProfilePeakBytes(s, 8192, 1024, 2, 2, '0.11.2') - vllmProfilePeakBytes(s, 8192, 1024, 2, 2, '0.19.0');
    expect(gap).toBe(1024 * s.vocabSize * 24);
    expect(gap / GiB).toBeCloseTo(3.48, 2);
  });
});
