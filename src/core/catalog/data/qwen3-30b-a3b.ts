// Qwen3 30B-A3B.
// Qwen3 MoE: every layer routes 8 of 128 experts of moe_intermediate_size; intermediate_size is unused (mlp_only_layers is empty).
// config: huggingface.co/Qwen/Qwen3-30B-A3B config.json, the whole file
// (the same copy as tests/fixtures/hf/Qwen3-30B-A3B/config.json).

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen3-30b-a3b',
  name: 'Qwen3 30B-A3B',
  family: 'Qwen3',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen3-30B-A3B',
  license: 'apache-2.0',
  released: '2025-04-29',
  tags: ['chat', 'reasoning', 'moe', 'multilingual'],
  parameterCount: 30_532_122_624,
  activeParameterCount: 3_353_032_704,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '30.5B total / 3.3B active' },
  notes:
    '128 experts, 8 routed per token, no shared expert. intermediate_size 6144 in the config is unused. config max_position_embeddings 40,960 (32k native + room to generate); 131,072 with YaRN.',
  config: {
    architectures: ['Qwen3MoeForCausalLM'],
    attention_bias: false,
    attention_dropout: 0,
    bos_token_id: 151643,
    decoder_sparse_step: 1,
    eos_token_id: 151645,
    head_dim: 128,
    hidden_act: 'silu',
    hidden_size: 2048,
    initializer_range: 0.02,
    intermediate_size: 6144,
    max_position_embeddings: 40960,
    max_window_layers: 48,
    mlp_only_layers: [],
    model_type: 'qwen3_moe',
    moe_intermediate_size: 768,
    norm_topk_prob: true,
    num_attention_heads: 32,
    num_experts: 128,
    num_experts_per_tok: 8,
    num_hidden_layers: 48,
    num_key_value_heads: 4,
    output_router_logits: false,
    rms_norm_eps: 0.000001,
    rope_scaling: null,
    rope_theta: 1000000,
    router_aux_loss_coef: 0.001,
    sliding_window: null,
    tie_word_embeddings: false,
    torch_dtype: 'bfloat16',
    transformers_version: '4.51.0',
    use_cache: true,
    use_sliding_window: false,
    vocab_size: 151936,
  },
} satisfies CatalogModelData;
