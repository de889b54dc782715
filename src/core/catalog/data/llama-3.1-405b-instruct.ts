// Llama 3.1 405B Instruct.
// Meta Llama: shapes from the repository's config.json, corroborated by torchtune's model builders and Meta's llama-models sku_list.
// config: the fields of huggingface.co/meta-llama/Llama-3.1-405B-Instruct config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'llama-3.1-405b-instruct',
  name: 'Llama 3.1 405B Instruct',
  family: 'Llama 3',
  publisher: 'Meta',
  hfRepo: 'meta-llama/Llama-3.1-405B-Instruct',
  license: 'llama3.1',
  released: '2024-07-23',
  tags: ['chat', 'multilingual'],
  parameterCount: 405_853_388_800,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '405B' },
  notes: 'Canonical config has 8 KV heads; the first upload (and many mirrors) said 16, which doubles the KV cache.',
  config: {
    architectures: ['LlamaForCausalLM'],
    hidden_size: 16384,
    intermediate_size: 53248,
    max_position_embeddings: 131072,
    model_type: 'llama',
    num_attention_heads: 128,
    num_hidden_layers: 126,
    num_key_value_heads: 8,
    tie_word_embeddings: false,
    vocab_size: 128256,
  },
} satisfies CatalogModelData;
