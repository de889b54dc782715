// Qwen3 Coder 30B-A3B Instruct.
// Qwen3 MoE: every layer routes 8 of 128 experts of moe_intermediate_size; intermediate_size is unused (mlp_only_layers is empty).
// config: the fields of huggingface.co/Qwen/Qwen3-Coder-30B-A3B-Instruct config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen3-coder-30b-a3b-instruct',
  name: 'Qwen3 Coder 30B-A3B Instruct',
  family: 'Qwen3',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen3-Coder-30B-A3B-Instruct',
  license: 'apache-2.0',
  released: '2025-07-31',
  tags: ['code', 'chat', 'moe'],
  parameterCount: 30_532_122_624,
  activeParameterCount: 3_353_032_704,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '30.5B total / 3.3B active' },
  aliases: ['coder'],
  notes: 'Qwen3-30B-A3B shapes with a 262,144-token native context.',
  config: {
    architectures: ['Qwen3MoeForCausalLM'],
    decoder_sparse_step: 1,
    head_dim: 128,
    hidden_size: 2048,
    intermediate_size: 6144,
    max_position_embeddings: 262144,
    mlp_only_layers: [],
    model_type: 'qwen3_moe',
    moe_intermediate_size: 768,
    num_attention_heads: 32,
    num_experts: 128,
    num_experts_per_tok: 8,
    num_hidden_layers: 48,
    num_key_value_heads: 4,
    tie_word_embeddings: false,
    use_sliding_window: false,
    vocab_size: 151936,
  },
} satisfies CatalogModelData;
