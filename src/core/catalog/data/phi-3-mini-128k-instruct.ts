// Phi-3 Mini 128K Instruct.
// Phi-3 fuses qkv and gate/up into single matrices (same parameter count). `sliding_window` is a config
// artefact that runtimes ignore, so it is not modelled.
// config: the fields of huggingface.co/microsoft/Phi-3-mini-128k-instruct config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'phi-3-mini-128k-instruct',
  name: 'Phi-3 Mini 128K Instruct',
  family: 'Phi',
  publisher: 'Microsoft',
  hfRepo: 'microsoft/Phi-3-mini-128k-instruct',
  license: 'mit',
  released: '2024-04-23',
  tags: ['chat', 'small'],
  parameterCount: 3_821_079_552,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '3.8B' },
  notes: 'Same weights shape as the 4K model with LongRoPE scaling to 128k.',
  config: {
    architectures: ['Phi3ForCausalLM'],
    hidden_size: 3072,
    intermediate_size: 8192,
    max_position_embeddings: 131072,
    model_type: 'phi3',
    num_attention_heads: 32,
    num_hidden_layers: 32,
    num_key_value_heads: 32,
    tie_word_embeddings: false,
    vocab_size: 32064,
  },
} satisfies CatalogModelData;
