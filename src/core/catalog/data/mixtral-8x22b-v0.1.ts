// Mixtral 8x22B v0.1 (base).
// Mixtral: intermediate_size is the width of each of the num_local_experts experts; attention is shared.
// config: huggingface.co/mistralai/Mixtral-8x22B-v0.1 config.json, the whole file (public copy in ai-dynamo/aiconfigurator model_configs/).

import type { CatalogModelData } from '../types';

export default {
  id: 'mixtral-8x22b-v0.1',
  name: 'Mixtral 8x22B v0.1',
  family: 'Mixtral',
  publisher: 'Mistral AI',
  hfRepo: 'mistralai/Mixtral-8x22B-v0.1',
  license: 'apache-2.0',
  released: '2024-04-17',
  tags: ['base', 'moe', 'multilingual'],
  parameterCount: 140_620_634_112,
  activeParameterCount: 39_152_031_744,
  parameterCountSource: {
    kind: 'recomputed',
    source: 'recomputed from the config shapes',
    published: '141B total / 39B active',
    tolerance: 0.01,
  },
  aliases: ['mixtral base', 'pretrained'],
  notes:
    'Pre-trained base model, not instruction-tuned. Vocabulary 32,000 (the Instruct model has 32,768), hence 140.62B. Context 65,536. Runs in llama.cpp (llama), vLLM, SGLang and MLX.',
  config: {
    architectures: ['MixtralForCausalLM'],
    attention_dropout: 0,
    bos_token_id: 1,
    eos_token_id: 2,
    hidden_act: 'silu',
    hidden_size: 6144,
    initializer_range: 0.02,
    intermediate_size: 16384,
    max_position_embeddings: 65536,
    model_type: 'mixtral',
    num_attention_heads: 48,
    num_experts_per_tok: 2,
    num_hidden_layers: 56,
    num_key_value_heads: 8,
    num_local_experts: 8,
    output_router_logits: false,
    rms_norm_eps: 0.00001,
    rope_theta: 1000000,
    router_aux_loss_coef: 0.001,
    sliding_window: null,
    tie_word_embeddings: false,
    torch_dtype: 'bfloat16',
    transformers_version: '4.38.0',
    use_cache: true,
    vocab_size: 32000,
  },
} satisfies CatalogModelData;
