import { describe, expect, it } from 'vitest';
import { getModel } from '../catalog';
import { priceSpecWeights } from '../estimate/weights';
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
