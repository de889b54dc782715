// Yi 1.5 9B Chat.
// Meta Llama: shapes from the repository's config.json, corroborated by torchtune's model builders and Meta's llama-models sku_list.
// config: the fields of huggingface.co/01-ai/Yi-1.5-9B-Chat config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'yi-1.5-9b-chat',
  name: 'Yi 1.5 9B Chat',
  family: 'Yi',
  publisher: '01.AI',
  hfRepo: '01-ai/Yi-1.5-9B-Chat',
  license: 'apache-2.0',
  released: '2024-05-12',
  tags: ['chat', 'multilingual'],
  parameterCount: 8_829_407_232,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '8.83B' },
  config: {
    architectures: ['LlamaForCausalLM'],
    hidden_size: 4096,
    intermediate_size: 11008,
    max_position_embeddings: 4096,
    model_type: 'llama',
    num_attention_heads: 32,
    num_hidden_layers: 48,
    num_key_value_heads: 4,
    tie_word_embeddings: false,
    vocab_size: 64000,
  },
} satisfies CatalogModelData;
