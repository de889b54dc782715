// Phi-4.
// Phi-3 fuses qkv and gate/up into single matrices (same parameter count). `sliding_window` is a config
// artefact that runtimes ignore, so it is not modelled.
// config: the fields of huggingface.co/microsoft/phi-4 config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'phi-4',
  name: 'Phi-4',
  family: 'Phi',
  publisher: 'Microsoft',
  hfRepo: 'microsoft/phi-4',
  license: 'mit',
  released: '2024-12-12',
  tags: ['chat', 'reasoning'],
  parameterCount: 14_659_507_200,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '14B' },
  notes: 'Phi-3 architecture with a 100,352-token vocabulary and 16k context.',
  config: {
    architectures: ['Phi3ForCausalLM'],
    hidden_size: 5120,
    intermediate_size: 17920,
    max_position_embeddings: 16384,
    model_type: 'phi3',
    num_attention_heads: 40,
    num_hidden_layers: 40,
    num_key_value_heads: 10,
    tie_word_embeddings: false,
    vocab_size: 100352,
  },
} satisfies CatalogModelData;
