// Llama 3 8B Instruct.
// Meta Llama: shapes from the repository's config.json, corroborated by torchtune's model builders and Meta's llama-models sku_list.
// config: the fields of huggingface.co/meta-llama/Meta-Llama-3-8B-Instruct config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'llama-3-8b-instruct',
  name: 'Llama 3 8B Instruct',
  family: 'Llama 3',
  publisher: 'Meta',
  hfRepo: 'meta-llama/Meta-Llama-3-8B-Instruct',
  license: 'llama3',
  released: '2024-04-18',
  tags: ['chat'],
  parameterCount: 8_030_261_248,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '8B' },
  notes: 'Same shapes as Llama 3.1 8B but only an 8k context.',
  config: {
    architectures: ['LlamaForCausalLM'],
    hidden_size: 4096,
    intermediate_size: 14336,
    max_position_embeddings: 8192,
    model_type: 'llama',
    num_attention_heads: 32,
    num_hidden_layers: 32,
    num_key_value_heads: 8,
    tie_word_embeddings: false,
    vocab_size: 128256,
  },
} satisfies CatalogModelData;
