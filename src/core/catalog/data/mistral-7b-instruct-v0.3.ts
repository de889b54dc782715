// Mistral 7B Instruct v0.3.
// Mistral (model_type mistral sizes like Llama). Nemo, Small 3 and Ministral have an explicit head_dim of 128.
// config: the fields of huggingface.co/mistralai/Mistral-7B-Instruct-v0.3 config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'mistral-7b-instruct-v0.3',
  name: 'Mistral 7B Instruct v0.3',
  family: 'Mistral',
  publisher: 'Mistral AI',
  hfRepo: 'mistralai/Mistral-7B-Instruct-v0.3',
  license: 'apache-2.0',
  released: '2024-05-22',
  tags: ['chat'],
  parameterCount: 7_248_023_552,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '7.25B' },
  notes: 'v0.3 extends the vocabulary to 32,768; no sliding window (v0.1 had 4096).',
  config: {
    architectures: ['MistralForCausalLM'],
    hidden_size: 4096,
    intermediate_size: 14336,
    max_position_embeddings: 32768,
    model_type: 'mistral',
    num_attention_heads: 32,
    num_hidden_layers: 32,
    num_key_value_heads: 8,
    sliding_window: null,
    tie_word_embeddings: false,
    vocab_size: 32768,
  },
} satisfies CatalogModelData;
