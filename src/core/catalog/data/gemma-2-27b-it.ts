// Gemma 2 27B IT.
// Gemma 2: pre- and post-norms around attention and FFN (4 norm vectors per layer), tied embeddings, and
// alternating 4096-token sliding-window and global layers.
// config: the fields of huggingface.co/google/gemma-2-27b-it config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'gemma-2-27b-it',
  name: 'Gemma 2 27B IT',
  family: 'Gemma 2',
  publisher: 'Google',
  hfRepo: 'google/gemma-2-27b-it',
  license: 'gemma',
  released: '2024-06-27',
  tags: ['chat'],
  parameterCount: 27_227_128_320,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '27.2B' },
  notes: 'head_dim 128 (query_pre_attn_scalar 144 is only a scale).',
  config: {
    architectures: ['Gemma2ForCausalLM'],
    head_dim: 128,
    hidden_size: 4608,
    intermediate_size: 36864,
    max_position_embeddings: 8192,
    model_type: 'gemma2',
    num_attention_heads: 32,
    num_hidden_layers: 46,
    num_key_value_heads: 16,
    sliding_window: 4096,
    vocab_size: 256000,
  },
} satisfies CatalogModelData;
