// Yi 1.5 34B Chat.
// Meta Llama: shapes from the repository's config.json, corroborated by torchtune's model builders and Meta's llama-models sku_list.
// config: the fields of huggingface.co/01-ai/Yi-1.5-34B-Chat config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'yi-1.5-34b-chat',
  name: 'Yi 1.5 34B Chat',
  family: 'Yi',
  publisher: '01.AI',
  hfRepo: '01-ai/Yi-1.5-34B-Chat',
  license: 'apache-2.0',
  released: '2024-05-12',
  tags: ['chat', 'multilingual'],
  parameterCount: 34_388_917_248,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '34.4B' },
  notes: 'Chat model has a 4096-token context; the -16K variants extend it.',
  config: {
    architectures: ['LlamaForCausalLM'],
    hidden_size: 7168,
    intermediate_size: 20480,
    max_position_embeddings: 4096,
    model_type: 'llama',
    num_attention_heads: 56,
    num_hidden_layers: 60,
    num_key_value_heads: 8,
    tie_word_embeddings: false,
    vocab_size: 64000,
  },
} satisfies CatalogModelData;
