// MiniMax M2.5.
// MiniMax-M2 series: 62 full-attention layers (48 query / 8 KV heads of 128, per-layer q/k RMSNorm), each routing 8 of 256
// experts of intermediate_size 1536; the multi-token-prediction modules the config declares are not counted.
// config: huggingface.co/MiniMaxAI/MiniMax-M2.5 config.json, the whole file (public copy in ai-dynamo/aiconfigurator model_configs/).

import type { CatalogModelData } from '../types';

export default {
  id: 'minimax-m2.5',
  name: 'MiniMax M2.5',
  family: 'MiniMax M2',
  publisher: 'MiniMax',
  hfRepo: 'MiniMaxAI/MiniMax-M2.5',
  license: 'modified-mit',
  released: '2026-02-12',
  tags: ['chat', 'code', 'reasoning', 'moe', 'multilingual'],
  parameterCount: 228_689_764_864,
  activeParameterCount: 11_030_553_088,
  parameterCountSource: {
    kind: 'exact',
    source:
      'HF API safetensors total 228,703,644,928 (quoted as ground truth in a public parameter-count test) less the 13,880,064 FP8 block-scale values it includes',
    published: '229B total / 10B active',
  },
  aliases: ['minimax'],
  notes:
    'Agentic coding model with interleaved thinking (always on). FP8 weights as released. Context 196,608 tokens. Runs in vLLM, SGLang and llama.cpp (minimax-m2).',
  config: {
    architectures: ['MiniMaxM2ForCausalLM'],
    model_type: 'minimax_m2',
    num_hidden_layers: 62,
    hidden_size: 3072,
    num_attention_heads: 48,
    num_key_value_heads: 8,
    head_dim: 128,
    intermediate_size: 1536,
    vocab_size: 200064,
    num_experts_per_tok: 8,
    num_local_experts: 256,
    max_position_embeddings: 196608,
    rope_theta: 5000000,
    rotary_dim: 64,
    hidden_act: 'silu',
    rms_norm_eps: 0.000001,
    use_cache: true,
    tie_word_embeddings: false,
    use_qk_norm: true,
    qk_norm_type: 'per_layer',
    use_routing_bias: true,
    use_mtp: true,
    mtp_transformer_layers: 1,
    num_mtp_modules: 3,
    shared_intermediate_size: 0,
    scoring_func: 'sigmoid',
    quantization_config: {
      quant_method: 'fp8',
      fmt: 'float8_e4m3fn',
      activation_scheme: 'dynamic',
      weight_block_size: [128, 128],
      modules_to_not_convert: ['gate', 'e_score_correction_bias', 'lm_head'],
    },
    auto_map: { AutoConfig: 'configuration_minimax_m2.MiniMaxM2Config', AutoModelForCausalLM: 'modeling_minimax_m2.MiniMaxM2ForCausalLM' },
    transformers_version: '4.46.1',
  },
} satisfies CatalogModelData;
