// Qwen2.5 Coder 7B Instruct.
// Qwen2/2.5 carry q/k/v biases; `sliding_window` is ignored because use_sliding_window is false.
// config: the fields of huggingface.co/Qwen/Qwen2.5-Coder-7B-Instruct config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen2.5-coder-7b-instruct',
  name: 'Qwen2.5 Coder 7B Instruct',
  family: 'Qwen2.5',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen2.5-Coder-7B-Instruct',
  license: 'apache-2.0',
  released: '2024-09-19',
  tags: ['code', 'chat'],
  parameterCount: 7_615_616_512,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '7.61B' },
  aliases: ['coder'],
  config: {
    architectures: ['Qwen2ForCausalLM'],
    hidden_size: 3584,
    intermediate_size: 18944,
    max_position_embeddings: 32768,
    model_type: 'qwen2',
    num_attention_heads: 28,
    num_hidden_layers: 28,
    num_key_value_heads: 4,
    tie_word_embeddings: false,
    use_sliding_window: false,
    vocab_size: 152064,
  },
} satisfies CatalogModelData;
