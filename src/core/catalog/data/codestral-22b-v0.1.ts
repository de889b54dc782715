// Codestral 22B v0.1.
// Mistral (model_type mistral sizes like Llama). Nemo, Small 3 and Ministral have an explicit head_dim of 128.
// config: the fields of huggingface.co/mistralai/Codestral-22B-v0.1 config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'codestral-22b-v0.1',
  name: 'Codestral 22B v0.1',
  family: 'Mistral',
  publisher: 'Mistral AI',
  hfRepo: 'mistralai/Codestral-22B-v0.1',
  license: 'mnpl',
  released: '2024-05-29',
  tags: ['code'],
  parameterCount: 22_247_282_688,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '22.2B' },
  notes: 'Mistral AI Non-Production License.',
  config: {
    architectures: ['MistralForCausalLM'],
    hidden_size: 6144,
    intermediate_size: 16384,
    max_position_embeddings: 32768,
    model_type: 'mistral',
    num_attention_heads: 48,
    num_hidden_layers: 56,
    num_key_value_heads: 8,
    tie_word_embeddings: false,
    vocab_size: 32768,
  },
} satisfies CatalogModelData;
