// Phi-3 Medium 4K Instruct.
// Phi-3 fuses qkv and gate/up into single matrices (same parameter count). `sliding_window` is a config
// artefact that runtimes ignore, so it is not modelled.
// config: the fields of huggingface.co/microsoft/Phi-3-medium-4k-instruct config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'phi-3-medium-4k-instruct',
  name: 'Phi-3 Medium 4K Instruct',
  family: 'Phi',
  publisher: 'Microsoft',
  hfRepo: 'microsoft/Phi-3-medium-4k-instruct',
  license: 'mit',
  released: '2024-05-21',
  tags: ['chat'],
  parameterCount: 13_960_238_080,
  parameterCountSource: { kind: 'recomputed', source: 'config.json shapes; one weak public match', published: '14B', tolerance: 0.01 },
  config: {
    architectures: ['Phi3ForCausalLM'],
    hidden_size: 5120,
    intermediate_size: 17920,
    max_position_embeddings: 4096,
    model_type: 'phi3',
    num_attention_heads: 40,
    num_hidden_layers: 40,
    num_key_value_heads: 10,
    sliding_window: 2047,
    tie_word_embeddings: false,
    vocab_size: 32064,
  },
} satisfies CatalogModelData;
