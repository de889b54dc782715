// Mistral Small 3 24B Instruct 2501.
// Mistral (model_type mistral sizes like Llama). Nemo, Small 3 and Ministral have an explicit head_dim of 128.
// config: the fields of huggingface.co/mistralai/Mistral-Small-24B-Instruct-2501 config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'mistral-small-24b-instruct-2501',
  name: 'Mistral Small 3 24B Instruct 2501',
  family: 'Mistral',
  publisher: 'Mistral AI',
  hfRepo: 'mistralai/Mistral-Small-24B-Instruct-2501',
  license: 'apache-2.0',
  released: '2025-01-30',
  tags: ['chat', 'multilingual'],
  parameterCount: 23_572_403_200,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '24B' },
  aliases: ['small'],
  notes: 'head_dim 128 (not 5120/32 = 160).',
  config: {
    architectures: ['MistralForCausalLM'],
    head_dim: 128,
    hidden_size: 5120,
    intermediate_size: 32768,
    max_position_embeddings: 32768,
    model_type: 'mistral',
    num_attention_heads: 32,
    num_hidden_layers: 40,
    num_key_value_heads: 8,
    tie_word_embeddings: false,
    vocab_size: 131072,
  },
} satisfies CatalogModelData;
