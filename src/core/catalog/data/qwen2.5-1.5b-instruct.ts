// Qwen2.5 1.5B Instruct.
// Qwen2/2.5 carry q/k/v biases; `sliding_window` is ignored because use_sliding_window is false.
// config: the fields of huggingface.co/Qwen/Qwen2.5-1.5B-Instruct config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen2.5-1.5b-instruct',
  name: 'Qwen2.5 1.5B Instruct',
  family: 'Qwen2.5',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen2.5-1.5B-Instruct',
  license: 'apache-2.0',
  released: '2024-09-19',
  tags: ['chat', 'small', 'multilingual'],
  parameterCount: 1_543_714_304,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '1.54B' },
  notes: 'Embeddings tied; config says 32,768; 131,072 with YaRN rope scaling enabled.',
  config: {
    architectures: ['Qwen2ForCausalLM'],
    hidden_size: 1536,
    intermediate_size: 8960,
    max_position_embeddings: 32768,
    model_type: 'qwen2',
    num_attention_heads: 12,
    num_hidden_layers: 28,
    num_key_value_heads: 2,
    tie_word_embeddings: true,
    use_sliding_window: false,
    vocab_size: 151936,
  },
} satisfies CatalogModelData;
