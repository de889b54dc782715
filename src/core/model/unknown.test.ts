// Shapes the importer does not know are named, never silent: each becomes an "approximated because …"
// sentence on the spec that every estimate of it repeats.
import { describe, expect, it } from 'vitest';
import { defaultSettings, estimate } from '../estimate/index';
import { specFromHfConfig } from './from-hf-config';
import { countParameters } from './params';

const base = {
  hidden_size: 2048,
  num_hidden_layers: 24,
  num_attention_heads: 16,
  num_key_value_heads: 4,
  intermediate_size: 6144,
  vocab_size: 65536,
};

describe('configs of families the importer does not know', () => {
  it('reads a future MoE under the common field names instead of pricing it as a small dense model', () => {
    const { spec, warnings } = specFromHfConfig({
      ...base,
      model_type: 'future_moe',
      num_experts: 64,
      num_experts_per_tok: 6,
      moe_intermediate_size: 768,
      n_shared_experts: 1,
    });
    expect(spec.moe).toMatchObject({ experts: 64, expertsActive: 6, expertFfnSize: 768, sharedExperts: 1 });
    // 64 experts × 3 matrices × 2048 × 768 per layer dominate: far above the dense 6144-wide reading.
    expect(countParameters(spec).total).toBeGreaterThan(24 * 64 * 3 * 2048 * 768);
    expect(warnings[0]).toMatch(/^Unknown model_type "future_moe": approximated because/);
    expect(spec.approximations?.join(' ')).toMatch(
      /experts were read from common field names \(64 experts, 6 active, width 768, 1 shared\)/,
    );
  });

  it('says when recurrent layers cannot be placed, and when a sliding window is not applied', () => {
    const { spec } = specFromHfConfig({
      ...base,
      model_type: 'future_hybrid',
      mamba_d_state: 128,
      mamba_n_heads: 64,
      sliding_window: 4096,
      layer_types: Array.from({ length: 24 }, (_, i) => (i % 4 === 3 ? 'full_attention' : 'delta_rule')),
    });
    const text = spec.approximations?.join('\n') ?? '';
    expect(spec.recurrent).toBeUndefined();
    expect(text).toMatch(/recurrent or linear-attention layers \(mamba_d_state, mamba_n_heads\)/);
    expect(text).toMatch(/layer_types names layer kinds this importer does not model \(delta_rule\)/);
    expect(text).toMatch(/sliding_window 4096 is set .* every layer keeps the full context/);
  });

  it('flags a sparse-attention indexer on a known family and repeats every approximation with the estimate', () => {
    const { spec } = specFromHfConfig({ ...base, model_type: 'llama', index_topk: 2048, index_n_heads: 64 });
    expect(spec.approximations).toEqual([expect.stringMatching(/sparse-attention indexer \(index_topk\)/)]);
    const est = estimate({ spec }, defaultSettings('llama.cpp'));
    expect(est.warnings).toEqual(expect.arrayContaining(spec.approximations!));
  });

  it('leaves a known, fully modelled config without approximations', () => {
    const { spec, warnings } = specFromHfConfig({ ...base, model_type: 'qwen3', head_dim: 128 });
    expect(spec.approximations).toBeUndefined();
    expect(warnings).toEqual([]);
  });
});

describe('multi-token-prediction layers', () => {
  it('are recorded, left out of the tensors and named in the weights basis', () => {
    const cfg = { ...base, model_type: 'qwen3', head_dim: 128 };
    const plain = specFromHfConfig(cfg);
    const r = specFromHfConfig({ ...cfg, num_nextn_predict_layers: 1 });
    expect(r.spec.mtpLayers).toBe(1);
    expect(r.warnings).toEqual([]);
    expect(r.notes[0]).toMatch(/^1 multi-token-prediction layer in the checkpoint is not counted: llama\.cpp skips it/);
    expect(countParameters(r.spec)).toEqual(countParameters(plain.spec));
    expect(estimate({ spec: r.spec }, defaultSettings('llama.cpp')).weights.basis).toMatch(/1 multi-token-prediction layer\(s\) left out/);
  });
});

describe('families sized as a known layout', () => {
  const mla = {
    hidden_size: 2048,
    num_hidden_layers: 4,
    num_attention_heads: 20,
    num_key_value_heads: 20,
    intermediate_size: 10240,
    vocab_size: 154880,
    q_lora_rank: 768,
    kv_lora_rank: 512,
    qk_nope_head_dim: 192,
    qk_rope_head_dim: 64,
    v_head_dim: 256,
    n_routed_experts: 64,
    n_shared_experts: 1,
    num_experts_per_tok: 4,
    moe_intermediate_size: 1536,
    first_k_dense_replace: 1,
    topk_method: 'noaux_tc',
  };

  it('GLM-4.7-Flash (glm4_moe_lite) is DeepSeek V3 MLA + MoE, with no head_dim warning for 2048 / 20 heads', () => {
    const { spec, warnings } = specFromHfConfig({ ...mla, model_type: 'glm4_moe_lite' });
    expect(warnings).toEqual([]);
    expect(spec.architecture).toBe('deepseek2');
    expect(spec.mla).toEqual({ kvLoraRank: 512, qLoraRank: 768, qkNopeHeadDim: 192, qkRopeHeadDim: 64, vHeadDim: 256 });
  });

  it('GLM-5 (glm_moe_dsa) adds the DeepSeek V3.2 indexer', () => {
    const { spec, warnings } = specFromHfConfig({
      ...mla,
      model_type: 'glm_moe_dsa',
      index_n_heads: 32,
      index_head_dim: 128,
      index_topk: 2048,
    });
    expect(warnings).toEqual([]);
    expect(spec.indexer).toEqual({ heads: 32, headDim: 128, topK: 2048 });
  });
});
