// Qwen2.5 3B Instruct.
// Qwen2/2.5 carry q/k/v biases; `sliding_window` is ignored because use_sliding_window is false.
// config: the fields of huggingface.co/Qwen/Qwen2.5-3B-Instruct config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen2.5-3b-instruct',
  name: 'Qwen2.5 3B Instruct',
  family: 'Qwen2.5',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen2.5-3B-Instruct',
  license: 'qwen-research',
  released: '2024-09-19',
  tags: ['chat', 'small', 'multilingual'],
  parameterCount: 3_085_938_688,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '3.09B' },
  notes: 'Embeddings tied; config says 32,768; 131,072 with YaRN rope scaling enabled.',
  config: {
    architectures: ['Qwen2ForCausalLM'],
    hidden_size: 2048,
    intermediate_size: 11008,
    max_position_embeddings: 32768,
    model_type: 'qwen2',
    num_attention_heads: 16,
    num_hidden_layers: 36,
    num_key_value_heads: 2,
    tie_word_embeddings: true,
    use_sliding_window: false,
    vocab_size: 151936,
  },
} satisfies CatalogModelData;
