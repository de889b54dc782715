// Qwen3 32B.
// Qwen3 drops the q/k/v biases and adds a per-head q/k RMSNorm; head_dim is 128 at every size.
// config: the fields of huggingface.co/Qwen/Qwen3-32B config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen3-32b',
  name: 'Qwen3 32B',
  family: 'Qwen3',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen3-32B',
  license: 'apache-2.0',
  released: '2025-04-29',
  tags: ['chat', 'reasoning', 'multilingual'],
  parameterCount: 32_762_123_264,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '32.8B' },
  notes: 'config max_position_embeddings 40,960 (32k native + room to generate); 131,072 with YaRN.',
  config: {
    architectures: ['Qwen3ForCausalLM'],
    head_dim: 128,
    hidden_size: 5120,
    intermediate_size: 25600,
    max_position_embeddings: 40960,
    model_type: 'qwen3',
    num_attention_heads: 64,
    num_hidden_layers: 64,
    num_key_value_heads: 8,
    tie_word_embeddings: false,
    use_sliding_window: false,
    vocab_size: 151936,
  },
} satisfies CatalogModelData;
