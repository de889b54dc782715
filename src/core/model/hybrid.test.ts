// Hybrid stacks from their real config.json files (tests/fixtures/hf, sources in SOURCES.md): the layer
// pattern, every tensor llama.cpp loads, the per-sequence state and the parameter counts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layerPlan } from '../estimate/kv';
import { specFromHfConfig } from './from-hf-config';
import { countParameters } from './params';
import { listTensors } from './tensors';

const FIXTURES = resolve(__dirname, '../../../tests/fixtures/hf');
const load = (dir: string) => specFromHfConfig(JSON.parse(readFileSync(resolve(FIXTURES, dir, 'config.json'), 'utf8')) as unknown);
const shape = (spec: Parameters<typeof listTensors>[0], name: string) => listTensors(spec).find((t) => t.name === name)?.shape;

describe('Qwen3-Next (gated DeltaNet + gated attention, MoE with shared expert)', () => {
  const { spec, warnings } = load('Qwen3-Coder-Next');

  it('puts full attention on every 4th layer and linear attention elsewhere', () => {
    expect(warnings).toEqual([]);
    expect(spec.architecture).toBe('qwen3next');
    expect(spec.recurrent?.layers).toHaveLength(36);
    expect(spec.recurrent?.layers).not.toContain(3);
    expect(layerPlan(spec).kinds.filter((k) => k === 'full')).toHaveLength(12);
  });

  it('lists the linear-attention and gated-attention tensors llama.cpp loads', () => {
    // key dim 16·128 = 2048, value dim 32·128 = 4096; conv over q, k and v: 2·2048 + 4096.
    expect(shape(spec, 'blk.0.attn_qkv.weight')).toEqual([2048, 8192]);
    expect(shape(spec, 'blk.0.attn_gate.weight')).toEqual([2048, 4096]);
    expect(shape(spec, 'blk.0.ssm_conv1d.weight')).toEqual([4, 8192]);
    expect(shape(spec, 'blk.0.ssm_ba.weight')).toEqual([2048, 64]);
    expect(shape(spec, 'blk.0.ssm_out.weight')).toEqual([4096, 2048]);
    expect(shape(spec, 'blk.0.attn_q.weight')).toBeUndefined();
    // The q projection carries the output gate: 2 × 16 heads × 256.
    expect(shape(spec, 'blk.3.attn_q.weight')).toEqual([2048, 8192]);
    expect(shape(spec, 'blk.3.post_attention_norm.weight')).toEqual([2048]);
    expect(shape(spec, 'blk.3.ffn_gate_inp_shexp.weight')).toEqual([2048]);
  });

  it('keeps (d_conv − 1)·conv channels + head_k·value dim f32 state per linear layer', () => {
    expect(spec.recurrent?.stateElementsPerLayer).toBe(3 * 8192 + 128 * 4096);
  });

  it('reproduces the published total and active parameter counts', () => {
    // Quoted with the config in the copy SOURCES.md names: 79,674,391,296 total, 3,874,929,408 active.
    expect(countParameters(spec)).toEqual({ total: 79_674_391_296, active: 3_874_929_408 });
  });
});

describe('Nemotron-H (Mamba-2 / attention / squared-ReLU MLP blocks from a pattern string)', () => {
  const { spec, warnings } = load('Nemotron-H-8B-Base-8K');

  it('reads the 52-character pattern into 24 Mamba, 4 attention and 24 MLP blocks', () => {
    expect(warnings).toEqual([]);
    const plan = layerPlan(spec);
    expect(plan.kinds.filter((k) => k === 'recurrent')).toHaveLength(24);
    expect(plan.kinds.filter((k) => k === 'full')).toHaveLength(4);
    expect(plan.kinds.filter((k) => k === 'none')).toHaveLength(24);
    expect(plan.kinds[7]).toBe('full');
  });

  it('gives each block only its own tensors and one norm', () => {
    const ts = listTensors(spec);
    // d_in_proj = 2·8192 + 2·8·128 + 128 heads.
    expect(shape(spec, 'blk.0.ssm_in.weight')).toEqual([4096, 18560]);
    expect(shape(spec, 'blk.0.ssm_norm.weight')).toEqual([1024, 8]);
    expect(shape(spec, 'blk.1.ffn_up.weight')).toEqual([4096, 21504]);
    expect(ts.some((t) => t.name === 'blk.1.ffn_gate.weight')).toBe(false);
    expect(shape(spec, 'blk.7.attn_k.weight')).toEqual([4096, 1024]);
    expect(ts.filter((t) => t.layer === 7).map((t) => t.name)).toEqual([
      'blk.7.attn_norm.weight',
      'blk.7.attn_q.weight',
      'blk.7.attn_k.weight',
      'blk.7.attn_v.weight',
      'blk.7.attn_output.weight',
    ]);
  });

  it('keeps conv + SSM state of (4 − 1)·(8192 + 2·8·128) + 128·8192 elements per Mamba layer', () => {
    expect(spec.recurrent?.stateElementsPerLayer).toBe(3 * 10240 + 128 * 8192);
  });

  it('sums its blocks', () => {
    const h = 4096;
    const mamba = h * 18560 + 4 * 10240 + 10240 + 3 * 128 + 8192 + 8192 * h + h;
    const attention = h * (4096 + 1024 + 1024) + 4096 * h + h;
    const mlp = 2 * h * 21504 + h;
    const ends = 2 * 131072 * h + h;
    expect(countParameters(spec).total).toBe(24 * mamba + 4 * attention + 24 * mlp + ends);
  });
});

describe('LFM2 (short convolutions + GQA attention)', () => {
  const { spec } = load('LFM2-1.2B');

  it('takes attention layers from full_attn_idxs and the SwiGLU width from the 2/3 rule', () => {
    expect(spec.recurrent?.layers).toEqual([0, 1, 3, 4, 6, 7, 9, 11, 13, 15]);
    // 12288 · 2/3 = 8192, already a multiple of 256.
    expect(spec.intermediateSize).toBe(8192);
    expect(spec.tiedEmbeddings).toBe(true);
    expect(shape(spec, 'blk.0.shortconv.in_proj.weight')).toEqual([2048, 6144]);
    expect(shape(spec, 'blk.0.shortconv.conv.weight')).toEqual([3, 2048]);
    expect(shape(spec, 'blk.2.attn_k_norm.weight')).toEqual([64]);
    expect(shape(spec, 'token_embd_norm.weight')).toEqual([2048]);
  });

  it('keeps n_embd · (L − 1) conv state per conv layer and no SSM state', () => {
    expect(spec.recurrent?.stateElementsPerLayer).toBe(2048 * 2);
  });

  it('reproduces its parameter count from the blocks', () => {
    const h = 2048;
    const ffn = 3 * h * 8192 + 2 * h;
    const conv = 3 * h + 3 * h * h + h * h;
    const attn = h * h + 2 * h * 512 + h * h + 2 * 64;
    expect(countParameters(spec).total).toBe(65536 * h + h + 16 * ffn + 10 * conv + 6 * attn);
  });
});

describe('Granite 4.0-H (Mamba-2 + attention, MoE with shared expert on every layer)', () => {
  const { spec } = load('granitemoehybrid-docs-example');

  it('reads layer_types, the Mamba-2 sizes and the shared expert', () => {
    expect(spec.architecture).toBe('granitehybrid');
    expect(spec.recurrent?.layers).toEqual([0, 1, 2, 4, 5, 6]);
    expect(spec.moe).toMatchObject({ experts: 8, expertsActive: 2, expertFfnSize: 1024, sharedExperts: 1, sharedExpertFfnSize: 512 });
    // d_inner = 2 · 512; d_in_proj = 2·1024 + 2·1·128 + 8 heads.
    expect(shape(spec, 'blk.0.ssm_in.weight')).toEqual([512, 2312]);
    expect(shape(spec, 'blk.0.ssm_conv1d.bias')).toEqual([1280]);
    expect(shape(spec, 'blk.3.ffn_up_shexp.weight')).toEqual([512, 512]);
    expect(listTensors(spec).some((t) => t.name === 'blk.3.ffn_gate_inp_shexp.weight')).toBe(false);
    expect(spec.recurrent?.stateElementsPerLayer).toBe(3 * 1280 + 128 * 1024);
  });

  it('makes the dense Granite 4.0-H (no experts) use shared_intermediate_size as its FFN', () => {
    const { spec: dense } = specFromHfConfig({
      ...(JSON.parse(readFileSync(resolve(FIXTURES, 'granitemoehybrid-docs-example', 'config.json'), 'utf8')) as object),
      num_local_experts: 0,
    });
    expect(dense.moe).toBeUndefined();
    expect(dense.intermediateSize).toBe(512);
  });
});

describe('Nemotron 3 (Nemotron-H with MoE "E" blocks)', () => {
  const pattern = 'MEMEM*EMEMEM*EME';
  const { spec, warnings } = specFromHfConfig({
    model_type: 'nemotron_h',
    hidden_size: 2688,
    num_hidden_layers: pattern.length,
    hybrid_override_pattern: pattern,
    num_attention_heads: 32,
    num_key_value_heads: 2,
    head_dim: 128,
    intermediate_size: 1856,
    vocab_size: 131072,
    mamba_num_heads: 64,
    mamba_head_dim: 64,
    ssm_state_size: 128,
    n_groups: 8,
    conv_kernel: 4,
    n_routed_experts: 128,
    n_shared_experts: 1,
    num_experts_per_tok: 6,
    moe_intermediate_size: 1856,
    moe_shared_expert_intermediate_size: 3712,
  });

  it('places ungated routed + shared experts with a score-correction bias on the E blocks only', () => {
    expect(warnings).toEqual([]);
    expect(spec.architecture).toBe('nemotron_h_moe');
    const e = [...pattern].flatMap((ch, i) => (ch === 'E' ? [i] : []));
    expect(spec.moe?.layers).toEqual(e);
    expect(shape(spec, 'blk.1.ffn_up_exps.weight')).toEqual([2688, 1856, 128]);
    expect(listTensors(spec).some((t) => t.name === 'blk.1.ffn_gate_exps.weight')).toBe(false);
    expect(shape(spec, 'blk.1.ffn_down_shexp.weight')).toEqual([3712, 2688]);
    expect(shape(spec, 'blk.1.exp_probs_b.bias')).toEqual([128]);
    expect(listTensors(spec).some((t) => t.layer === 0 && /ffn/.test(t.name))).toBe(false);
  });

  it('counts 6 of 128 routed experts as active', () => {
    const { total, active } = countParameters(spec);
    const routedPerLayer = 2 * 2688 * 1856 * 128;
    expect(total - active).toBe(((routedPerLayer * (128 - 6)) / 128) * spec.moe!.layers!.length);
  });

  it('says the Super models latent MoE is approximated', () => {
    const r = specFromHfConfig({
      model_type: 'nemotron_h',
      hidden_size: 512,
      num_hidden_layers: 2,
      hybrid_override_pattern: 'ME',
      num_attention_heads: 8,
      vocab_size: 1024,
      intermediate_size: 256,
      n_routed_experts: 8,
      num_experts_per_tok: 2,
      moe_intermediate_size: 256,
      moe_latent_size: 128,
    });
    expect(r.spec.approximations).toEqual([expect.stringMatching(/latent MoE \(moe_latent_size 128\)/)]);
  });
});

describe('LFM2-MoE (LFM2-8B-A1B shape)', () => {
  const { spec, warnings } = specFromHfConfig({
    model_type: 'lfm2_moe',
    hidden_size: 2048,
    num_hidden_layers: 24,
    num_attention_heads: 32,
    num_key_value_heads: 8,
    vocab_size: 65536,
    intermediate_size: 7168,
    layer_types: Array.from({ length: 24 }, (_, i) => ([2, 6, 10, 14, 18, 21].includes(i) ? 'full_attention' : 'conv')),
    conv_L_cache: 3,
    num_dense_layers: 2,
    num_experts: 32,
    num_experts_per_tok: 4,
    moe_intermediate_size: 1792,
    use_expert_bias: true,
    tie_word_embeddings: true,
  });

  it('keeps intermediate_size as given for the dense leading layers and routes experts with a bias after them', () => {
    expect(warnings).toEqual([]);
    expect(spec.architecture).toBe('lfm2moe');
    expect(shape(spec, 'blk.1.ffn_up.weight')).toEqual([2048, 7168]);
    expect(shape(spec, 'blk.2.ffn_up_exps.weight')).toEqual([2048, 1792, 32]);
    expect(shape(spec, 'blk.2.exp_probs_b.bias')).toEqual([32]);
    expect(spec.recurrent?.layers).toHaveLength(18);
    expect(shape(spec, 'token_embd_norm.weight')).toEqual([2048]);
  });
});
