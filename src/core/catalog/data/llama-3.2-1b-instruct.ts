// Llama 3.2 1B Instruct.
// Meta Llama: shapes from the repository's config.json, corroborated by torchtune's model builders and Meta's llama-models sku_list.
// config: the fields of huggingface.co/meta-llama/Llama-3.2-1B-Instruct config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'llama-3.2-1b-instruct',
  name: 'Llama 3.2 1B Instruct',
  family: 'Llama 3',
  publisher: 'Meta',
  hfRepo: 'meta-llama/Llama-3.2-1B-Instruct',
  license: 'llama3.2',
  released: '2024-09-25',
  tags: ['chat', 'small', 'multilingual'],
  parameterCount: 1_235_814_400,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '1.23B' },
  notes: 'head_dim 64 (hidden 2048 / 32 heads); embeddings tied.',
  config: {
    architectures: ['LlamaForCausalLM'],
    head_dim: 64,
    hidden_size: 2048,
    intermediate_size: 8192,
    max_position_embeddings: 131072,
    model_type: 'llama',
    num_attention_heads: 32,
    num_hidden_layers: 16,
    num_key_value_heads: 8,
    tie_word_embeddings: true,
    vocab_size: 128256,
  },
} satisfies CatalogModelData;
