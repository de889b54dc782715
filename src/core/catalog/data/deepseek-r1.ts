// DeepSeek R1.
// DeepSeek V3 / R1: multi-head latent attention (the KV cache holds a 512-wide latent plus a 64-wide RoPE key)
// and 256 routed + 1 shared experts after 3 dense layers. Counts exclude the multi-token-prediction layer.
// config: the fields of huggingface.co/deepseek-ai/DeepSeek-R1 config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'deepseek-r1',
  name: 'DeepSeek R1',
  family: 'DeepSeek R1',
  publisher: 'DeepSeek',
  hfRepo: 'deepseek-ai/DeepSeek-R1',
  license: 'mit',
  released: '2025-01-20',
  tags: ['reasoning', 'moe', 'chat'],
  parameterCount: 671_026_419_200,
  activeParameterCount: 37_552_297_472,
  parameterCountSource: { kind: 'exact', source: 'same shapes as DeepSeek-V3', published: '671B total / 37B active' },
  aliases: ['r1'],
  notes:
    'MLA: the KV cache stores a 576-wide latent per token and layer instead of 128 heads × 2 × 128. Count excludes the 14B MTP module and the FP8 scale tensors that the HF total (684.5B) includes.',
  config: {
    architectures: ['DeepseekV3ForCausalLM'],
    first_k_dense_replace: 3,
    hidden_size: 7168,
    intermediate_size: 18432,
    kv_lora_rank: 512,
    max_position_embeddings: 163840,
    model_type: 'deepseek_v3',
    moe_intermediate_size: 2048,
    moe_layer_freq: 1,
    n_routed_experts: 256,
    n_shared_experts: 1,
    num_attention_heads: 128,
    num_experts_per_tok: 8,
    num_hidden_layers: 61,
    num_key_value_heads: 128,
    num_nextn_predict_layers: 1,
    q_lora_rank: 1536,
    qk_nope_head_dim: 128,
    qk_rope_head_dim: 64,
    tie_word_embeddings: false,
    topk_method: 'noaux_tc',
    v_head_dim: 128,
    vocab_size: 129280,
  },
} satisfies CatalogModelData;
