// Mixtral 8x7B Instruct v0.1.
// Mixtral: intermediate_size is the width of each of the num_local_experts experts; attention is shared.
// config: the fields of huggingface.co/mistralai/Mixtral-8x7B-Instruct-v0.1 config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'mixtral-8x7b-instruct-v0.1',
  name: 'Mixtral 8x7B Instruct v0.1',
  family: 'Mixtral',
  publisher: 'Mistral AI',
  hfRepo: 'mistralai/Mixtral-8x7B-Instruct-v0.1',
  license: 'apache-2.0',
  released: '2023-12-11',
  tags: ['chat', 'moe', 'multilingual'],
  parameterCount: 46_702_792_704,
  activeParameterCount: 12_879_925_248,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '46.7B total / 12.9B active' },
  notes: 'Only the FFN is split into experts; attention is shared, so 8x7B is 46.7B, not 56B.',
  config: {
    architectures: ['MixtralForCausalLM'],
    hidden_size: 4096,
    intermediate_size: 14336,
    max_position_embeddings: 32768,
    model_type: 'mixtral',
    num_attention_heads: 32,
    num_experts_per_tok: 2,
    num_hidden_layers: 32,
    num_key_value_heads: 8,
    num_local_experts: 8,
    sliding_window: null,
    tie_word_embeddings: false,
    vocab_size: 32000,
  },
} satisfies CatalogModelData;
