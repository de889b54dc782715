import { describe, expect, it } from 'vitest';
import { buildInventory, classifyTensorName, logicalElements, readQuantInfo } from './hf-tensors';

const none = readQuantInfo({});

describe('classifyTensorName', () => {
  it('maps embeddings, output, final norm and blocks, including multimodal prefixes', () => {
    expect(classifyTensorName('model.embed_tokens.weight')).toMatchObject({ name: 'token_embd.weight', layer: null });
    expect(classifyTensorName('language_model.model.embed_tokens.weight').role).toBe('embedding');
    expect(classifyTensorName('model.language_model.embed_tokens.weight').role).toBe('embedding');
    expect(classifyTensorName('lm_head.weight')).toMatchObject({ name: 'output.weight', role: 'output' });
    expect(classifyTensorName('model.norm.weight')).toMatchObject({ name: 'output_norm.weight' });
    expect(classifyTensorName('model.layers.17.self_attn.k_proj.weight')).toEqual({
      name: 'blk.17.attn_k.weight',
      layer: 17,
      role: 'layer',
    });
    expect(classifyTensorName('language_model.model.layers.3.mlp.down_proj.weight').name).toBe('blk.3.ffn_down.weight');
    expect(classifyTensorName('model.layers.3.mlp.experts.7.w1.weight')).toMatchObject({ layer: 3 });
    expect(classifyTensorName('transformer.h.2.attn.c_attn.weight').layer).toBe(2);
    // Vision encoder layers are not decoder blocks.
    expect(classifyTensorName('vision_tower.vision_model.encoder.layers.4.mlp.fc1.weight')).toMatchObject({ layer: null, role: 'other' });
  });
});

describe('logicalElements', () => {
  it('unpacks AWQ/GPTQ int32 qweight by the configured bits and ignores side tensors', () => {
    const awq = readQuantInfo({ quantization_config: { quant_method: 'awq', bits: 4, group_size: 128 } });
    expect(logicalElements('model.layers.0.mlp.up_proj.qweight', 'I32', 100, awq)).toBe(800);
    expect(logicalElements('model.layers.0.mlp.up_proj.qzeros', 'I32', 10, awq)).toBe(0);
    expect(logicalElements('model.layers.0.mlp.up_proj.scales', 'F16', 10, awq)).toBe(0);
    const gptq8 = readQuantInfo({ quantization_config: { quant_method: 'gptq', bits: 8 } });
    expect(logicalElements('x.qweight', 'I32', 100, gptq8)).toBe(400);
    expect(logicalElements('x.g_idx', 'I32', 100, gptq8)).toBe(0);
  });

  it('counts two values per byte for bitsandbytes 4-bit and MXFP4 blocks', () => {
    const bnb = readQuantInfo({ quantization_config: { quant_method: 'bitsandbytes', load_in_4bit: true } });
    expect(bnb.bnb4bit).toBe(true);
    expect(logicalElements('model.layers.0.mlp.up_proj.weight', 'U8', 50, bnb)).toBe(100);
    expect(logicalElements('model.layers.0.mlp.up_proj.weight.absmax', 'F32', 5, bnb)).toBe(0);
    expect(logicalElements('model.layers.0.mlp.up_proj.weight.quant_state.bitsandbytes__nf4', 'U8', 5, bnb)).toBe(0);
    expect(logicalElements('model.layers.0.mlp.experts.gate_up_proj_blocks', 'U8', 16, none)).toBe(32);
    expect(logicalElements('model.layers.0.mlp.experts.gate_up_proj_scales', 'U8', 1, none)).toBe(0);
    expect(logicalElements('model.layers.0.mlp.up_proj.weight', 'U8', 50, none)).toBe(50);
    expect(logicalElements('model.layers.0.mlp.up_proj.weight_scale_inv', 'F32', 4, none)).toBe(0);
  });
});

describe('buildInventory', () => {
  const t = (name: string, dtype: string, shape: number[], bytesPer = 2) => ({
    name,
    dtype,
    shape,
    elements: shape.reduce((a, b) => a * b, 1),
    bytes: shape.reduce((a, b) => a * b, 1) * bytesPer,
  });

  it('reverses shapes to ggml order, keeps bytes exact and drops a tied duplicate lm_head', () => {
    const stored = [
      t('model.embed_tokens.weight', 'BF16', [10, 4]),
      t('model.layers.0.self_attn.q_proj.weight', 'BF16', [4, 4]),
      t('model.norm.weight', 'BF16', [4]),
      t('lm_head.weight', 'BF16', [10, 4]),
    ];
    const inv = buildInventory(stored, { layers: 1, tiedEmbeddings: true, quant: none });
    expect(inv.tensors.map((x) => x.name)).toEqual(['token_embd.weight', 'blk.0.attn_q.weight', 'output_norm.weight']);
    expect(inv.tensors[0]!.shape).toEqual([4, 10]);
    expect(inv.parameterCount).toBe(40 + 16 + 4);
    expect(inv.weightsBytes).toBe(2 * (40 + 16 + 4));
    expect(inv.warnings.join(' ')).toMatch(/lm_head/);
    const untied = buildInventory(stored, { layers: 1, tiedEmbeddings: false, quant: none });
    expect(untied.parameterCount).toBe(100);
  });

  it('leaves out blocks beyond the configured layers (DeepSeek MTP) with a warning', () => {
    const stored = [
      t('model.layers.0.mlp.up_proj.weight', 'F8_E4M3', [8, 8], 1),
      t('model.layers.1.mlp.up_proj.weight', 'F8_E4M3', [8, 8], 1),
    ];
    const inv = buildInventory(stored, { layers: 1, tiedEmbeddings: false, quant: none });
    expect(inv.tensors).toHaveLength(1);
    expect(inv.tensors[0]!.type).toBe('F8');
    expect(inv.weightsBytes).toBe(64);
    expect(inv.warnings.join(' ')).toMatch(/Left out 64 bytes of block 1/);
  });
});
