import { describe, expect, it } from 'vitest';
import { getModel } from '../../catalog';
import { priceSpecWeights } from '../weights';
import { rankWeightBytes } from './rank-weights';

const GiB = 1024 ** 3;
const spec = (id: string) => getModel(id)!.spec;
const total = (id: string, quant: string) => priceSpecWeights(spec(id), quant).bytes;

describe('weights on one tensor-parallel rank', () => {
  it('one rank holds everything; pipeline stages split it evenly', () => {
    const w = total('llama-3.1-8b-instruct', 'bf16');
    expect(rankWeightBytes(spec('llama-3.1-8b-instruct'), 'bf16', w, 'vllm', 1, 1)).toBe(w);
    expect(rankWeightBytes(spec('llama-3.1-8b-instruct'), 'bf16', w, 'vllm', 1, 2)).toBe(w / 2);
  });

  it('a dense model with enough KV heads splits evenly but for its norms', () => {
    const w = total('llama-3.3-70b-instruct', 'bf16');
    const r = rankWeightBytes(spec('llama-3.3-70b-instruct'), 'bf16', w, 'vllm', 4, 1);
    expect(r / (w / 4)).toBeCloseTo(1, 4);
  });

  it('past tp = n_kv_heads every rank keeps a whole KV head: Llama 70B (8 heads) at TP 16 holds twice its K/V share', () => {
    const s = spec('llama-3.3-70b-instruct');
    const w = total('llama-3.3-70b-instruct', 'bf16');
    // K and V: 80 layers × 2 × 8192 × (8 × 128) bf16; at TP 16 a rank keeps 1 head of 8 instead of half of one.
    const kv = 80 * 2 * 8192 * 8 * 128 * 2;
    expect(rankWeightBytes(s, 'bf16', w, 'vllm', 16, 1) - w / 16).toBeCloseTo(kv / 8 - kv / 16, -4);
  });

  it('DeepSeek-R1 FP8 at TP 8: MLA down-projections, routers and the bf16 W_UK/W_UV copy add about 1.16 GiB (S252 logs 79.74 vs an even 78.35)', () => {
    const w = total('deepseek-r1', 'fp8');
    const extra = (rankWeightBytes(spec('deepseek-r1'), 'fp8', w, 'vllm', 8, 1) - w / 8) / GiB;
    expect(extra).toBeGreaterThan(1.1);
    expect(extra).toBeLessThan(1.25);
    // SGLang replicates the same tensors but the copy is vLLM's.
    const sglang = (rankWeightBytes(spec('deepseek-r1'), 'fp8', w, 'sglang', 8, 1) - w / 8) / GiB;
    expect(extra - sglang).toBeCloseTo((61 * 512 * 128 * 256 * 2) / 8 / GiB, 3);
  });

  it('DeepSeek-V3.2 adds its replicated indexer (wq_b and wk in fp8, weights_proj in bf16)', () => {
    const r1 = rankWeightBytes(spec('deepseek-r1'), 'fp8', total('deepseek-r1', 'fp8'), 'vllm', 8, 1);
    const v32 = rankWeightBytes(spec('deepseek-v3.2'), 'fp8', total('deepseek-v3.2', 'fp8'), 'vllm', 8, 1);
    const indexer = 61 * (1536 * 64 * 128 + 7168 * 128 + 7168 * 64 * 2 + 128 * 2 * 2);
    expect((v32 - r1) / GiB).toBeCloseTo(indexer / GiB, 1);
  });
});

describe("vLLM's ROCm stride padding of 16-bit experts", () => {
  const id = 'qwen3-235b-a22b-instruct-2507';
  it('pads each w13 row (n_embd 4096 × 2 B, a multiple of 512) by 256 B; w2 rows of 384 B are left alone', () => {
    const w = total(id, 'bf16');
    const amd = rankWeightBytes(spec(id), 'bf16', w, 'vllm', 4, 1, true);
    const nvidia = rankWeightBytes(spec(id), 'bf16', w, 'vllm', 4, 1, false);
    // 94 layers × 128 experts × (2 × 1536 / 4) rows of 4096, each 128 elements (256 B) longer.
    expect(amd - nvidia).toBe(94 * 128 * 768 * 256);
    // S252 p1205 logs 112.61 GiB a GPU; the checkpoint's even share is 109.5.
    expect(amd / GiB).toBeGreaterThan(111.5);
  });

  it('leaves quantised experts, dense models and SGLang unpadded', () => {
    const fp8 = total('qwen3-235b-a22b', 'fp8');
    expect(rankWeightBytes(spec('qwen3-235b-a22b'), 'fp8', fp8, 'vllm', 4, 1, true)).toBe(
      rankWeightBytes(spec('qwen3-235b-a22b'), 'fp8', fp8, 'vllm', 4, 1, false),
    );
    const llama = total('llama-3.3-70b-instruct', 'bf16');
    expect(rankWeightBytes(spec('llama-3.3-70b-instruct'), 'bf16', llama, 'vllm', 1, 1, true)).toBe(llama);
    const w = total(id, 'bf16');
    expect(rankWeightBytes(spec(id), 'bf16', w, 'sglang', 4, 1, true)).toBe(rankWeightBytes(spec(id), 'bf16', w, 'sglang', 4, 1, false));
  });
});
