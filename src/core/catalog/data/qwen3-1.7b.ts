// Qwen3 1.7B.
// Qwen3 drops the q/k/v biases and adds a per-head q/k RMSNorm; head_dim is 128 at every size.
// config: the fields of huggingface.co/Qwen/Qwen3-1.7B config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen3-1.7b',
  name: 'Qwen3 1.7B',
  family: 'Qwen3',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen3-1.7B',
  license: 'apache-2.0',
  released: '2025-04-29',
  tags: ['chat', 'reasoning', 'small', 'multilingual'],
  parameterCount: 1_720_574_976,
  parameterCountSource: { kind: 'exact', source: 'unique count; HF total 2,031,739,904 stores the tied lm_head twice', published: '1.7B' },
  notes:
    'Embeddings tied, but the file stores lm_head too (HF shows 2.03B). config max_position_embeddings 40,960 (32k native + room to generate); 131,072 with YaRN.',
  config: {
    architectures: ['Qwen3ForCausalLM'],
    head_dim: 128,
    hidden_size: 2048,
    intermediate_size: 6144,
    max_position_embeddings: 40960,
    model_type: 'qwen3',
    num_attention_heads: 16,
    num_hidden_layers: 28,
    num_key_value_heads: 8,
    tie_word_embeddings: true,
    use_sliding_window: false,
    vocab_size: 151936,
  },
} satisfies CatalogModelData;
