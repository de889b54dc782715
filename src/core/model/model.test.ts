import { describe, expect, it } from 'vitest';
import { hfQuantizationFormat, ModelImportError, specFromHfConfig } from './from-hf-config';
import { countParameters } from './params';
import { isSlidingLayer, listTensors } from './tensors';

const llama = {
  model_type: 'llama',
  num_hidden_layers: 32,
  hidden_size: 4096,
  intermediate_size: 14336,
  num_attention_heads: 32,
  num_key_value_heads: 8,
  vocab_size: 128256,
  max_position_embeddings: 131072,
};

describe('listTensors', () => {
  it('names tensors the GGUF way with ggml shapes', () => {
    const { spec } = specFromHfConfig(llama);
    const ts = listTensors(spec);
    const q = ts.find((t) => t.name === 'blk.3.attn_q.weight');
    expect(q).toMatchObject({ shape: [4096, 4096], layer: 3, role: 'attn_q' });
    expect(ts.find((t) => t.name === 'blk.3.attn_k.weight')?.shape).toEqual([4096, 1024]);
    expect(ts.find((t) => t.name === 'blk.31.ffn_down.weight')?.shape).toEqual([14336, 4096]);
    expect(ts.find((t) => t.name === 'output.weight')?.shape).toEqual([4096, 128256]);
    expect(ts).toHaveLength(2 + 32 * 9 + 1);
  });

  it('tied embeddings drop output.weight; MoE experts are one 3-D tensor per layer', () => {
    const { spec } = specFromHfConfig({
      model_type: 'qwen3_moe',
      num_hidden_layers: 48,
      hidden_size: 2048,
      intermediate_size: 6144,
      moe_intermediate_size: 768,
      num_attention_heads: 32,
      num_key_value_heads: 4,
      head_dim: 128,
      vocab_size: 151936,
      num_experts: 128,
      num_experts_per_tok: 8,
      tie_word_embeddings: true,
    });
    const ts = listTensors(spec);
    expect(ts.some((t) => t.name === 'output.weight')).toBe(false);
    expect(ts.find((t) => t.name === 'blk.0.ffn_gate_exps.weight')?.shape).toEqual([2048, 768, 128]);
    expect(ts.find((t) => t.name === 'blk.0.ffn_down_exps.weight')?.shape).toEqual([768, 2048, 128]);
    expect(ts.find((t) => t.name === 'blk.0.attn_q_norm.weight')?.shape).toEqual([128]);
  });

  it('gpt-oss sinks and biases, DeepSeek MLA projections', () => {
    const oss = specFromHfConfig({
      model_type: 'gpt_oss',
      num_hidden_layers: 24,
      hidden_size: 2880,
      intermediate_size: 2880,
      num_attention_heads: 64,
      num_key_value_heads: 8,
      head_dim: 64,
      vocab_size: 201088,
      num_local_experts: 32,
      num_experts_per_tok: 4,
      sliding_window: 128,
    }).spec;
    const ts = listTensors(oss);
    expect(ts.find((t) => t.name === 'blk.0.attn_sinks.weight')?.shape).toEqual([64]);
    expect(ts.find((t) => t.name === 'blk.0.ffn_down_exps.bias')?.shape).toEqual([2880, 32]);
    expect(countParameters(oss).total).toBe(20_914_757_184);
    expect(isSlidingLayer(oss, 0)).toBe(true);
    expect(isSlidingLayer(oss, 1)).toBe(false);

    const ds = specFromHfConfig({
      model_type: 'deepseek_v3',
      num_hidden_layers: 61,
      hidden_size: 7168,
      intermediate_size: 18432,
      moe_intermediate_size: 2048,
      num_attention_heads: 128,
      vocab_size: 129280,
      n_routed_experts: 256,
      n_shared_experts: 1,
      num_experts_per_tok: 8,
      first_k_dense_replace: 3,
      q_lora_rank: 1536,
      kv_lora_rank: 512,
      qk_nope_head_dim: 128,
      qk_rope_head_dim: 64,
      v_head_dim: 128,
      topk_method: 'noaux_tc',
    }).spec;
    const d = listTensors(ds);
    expect(d.find((t) => t.name === 'blk.0.attn_kv_a_mqa.weight')?.shape).toEqual([7168, 576]);
    expect(d.find((t) => t.name === 'blk.0.attn_kv_b.weight')?.shape).toEqual([512, 128 * 256]);
    expect(d.some((t) => t.name === 'blk.2.ffn_gate_exps.weight')).toBe(false);
    expect(d.some((t) => t.name === 'blk.3.ffn_gate_exps.weight')).toBe(true);
    expect(countParameters(ds).total).toBe(671_026_419_200);
  });
});

describe('specFromHfConfig', () => {
  it('reads Gemma 3 text_config nesting with Gemma3TextConfig defaults', () => {
    const { spec, warnings } = specFromHfConfig({
      model_type: 'gemma3',
      architectures: ['Gemma3ForConditionalGeneration'],
      text_config: {
        model_type: 'gemma3_text',
        hidden_size: 2560,
        intermediate_size: 10240,
        num_hidden_layers: 34,
        sliding_window: 1024,
      },
      vision_config: { hidden_size: 1152 },
    });
    expect(warnings).toEqual([]);
    expect(spec).toMatchObject({ architecture: 'gemma3', heads: 8, kvHeads: 4, headDimK: 256, vocabSize: 262208, tiedEmbeddings: true });
    expect(spec.slidingWindow).toEqual({ window: 1024, period: 6, kind: 'sliding' });
    expect(countParameters(spec).total).toBe(3_880_263_168);
  });

  it('reads Llama 4 text_config with interleaved MoE and chunked attention', () => {
    const { spec } = specFromHfConfig({
      model_type: 'llama4',
      text_config: {
        model_type: 'llama4_text',
        hidden_size: 5120,
        intermediate_size: 8192,
        intermediate_size_mlp: 16384,
        num_hidden_layers: 48,
        num_attention_heads: 40,
        num_key_value_heads: 8,
        head_dim: 128,
        vocab_size: 202048,
        num_local_experts: 128,
        num_experts_per_tok: 1,
        interleave_moe_layer_step: 2,
        attention_chunk_size: 8192,
      },
    });
    expect(spec.moe?.layerStep).toBe(2);
    expect(spec.intermediateSize).toBe(16384);
    expect(spec.slidingWindow?.kind).toBe('chunked');
    expect(countParameters(spec).total).toBe(400_711_848_960);
  });

  it('falls back to a Llama-like spec with a warning for unknown model types', () => {
    const { spec, warnings } = specFromHfConfig({ ...llama, model_type: 'mystery' });
    expect(spec.architecture).toBe('llama');
    expect(warnings[0]).toMatch(/Unknown model_type "mystery"/);
  });

  it('throws ModelImportError naming the missing field', () => {
    expect(() => specFromHfConfig(null)).toThrow(ModelImportError);
    expect(() => specFromHfConfig('{"hidden_size": 4')).toThrow(/not a JSON object/);
    const { hidden_size: _drop, ...noHidden } = llama;
    expect(() => specFromHfConfig(noHidden)).toThrow(/missing "hidden_size"/);
    expect(() => specFromHfConfig({ ...llama, num_hidden_layers: -2 })).toThrow(/num_hidden_layers/);
    expect(() => specFromHfConfig({ ...llama, num_hidden_layers: 5e7 })).toThrow(ModelImportError);
    expect(() => specFromHfConfig({ ...llama, hidden_size: '4096' })).toThrow(/"hidden_size" is "4096", not a number/);
    const { intermediate_size: _i, ...noFfn } = llama;
    expect(() => specFromHfConfig(noFfn)).toThrow(/intermediate_size/);
  });

  it('does not mutate the caller config', () => {
    const cfg = { model_type: 'gemma3_text', hidden_size: 1152, intermediate_size: 6912, num_hidden_layers: 26, vocab_size: 262144 };
    specFromHfConfig(cfg);
    expect(Object.keys(cfg)).toHaveLength(5);
  });
});

describe('Cohere per-head q/k norms', () => {
  it('Command R+ counts a [head_dim, heads] q_norm and [head_dim, kv_heads] k_norm per layer', () => {
    const base = {
      model_type: 'cohere',
      num_hidden_layers: 64,
      hidden_size: 12288,
      intermediate_size: 33792,
      num_attention_heads: 96,
      num_key_value_heads: 8,
      vocab_size: 256000,
    };
    const plain = countParameters(specFromHfConfig(base).spec).total;
    const withNorm = specFromHfConfig({ ...base, use_qk_norm: true }).spec;
    expect(countParameters(withNorm).total - plain).toBe(64 * (96 * 128 + 8 * 128));
    expect(countParameters(withNorm).total).toBe(103_810_674_688);
  });
});

describe('hfQuantizationFormat', () => {
  it('maps quantization_config to format ids', () => {
    expect(hfQuantizationFormat(llama)).toBeNull();
    expect(hfQuantizationFormat({ quantization_config: { quant_method: 'awq', bits: 4, group_size: 128 } })).toBe('awq');
    expect(hfQuantizationFormat({ quantization_config: { quant_method: 'modelopt', quant_algo: 'NVFP4', group_size: 16 } })).toBe('nvfp4');
    expect(hfQuantizationFormat({ quantization_config: { quant_method: 'modelopt', quant_algo: 'FP8' } })).toBe('fp8');
    expect(hfQuantizationFormat({ quantization_config: { quant_method: 'modelopt', quant_algo: 'W4A8_AWQ' } })).toBeNull();
    expect(hfQuantizationFormat({ quantization_config: { quant_method: 'gptq', bits: 8, group_size: 128 } })).toBe('gptq-int8');
    expect(hfQuantizationFormat({ quantization_config: { quant_method: 'gptq', bits: 4, group_size: 32 } })).toBe('gptq-g32');
    expect(
      hfQuantizationFormat({
        quantization_config: {
          quant_method: 'bitsandbytes',
          load_in_4bit: true,
          bnb_4bit_quant_type: 'nf4',
          bnb_4bit_use_double_quant: true,
        },
      }),
    ).toBe('nf4-dq');
    expect(hfQuantizationFormat({ quantization_config: { quant_method: 'bitsandbytes', load_in_8bit: true } })).toBe('int8');
    expect(hfQuantizationFormat({ quantization_config: { quant_method: 'fp8' } })).toBe('fp8');
    expect(hfQuantizationFormat({ quantization_config: { quant_method: 'mxfp4' } })).toBe('mxfp4');
  });
});
