// DeepSeek R1 Distill Qwen 7B.
// Qwen2/2.5 carry q/k/v biases; `sliding_window` is ignored because use_sliding_window is false.
// config: the fields of huggingface.co/deepseek-ai/DeepSeek-R1-Distill-Qwen-7B config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'deepseek-r1-distill-qwen-7b',
  name: 'DeepSeek R1 Distill Qwen 7B',
  family: 'DeepSeek R1',
  publisher: 'DeepSeek',
  hfRepo: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B',
  license: 'mit',
  released: '2025-01-20',
  tags: ['reasoning'],
  parameterCount: 7_615_616_512,
  parameterCountSource: { kind: 'recomputed', source: 'Qwen2.5-Math-7B shapes', published: '7.62B', tolerance: 0.001 },
  aliases: ['r1', 'distill'],
  notes: 'Based on Qwen2.5-Math-7B.',
  config: {
    architectures: ['Qwen2ForCausalLM'],
    hidden_size: 3584,
    intermediate_size: 18944,
    max_position_embeddings: 131072,
    model_type: 'qwen2',
    num_attention_heads: 28,
    num_hidden_layers: 28,
    num_key_value_heads: 4,
    sliding_window: 4096,
    tie_word_embeddings: false,
    use_sliding_window: false,
    vocab_size: 152064,
  },
} satisfies CatalogModelData;
