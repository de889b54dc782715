// SmolLM2 1.7B Instruct.
// Meta Llama: shapes from the repository's config.json, corroborated by torchtune's model builders and Meta's llama-models sku_list.
// config: the fields of huggingface.co/HuggingFaceTB/SmolLM2-1.7B-Instruct config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'smollm2-1.7b-instruct',
  name: 'SmolLM2 1.7B Instruct',
  family: 'SmolLM2',
  publisher: 'Hugging Face',
  hfRepo: 'HuggingFaceTB/SmolLM2-1.7B-Instruct',
  license: 'apache-2.0',
  released: '2024-11-01',
  tags: ['chat', 'small'],
  parameterCount: 1_711_376_384,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '1.71B' },
  config: {
    architectures: ['LlamaForCausalLM'],
    hidden_size: 2048,
    intermediate_size: 8192,
    max_position_embeddings: 8192,
    model_type: 'llama',
    num_attention_heads: 32,
    num_hidden_layers: 24,
    num_key_value_heads: 32,
    tie_word_embeddings: true,
    vocab_size: 49152,
  },
} satisfies CatalogModelData;
