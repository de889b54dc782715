// Phi-4 Mini Instruct.
// Phi-3 fuses qkv and gate/up into single matrices (same parameter count). `sliding_window` is a config
// artefact that runtimes ignore, so it is not modelled.
// config: the fields of huggingface.co/microsoft/Phi-4-mini-instruct config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'phi-4-mini-instruct',
  name: 'Phi-4 Mini Instruct',
  family: 'Phi',
  publisher: 'Microsoft',
  hfRepo: 'microsoft/Phi-4-mini-instruct',
  license: 'mit',
  released: '2025-02-26',
  tags: ['chat', 'small', 'multilingual'],
  parameterCount: 3_836_021_760,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '3.8B' },
  notes: 'Tied 200k-token embedding; partial rotary (75 % of each head).',
  config: {
    architectures: ['Phi3ForCausalLM'],
    hidden_size: 3072,
    intermediate_size: 8192,
    max_position_embeddings: 131072,
    model_type: 'phi3',
    num_attention_heads: 24,
    num_hidden_layers: 32,
    num_key_value_heads: 8,
    tie_word_embeddings: true,
    vocab_size: 200064,
  },
} satisfies CatalogModelData;
