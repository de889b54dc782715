// InternVL3 8B (transformers format).
// InternViT-300M (24 LayerNorm layers with layer scale, 448 px tiles of 14 px patches) and a 2 × 2
// pixel-shuffle MLP into a Qwen2.5-7B language model whose vocabulary gains InternVL's 9 image tokens.
// The -hf repository is the same weights as OpenGVLab/InternVL3-8B in transformers' own layout, whose
// config keeps the language model in text_config (the original keeps it in llm_config).
// config: the fields of huggingface.co/OpenGVLab/InternVL3-8B-hf config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'internvl3-8b',
  name: 'InternVL3 8B',
  family: 'InternVL3',
  publisher: 'Shanghai AI Lab (OpenGVLab)',
  hfRepo: 'OpenGVLab/InternVL3-8B-hf',
  license: 'apache-2.0',
  released: '2025-04-11',
  tags: ['chat', 'vision', 'multilingual'],
  parameterCount: 7_612_820_992,
  parameterCountSource: {
    kind: 'recomputed',
    source: "text weights only: Qwen2.5-7B's shapes with a 151,674-token vocabulary; the vision tower adds 331,553,168",
    published: '8B',
    tolerance: 0.06,
  },
  notes:
    'Text model only; InternViT-300M and the MLP projector add 331,553,168 parameters, planned as the projector. Images: 256 tokens per 448 px tile, up to 12 tiles and a thumbnail.',
  config: {
    architectures: ['InternVLForConditionalGeneration'],
    downsample_ratio: 0.5,
    image_token_id: 151667,
    model_type: 'internvl',
    projector_hidden_act: 'gelu',
    text_config: {
      hidden_size: 3584,
      intermediate_size: 18944,
      max_position_embeddings: 32768,
      model_type: 'qwen2',
      num_attention_heads: 28,
      num_hidden_layers: 28,
      num_key_value_heads: 4,
      tie_word_embeddings: false,
      use_sliding_window: false,
      vocab_size: 151674,
    },
    vision_config: {
      attention_bias: true,
      hidden_act: 'gelu',
      hidden_size: 1024,
      image_size: [448, 448],
      intermediate_size: 4096,
      layer_scale_init_value: 0.1,
      model_type: 'internvl_vision',
      norm_type: 'layer_norm',
      num_attention_heads: 16,
      num_channels: 3,
      num_hidden_layers: 24,
      patch_size: [14, 14],
      use_mean_pooling: true,
      use_qk_norm: false,
    },
    vision_feature_layer: -1,
  },
} satisfies CatalogModelData;
