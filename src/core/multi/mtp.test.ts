// The MTP drafter's bytes, checked against DeepSeek-V3's config.json worked out by hand, and its refusals.

import { describe, expect, it } from 'vitest';
import type { PlanningHardware } from '../advice/types';
import { getModel } from '../catalog';
import { defaultSettings } from '../estimate/index';
import type { EstimateSettings } from '../estimate/types';
import { GiB } from '../units';
import { makeMember } from './member';
import { MtpError, mtpBlockSpec, mtpFixed, mtpModule, mtpTokens } from './mtp';
import { summarizeSet } from './summary';

function input(id: string) {
  const m = getModel(id);
  if (!m) throw new Error(`no ${id}`);
  return { spec: m.spec };
}

const vllm = (over: Partial<EstimateSettings> = {}): EstimateSettings => ({
  ...defaultSettings('vllm'),
  quant: 'fp8',
  context: 4096,
  parallel: 1,
  ...over,
});

function h200(count: number): PlanningHardware {
  return {
    devices: Array.from({ length: count }, (_, i) => ({
      id: `gpu${i}`,
      name: 'H200',
      vendor: 'nvidia' as const,
      source: 'user' as const,
      kind: 'dedicated' as const,
      totalBytes: 141 * 1e9,
      usedBytes: 0,
      bandwidthGBps: 4800,
      fp16Tflops: 989,
    })),
    ramBytes: 512 * GiB,
    ramAvailableBytes: 480 * GiB,
    ramBandwidthGBps: 200,
  };
}

describe('mtpModule', () => {
  it('DeepSeek-V3 at fp8: one MoE block + eh_proj + three norms, from config.json by hand', () => {
    // hidden 7168, q_lora_rank 1536, kv_lora_rank 512, rope 64, nope 128, v 128, 128 heads,
    // 256 routed experts + 1 shared of moe_intermediate_size 2048, num_nextn_predict_layers 1.
    const h = 7168;
    // fp8 (the checkpoint's quantization_config): every Linear 1 B per element + one 4 B scale per matrix.
    const linear = (n: number, mats = 1) => n + 4 * mats;
    const attention =
      linear(h * 1536) + // q_a_proj
      linear(1536 * 128 * (128 + 64)) + // q_b_proj
      linear(h * (512 + 64)) + // kv_a_proj_with_mqa
      linear(512 * 128 * (128 + 128)) + // kv_b_proj
      linear(128 * 128 * h); // o_proj
    const experts = 3 * linear(h * 2048 * 256, 256) + 3 * linear(h * 2048);
    // Norms, router and its correction bias stay BF16: 2 B per element.
    const small = 2 * (2 * h + 1536 + 512 + h * 256 + 256);
    const block = attention + experts + small;
    const ehProj = 2 * (2 * h * h); // nn.Linear without quant config: BF16
    const norms = 3 * 2 * h; // enorm, hnorm, shared_head.norm
    const m = mtpModule(input('deepseek-v3'), vllm());
    expect(m.blockBytes).toBe(block);
    expect(m.projBytes).toBe(ehProj);
    expect(m.normBytes).toBe(norms);
    expect(m.weightsBytes).toBe(block + ehProj + norms);
    // MLA: one latent of 512 + 64 per token, BF16, 4096 tokens (a whole number of 16-token blocks), one slot.
    expect(m.kvBytes).toBe(4096 * (512 + 64) * 2);
    expect(m.tokens).toBe(1);
    // The module is about the "14B MTP module" of DeepSeek's README less the shared embedding and head (2 × 0.93B).
    expect(m.weightsBytes / 1e9).toBeGreaterThan(11);
    expect(m.weightsBytes / 1e9).toBeLessThan(12.5);
  });

  it('Qwen3-Next: one full-attention MoE layer (never linear attention), two drafted tokens', () => {
    const spec = input('qwen3-next-80b-a3b-instruct').spec;
    const block = mtpBlockSpec(spec);
    expect(block.layers).toBe(1);
    expect(block.recurrent).toBeUndefined();
    expect(mtpTokens(spec)).toBe(2);
    const m = mtpModule({ spec }, vllm());
    // fc is quantised with the checkpoint's quant config: 2·2048 × 2048 at 1 B + one scale.
    expect(m.projBytes).toBe(2 * 2048 * 2048 + 4);
    expect(m.kvBytes).toBeGreaterThan(0);
  });

  it('refuses llama.cpp and models without MTP layers, in one sentence', () => {
    expect(() => mtpModule(input('deepseek-v3'), { ...defaultSettings('llama.cpp'), quant: 'Q4_K_M' })).toThrow(MtpError);
    expect(() => mtpModule(input('deepseek-v3'), { ...defaultSettings('llama.cpp'), quant: 'Q4_K_M' })).toThrow(/needs vLLM or SGLang/);
    expect(() => mtpModule(input('qwen3-8b'), vllm({ quant: 'bf16' }))).toThrow(/no multi-token-prediction layers/);
  });
});

describe('a set with --draft mtp', () => {
  it('counts the MTP layers once, splits them like the main model and gives the speed range with c < 0.05', () => {
    const main = input('deepseek-v3');
    const s = vllm();
    const m = mtpModule(main, s);
    const members = [
      makeMember('deepseek-v3', 'main', main, s),
      { ...makeMember('deepseek-v3-mtp', 'draft', main, s), fixed: mtpFixed(m) },
    ];
    const r = summarizeSet(members, h200(8));
    const d = r.models.find((x) => x.role === 'draft')!;
    expect(d.bytes.weights).toBe(m.weightsBytes);
    expect(d.bytes.kv).toBe(m.kvBytes);
    expect(d.bytes.total).toBe(m.weightsBytes + m.kvBytes);
    // Tensor parallel over 8 devices: each holds an eighth of the module.
    expect(d.bytes.devices.reduce((a, b) => a + b, 0)).toBeCloseTo(d.bytes.total, -1);
    for (const b of d.bytes.devices) expect(b).toBeCloseTo(d.bytes.total / 8, -1);
    expect(r.draft!.draftTokens).toBe(1);
    expect(r.draft!.costRatio).toBeGreaterThan(0.01);
    expect(r.draft!.costRatio).toBeLessThan(0.05);
    expect(r.launch.vllm[0]!.command).toContain(`--speculative-config '{"method":"mtp","num_speculative_tokens":1}'`);
  });
});
