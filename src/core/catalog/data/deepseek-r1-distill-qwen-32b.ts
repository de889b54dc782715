// DeepSeek R1 Distill Qwen 32B.
// Qwen2/2.5 carry q/k/v biases; `sliding_window` is ignored because use_sliding_window is false.
// config: the fields of huggingface.co/deepseek-ai/DeepSeek-R1-Distill-Qwen-32B config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'deepseek-r1-distill-qwen-32b',
  name: 'DeepSeek R1 Distill Qwen 32B',
  family: 'DeepSeek R1',
  publisher: 'DeepSeek',
  hfRepo: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-32B',
  license: 'mit',
  released: '2025-01-20',
  tags: ['reasoning'],
  parameterCount: 32_763_876_352,
  parameterCountSource: { kind: 'recomputed', source: 'Qwen2.5-32B shapes', published: '32.8B', tolerance: 0.002 },
  aliases: ['r1', 'distill'],
  config: {
    architectures: ['Qwen2ForCausalLM'],
    hidden_size: 5120,
    intermediate_size: 27648,
    max_position_embeddings: 131072,
    model_type: 'qwen2',
    num_attention_heads: 40,
    num_hidden_layers: 64,
    num_key_value_heads: 8,
    tie_word_embeddings: false,
    use_sliding_window: false,
    vocab_size: 152064,
  },
} satisfies CatalogModelData;
