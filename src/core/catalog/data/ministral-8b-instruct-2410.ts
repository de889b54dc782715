// Ministral 8B Instruct 2410.
// Mistral (model_type mistral sizes like Llama). Nemo, Small 3 and Ministral have an explicit head_dim of 128.
// config: the fields of huggingface.co/mistralai/Ministral-8B-Instruct-2410 config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'ministral-8b-instruct-2410',
  name: 'Ministral 8B Instruct 2410',
  family: 'Mistral',
  publisher: 'Mistral AI',
  hfRepo: 'mistralai/Ministral-8B-Instruct-2410',
  license: 'mrl',
  released: '2024-10-16',
  tags: ['chat', 'multilingual'],
  parameterCount: 8_019_808_256,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '8.02B' },
  aliases: ['ministral'],
  notes: 'Mistral Research License. vLLM serves it with interleaved sliding-window attention; the HF config lists full attention.',
  config: {
    architectures: ['MistralForCausalLM'],
    head_dim: 128,
    hidden_size: 4096,
    intermediate_size: 12288,
    max_position_embeddings: 32768,
    model_type: 'mistral',
    num_attention_heads: 32,
    num_hidden_layers: 36,
    num_key_value_heads: 8,
    tie_word_embeddings: false,
    vocab_size: 131072,
  },
} satisfies CatalogModelData;
