// Qwen3 30B-A3B Thinking 2507.
// The July 2025 thinking-only refresh of Qwen3-30B-A3B. Its model card lists the same shape as Qwen3-30B-A3B and its Instruct-2507
// twin: "30.5B in total and 3.3B activated", "Number of Layers: 48", "32 for Q and 4 for KV", "Number of Experts: 128",
// "Number of Activated Experts: 8", "Context Length: 262,144 natively".
// config: huggingface.co/Qwen/Qwen3-30B-A3B-Instruct-2507 config.json (the same copy as qwen3-30b-a3b-instruct-2507.ts), reused on
// the card's figures above; the Thinking repository's own config.json was not found in a public copy.

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen3-30b-a3b-thinking-2507',
  name: 'Qwen3 30B-A3B Thinking 2507',
  family: 'Qwen3',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen3-30B-A3B-Thinking-2507',
  license: 'apache-2.0',
  released: '2025-07',
  tags: ['reasoning', 'chat', 'moe', 'multilingual'],
  parameterCount: 30_532_122_624,
  activeParameterCount: 3_353_032_704,
  parameterCountSource: {
    kind: 'exact',
    source: 'same tensor shapes as Qwen3-30B-A3B (model card figures above; HF safetensors total 30,532,122,624)',
    published: '30.5B total / 3.3B active',
  },
  aliases: ['2507', 'thinking'],
  notes:
    'Thinking only: the chat template opens a <think> block and the card recommends long output budgets, so plan for long generations. 128 experts, 8 routed per token. Native context 262,144 tokens. Runs in llama.cpp (qwen3moe), vLLM and MLX.',
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
    max_position_embeddings: 262144,
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
    rope_theta: 10000000,
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
