// Seed-OSS 36B Instruct.
// ByteDance Seed's dense 36B: 64 layers, 80 query / 8 KV heads of 128, q/k/v biases, a 155,136-token vocabulary and a 512k context.
// config: the sizing fields of huggingface.co/ByteDance-Seed/Seed-OSS-36B-Instruct config.json as quoted in a public MLX port's test
// (hidden 5120, 64 layers, intermediate 27648, 80/8 heads, head_dim 128, vocab 155136, rope_theta 1e7, max_position_embeddings 524288),
// with attention_bias true / attention_out_bias false from the seed_oss configurations of transformers-parity tests.

import type { CatalogModelData } from '../types';

export default {
  id: 'seed-oss-36b-instruct',
  name: 'Seed-OSS 36B Instruct',
  family: 'Seed-OSS',
  publisher: 'ByteDance Seed',
  hfRepo: 'ByteDance-Seed/Seed-OSS-36B-Instruct',
  license: 'apache-2.0',
  released: '2025-08',
  tags: ['chat', 'reasoning', 'multilingual'],
  parameterCount: 36_151_104_512,
  parameterCountSource: { kind: 'recomputed', source: 'recomputed from the config shapes', published: '36B', tolerance: 0.03 },
  aliases: ['seed oss', 'bytedance'],
  notes: 'Native 512k context with a controllable thinking budget. Runs in vLLM, llama.cpp (seed_oss) and MLX.',
  config: {
    architectures: ['SeedOssForCausalLM'],
    attention_bias: true,
    attention_out_bias: false,
    head_dim: 128,
    hidden_size: 5120,
    intermediate_size: 27648,
    max_position_embeddings: 524288,
    model_type: 'seed_oss',
    num_attention_heads: 80,
    num_hidden_layers: 64,
    num_key_value_heads: 8,
    rms_norm_eps: 0.000001,
    rope_scaling: { rope_type: 'default' },
    rope_theta: 10000000,
    tie_word_embeddings: false,
    vocab_size: 155136,
  },
} satisfies CatalogModelData;
