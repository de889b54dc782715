// Llama 2 70B Chat.
// Meta Llama: shapes from the repository's config.json, corroborated by torchtune's model builders and Meta's llama-models sku_list.
// config: the fields of huggingface.co/meta-llama/Llama-2-70b-chat-hf config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'llama-2-70b-chat',
  name: 'Llama 2 70B Chat',
  family: 'Llama 2',
  publisher: 'Meta',
  hfRepo: 'meta-llama/Llama-2-70b-chat-hf',
  license: 'llama2',
  released: '2023-07-18',
  tags: ['chat'],
  parameterCount: 68_976_648_192,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '70B' },
  config: {
    architectures: ['LlamaForCausalLM'],
    hidden_size: 8192,
    intermediate_size: 28672,
    max_position_embeddings: 4096,
    model_type: 'llama',
    num_attention_heads: 64,
    num_hidden_layers: 80,
    num_key_value_heads: 8,
    tie_word_embeddings: false,
    vocab_size: 32000,
  },
} satisfies CatalogModelData;
