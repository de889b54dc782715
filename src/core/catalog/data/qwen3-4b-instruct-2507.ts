// Qwen3 4B Instruct 2507.
// Qwen3 drops the q/k/v biases and adds a per-head q/k RMSNorm; head_dim is 128 at every size.
// config: the fields of huggingface.co/Qwen/Qwen3-4B-Instruct-2507 config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen3-4b-instruct-2507',
  name: 'Qwen3 4B Instruct 2507',
  family: 'Qwen3',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen3-4B-Instruct-2507',
  license: 'apache-2.0',
  released: '2025-08-06',
  tags: ['chat', 'small', 'multilingual'],
  parameterCount: 4_022_468_096,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '4.0B' },
  aliases: ['2507'],
  notes: 'Qwen3-4B shapes; the 2507 refresh raises the context to 262,144.',
  config: {
    architectures: ['Qwen3ForCausalLM'],
    head_dim: 128,
    hidden_size: 2560,
    intermediate_size: 9728,
    max_position_embeddings: 262144,
    model_type: 'qwen3',
    num_attention_heads: 32,
    num_hidden_layers: 36,
    num_key_value_heads: 8,
    tie_word_embeddings: true,
    use_sliding_window: false,
    vocab_size: 151936,
  },
} satisfies CatalogModelData;
