// Gemma 3 1B IT.
// Gemma 3 1B: a text-only repository (model_type gemma3_text), 512-token local window, 5 local per global layer.
// config: the fields of huggingface.co/google/gemma-3-1b-it config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'gemma-3-1b-it',
  name: 'Gemma 3 1B IT',
  family: 'Gemma 3',
  publisher: 'Google',
  hfRepo: 'google/gemma-3-1b-it',
  license: 'gemma',
  released: '2025-03-12',
  tags: ['chat', 'small'],
  parameterCount: 999_885_952,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '1B' },
  notes: 'Text-only model; 512-token local window, vocab 262,144.',
  config: {
    architectures: ['Gemma3ForCausalLM'],
    head_dim: 256,
    hidden_size: 1152,
    intermediate_size: 6912,
    max_position_embeddings: 32768,
    model_type: 'gemma3_text',
    num_attention_heads: 4,
    num_hidden_layers: 26,
    num_key_value_heads: 1,
    sliding_window: 512,
    sliding_window_pattern: 6,
    vocab_size: 262144,
  },
} satisfies CatalogModelData;
