// Gemma 2 2B IT.
// Gemma 2: pre- and post-norms around attention and FFN (4 norm vectors per layer), tied embeddings, and
// alternating 4096-token sliding-window and global layers.
// config: the fields of huggingface.co/google/gemma-2-2b-it config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'gemma-2-2b-it',
  name: 'Gemma 2 2B IT',
  family: 'Gemma 2',
  publisher: 'Google',
  hfRepo: 'google/gemma-2-2b-it',
  license: 'gemma',
  released: '2024-07-31',
  tags: ['chat', 'small'],
  parameterCount: 2_614_341_888,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '2.61B' },
  config: {
    architectures: ['Gemma2ForCausalLM'],
    head_dim: 256,
    hidden_size: 2304,
    intermediate_size: 9216,
    max_position_embeddings: 8192,
    model_type: 'gemma2',
    num_attention_heads: 8,
    num_hidden_layers: 26,
    num_key_value_heads: 4,
    sliding_window: 4096,
    vocab_size: 256000,
  },
} satisfies CatalogModelData;
