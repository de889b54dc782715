// Gemma 3 27B IT.
// Gemma 3 (text decoder only): 4 norms per layer, q/k norms, 5 sliding-window layers per global one. The
// multimodal repositories keep the language model in text_config and leave Gemma3TextConfig defaults out.
// config: huggingface.co/google/gemma-3-27b-it config.json, the whole file
// (the same copy as tests/fixtures/hf/gemma-3-27b-it/config.json).

import type { CatalogModelData } from '../types';

export default {
  id: 'gemma-3-27b-it',
  name: 'Gemma 3 27B IT',
  family: 'Gemma 3',
  publisher: 'Google',
  hfRepo: 'google/gemma-3-27b-it',
  license: 'gemma',
  released: '2025-03-12',
  tags: ['chat', 'vision', 'multilingual'],
  parameterCount: 27_009_346_304,
  parameterCountSource: {
    kind: 'recomputed',
    source: 'text weights only; the HF total also counts the SigLIP vision tower and projector (about 0.42B)',
    published: '27B',
    tolerance: 0.01,
  },
  notes: 'Text decoder only; the vision tower adds about 0.42B. head_dim 128.',
  config: {
    architectures: ['Gemma3ForConditionalGeneration'],
    boi_token_index: 255999,
    eoi_token_index: 256000,
    eos_token_id: [1, 106],
    image_token_index: 262144,
    initializer_range: 0.02,
    mm_tokens_per_image: 256,
    model_type: 'gemma3',
    text_config: {
      head_dim: 128,
      hidden_size: 5376,
      intermediate_size: 21504,
      model_type: 'gemma3_text',
      num_attention_heads: 32,
      num_hidden_layers: 62,
      num_key_value_heads: 16,
      query_pre_attn_scalar: 168,
      rope_scaling: {
        factor: 8,
        rope_type: 'linear',
      },
      sliding_window: 1024,
      sliding_window_pattern: 6,
    },
    torch_dtype: 'bfloat16',
    transformers_version: '4.50.0.dev0',
    vision_config: {
      hidden_size: 1152,
      image_size: 896,
      intermediate_size: 4304,
      model_type: 'siglip_vision_model',
      num_attention_heads: 16,
      num_hidden_layers: 27,
      patch_size: 14,
      vision_use_head: false,
    },
  },
} satisfies CatalogModelData;
