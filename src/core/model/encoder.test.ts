// Encoder-only imports (BERT, XLM-RoBERTa, NomicBERT): the tensor list llama.cpp's BERT loaders expect,
// the checkpoint's parameter count, the usable context, and no KV cache in any runtime.

import { describe, expect, it } from 'vitest';
import { evaluate, planningHardwareFromCatalog } from '../advice';
import { defaultSettings, estimate } from '../estimate';
import { getGpu } from '../hardware/gpu-catalog';
import { specFromHfConfig } from './from-hf-config';
import { countParameters } from './params';
import { listTensors } from './tensors';

const XLMR_LARGE = {
  architectures: ['XLMRobertaModel'],
  hidden_size: 1024,
  intermediate_size: 4096,
  max_position_embeddings: 8194,
  model_type: 'xlm-roberta',
  num_attention_heads: 16,
  num_hidden_layers: 24,
  type_vocab_size: 1,
  vocab_size: 250002,
};

describe('encoder-only configs', () => {
  it('XLM-RoBERTa large (bge-m3): counts the pooler and the two padding position rows, loads neither', () => {
    const { spec, notes } = specFromHfConfig(XLMR_LARGE);
    expect(spec.architecture).toBe('bert');
    expect(spec.maxContext).toBe(8192);
    // 250002·1024 + 8194·1024 + 1024 (type) + 2048 (LN) + 24 × 12,596,224 + pooler 1,049,600.
    expect(countParameters(spec).total).toBe(567_754_752);
    const tensors = listTensors(spec);
    expect(tensors.map((t) => t.name)).not.toContain('output.weight');
    expect(tensors.find((t) => t.name === 'position_embd.weight')?.shape).toEqual([1024, 8192]);
    expect(tensors.filter((t) => t.name.startsWith('blk.0.'))).toHaveLength(16);
    expect(tensors.some((t) => t.name.startsWith('cls'))).toBe(false);
    expect(notes.join(' ')).toMatch(/pooler/);
  });

  it('a sequence classifier (bge-reranker-v2-m3) gets cls + cls.output and no pooler', () => {
    const { spec } = specFromHfConfig({
      ...XLMR_LARGE,
      architectures: ['XLMRobertaForSequenceClassification'],
      id2label: { '0': 'LABEL_0' },
    });
    expect(spec.encoder?.classifier).toEqual({ labels: 1 });
    expect(spec.encoder?.unloadedParameters).toBe(2 * 1024);
    // The public parameter_count of a checkpoint with this exact config.
    expect(countParameters(spec).total).toBe(567_755_777);
    const names = listTensors(spec).map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['cls.weight', 'cls.bias', 'cls.output.weight', 'cls.output.bias']));
  });

  it('BERT large (bge-large-en-v1.5): 512 positions, two token types', () => {
    const { spec } = specFromHfConfig({
      ...XLMR_LARGE,
      architectures: ['BertModel'],
      model_type: 'bert',
      max_position_embeddings: 512,
      type_vocab_size: 2,
      vocab_size: 30522,
    });
    expect(spec.maxContext).toBe(512);
    expect(countParameters(spec).total).toBe(335_141_888);
    expect(listTensors(spec).find((t) => t.name === 'token_types.weight')?.shape).toEqual([1024, 2]);
  });

  it('NomicBERT (GPT-2 names, SwiGLU, rotary, no biases): fused qkv, gate, no position table', () => {
    const { spec } = specFromHfConfig({
      architectures: ['NomicBertModel'],
      model_type: 'nomic_bert',
      n_embd: 768,
      n_head: 12,
      n_layer: 12,
      n_inner: 3072,
      n_positions: 8192,
      vocab_size: 30528,
      type_vocab_size: 2,
      activation_function: 'swiglu',
      qkv_proj_bias: false,
      mlp_fc1_bias: false,
      mlp_fc2_bias: false,
    });
    expect(spec.architecture).toBe('nomic-bert');
    expect(countParameters(spec).total).toBe(136_731_648);
    const names = listTensors(spec).map((t) => t.name);
    expect(names).toContain('blk.0.attn_qkv.weight');
    expect(names).toContain('blk.0.ffn_gate.weight');
    expect(names).not.toContain('position_embd.weight');
    expect(names.some((n) => n.endsWith('attn_qkv.bias'))).toBe(false);
  });

  it('Jina v3 style rotary XLM-RoBERTa is jina-bert-v3 and warns that task adapters are left out', () => {
    const { spec, warnings } = specFromHfConfig({
      ...XLMR_LARGE,
      position_embedding_type: 'rotary',
      lora_adaptations: ['retrieval.query'],
    });
    expect(spec.architecture).toBe('jina-bert-v3');
    expect(listTensors(spec).map((t) => t.name)).not.toContain('position_embd.weight');
    expect(warnings.join(' ')).toMatch(/LoRA adapters/);
  });

  it('has no KV cache in any runtime, and a quantised GGUF keeps the position table in F32', () => {
    const { spec } = specFromHfConfig(XLMR_LARGE);
    for (const runtime of ['llama.cpp', 'vllm', 'transformers'] as const) {
      const e = estimate({ spec }, { ...defaultSettings(runtime), context: 8192 });
      expect(e.kvCache.bytes, runtime).toBe(0);
    }
    const q8 = estimate({ spec }, { ...defaultSettings('llama.cpp'), quant: 'Q8_0', context: 8192, ubatch: 8192, batch: 8192 });
    const f16 = estimate({ spec }, { ...defaultSettings('llama.cpp'), quant: 'F16', context: 8192, ubatch: 8192, batch: 8192 });
    // Q8_0 is 34 bytes per 32 weights everywhere but the F32 position table and the F32 vectors.
    expect(q8.weights.bytes).toBeLessThan(f16.weights.bytes);
    expect(q8.weights.byType['F16']).toBeUndefined();
    expect(q8.weights.byType['F32']).toBeGreaterThanOrEqual(1024 * 8192 * 4);
    // A public llama.cpp log of bge-reranker-v2-m3 Q8_0 (tests/fixtures/multi/measured.json): "CPU model buffer size = 599.70 MiB".
    const rr = specFromHfConfig({
      ...XLMR_LARGE,
      architectures: ['XLMRobertaForSequenceClassification'],
      id2label: { '0': 'LABEL_0' },
    }).spec;
    const rrq8 = estimate({ spec: rr }, { ...defaultSettings('llama.cpp'), quant: 'Q8_0', context: 4096, ubatch: 2048, batch: 2048 });
    expect((rrq8.weights.bytes / 2 ** 20).toFixed(2)).toBe('599.70');
  });

  it('vLLM and SGLang: an encoder needs no KV pool, so a 0.6B embedding model fits a 24 GiB GPU', () => {
    const { spec } = specFromHfConfig(XLMR_LARGE);
    const hw = planningHardwareFromCatalog(getGpu('rtx-4090')!, 1, 64 * 2 ** 30);
    for (const runtime of ['vllm', 'sglang'] as const) {
      const ev = evaluate(estimate({ spec }, { ...defaultSettings(runtime), context: 8192 }), hw);
      expect(ev.verdict, runtime).toBe('fits');
    }
  });
});
