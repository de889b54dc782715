// DeepSeek R1 Distill Qwen 1.5B.
// Qwen2/2.5 carry q/k/v biases; `sliding_window` is ignored because use_sliding_window is false.
// config: the fields of huggingface.co/deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'deepseek-r1-distill-qwen-1.5b',
  name: 'DeepSeek R1 Distill Qwen 1.5B',
  family: 'DeepSeek R1',
  publisher: 'DeepSeek',
  hfRepo: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B',
  license: 'mit',
  released: '2025-01-20',
  tags: ['reasoning', 'small'],
  parameterCount: 1_777_088_000,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '1.78B' },
  aliases: ['r1', 'distill'],
  notes: 'Based on Qwen2.5-Math-1.5B: unlike Qwen2.5-1.5B its embeddings are not tied.',
  config: {
    architectures: ['Qwen2ForCausalLM'],
    hidden_size: 1536,
    intermediate_size: 8960,
    max_position_embeddings: 131072,
    model_type: 'qwen2',
    num_attention_heads: 12,
    num_hidden_layers: 28,
    num_key_value_heads: 2,
    tie_word_embeddings: false,
    use_sliding_window: false,
    vocab_size: 151936,
  },
} satisfies CatalogModelData;
