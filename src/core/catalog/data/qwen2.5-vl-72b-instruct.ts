// Qwen2.5-VL 72B Instruct.
// The language model is Qwen2.5-72B (q/k/v biases, `sliding_window` ignored because use_sliding_window is
// false), kept at the top level of the config; the ViT (window attention, SwiGLU, a 2 × 2 patch merger into
// the text width) is in vision_config and is planned as the projector (mmproj) beside the text model.
// config: the fields of huggingface.co/Qwen/Qwen2.5-VL-72B-Instruct config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen2.5-vl-72b-instruct',
  name: 'Qwen2.5-VL 72B Instruct',
  family: 'Qwen2.5-VL',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen2.5-VL-72B-Instruct',
  license: 'qwen',
  released: '2025-01-26',
  tags: ['chat', 'vision', 'multilingual'],
  parameterCount: 72_706_203_648,
  parameterCountSource: {
    kind: 'exact',
    source:
      'text weights: the same shapes as Qwen2.5-72B (72,706,203,648); the HF total 73,410,777,344 also counts the 704,573,696-parameter vision tower',
    published: '72.7B',
  },
  notes:
    'Text model only; the vision tower and merger add 704,573,696 parameters, planned as the projector. Images: one token per 28 × 28 pixels, up to 4,096 per image in llama.cpp, 16,384 at the processor default.',
  config: {
    architectures: ['Qwen2_5_VLForConditionalGeneration'],
    hidden_size: 8192,
    image_token_id: 151655,
    intermediate_size: 29568,
    max_position_embeddings: 128000,
    model_type: 'qwen2_5_vl',
    num_attention_heads: 64,
    num_hidden_layers: 80,
    num_key_value_heads: 8,
    tie_word_embeddings: false,
    use_sliding_window: false,
    vision_config: {
      depth: 32,
      fullatt_block_indexes: [7, 15, 23, 31],
      hidden_act: 'silu',
      hidden_size: 1280,
      in_chans: 3,
      intermediate_size: 3456,
      num_heads: 16,
      out_hidden_size: 8192,
      patch_size: 14,
      spatial_merge_size: 2,
      spatial_patch_size: 14,
      temporal_patch_size: 2,
      tokens_per_second: 2,
      window_size: 112,
    },
    vocab_size: 152064,
  },
} satisfies CatalogModelData;
