// Qwen2.5 72B Instruct.
// Qwen2/2.5 carry q/k/v biases; `sliding_window` is ignored because use_sliding_window is false.
// config: the fields of huggingface.co/Qwen/Qwen2.5-72B-Instruct config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen2.5-72b-instruct',
  name: 'Qwen2.5 72B Instruct',
  family: 'Qwen2.5',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen2.5-72B-Instruct',
  license: 'qwen',
  released: '2024-09-19',
  tags: ['chat', 'multilingual'],
  parameterCount: 72_706_203_648,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '72.7B' },
  notes: 'config says 32,768; 131,072 with YaRN rope scaling enabled.',
  config: {
    architectures: ['Qwen2ForCausalLM'],
    hidden_size: 8192,
    intermediate_size: 29568,
    max_position_embeddings: 32768,
    model_type: 'qwen2',
    num_attention_heads: 64,
    num_hidden_layers: 80,
    num_key_value_heads: 8,
    tie_word_embeddings: false,
    use_sliding_window: false,
    vocab_size: 152064,
  },
} satisfies CatalogModelData;
