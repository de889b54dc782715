// Mixtral 8x7B v0.1 (base).
// Mixtral: intermediate_size is the width of each of the num_local_experts experts; attention is shared.
// config: huggingface.co/mistralai/Mixtral-8x7B-v0.1 config.json, the whole file (public copy in ai-dynamo/aiconfigurator model_configs/).

import type { CatalogModelData } from '../types';

export default {
  id: 'mixtral-8x7b-v0.1',
  name: 'Mixtral 8x7B v0.1',
  family: 'Mixtral',
  publisher: 'Mistral AI',
  hfRepo: 'mistralai/Mixtral-8x7B-v0.1',
  license: 'apache-2.0',
  released: '2023-12-11',
  tags: ['base', 'moe', 'multilingual'],
  parameterCount: 46_702_792_704,
  activeParameterCount: 12_879_925_248,
  parameterCountSource: {
    kind: 'exact',
    source: 'same tensor shapes as Mixtral-8x7B-Instruct-v0.1 (46,702,792,704, HF safetensors total)',
    published: '46.7B total / 12.9B active',
  },
  aliases: ['mixtral base', 'pretrained'],
  notes:
    'Pre-trained base model, not instruction-tuned. Only the FFN is split into experts; attention is shared, so 8x7B is 46.7B, not 56B. Context 32,768. Runs in llama.cpp (llama), vLLM, SGLang and MLX.',
  config: {
    architectures: ['MixtralForCausalLM'],
    attention_dropout: 0,
    bos_token_id: 1,
    eos_token_id: 2,
    hidden_act: 'silu',
    hidden_size: 4096,
    initializer_range: 0.02,
    intermediate_size: 14336,
    max_position_embeddings: 32768,
    model_type: 'mixtral',
    num_attention_heads: 32,
    num_experts_per_tok: 2,
    num_hidden_layers: 32,
    num_key_value_heads: 8,
    num_local_experts: 8,
    output_router_logits: false,
    rms_norm_eps: 0.00001,
    rope_theta: 1000000,
    router_aux_loss_coef: 0.02,
    sliding_window: null,
    tie_word_embeddings: false,
    torch_dtype: 'bfloat16',
    transformers_version: '4.36.0.dev0',
    use_cache: true,
    vocab_size: 32000,
  },
} satisfies CatalogModelData;
