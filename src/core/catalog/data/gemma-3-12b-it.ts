// Gemma 3 12B IT.
// Gemma 3 (text decoder only): 4 norms per layer, q/k norms, 5 sliding-window layers per global one. The
// multimodal repositories keep the language model in text_config and leave Gemma3TextConfig defaults out.
// config: the fields of huggingface.co/google/gemma-3-12b-it config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'gemma-3-12b-it',
  name: 'Gemma 3 12B IT',
  family: 'Gemma 3',
  publisher: 'Google',
  hfRepo: 'google/gemma-3-12b-it',
  license: 'gemma',
  released: '2025-03-12',
  tags: ['chat', 'vision', 'multilingual'],
  parameterCount: 11_766_034_176,
  parameterCountSource: {
    kind: 'recomputed',
    source: 'text weights only; the HF total also counts the SigLIP vision tower and projector (about 0.42B)',
    published: '12B',
    tolerance: 0.03,
  },
  notes: 'Text decoder only; the vision tower adds about 0.42B.',
  config: {
    architectures: ['Gemma3ForConditionalGeneration'],
    mm_tokens_per_image: 256,
    model_type: 'gemma3',
    text_config: {
      hidden_size: 3840,
      intermediate_size: 15360,
      model_type: 'gemma3_text',
      num_attention_heads: 16,
      num_hidden_layers: 48,
      num_key_value_heads: 8,
      rope_scaling: {
        factor: 8,
        rope_type: 'linear',
      },
      sliding_window: 1024,
      sliding_window_pattern: 6,
    },
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
