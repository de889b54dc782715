// Gemma 2 9B IT.
// Gemma 2: pre- and post-norms around attention and FFN (4 norm vectors per layer), tied embeddings, and
// alternating 4096-token sliding-window and global layers.
// config: the fields of huggingface.co/google/gemma-2-9b-it config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'gemma-2-9b-it',
  name: 'Gemma 2 9B IT',
  family: 'Gemma 2',
  publisher: 'Google',
  hfRepo: 'google/gemma-2-9b-it',
  license: 'gemma',
  released: '2024-06-27',
  tags: ['chat'],
  parameterCount: 9_241_705_984,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '9.24B' },
  config: {
    architectures: ['Gemma2ForCausalLM'],
    head_dim: 256,
    hidden_size: 3584,
    intermediate_size: 14336,
    max_position_embeddings: 8192,
    model_type: 'gemma2',
    num_attention_heads: 16,
    num_hidden_layers: 42,
    num_key_value_heads: 8,
    sliding_window: 4096,
    vocab_size: 256000,
  },
} satisfies CatalogModelData;
