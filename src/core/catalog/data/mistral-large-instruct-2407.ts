// Mistral Large Instruct 2407.
// Mistral (model_type mistral sizes like Llama). Nemo, Small 3 and Ministral have an explicit head_dim of 128.
// config: the fields of huggingface.co/mistralai/Mistral-Large-Instruct-2407 config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'mistral-large-instruct-2407',
  name: 'Mistral Large Instruct 2407',
  family: 'Mistral',
  publisher: 'Mistral AI',
  hfRepo: 'mistralai/Mistral-Large-Instruct-2407',
  license: 'mrl',
  released: '2024-07-24',
  tags: ['chat', 'code', 'multilingual'],
  parameterCount: 122_610_069_504,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '123B' },
  aliases: ['large'],
  notes: 'Mistral Research License.',
  config: {
    architectures: ['MistralForCausalLM'],
    hidden_size: 12288,
    intermediate_size: 28672,
    max_position_embeddings: 131072,
    model_type: 'mistral',
    num_attention_heads: 96,
    num_hidden_layers: 88,
    num_key_value_heads: 8,
    tie_word_embeddings: false,
    vocab_size: 32768,
  },
} satisfies CatalogModelData;
