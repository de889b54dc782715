// TinyLlama 1.1B Chat v1.0.
// Meta Llama: shapes from the repository's config.json, corroborated by torchtune's model builders and Meta's llama-models sku_list.
// config: the fields of huggingface.co/TinyLlama/TinyLlama-1.1B-Chat-v1.0 config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'tinyllama-1.1b-chat-v1.0',
  name: 'TinyLlama 1.1B Chat v1.0',
  family: 'TinyLlama',
  publisher: 'TinyLlama',
  hfRepo: 'TinyLlama/TinyLlama-1.1B-Chat-v1.0',
  license: 'apache-2.0',
  released: '2023-12-30',
  tags: ['chat', 'small'],
  parameterCount: 1_100_048_384,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '1.1B' },
  config: {
    architectures: ['LlamaForCausalLM'],
    hidden_size: 2048,
    intermediate_size: 5632,
    max_position_embeddings: 2048,
    model_type: 'llama',
    num_attention_heads: 32,
    num_hidden_layers: 22,
    num_key_value_heads: 4,
    tie_word_embeddings: false,
    vocab_size: 32000,
  },
} satisfies CatalogModelData;
