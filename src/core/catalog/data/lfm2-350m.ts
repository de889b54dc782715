// LFM2 350M.
// The smallest LFM2: the 1.2B's layout (10 gated short-convolution blocks, 6 GQA blocks at full_attn_idxs 2, 5, 8, 10, 12, 14)
// at width 1024 with 16 query / 8 KV heads of 64.
// config: the sizing fields of huggingface.co/LiquidAI/LFM2-350M config.json as kept in an MLX port's loader test ("A trimmed
// LFM2-350M (dense) config with the fields the loader reads", an mlx-community conversion, so its "quantization" entry is left
// out); block_multiple_of, block_ffn_dim_multiplier and block_auto_adjust_ff_dim as a second copy of the same file has them.
// The file carries no tie key: transformers' Lfm2Config ties by default, as the published exact count requires.

import type { CatalogModelData } from '../types';

export default {
  id: 'lfm2-350m',
  name: 'LFM2 350M',
  family: 'LFM2',
  publisher: 'Liquid AI',
  hfRepo: 'LiquidAI/LFM2-350M',
  license: 'lfm1.0',
  released: '2025-07-10',
  tags: ['chat', 'small', 'multilingual'],
  parameterCount: 354_483_968,
  parameterCountSource: { kind: 'exact', source: 'model card: Parameters 354,483,968', published: '350M' },
  aliases: ['liquid', 'lfm'],
  notes:
    'The model card gives a 32,768-token context; config.json allows 128,000. Only the 6 attention layers grow a KV cache; the conv layers keep 2 tokens of state. Tied embeddings (65,536 tokens) are a fifth of the weights. Runs in llama.cpp (lfm2), vLLM and MLX.',
  config: {
    model_type: 'lfm2',
    vocab_size: 65536,
    hidden_size: 1024,
    num_hidden_layers: 16,
    num_attention_heads: 16,
    num_key_value_heads: 8,
    max_position_embeddings: 128000,
    norm_eps: 0.00001,
    conv_bias: false,
    conv_L_cache: 3,
    rope_theta: 1000000,
    full_attn_idxs: [2, 5, 8, 10, 12, 14],
    eos_token_id: 7,
    block_dim: 1024,
    block_ff_dim: 6656,
    block_multiple_of: 256,
    block_ffn_dim_multiplier: 1,
    block_auto_adjust_ff_dim: true,
  },
} satisfies CatalogModelData;
