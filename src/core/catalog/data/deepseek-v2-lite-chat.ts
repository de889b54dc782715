// DeepSeek V2 Lite Chat.
// DeepSeek V2 Lite: MLA without query compression (q_lora_rank null).
// config: the fields of huggingface.co/deepseek-ai/DeepSeek-V2-Lite-Chat config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'deepseek-v2-lite-chat',
  name: 'DeepSeek V2 Lite Chat',
  family: 'DeepSeek V2',
  publisher: 'DeepSeek',
  hfRepo: 'deepseek-ai/DeepSeek-V2-Lite-Chat',
  license: 'deepseek',
  released: '2024-05-16',
  tags: ['chat', 'moe', 'small'],
  parameterCount: 15_706_484_224,
  activeParameterCount: 2_661_150_208,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '15.7B total / 2.4B active' },
  notes: 'MLA without query compression (q_lora_rank null); first layer dense, then 64 routed + 2 shared experts.',
  config: {
    architectures: ['DeepseekV2ForCausalLM'],
    first_k_dense_replace: 1,
    hidden_size: 2048,
    intermediate_size: 10944,
    kv_lora_rank: 512,
    max_position_embeddings: 163840,
    model_type: 'deepseek_v2',
    moe_intermediate_size: 1408,
    moe_layer_freq: 1,
    n_routed_experts: 64,
    n_shared_experts: 2,
    num_attention_heads: 16,
    num_experts_per_tok: 6,
    num_hidden_layers: 27,
    num_key_value_heads: 16,
    q_lora_rank: null,
    qk_nope_head_dim: 128,
    qk_rope_head_dim: 64,
    tie_word_embeddings: false,
    topk_method: 'greedy',
    v_head_dim: 128,
    vocab_size: 102400,
  },
} satisfies CatalogModelData;
