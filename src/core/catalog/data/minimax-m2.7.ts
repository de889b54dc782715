// MiniMax M2.7.
// The April 2026 update of MiniMax M2.5 with the same tensors (62 layers, 256 experts, 8 routed); multi-token-prediction
// modules are not counted.
// config: huggingface.co/MiniMaxAI/MiniMax-M2.7 config.json, the whole file (public copy in KinChow/model-structure-viewer models/).

import type { CatalogModelData } from '../types';

export default {
  id: 'minimax-m2.7',
  name: 'MiniMax M2.7',
  family: 'MiniMax M2',
  publisher: 'MiniMax',
  hfRepo: 'MiniMaxAI/MiniMax-M2.7',
  license: 'other',
  released: '2026-04',
  tags: ['chat', 'code', 'reasoning', 'moe', 'multilingual'],
  parameterCount: 228_689_764_864,
  activeParameterCount: 11_030_553_088,
  parameterCountSource: {
    kind: 'exact',
    source: 'same tensor shapes as MiniMax M2.5 (HF total 228,703,644,928 less 13,880,064 FP8 block-scale values)',
    published: '229B total / 10B active',
  },
  aliases: ['minimax'],
  notes:
    'MiniMax Model License (modified MIT with use restrictions). Context 204,800 tokens. FP8 weights as released. Runs in vLLM, SGLang and llama.cpp (minimax-m2).',
  config: {
    architectures: ['MiniMaxM2ForCausalLM'],
    attn_type_list: [
      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ],
    auto_map: { AutoConfig: 'configuration_minimax_m2.MiniMaxM2Config', AutoModelForCausalLM: 'modeling_minimax_m2.MiniMaxM2ForCausalLM' },
    dtype: 'bfloat16',
    head_dim: 128,
    hidden_act: 'silu',
    hidden_size: 3072,
    intermediate_size: 1536,
    max_position_embeddings: 204800,
    model_type: 'minimax_m2',
    mtp_transformer_layers: 1,
    num_attention_heads: 48,
    num_experts_per_tok: 8,
    num_hidden_layers: 62,
    num_key_value_heads: 8,
    num_local_experts: 256,
    num_mtp_modules: 3,
    qk_norm_type: 'per_layer',
    quantization_config: {
      activation_scheme: 'dynamic',
      fmt: 'float8_e4m3fn',
      quant_method: 'fp8',
      weight_block_size: [128, 128],
      modules_to_not_convert: ['gate', 'e_score_correction_bias', 'lm_head'],
    },
    rms_norm_eps: 0.000001,
    rope_theta: 5000000,
    rotary_dim: 64,
    scoring_func: 'sigmoid',
    shared_intermediate_size: 0,
    tie_word_embeddings: false,
    transformers_version: '4.46.1',
    use_cache: true,
    use_mtp: true,
    use_qk_norm: true,
    use_routing_bias: true,
    vocab_size: 200064,
  },
} satisfies CatalogModelData;
