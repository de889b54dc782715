// QwQ 32B.
// Qwen2/2.5 carry q/k/v biases; `sliding_window` is ignored because use_sliding_window is false.
// config: the fields of huggingface.co/Qwen/QwQ-32B config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'qwq-32b',
  name: 'QwQ 32B',
  family: 'Qwen2.5',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/QwQ-32B',
  license: 'apache-2.0',
  released: '2025-03-06',
  tags: ['reasoning', 'chat'],
  parameterCount: 32_763_876_352,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '32.5B' },
  aliases: ['qwq'],
  notes: 'Qwen2.5-32B shapes; config context 40,960, 131,072 with YaRN.',
  config: {
    architectures: ['Qwen2ForCausalLM'],
    hidden_size: 5120,
    intermediate_size: 27648,
    max_position_embeddings: 40960,
    model_type: 'qwen2',
    num_attention_heads: 40,
    num_hidden_layers: 64,
    num_key_value_heads: 8,
    tie_word_embeddings: false,
    use_sliding_window: false,
    vocab_size: 152064,
  },
} satisfies CatalogModelData;
