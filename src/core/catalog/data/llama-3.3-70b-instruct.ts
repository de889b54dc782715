// Llama 3.3 70B Instruct.
// Meta Llama: shapes from the repository's config.json, corroborated by torchtune's model builders and Meta's llama-models sku_list.
// config: the fields of huggingface.co/meta-llama/Llama-3.3-70B-Instruct config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'llama-3.3-70b-instruct',
  name: 'Llama 3.3 70B Instruct',
  family: 'Llama 3',
  publisher: 'Meta',
  hfRepo: 'meta-llama/Llama-3.3-70B-Instruct',
  license: 'llama3.3',
  released: '2024-12-06',
  tags: ['chat', 'multilingual'],
  parameterCount: 70_553_706_496,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '70B' },
  config: {
    architectures: ['LlamaForCausalLM'],
    hidden_size: 8192,
    intermediate_size: 28672,
    max_position_embeddings: 131072,
    model_type: 'llama',
    num_attention_heads: 64,
    num_hidden_layers: 80,
    num_key_value_heads: 8,
    tie_word_embeddings: false,
    vocab_size: 128256,
  },
} satisfies CatalogModelData;
