// MiniMax M2.
// MiniMax-M2 series: 62 full-attention layers (48 query / 8 KV heads of 128, per-layer q/k RMSNorm), each routing 8 of 256
// experts of intermediate_size 1536; the multi-token-prediction modules the config declares are not counted.
// config: huggingface.co/MiniMaxAI/MiniMax-M2 config.json, the copy kept in tests/fixtures/hf/MiniMax-M2 (see SOURCES.md there).

import type { CatalogModelData } from '../types';

export default {
  id: 'minimax-m2',
  name: 'MiniMax M2',
  family: 'MiniMax M2',
  publisher: 'MiniMax',
  hfRepo: 'MiniMaxAI/MiniMax-M2',
  license: 'mit',
  released: '2025-10',
  tags: ['chat', 'code', 'reasoning', 'moe', 'multilingual'],
  parameterCount: 228_689_764_864,
  activeParameterCount: 11_030_553_088,
  parameterCountSource: {
    kind: 'exact',
    source: 'same tensor shapes as MiniMax-M2.5 (228,689,764,864: HF safetensors total less the FP8 block scales)',
    published: '230B total / 10B active',
  },
  aliases: ['minimax'],
  notes:
    'The first M2 release: agentic coding model with interleaved thinking (always on). FP8 weights as released. Context 196,608 tokens. Runs in vLLM, SGLang and llama.cpp (minimax-m2).',
  config: {
    architectures: ['MiniMaxM2ForCausalLM'],
    model_type: 'minimax_m2',
    vocab_size: 200064,
    hidden_size: 3072,
    intermediate_size: 1536,
    num_hidden_layers: 62,
    num_attention_heads: 48,
    num_key_value_heads: 8,
    head_dim: 128,
    max_position_embeddings: 196608,
    num_local_experts: 256,
    num_experts_per_tok: 8,
    scoring_func: 'sigmoid',
    use_routing_bias: true,
    use_mtp: true,
    num_mtp_modules: 3,
    mtp_transformer_layers: 1,
    use_qk_norm: true,
    qk_norm_type: 'per_layer',
    rotary_dim: 64,
    rope_theta: 5000000,
    tie_word_embeddings: false,
  },
} satisfies CatalogModelData;
