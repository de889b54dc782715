// Mistral Small 3.1 24B Instruct 2503.
// Mistral Small 3 (40 layers, 5120 wide, 32 query / 8 KV heads of 128) given a Pixtral vision encoder and a 128k context;
// the language model sits in text_config (model_type mistral). Counts are the language model's.
// config: huggingface.co/mistralai/Mistral-Small-3.1-24B-Instruct-2503 config.json as reproduced in TensorRT-LLM's Mistral 3 test
// fixture (mistral_small_3_1_24b_config), with num_hidden_layers back at the original 40 the fixture's comment states it cut to 4.

import type { CatalogModelData } from '../types';

export default {
  id: 'mistral-small-3.1-24b-instruct-2503',
  name: 'Mistral Small 3.1 24B Instruct',
  family: 'Mistral',
  publisher: 'Mistral AI',
  hfRepo: 'mistralai/Mistral-Small-3.1-24B-Instruct-2503',
  license: 'apache-2.0',
  released: '2025-03',
  tags: ['chat', 'vision', 'multilingual'],
  parameterCount: 23_572_403_200,
  parameterCountSource: { kind: 'recomputed', source: 'recomputed from the config shapes', published: '24B', tolerance: 0.03 },
  aliases: ['mistral small 3.1', '2503'],
  notes:
    'Text + images in, 131,072-token context (rope_theta 1e9). Counts leave out the Pixtral vision encoder (about 0.4B). Mistral Small 3.2 (2506), Magistral Small and Devstral Small are fine-tunes of this 24B shape. Runs in llama.cpp (with an mmproj for images), vLLM and MLX.',
  config: {
    architectures: ['Mistral3ForConditionalGeneration'],
    image_token_index: 10,
    model_type: 'mistral3',
    multimodal_projector_bias: false,
    projector_hidden_act: 'gelu',
    spatial_merge_size: 2,
    text_config: {
      attention_dropout: 0,
      head_dim: 128,
      hidden_act: 'silu',
      hidden_size: 5120,
      initializer_range: 0.02,
      intermediate_size: 32768,
      max_position_embeddings: 131072,
      model_type: 'mistral',
      num_attention_heads: 32,
      num_hidden_layers: 40,
      num_key_value_heads: 8,
      rms_norm_eps: 0.00001,
      rope_theta: 1000000000,
      sliding_window: null,
      use_cache: true,
      vocab_size: 131072,
    },
    torch_dtype: 'bfloat16',
    transformers_version: '4.50.0.dev0',
    vision_config: {
      attention_dropout: 0,
      head_dim: 64,
      hidden_act: 'silu',
      hidden_size: 1024,
      image_size: 1540,
      initializer_range: 0.02,
      intermediate_size: 4096,
      model_type: 'pixtral',
      num_attention_heads: 16,
      num_channels: 3,
      num_hidden_layers: 24,
      patch_size: 14,
      rope_theta: 10000,
    },
    vision_feature_layer: -1,
  },
} satisfies CatalogModelData;
