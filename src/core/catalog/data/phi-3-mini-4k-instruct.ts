// Phi-3 Mini 4K Instruct.
// Phi-3 fuses qkv and gate/up into single matrices (same parameter count). `sliding_window` is a config
// artefact that runtimes ignore, so it is not modelled.
// config: the fields of huggingface.co/microsoft/Phi-3-mini-4k-instruct config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'phi-3-mini-4k-instruct',
  name: 'Phi-3 Mini 4K Instruct',
  family: 'Phi',
  publisher: 'Microsoft',
  hfRepo: 'microsoft/Phi-3-mini-4k-instruct',
  license: 'mit',
  released: '2024-04-23',
  tags: ['chat', 'small'],
  parameterCount: 3_821_079_552,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '3.8B' },
  notes: 'Full multi-head attention (32 KV heads of 96): about 384 KiB of f16 KV cache per token.',
  config: {
    architectures: ['Phi3ForCausalLM'],
    hidden_size: 3072,
    intermediate_size: 8192,
    max_position_embeddings: 4096,
    model_type: 'phi3',
    num_attention_heads: 32,
    num_hidden_layers: 32,
    num_key_value_heads: 32,
    sliding_window: 2047,
    tie_word_embeddings: false,
    vocab_size: 32064,
  },
} satisfies CatalogModelData;
