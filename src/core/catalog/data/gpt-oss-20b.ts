// gpt-oss 20b.
// gpt-oss: attention biases, one learned sink per head, biased experts and router, alternating 128-token
// sliding and full attention (layer_types), 64-dim heads.
// config: huggingface.co/openai/gpt-oss-20b config.json, the whole file
// (the same copy as tests/fixtures/hf/gpt-oss-20b/config.json).

import type { CatalogModelData } from '../types';

export default {
  id: 'gpt-oss-20b',
  name: 'gpt-oss 20b',
  family: 'gpt-oss',
  publisher: 'OpenAI',
  hfRepo: 'openai/gpt-oss-20b',
  license: 'apache-2.0',
  released: '2025-08-05',
  tags: ['reasoning', 'chat', 'moe'],
  parameterCount: 20_914_757_184,
  activeParameterCount: 4_187_440_704,
  parameterCountSource: { kind: 'exact', source: 'unique count of the gpt-oss ModelConfig shapes', published: '21B total / 3.6B active' },
  aliases: ['oss', 'openai'],
  notes: "Experts ship as MXFP4 (~4.25 bits); pages counting packed bytes show ~21.5B. OpenAI's 3.6B active excludes the embedding and unembedding.",
  config: {
    "architectures": [
      "GptOssForCausalLM"
    ],
    "attention_bias": true,
    "attention_dropout": 0,
    "eos_token_id": 200002,
    "experts_per_token": 4,
    "head_dim": 64,
    "hidden_act": "silu",
    "hidden_size": 2880,
    "initial_context_length": 4096,
    "initializer_range": 0.02,
    "intermediate_size": 2880,
    "layer_types": [
      "sliding_attention",
      "full_attention",
      "sliding_attention",
      "full_attention",
      "sliding_attention",
      "full_attention",
      "sliding_attention",
      "full_attention",
      "sliding_attention",
      "full_attention",
      "sliding_attention",
      "full_attention",
      "sliding_attention",
      "full_attention",
      "sliding_attention",
      "full_attention",
      "sliding_attention",
      "full_attention",
      "sliding_attention",
      "full_attention",
      "sliding_attention",
      "full_attention",
      "sliding_attention",
      "full_attention"
    ],
    "max_position_embeddings": 131072,
    "model_type": "gpt_oss",
    "num_attention_heads": 64,
    "num_experts_per_tok": 4,
    "num_hidden_layers": 24,
    "num_key_value_heads": 8,
    "num_local_experts": 32,
    "output_router_logits": false,
    "pad_token_id": 199999,
    "quantization_config": {
      "modules_to_not_convert": [
        "model.layers.*.self_attn",
        "model.layers.*.mlp.router",
        "model.embed_tokens",
        "lm_head"
      ],
      "quant_method": "mxfp4"
    },
    "rms_norm_eps": 0.00001,
    "rope_scaling": {
      "beta_fast": 32,
      "beta_slow": 1,
      "factor": 32,
      "original_max_position_embeddings": 4096,
      "rope_type": "yarn",
      "truncate": false
    },
    "rope_theta": 150000,
    "router_aux_loss_coef": 0.9,
    "sliding_window": 128,
    "swiglu_limit": 7,
    "tie_word_embeddings": false,
    "transformers_version": "4.55.0.dev0",
    "use_cache": true,
    "vocab_size": 201088
  },
} satisfies CatalogModelData;
