// Llama 2 7B Chat.
// Meta Llama: shapes from the repository's config.json, corroborated by torchtune's model builders and Meta's llama-models sku_list.
// config: the fields of huggingface.co/meta-llama/Llama-2-7b-chat-hf config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'llama-2-7b-chat',
  name: 'Llama 2 7B Chat',
  family: 'Llama 2',
  publisher: 'Meta',
  hfRepo: 'meta-llama/Llama-2-7b-chat-hf',
  license: 'llama2',
  released: '2023-07-18',
  tags: ['chat'],
  parameterCount: 6_738_415_616,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '7B' },
  notes: 'Full multi-head attention (32 KV heads): a large KV cache per token.',
  config: {
    architectures: ['LlamaForCausalLM'],
    hidden_size: 4096,
    intermediate_size: 11008,
    max_position_embeddings: 4096,
    model_type: 'llama',
    num_attention_heads: 32,
    num_hidden_layers: 32,
    num_key_value_heads: 32,
    tie_word_embeddings: false,
    vocab_size: 32000,
  },
} satisfies CatalogModelData;
