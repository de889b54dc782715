// Qwen2.5 Coder 14B Instruct.
// Qwen2/2.5 carry q/k/v biases; `sliding_window` is ignored because use_sliding_window is false.
// config: the fields of huggingface.co/Qwen/Qwen2.5-Coder-14B-Instruct config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen2.5-coder-14b-instruct',
  name: 'Qwen2.5 Coder 14B Instruct',
  family: 'Qwen2.5',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen2.5-Coder-14B-Instruct',
  license: 'apache-2.0',
  released: '2024-11-12',
  tags: ['code', 'chat'],
  parameterCount: 14_770_033_664,
  parameterCountSource: { kind: 'recomputed', source: 'config.json shapes', published: '14.7B', tolerance: 0.01 },
  aliases: ['coder'],
  config: {
    architectures: ['Qwen2ForCausalLM'],
    hidden_size: 5120,
    intermediate_size: 13824,
    max_position_embeddings: 32768,
    model_type: 'qwen2',
    num_attention_heads: 40,
    num_hidden_layers: 48,
    num_key_value_heads: 8,
    tie_word_embeddings: false,
    use_sliding_window: false,
    vocab_size: 152064,
  },
} satisfies CatalogModelData;
