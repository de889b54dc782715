// LFM2 700M.
// The 1.2B's layout (10 gated short-convolution blocks, 6 GQA blocks at full_attn_idxs 2, 5, 8, 10, 12, 14) at width 1536 with
// 24 query / 8 KV heads of 64.
// config: the sizing fields of huggingface.co/LiquidAI/LFM2-700M config.json as tabulated, with the raw config URLs, in a public
// LFM2 research note ("LFM2 layer composition, from config.json + model card": hidden_size / block_dim, block_ff_dim, heads, KV
// heads, conv_L_cache, conv_bias, vocab_size, rope_theta, max_position_embeddings, full_attn_idxs). The FFN rounding fields and
// the tie are transformers' Lfm2Config defaults, as for LFM2-350M; the published exact count confirms both.

import type { CatalogModelData } from '../types';

export default {
  id: 'lfm2-700m',
  name: 'LFM2 700M',
  family: 'LFM2',
  publisher: 'Liquid AI',
  hfRepo: 'LiquidAI/LFM2-700M',
  license: 'lfm1.0',
  released: '2025-07-10',
  tags: ['chat', 'small', 'multilingual'],
  parameterCount: 742_489_344,
  parameterCountSource: { kind: 'exact', source: 'model card: Parameters 742,489,344', published: '742M' },
  aliases: ['liquid', 'lfm'],
  notes:
    'The model card gives a 32,768-token context; config.json allows 128,000. Only the 6 attention layers grow a KV cache; the conv layers keep 2 tokens of state. Tied embeddings (65,536 tokens). Runs in llama.cpp (lfm2), vLLM and MLX.',
  config: {
    model_type: 'lfm2',
    vocab_size: 65536,
    hidden_size: 1536,
    block_dim: 1536,
    block_ff_dim: 10240,
    num_hidden_layers: 16,
    num_attention_heads: 24,
    num_key_value_heads: 8,
    conv_L_cache: 3,
    conv_bias: false,
    rope_theta: 1000000,
    max_position_embeddings: 128000,
    full_attn_idxs: [2, 5, 8, 10, 12, 14],
  },
} satisfies CatalogModelData;
