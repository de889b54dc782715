// Llama 4 Maverick 17B-128E Instruct.
// Llama 4 (text decoder only). Three of every four layers use chunked 8192-token attention
// (attention_chunk_size); experts are intermediate_size wide, intermediate_size_mlp is the dense FFN of Maverick's non-MoE layers.
// The q/k "norm" is a weightless L2 norm, so it adds no parameters.
// config: the fields of huggingface.co/meta-llama/Llama-4-Maverick-17B-128E-Instruct config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'llama-4-maverick-17b-128e-instruct',
  name: 'Llama 4 Maverick 17B-128E Instruct',
  family: 'Llama 4',
  publisher: 'Meta',
  hfRepo: 'meta-llama/Llama-4-Maverick-17B-128E-Instruct',
  license: 'llama4',
  released: '2025-04-05',
  tags: ['chat', 'moe', 'vision', 'multilingual'],
  parameterCount: 400_711_848_960,
  activeParameterCount: 17_184_691_200,
  parameterCountSource: {
    kind: 'recomputed',
    source: 'text weights of config.json; HF total includes the vision tower',
    published: '400B',
    tolerance: 0.01,
  },
  aliases: ['maverick'],
  notes: 'MoE on every second layer (128 experts + 1 shared); the other 24 layers are dense with FFN 16384.',
  config: {
    architectures: ['Llama4ForConditionalGeneration'],
    model_type: 'llama4',
    text_config: {
      attention_chunk_size: 8192,
      head_dim: 128,
      hidden_size: 5120,
      interleave_moe_layer_step: 2,
      intermediate_size: 8192,
      intermediate_size_mlp: 16384,
      max_position_embeddings: 1048576,
      model_type: 'llama4_text',
      num_attention_heads: 40,
      num_experts_per_tok: 1,
      num_hidden_layers: 48,
      num_key_value_heads: 8,
      num_local_experts: 128,
      vocab_size: 202048,
    },
    tie_word_embeddings: false,
  },
} satisfies CatalogModelData;
