// SmolLM2 135M Instruct.
// Meta Llama: shapes from the repository's config.json, corroborated by torchtune's model builders and Meta's llama-models sku_list.
// config: the fields of huggingface.co/HuggingFaceTB/SmolLM2-135M-Instruct config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'smollm2-135m-instruct',
  name: 'SmolLM2 135M Instruct',
  family: 'SmolLM2',
  publisher: 'Hugging Face',
  hfRepo: 'HuggingFaceTB/SmolLM2-135M-Instruct',
  license: 'apache-2.0',
  released: '2024-11-01',
  tags: ['chat', 'small'],
  parameterCount: 134_515_008,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '135M' },
  config: {
    architectures: ['LlamaForCausalLM'],
    hidden_size: 576,
    intermediate_size: 1536,
    max_position_embeddings: 8192,
    model_type: 'llama',
    num_attention_heads: 9,
    num_hidden_layers: 30,
    num_key_value_heads: 3,
    tie_word_embeddings: true,
    vocab_size: 49152,
  },
} satisfies CatalogModelData;
