// Qwen3 4B.
// Qwen3 drops the q/k/v biases and adds a per-head q/k RMSNorm; head_dim is 128 at every size.
// config: the fields of huggingface.co/Qwen/Qwen3-4B config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen3-4b',
  name: 'Qwen3 4B',
  family: 'Qwen3',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen3-4B',
  license: 'apache-2.0',
  released: '2025-04-29',
  tags: ['chat', 'reasoning', 'small', 'multilingual'],
  parameterCount: 4_022_468_096,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '4.0B' },
  notes: 'config max_position_embeddings 40,960 (32k native + room to generate); 131,072 with YaRN.',
  config: {
    architectures: ['Qwen3ForCausalLM'],
    head_dim: 128,
    hidden_size: 2560,
    intermediate_size: 9728,
    max_position_embeddings: 40960,
    model_type: 'qwen3',
    num_attention_heads: 32,
    num_hidden_layers: 36,
    num_key_value_heads: 8,
    tie_word_embeddings: true,
    use_sliding_window: false,
    vocab_size: 151936,
  },
} satisfies CatalogModelData;
