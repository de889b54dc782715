// Qwen3 235B-A22B.
// Qwen3 MoE: every layer routes 8 of 128 experts of moe_intermediate_size; intermediate_size is unused (mlp_only_layers is empty).
// config: the fields of huggingface.co/Qwen/Qwen3-235B-A22B config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen3-235b-a22b',
  name: 'Qwen3 235B-A22B',
  family: 'Qwen3',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen3-235B-A22B',
  license: 'apache-2.0',
  released: '2025-04-29',
  tags: ['chat', 'reasoning', 'moe', 'multilingual'],
  parameterCount: 235_093_634_560,
  activeParameterCount: 22_190_763_520,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '235B total / 22B active' },
  notes: '128 experts, 8 routed per token. config max_position_embeddings 40,960 (32k native + room to generate); 131,072 with YaRN.',
  config: {
    architectures: ['Qwen3MoeForCausalLM'],
    decoder_sparse_step: 1,
    head_dim: 128,
    hidden_size: 4096,
    intermediate_size: 12288,
    max_position_embeddings: 40960,
    mlp_only_layers: [],
    model_type: 'qwen3_moe',
    moe_intermediate_size: 1536,
    num_attention_heads: 64,
    num_experts: 128,
    num_experts_per_tok: 8,
    num_hidden_layers: 94,
    num_key_value_heads: 4,
    tie_word_embeddings: false,
    use_sliding_window: false,
    vocab_size: 151936,
  },
} satisfies CatalogModelData;
