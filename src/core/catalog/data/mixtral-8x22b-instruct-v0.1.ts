// Mixtral 8x22B Instruct v0.1.
// Mixtral: intermediate_size is the width of each of the num_local_experts experts; attention is shared.
// config: the fields of huggingface.co/mistralai/Mixtral-8x22B-Instruct-v0.1 config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'mixtral-8x22b-instruct-v0.1',
  name: 'Mixtral 8x22B Instruct v0.1',
  family: 'Mixtral',
  publisher: 'Mistral AI',
  hfRepo: 'mistralai/Mixtral-8x22B-Instruct-v0.1',
  license: 'apache-2.0',
  released: '2024-04-17',
  tags: ['chat', 'moe', 'multilingual'],
  parameterCount: 140_630_071_296,
  activeParameterCount: 39_161_468_928,
  parameterCountSource: {
    kind: 'recomputed',
    source: 'config.json shapes (Instruct vocab 32,768)',
    published: '141B total / 39B active',
    tolerance: 0.01,
  },
  notes: 'The Instruct model has vocab 32,768; the base model 32,000 (140.62B).',
  config: {
    architectures: ['MixtralForCausalLM'],
    hidden_size: 6144,
    intermediate_size: 16384,
    max_position_embeddings: 65536,
    model_type: 'mixtral',
    num_attention_heads: 48,
    num_experts_per_tok: 2,
    num_hidden_layers: 56,
    num_key_value_heads: 8,
    num_local_experts: 8,
    sliding_window: null,
    tie_word_embeddings: false,
    vocab_size: 32768,
  },
} satisfies CatalogModelData;
