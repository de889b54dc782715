// Qwen3-Coder-Next.
// Qwen3-Next-80B-A3B retrained for coding agents: the same hybrid stack (3 gated DeltaNet layers to 1 gated full-attention layer,
// 10 of 512 experts plus a shared expert in every layer). The MTP layer shipped in the repository is not counted.
// config: the sizing fields of huggingface.co/Qwen/Qwen3-Coder-Next config.json as quoted, with that URL and the published totals,
// in a public parameter-count test (the same copy as tests/fixtures/hf/Qwen3-Coder-Next/config.json); the copy does not quote
// max_position_embeddings, so the card's native context is given in overrides.

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen3-coder-next',
  name: 'Qwen3-Coder-Next',
  family: 'Qwen3-Next',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen3-Coder-Next',
  license: 'apache-2.0',
  released: '2026-02',
  tags: ['code', 'chat', 'moe'],
  parameterCount: 79_674_391_296,
  activeParameterCount: 3_874_929_408,
  parameterCountSource: {
    kind: 'exact',
    source: 'published total 79,674,391,296 as quoted in a parameter-count test of the repository (active: total minus inactive experts)',
    published: '80B total / 3B active',
  },
  aliases: ['coder next', 'qwen3 coder next'],
  overrides: {
    maxContext: 262144,
    why: 'the public copy of config.json omits max_position_embeddings; the model card gives 262,144 tokens natively.',
  },
  notes:
    'Non-thinking coding-agent model. Only 12 of 48 layers keep a KV cache (2 KV heads of 256); the 36 DeltaNet layers hold a fixed state per sequence. Native context 262,144 tokens. Runs in vLLM, SGLang, MLX and llama.cpp (qwen3next).',
  config: {
    model_type: 'qwen3_next',
    hidden_size: 2048,
    num_hidden_layers: 48,
    vocab_size: 151936,
    head_dim: 256,
    num_attention_heads: 16,
    num_key_value_heads: 2,
    num_experts: 512,
    num_experts_per_tok: 10,
    moe_intermediate_size: 512,
    shared_expert_intermediate_size: 512,
    linear_num_key_heads: 16,
    linear_key_head_dim: 128,
    linear_num_value_heads: 32,
    linear_value_head_dim: 128,
    linear_conv_kernel_dim: 4,
    full_attention_interval: 4,
    tie_word_embeddings: false,
  },
} satisfies CatalogModelData;
