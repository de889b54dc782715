// Gemma 3 270M IT.
// The smallest Gemma 3: text-only gemma3_text, 18 layers of which every sixth is global and the rest see a 512-token window;
// half the weights are the 262,144-token embedding.
// config: the sizing fields of huggingface.co/google/gemma-3-270m-it config.json, names and values as quoted in public
// copies of the file (test fixtures and ports that load it: hidden 640, 4 heads / 1 KV head of 256, layer_types).

import type { CatalogModelData } from '../types';

export default {
  id: 'gemma-3-270m-it',
  name: 'Gemma 3 270M IT',
  family: 'Gemma 3',
  publisher: 'Google',
  hfRepo: 'google/gemma-3-270m-it',
  license: 'gemma',
  released: '2025-08-14',
  tags: ['chat', 'small', 'multilingual'],
  parameterCount: 268_098_176,
  parameterCountSource: { kind: 'recomputed', source: 'recomputed from the config shapes', published: '270M', tolerance: 0.01 },
  aliases: ['gemma3 270m'],
  notes:
    'Made for fine-tuning into small task models. 170M of the 270M are the tied embedding (262,144 × 640). 32,768-token context. Runs in llama.cpp (gemma3), vLLM and MLX.',
  config: {
    architectures: ['Gemma3ForCausalLM'],
    head_dim: 256,
    hidden_activation: 'gelu_pytorch_tanh',
    hidden_size: 640,
    intermediate_size: 2048,
    layer_types: [
      'sliding_attention',
      'sliding_attention',
      'sliding_attention',
      'sliding_attention',
      'sliding_attention',
      'full_attention',
      'sliding_attention',
      'sliding_attention',
      'sliding_attention',
      'sliding_attention',
      'sliding_attention',
      'full_attention',
      'sliding_attention',
      'sliding_attention',
      'sliding_attention',
      'sliding_attention',
      'sliding_attention',
      'full_attention',
    ],
    max_position_embeddings: 32768,
    model_type: 'gemma3_text',
    num_attention_heads: 4,
    num_hidden_layers: 18,
    num_key_value_heads: 1,
    query_pre_attn_scalar: 256,
    rms_norm_eps: 0.000001,
    rope_local_base_freq: 10000,
    rope_theta: 1000000,
    sliding_window: 512,
    vocab_size: 262144,
  },
} satisfies CatalogModelData;
