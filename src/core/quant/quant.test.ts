import { describe, expect, it } from 'vitest';
import { specFromHfConfig } from '../model/from-hf-config';
import { listTensors } from '../model/tensors';
import { bitsPerWeight, ggmlBytes, ggmlType, ggmlTypeById } from './ggml-types';
import { QUANT_FORMATS, quantForBits, resolveQuant, UnknownQuantError } from './formats';
import { hfTensorBytes } from './hf';
import { GGUF_FILE_TYPES, tensorTypeForFileType } from './recipes';

const llama3_8b = specFromHfConfig({
  model_type: 'llama',
  num_hidden_layers: 32,
  hidden_size: 4096,
  intermediate_size: 14336,
  num_attention_heads: 32,
  num_key_value_heads: 8,
  vocab_size: 128256,
}).spec;

describe('ggml types', () => {
  it('block sizes follow ggml type traits', () => {
    const expected: Record<string, [number, number]> = {
      Q4_0: [32, 18],
      Q4_1: [32, 20],
      Q5_0: [32, 22],
      Q5_1: [32, 24],
      Q8_0: [32, 34],
      Q2_K: [256, 84],
      Q3_K: [256, 110],
      Q4_K: [256, 144],
      Q5_K: [256, 176],
      Q6_K: [256, 210],
      Q8_K: [256, 292],
      IQ4_XS: [256, 136],
      IQ4_NL: [32, 18],
      MXFP4: [32, 17],
      IQ1_M: [256, 56],
      TQ1_0: [256, 54],
    };
    for (const [name, [block, size]] of Object.entries(expected)) {
      expect(ggmlType(name).blockSize, name).toBe(block);
      expect(ggmlType(name).typeSize, name).toBe(size);
    }
    expect(ggmlTypeById(39)?.name).toBe('MXFP4');
    expect(bitsPerWeight(ggmlType('Q4_K'))).toBe(4.5);
    expect(bitsPerWeight(ggmlType('Q6_K'))).toBeCloseTo(6.5625, 6);
  });

  it('prices whole blocks and refuses partial ones', () => {
    // Llama-3.1-8B token_embd at Q4_0: 128256 × 4096 → 281.81 MiB.
    const bytes = ggmlBytes(ggmlType('Q4_0'), 128256 * 4096);
    expect(bytes).toBe(295_501_824);
    expect(bytes / 1024 / 1024).toBeCloseTo(281.81, 2);
    expect(() => ggmlBytes(ggmlType('Q4_K'), 100)).toThrow(/multiple/);
  });
});

describe('quant formats', () => {
  it('resolves ids case-insensitively and lists every required file type', () => {
    expect(resolveQuant('q4_k_m').id).toBe('Q4_K_M');
    expect(resolveQuant('BF16').id).toBe('BF16');
    expect(resolveQuant('bf16').id).toBe('bf16');
    expect(resolveQuant('AWQ').family).toBe('hf');
    for (const ft of GGUF_FILE_TYPES) expect(resolveQuant(ft).family).toBe('gguf');
    expect(QUANT_FORMATS.filter((f) => f.family === 'gguf')).toHaveLength(33);
  });

  it('throws a clear error for unknown ids', () => {
    expect(() => resolveQuant('Q9_K')).toThrow(UnknownQuantError);
    expect(() => resolveQuant('Q9_K')).toThrow(/Unknown quantisation "Q9_K"/);
    expect(() => resolveQuant('')).toThrow(UnknownQuantError);
  });

  it('accepts AWQ/GPTQ group-size variants', () => {
    const g = resolveQuant('gptq-int8-g32');
    expect(g.groupSize).toBe(32);
    expect(g.nominalBits).toBe(8);
    expect(resolveQuant('awq-g64').groupSize).toBe(64);
  });

  it('maps the article 16/8/4-bit to each runtime', () => {
    expect(quantForBits(16, 'llama.cpp').id).toBe('F16');
    expect(quantForBits(8, 'llama.cpp').id).toBe('Q8_0');
    expect(quantForBits(4, 'llama.cpp').id).toBe('Q4_K_M');
    expect(quantForBits(16, 'vllm').id).toBe('bf16');
    expect(quantForBits(8, 'vllm').id).toBe('fp8');
    expect(quantForBits(4, 'vllm').id).toBe('awq');
    expect(quantForBits(8, 'transformers').id).toBe('int8');
    expect(quantForBits(4, 'transformers').id).toBe('nf4');
  });
});

describe('llama-quantize recipes', () => {
  const t = (ft: string, role: Parameters<typeof tensorTypeForFileType>[1], layer: number | null, spec = llama3_8b) =>
    tensorTypeForFileType(ft, role, layer, spec);

  it('Q4_K_M: Q6_K output, Q6_K attn_v/ffn_down on use_more_bits layers', () => {
    expect(t('Q4_K_M', 'output', null)).toBe('Q6_K');
    expect(t('Q4_K_M', 'token_embd', null)).toBe('Q4_K');
    expect(t('Q4_K_M', 'attn_q', 5)).toBe('Q4_K');
    // use_more_bits(i, 32): i < 4, i >= 28, or (i - 4) % 3 == 2.
    expect(t('Q4_K_M', 'attn_v', 0)).toBe('Q6_K');
    expect(t('Q4_K_M', 'attn_v', 4)).toBe('Q4_K');
    expect(t('Q4_K_M', 'attn_v', 6)).toBe('Q6_K');
    expect(t('Q4_K_M', 'ffn_down', 7)).toBe('Q4_K');
    expect(t('Q4_K_M', 'ffn_down', 9)).toBe('Q6_K');
    expect(t('Q4_K_M', 'ffn_down', 31)).toBe('Q6_K');
    expect(t('Q4_K_M', 'norm', 3)).toBe('F32');
  });

  it('Llama-3-8B Q4_K_M averages about 4.89 bits per weight', () => {
    let bytes = 0;
    let n = 0;
    for (const x of listTensors(llama3_8b)) {
      const e = x.shape.reduce((a, b) => a * b, 1);
      bytes += ggmlBytes(ggmlType(tensorTypeForFileType('Q4_K_M', x.role, x.layer, llama3_8b, { shape: x.shape })), e);
      n += e;
    }
    expect((bytes * 8) / n).toBeCloseTo(4.89, 2);
  });

  it('tied embeddings take the output treatment; Falcon keeps Q8_0', () => {
    const tied = { ...llama3_8b, tiedEmbeddings: true };
    expect(tensorTypeForFileType('Q4_K_M', 'token_embd', null, tied)).toBe('Q6_K');
    expect(tensorTypeForFileType('Q4_K_M', 'output', null, { ...llama3_8b, architecture: 'falcon' })).toBe('Q8_0');
  });

  it('70B attn_v and the 8-expert Mixtral rules', () => {
    const l70 = { ...llama3_8b, layers: 80, hiddenSize: 8192, heads: 64 };
    expect(tensorTypeForFileType('Q4_K_M', 'attn_v', 10, l70)).toBe('Q5_K');
    const mixtral = {
      ...llama3_8b,
      moe: { experts: 8, expertsActive: 2, sharedExperts: 0, expertFfnSize: 14336, denseLeadingLayers: 0, layerStep: 1 },
    };
    expect(tensorTypeForFileType('Q4_K_M', 'attn_v', 10, mixtral)).toBe('Q8_0');
    expect(tensorTypeForFileType('Q4_K_M', 'attn_k', 10, mixtral)).toBe('Q8_0');
    expect(tensorTypeForFileType('Q3_K_M', 'attn_v', 1, llama3_8b)).toBe('Q5_K');
    expect(tensorTypeForFileType('Q3_K_M', 'attn_v', 2, llama3_8b)).toBe('Q4_K');
  });

  it('MXFP4_MOE puts experts in MXFP4 and the rest in Q8_0; odd widths fall back', () => {
    const oss = { ...llama3_8b, hiddenSize: 2880, intermediateSize: 2880 };
    expect(tensorTypeForFileType('MXFP4_MOE', 'ffn_down_exps', 3, oss, { shape: [2880, 2880, 32] })).toBe('MXFP4');
    expect(tensorTypeForFileType('MXFP4_MOE', 'attn_q', 3, oss, { shape: [2880, 4096] })).toBe('Q8_0');
    // 2880 is not a multiple of 256: Q4_K falls back to Q5_0, Q6_K to Q8_0 (tensor_type_fallback).
    expect(tensorTypeForFileType('Q4_K_M', 'attn_q', 5, oss, { shape: [2880, 4096] })).toBe('Q5_0');
    expect(tensorTypeForFileType('Q4_K_M', 'output', null, oss, { shape: [2880, 201088] })).toBe('Q8_0');
  });

  it('i-quant specials: IQ2_XXS embeddings Q2_K, output Q5_K', () => {
    expect(t('IQ2_XXS', 'token_embd', null)).toBe('Q2_K');
    expect(t('IQ2_XXS', 'output', null)).toBe('Q5_K');
    expect(t('IQ2_XXS', 'attn_v', 3)).toBe('Q4_K'); // GQA 4
  });
});

describe('HF format packing', () => {
  const shape = [4096, 4096];
  it('bitsandbytes 4-bit with and without double quantisation', () => {
    // 16.78M weights: 8 MiB packed + fp32 absmax per 64 → 1 MiB.
    expect(hfTensorBytes(resolveQuant('nf4'), 'attn_q', shape).bytes).toBe(8_388_608 + 262_144 * 4);
    // DQ: 1 byte per block + fp32 per 256 blocks + offset + 256-entry code.
    expect(hfTensorBytes(resolveQuant('nf4-dq'), 'attn_q', shape).bytes).toBe(8_388_608 + 262_144 + 1024 * 4 + 4 + 1024);
    expect(hfTensorBytes(resolveQuant('nf4'), 'token_embd', shape).bytes).toBe(4096 * 4096 * 2);
  });

  it('AWQ and GPTQ store scales, zeros (and g_idx) per group of 128', () => {
    const packed = 8_388_608;
    const scales = 32 * 4096 * 2;
    const zeros = (32 * 4096) / 2;
    expect(hfTensorBytes(resolveQuant('awq'), 'ffn_up', shape).bytes).toBe(packed + scales + zeros);
    expect(hfTensorBytes(resolveQuant('gptq'), 'ffn_up', shape).bytes).toBe(packed + scales + zeros + 4096 * 4);
    expect(hfTensorBytes(resolveQuant('gptq'), 'output', shape).bytes).toBe(4096 * 4096 * 2);
  });

  it('int8, fp8, MLX and gpt-oss MXFP4', () => {
    expect(hfTensorBytes(resolveQuant('int8'), 'attn_q', shape).bytes).toBe(4096 * 4096 + 4096 * 4);
    expect(hfTensorBytes(resolveQuant('fp8'), 'attn_q', shape).bytes).toBe(4096 * 4096 + 4);
    expect(hfTensorBytes(resolveQuant('mlx-4bit'), 'token_embd', shape).bytes).toBe(8_388_608 + (4096 * 4096 * 4) / 64);
    expect(hfTensorBytes(resolveQuant('mxfp4'), 'ffn_up_exps', [2880, 2880, 32]).bytes).toBe((2880 * 2880 * 32 * 17) / 32);
    expect(hfTensorBytes(resolveQuant('mxfp4'), 'attn_q', [2880, 4096]).bytes).toBe(2880 * 4096 * 2);
  });
});
