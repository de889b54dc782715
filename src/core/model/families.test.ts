// The 2025–26 attention families from their real config.json files (tests/fixtures/hf, SOURCES.md):
// the llama.cpp architecture, the traits each family's loader checks, MoE layouts and parameter sums.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings, estimate } from '../estimate/index';
import { specFromHfConfig } from './from-hf-config';
import { countParameters } from './params';
import { isSlidingLayer, listTensors } from './tensors';
import type { ModelSpec } from './types';

const FIXTURES = resolve(__dirname, '../../../tests/fixtures/hf');
const load = (dir: string) => specFromHfConfig(JSON.parse(readFileSync(resolve(FIXTURES, dir, 'config.json'), 'utf8')) as unknown);
const shape = (spec: ModelSpec, name: string) => listTensors(spec).find((t) => t.name === name)?.shape;
const has = (spec: ModelSpec, name: string) => listTensors(spec).some((t) => t.name === name);

describe('GLM-4.5-Air (glm4_moe)', () => {
  const { spec, warnings, notes } = load('GLM-4.5-Air');

  it('has one dense leading layer, 128 routed + 1 shared expert and the score-correction bias', () => {
    expect(warnings).toEqual([]);
    expect(spec.architecture).toBe('glm4moe');
    expect(shape(spec, 'blk.0.ffn_up.weight')).toEqual([4096, 10944]);
    expect(shape(spec, 'blk.1.ffn_up_exps.weight')).toEqual([4096, 1408, 128]);
    expect(shape(spec, 'blk.1.ffn_up_shexp.weight')).toEqual([4096, 1408]);
    expect(shape(spec, 'blk.1.exp_probs_b.bias')).toEqual([128]);
    expect(shape(spec, 'blk.1.post_attention_norm.weight')).toEqual([4096]);
  });

  it('biases q/k/v but not the output projection, and has no QK-norm on Air', () => {
    expect(shape(spec, 'blk.0.attn_q.bias')).toEqual([96 * 128]);
    expect(has(spec, 'blk.0.attn_output.bias')).toBe(false);
    expect(has(spec, 'blk.0.attn_q_norm.weight')).toBe(false);
  });

  it('records its MTP layer without counting it', () => {
    expect(spec.mtpLayers).toBe(1);
    expect(notes).toHaveLength(1);
    expect(spec.layers).toBe(46);
    expect(listTensors(spec).some((t) => t.layer === 46)).toBe(false);
  });
});

describe('MiniMax-M2', () => {
  const { spec, warnings } = load('MiniMax-M2');

  it('norms q and k over the whole projection and routes 8 of 256 experts with a bias', () => {
    expect(warnings).toEqual([]);
    expect(spec.architecture).toBe('minimax-m2');
    expect(shape(spec, 'blk.0.attn_q_norm.weight')).toEqual([48 * 128]);
    expect(shape(spec, 'blk.0.attn_k_norm.weight')).toEqual([8 * 128]);
    expect(shape(spec, 'blk.0.ffn_gate_exps.weight')).toEqual([3072, 1536, 256]);
    expect(shape(spec, 'blk.0.exp_probs_b.bias')).toEqual([256]);
    expect(spec.intermediateSize).toBe(0);
    expect(spec.mtpLayers).toBe(3);
  });
});

describe('ERNIE 4.5 21B-A3B and Hunyuan-A13B', () => {
  it('ERNIE: experts from layer 1 on, 2 shared experts of moe_intermediate_size each, tied embeddings', () => {
    const { spec } = load('ERNIE-4.5-21B-A3B-PT');
    expect(spec.architecture).toBe('ernie4_5-moe');
    expect(spec.tiedEmbeddings).toBe(true);
    expect(shape(spec, 'blk.0.ffn_up.weight')).toEqual([2560, 12288]);
    expect(shape(spec, 'blk.1.ffn_up_shexp.weight')).toEqual([2560, 2 * 1536]);
    expect(shape(spec, 'blk.27.ffn_down_exps.weight')).toEqual([1536, 2560, 64]);
  });

  it('Hunyuan: per-layer lists read, shared MLP of intermediate_size, per-head QK-norm, tied by default', () => {
    const { spec } = load('Hunyuan-A13B-Instruct');
    expect(spec.architecture).toBe('hunyuan-moe');
    expect(spec.moe).toMatchObject({ experts: 64, expertsActive: 8, sharedExperts: 1, expertFfnSize: 3072, sharedExpertFfnSize: 3072 });
    expect(spec.tiedEmbeddings).toBe(true);
    expect(shape(spec, 'blk.0.attn_q_norm.weight')).toEqual([128]);
  });
});

describe('Seed-OSS-36B', () => {
  it('biases q/k/v only and sums to its tensors', () => {
    const { spec } = load('Seed-OSS-36B-Instruct');
    expect(spec.architecture).toBe('seed_oss');
    expect(has(spec, 'blk.0.attn_k.bias')).toBe(true);
    expect(has(spec, 'blk.0.attn_output.bias')).toBe(false);
    const h = 5120;
    const q = 80 * 128;
    const kv = 8 * 128;
    const layer = h * q + 2 * h * kv + q * h + (q + 2 * kv) + 3 * h * 27648 + 2 * h;
    expect(countParameters(spec).total).toBe(64 * layer + 2 * 155136 * h + h);
  });
});

describe('DeepSeek V3.2 (sparse-attention indexer)', () => {
  const v32 = load('DeepSeek-V3.2-Exp').spec;
  const v3 = load('DeepSeek-V3').spec;

  it('adds the lightning indexer to every layer of the V3 shape', () => {
    expect(v32.architecture).toBe('deepseek32');
    expect(v32.indexer).toEqual({ heads: 64, headDim: 128, topK: 2048 });
    expect(shape(v32, 'blk.0.indexer.attn_q_b.weight')).toEqual([1536, 64 * 128]);
    const perLayer = 2 * 128 + 7168 * 64 + 7168 * 128 + 1536 * 64 * 128;
    expect(countParameters(v32).total - countParameters(v3).total).toBe(61 * perLayer);
  });

  it('caches the indexer key beside the MLA latent', () => {
    const s = { ...defaultSettings('llama.cpp'), context: 4096, kvTypeK: 'f16' as const, kvTypeV: 'f16' as const };
    const perLayerToken = (spec: ModelSpec) => estimate({ spec }, s).kvCache.bytesPerToken / 61;
    expect(perLayerToken(v32) - perLayerToken(v3)).toBe(128 * 2);
  });
});

describe('SmolLM3 and OLMo 3 (field names of their releases)', () => {
  it('SmolLM3: NoPE layers change no memory; tied by default', () => {
    const { spec, warnings } = specFromHfConfig({
      model_type: 'smollm3',
      hidden_size: 2048,
      num_hidden_layers: 36,
      intermediate_size: 11008,
      num_attention_heads: 16,
      num_key_value_heads: 4,
      vocab_size: 128256,
      no_rope_layer_interval: 4,
    });
    expect(warnings).toEqual([]);
    expect(spec.architecture).toBe('smollm3');
    expect(spec.tiedEmbeddings).toBe(true);
  });

  it('OLMo 3: post-norms, whole-projection QK-norm, 3 sliding layers then 1 global', () => {
    const { spec } = specFromHfConfig({
      model_type: 'olmo3',
      hidden_size: 4096,
      num_hidden_layers: 8,
      intermediate_size: 11008,
      num_attention_heads: 32,
      num_key_value_heads: 32,
      vocab_size: 100278,
      sliding_window: 4096,
      layer_types: [0, 1].flatMap(() => ['sliding_attention', 'sliding_attention', 'sliding_attention', 'full_attention']),
    });
    expect(spec.architecture).toBe('olmo2');
    expect(spec.slidingWindow).toEqual({ window: 4096, period: 4, kind: 'sliding' });
    expect([0, 1, 2, 3].map((il) => isSlidingLayer(spec, il))).toEqual([true, true, true, false]);
    expect(shape(spec, 'blk.0.attn_q_norm.weight')).toEqual([4096]);
    expect(has(spec, 'blk.0.post_ffw_norm.weight')).toBe(true);
    expect(has(spec, 'blk.0.attn_norm.weight')).toBe(false);
  });
});

describe('Gemma 3n E4B (per-layer embeddings, AltUp, KV sharing)', () => {
  const { spec, warnings } = load('gemma-3n-E4B-it');

  it('reads the text tower with its 4:1 sliding pattern and the per-layer vocabulary llama.cpp converts', () => {
    expect(warnings).toEqual([]);
    expect(spec.architecture).toBe('gemma3n');
    expect(spec.vocabSize).toBe(262144);
    expect(spec.tiedEmbeddings).toBe(true);
    expect(spec.slidingWindow).toEqual({ window: 512, period: 5, kind: 'sliding' });
    expect(shape(spec, 'per_layer_token_embd.weight')).toEqual([256 * 35, 262144]);
    expect(shape(spec, 'blk.0.altup_predict_coef.weight')).toEqual([4, 16]);
    expect(shape(spec, 'blk.34.laurel_r.weight')).toEqual([64, 2048]);
  });

  it('keeps KV only on the first 35 − 15 = 20 layers; the shared ones still carry q/k/v weights', () => {
    expect(spec.kvLayers).toBe(20);
    const s = { ...defaultSettings('llama.cpp'), context: 32768, kvTypeK: 'f16' as const, kvTypeV: 'f16' as const };
    const kv = estimate({ spec }, s).kvCache;
    expect(kv.perLayer.slice(20).every((b) => b === 0)).toBe(true);
    expect(kv.perLayer.slice(0, 20).every((b) => b > 0)).toBe(true);
    // Global layers 4, 9, 14, 19 hold the full context: 2 KV heads × 256 × 2 (K, V) × 2 B per token.
    expect(kv.bytesPerToken).toBe(4 * 2 * 256 * 2 * 2);
    expect(has(spec, 'blk.34.attn_k.weight')).toBe(true);
  });

  it('reads a per-layer intermediate_size list', () => {
    const raw = JSON.parse(readFileSync(resolve(FIXTURES, 'gemma-3n-E4B-it', 'config.json'), 'utf8')) as {
      text_config: Record<string, unknown>;
    };
    raw.text_config.intermediate_size = Array.from({ length: 35 }, (_, i) => (i < 10 ? 8192 : 16384));
    const r = specFromHfConfig(raw);
    expect(r.spec.intermediateSize).toBe(16384);
    expect(shape(r.spec, 'blk.0.ffn_up.weight')).toEqual([2048, 8192]);
    expect(shape(r.spec, 'blk.10.ffn_up.weight')).toEqual([2048, 16384]);
  });
});
