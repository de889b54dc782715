// LFM2 1.2B.
// Liquid AI's hybrid for edge devices: 16 layers, of which 10 are gated short-convolution blocks (a 3-token conv state per sequence,
// no KV cache) and 6 are grouped-query attention (32 query / 8 KV heads) at full_attn_idxs 2, 5, 8, 10, 12, 14.
// config: huggingface.co/LiquidAI/LFM2-1.2B config.json, the copy kept in tests/fixtures/hf/LFM2-1.2B (see SOURCES.md there).

import type { CatalogModelData } from '../types';

export default {
  id: 'lfm2-1.2b',
  name: 'LFM2 1.2B',
  family: 'LFM2',
  publisher: 'Liquid AI',
  hfRepo: 'LiquidAI/LFM2-1.2B',
  license: 'lfm1.0',
  released: '2025-07',
  tags: ['chat', 'small', 'multilingual'],
  parameterCount: 1_170_340_608,
  parameterCountSource: { kind: 'exact', source: 'model card: Parameters 1,170,340,608', published: '1.2B' },
  aliases: ['liquid', 'lfm'],
  notes:
    'The model card gives a 32,768-token context; config.json allows 128,000. Only the 6 attention layers grow a KV cache. Tied embeddings (65,536 tokens). Runs in llama.cpp (lfm2), vLLM and MLX.',
  config: {
    architectures: ['Lfm2ForCausalLM'],
    block_auto_adjust_ff_dim: true,
    block_dim: 2048,
    block_ff_dim: 12288,
    block_ffn_dim_multiplier: 1,
    block_multiple_of: 256,
    block_norm_eps: 0.00001,
    block_use_swiglu: true,
    conv_L_cache: 3,
    conv_bias: false,
    conv_dim: 2048,
    full_attn_idxs: [2, 5, 8, 10, 12, 14],
    hidden_size: 2048,
    max_position_embeddings: 128000,
    model_type: 'lfm2',
    norm_eps: 0.00001,
    num_attention_heads: 32,
    num_heads: 32,
    num_hidden_layers: 16,
    num_key_value_heads: 8,
    rope_theta: 1000000,
    tie_embedding: true,
    use_cache: true,
    vocab_size: 65536,
  },
} satisfies CatalogModelData;
