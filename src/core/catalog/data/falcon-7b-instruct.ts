// Falcon 7B Instruct.
// Falcon-7B: multi-query attention (multi_query: one KV head), parallel blocks with one biased LayerNorm, plain
// 4×hidden GELU MLP (no intermediate_size field), tied embeddings, 2048 context (no max_position_embeddings field).
// config: the fields of huggingface.co/tiiuae/falcon-7b-instruct config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'falcon-7b-instruct',
  name: 'Falcon 7B Instruct',
  family: 'Falcon',
  publisher: 'TII',
  hfRepo: 'tiiuae/falcon-7b-instruct',
  license: 'apache-2.0',
  released: '2023-04-25',
  tags: ['chat'],
  parameterCount: 6_921_720_704,
  parameterCountSource: { kind: 'recomputed', source: 'config.json shapes', published: '7B', tolerance: 0.02 },
  notes: 'Multi-query attention (one 64-wide KV head): tiny KV cache. No max_position_embeddings field; trained at 2048.',
  config: {
    alibi: false,
    architectures: ['FalconForCausalLM'],
    bias: false,
    hidden_size: 4544,
    model_type: 'falcon',
    multi_query: true,
    new_decoder_architecture: false,
    num_attention_heads: 71,
    num_hidden_layers: 32,
    parallel_attn: true,
    vocab_size: 65024,
  },
} satisfies CatalogModelData;
