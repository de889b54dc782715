// DeepSeek V3.
// DeepSeek V3 / R1: multi-head latent attention (the KV cache holds a 512-wide latent plus a 64-wide RoPE key)
// and 256 routed + 1 shared experts after 3 dense layers. Counts exclude the multi-token-prediction layer.
// config: huggingface.co/deepseek-ai/DeepSeek-V3 config.json, the whole file
// (the same copy as tests/fixtures/hf/DeepSeek-V3/config.json).

import type { CatalogModelData } from '../types';

export default {
  id: 'deepseek-v3',
  name: 'DeepSeek V3',
  family: 'DeepSeek V3',
  publisher: 'DeepSeek',
  hfRepo: 'deepseek-ai/DeepSeek-V3',
  license: 'deepseek',
  released: '2024-12-26',
  tags: ['chat', 'moe', 'code', 'multilingual'],
  parameterCount: 671_026_419_200,
  activeParameterCount: 37_552_297_472,
  parameterCountSource: { kind: 'exact', source: 'DeepSeek README_WEIGHTS: 671B main model', published: '671B total / 37B active' },
  notes: 'MLA: the KV cache stores a 576-wide latent per token and layer instead of 128 heads × 2 × 128. Count excludes the 14B MTP module and the FP8 scale tensors that the HF total (684.5B) includes.',
  config: {
    "architectures": [
      "DeepseekV3ForCausalLM"
    ],
    "attention_bias": false,
    "attention_dropout": 0,
    "auto_map": {
      "AutoConfig": "configuration_deepseek.DeepseekV3Config",
      "AutoModel": "modeling_deepseek.DeepseekV3Model",
      "AutoModelForCausalLM": "modeling_deepseek.DeepseekV3ForCausalLM"
    },
    "aux_loss_alpha": 0.001,
    "bos_token_id": 0,
    "eos_token_id": 1,
    "ep_size": 1,
    "first_k_dense_replace": 3,
    "hidden_act": "silu",
    "hidden_size": 7168,
    "initializer_range": 0.02,
    "intermediate_size": 18432,
    "kv_lora_rank": 512,
    "max_position_embeddings": 163840,
    "model_type": "deepseek_v3",
    "moe_intermediate_size": 2048,
    "moe_layer_freq": 1,
    "n_group": 8,
    "n_routed_experts": 256,
    "n_shared_experts": 1,
    "norm_topk_prob": true,
    "num_attention_heads": 128,
    "num_experts_per_tok": 8,
    "num_hidden_layers": 61,
    "num_key_value_heads": 128,
    "num_nextn_predict_layers": 1,
    "pretraining_tp": 1,
    "q_lora_rank": 1536,
    "qk_nope_head_dim": 128,
    "qk_rope_head_dim": 64,
    "quantization_config": {
      "activation_scheme": "dynamic",
      "fmt": "e4m3",
      "quant_method": "fp8",
      "weight_block_size": [
        128,
        128
      ]
    },
    "rms_norm_eps": 0.000001,
    "rope_scaling": {
      "beta_fast": 32,
      "beta_slow": 1,
      "factor": 40,
      "mscale": 1,
      "mscale_all_dim": 1,
      "original_max_position_embeddings": 4096,
      "type": "yarn"
    },
    "rope_theta": 10000,
    "routed_scaling_factor": 2.5,
    "scoring_func": "sigmoid",
    "seq_aux": true,
    "tie_word_embeddings": false,
    "topk_group": 4,
    "topk_method": "noaux_tc",
    "torch_dtype": "bfloat16",
    "transformers_version": "4.48.2",
    "use_cache": true,
    "v_head_dim": 128,
    "vocab_size": 129280
  },
} satisfies CatalogModelData;
