// Mistral Nemo Instruct 2407.
// Mistral (model_type mistral sizes like Llama). Nemo, Small 3 and Ministral have an explicit head_dim of 128.
// config: the fields of huggingface.co/mistralai/Mistral-Nemo-Instruct-2407 config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'mistral-nemo-instruct-2407',
  name: 'Mistral Nemo Instruct 2407',
  family: 'Mistral',
  publisher: 'Mistral AI',
  hfRepo: 'mistralai/Mistral-Nemo-Instruct-2407',
  license: 'apache-2.0',
  released: '2024-07-18',
  tags: ['chat', 'multilingual'],
  parameterCount: 12_247_782_400,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '12B' },
  aliases: ['nemo'],
  notes: 'head_dim 128 (not 5120/32 = 160). The first config said 1,024,000 tokens of context; later copies 131,072, the advertised 128k.',
  config: {
    architectures: ['MistralForCausalLM'],
    head_dim: 128,
    hidden_size: 5120,
    intermediate_size: 14336,
    max_position_embeddings: 131072,
    model_type: 'mistral',
    num_attention_heads: 32,
    num_hidden_layers: 40,
    num_key_value_heads: 8,
    sliding_window: null,
    tie_word_embeddings: false,
    vocab_size: 131072,
  },
} satisfies CatalogModelData;
