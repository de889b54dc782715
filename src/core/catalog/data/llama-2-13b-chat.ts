// Llama 2 13B Chat.
// Meta Llama: shapes from the repository's config.json, corroborated by torchtune's model builders and Meta's llama-models sku_list.
// config: the fields of huggingface.co/meta-llama/Llama-2-13b-chat-hf config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'llama-2-13b-chat',
  name: 'Llama 2 13B Chat',
  family: 'Llama 2',
  publisher: 'Meta',
  hfRepo: 'meta-llama/Llama-2-13b-chat-hf',
  license: 'llama2',
  released: '2023-07-18',
  tags: ['chat'],
  parameterCount: 13_015_864_320,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '13B' },
  config: {
    architectures: ['LlamaForCausalLM'],
    hidden_size: 5120,
    intermediate_size: 13824,
    max_position_embeddings: 4096,
    model_type: 'llama',
    num_attention_heads: 40,
    num_hidden_layers: 40,
    num_key_value_heads: 40,
    tie_word_embeddings: false,
    vocab_size: 32000,
  },
} satisfies CatalogModelData;
