// Gemma 7B IT.
// Gemma: explicit head_dim 256, tied embeddings (Gemma configs leave tie_word_embeddings out; the default is true).
// config: the fields of huggingface.co/google/gemma-7b-it config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'gemma-7b-it',
  name: 'Gemma 7B IT',
  family: 'Gemma',
  publisher: 'Google',
  hfRepo: 'google/gemma-7b-it',
  license: 'gemma',
  released: '2024-02-21',
  tags: ['chat'],
  parameterCount: 8_537_680_896,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '8.54B' },
  notes: 'Sold as 7B; with the 256k-token embedding it is 8.5B. Full multi-head attention.',
  config: {
    architectures: ['GemmaForCausalLM'],
    head_dim: 256,
    hidden_size: 3072,
    intermediate_size: 24576,
    max_position_embeddings: 8192,
    model_type: 'gemma',
    num_attention_heads: 16,
    num_hidden_layers: 28,
    num_key_value_heads: 16,
    vocab_size: 256000,
  },
} satisfies CatalogModelData;
