// Falcon3 10B Instruct.
// Meta Llama: shapes from the repository's config.json, corroborated by torchtune's model builders and Meta's llama-models sku_list.
// config: the fields of huggingface.co/tiiuae/Falcon3-10B-Instruct config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'falcon3-10b-instruct',
  name: 'Falcon3 10B Instruct',
  family: 'Falcon',
  publisher: 'TII',
  hfRepo: 'tiiuae/Falcon3-10B-Instruct',
  license: 'falcon-llm-license',
  released: '2024-12-17',
  tags: ['chat'],
  parameterCount: 10_305_653_760,
  parameterCountSource: {
    kind: 'recomputed',
    source: 'config.json shapes (Falcon3-7B depth-upscaled to 40 layers)',
    published: '10.3B',
    tolerance: 0.005,
  },
  config: {
    architectures: ['LlamaForCausalLM'],
    head_dim: 256,
    hidden_size: 3072,
    intermediate_size: 23040,
    max_position_embeddings: 32768,
    model_type: 'llama',
    num_attention_heads: 12,
    num_hidden_layers: 40,
    num_key_value_heads: 4,
    tie_word_embeddings: false,
    vocab_size: 131072,
  },
} satisfies CatalogModelData;
