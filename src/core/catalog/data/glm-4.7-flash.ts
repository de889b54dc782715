// GLM-4.7-Flash.
// Glm4MoeLiteForCausalLM: DeepSeek V3's MLA + MoE layout (q_lora_rank 768, kv_lora_rank 512, 20 heads), 47 layers: one dense, then
// 64 routed experts (4 per token) + 1 shared; model_type glm4_moe_lite is sized as deepseek_v3. The multi-token-prediction layer is not counted.
// config: huggingface.co/zai-org/GLM-4.7-Flash config.json, the whole file as printed ("原始 config.json") in a public model-inspection
// report of that repository, which also lists every tensor: 31,221,488,576 stored values, of which the multi-token-prediction layer 47
// (1,278,094,656 with its duplicated embedding and head) is not the model, leaving 29,943,393,920.

import type { CatalogModelData } from '../types';

export default {
  id: 'glm-4.7-flash',
  name: 'GLM-4.7-Flash',
  family: 'GLM-4.7-Flash',
  publisher: 'Z.ai (Zhipu AI)',
  hfRepo: 'zai-org/GLM-4.7-Flash',
  license: 'mit',
  released: '2026-01',
  tags: ['chat', 'code', 'reasoning', 'moe', 'multilingual'],
  parameterCount: 29_943_393_920,
  activeParameterCount: 3_896_766_080,
  parameterCountSource: {
    kind: 'exact',
    source: "sum of the checkpoint's safetensors tensors less the multi-token-prediction layer (31,221,488,576 − 1,278,094,656)",
    published: '30B total / 3B active',
  },
  aliases: ['glm', 'zhipu', 'flash', 'mla'],
  notes:
    'Small GLM for local use. Multi-head latent attention: the KV cache holds a 512 + 64 latent per token and layer instead of full keys and values, so long contexts stay cheap. Context 202,752 tokens. Runs in vLLM, SGLang and llama.cpp (deepseek2).',
  config: {
    architectures: ['Glm4MoeLiteForCausalLM'],
    attention_bias: false,
    attention_dropout: 0,
    pad_token_id: 154820,
    eos_token_id: [154820, 154827, 154829],
    hidden_act: 'silu',
    hidden_size: 2048,
    intermediate_size: 10240,
    max_position_embeddings: 202752,
    model_type: 'glm4_moe_lite',
    moe_intermediate_size: 1536,
    topk_method: 'noaux_tc',
    norm_topk_prob: true,
    num_attention_heads: 20,
    n_group: 1,
    topk_group: 1,
    n_routed_experts: 64,
    n_shared_experts: 1,
    routed_scaling_factor: 1.8,
    num_experts_per_tok: 4,
    first_k_dense_replace: 1,
    num_hidden_layers: 47,
    num_key_value_heads: 20,
    num_nextn_predict_layers: 1,
    partial_rotary_factor: 1,
    rms_norm_eps: 0.00001,
    rope_scaling: null,
    rope_theta: 1000000,
    tie_word_embeddings: false,
    dtype: 'bfloat16',
    transformers_version: '5.0.0rc0',
    q_lora_rank: 768,
    kv_lora_rank: 512,
    qk_nope_head_dim: 192,
    qk_rope_head_dim: 64,
    v_head_dim: 256,
    vocab_size: 154880,
  },
} satisfies CatalogModelData;
