// ERNIE 4.5 21B-A3B.
// Baidu's text MoE: 28 layers, 20 query / 4 KV heads of 128, 64 routed experts (6 per token) + 2 shared after one dense layer.
// config: huggingface.co/baidu/ERNIE-4.5-21B-A3B-PT config.json, the copy kept in tests/fixtures/hf/ERNIE-4.5-21B-A3B-PT (see SOURCES.md there).

import type { CatalogModelData } from '../types';

export default {
  id: 'ernie-4.5-21b-a3b',
  name: 'ERNIE 4.5 21B-A3B',
  family: 'ERNIE 4.5',
  publisher: 'Baidu',
  hfRepo: 'baidu/ERNIE-4.5-21B-A3B-PT',
  license: 'apache-2.0',
  released: '2025-06',
  tags: ['chat', 'moe', 'multilingual'],
  parameterCount: 21_825_436_160,
  activeParameterCount: 3_352_148_480,
  parameterCountSource: {
    kind: 'recomputed',
    source: 'recomputed from the config shapes',
    published: '21B total / 3B active',
    tolerance: 0.05,
  },
  aliases: ['ernie', 'baidu'],
  notes: 'PyTorch (-PT) weights of the 21B-A3B text model. Context 131,072. Runs in llama.cpp (ernie4_5-moe), vLLM and FastDeploy.',
  config: {
    model_type: 'ernie4_5_moe',
    hidden_size: 2560,
    intermediate_size: 12288,
    max_position_embeddings: 131072,
    num_attention_heads: 20,
    num_key_value_heads: 4,
    head_dim: null,
    num_hidden_layers: 28,
    rms_norm_eps: 0.00001,
    vocab_size: 103424,
    rope_theta: 500000,
    use_bias: false,
    tie_word_embeddings: true,
    moe_num_experts: 64,
    moe_layer_start_index: 1,
    moe_intermediate_size: 1536,
    moe_k: 6,
    moe_layer_interval: 1,
    moe_num_shared_experts: 2,
    moe_layer_end_index: null,
    moe_gate_act: null,
  },
} satisfies CatalogModelData;
