// Qwen3-VL 32B Thinking.
// Qwen3-VL: a ViT vision encoder feeding a Qwen3 dense language model (interleaved multimodal RoPE, DeepStack visual features);
// text_config model_type qwen3_vl_text is sized as qwen3. Counts are the language model's.
// config: huggingface.co/Qwen/Qwen3-VL-32B-Thinking config.json, the whole file (public copy in ai-dynamo/aiconfigurator model_configs/).

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen3-vl-32b-thinking',
  name: 'Qwen3-VL 32B Thinking',
  family: 'Qwen3-VL',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen3-VL-32B-Thinking',
  license: 'apache-2.0',
  released: '2025-10',
  tags: ['chat', 'reasoning', 'vision', 'multilingual'],
  parameterCount: 32_762_123_264,
  parameterCountSource: {
    kind: 'exact',
    source: 'text model: same tensor shapes as Qwen3-32B (32,762,123,264); the vision encoder is not counted',
    published: '32B',
  },
  aliases: ['qwen3 vl', 'vision'],
  notes:
    'Images and video in, text out. Native context 262,144 tokens. The vision encoder and its image tokens add memory on top of the text model. Runs in vLLM, SGLang, MLX and llama.cpp (qwen3vl with an mmproj file).',
  config: {
    architectures: ['Qwen3VLForConditionalGeneration'],
    image_token_id: 151655,
    model_type: 'qwen3_vl',
    text_config: {
      attention_bias: false,
      attention_dropout: 0,
      bos_token_id: 151643,
      dtype: 'bfloat16',
      eos_token_id: 151645,
      head_dim: 128,
      hidden_act: 'silu',
      hidden_size: 5120,
      initializer_range: 0.02,
      intermediate_size: 25600,
      max_position_embeddings: 262144,
      model_type: 'qwen3_vl_text',
      num_attention_heads: 64,
      num_hidden_layers: 64,
      num_key_value_heads: 8,
      rms_norm_eps: 0.000001,
      rope_scaling: { mrope_interleaved: true, mrope_section: [24, 20, 20], rope_type: 'default' },
      rope_theta: 5000000,
      use_cache: true,
      vocab_size: 151936,
    },
    tie_word_embeddings: false,
    transformers_version: '4.57.0.dev0',
    video_token_id: 151656,
    vision_config: {
      deepstack_visual_indexes: [8, 16, 24],
      depth: 27,
      hidden_act: 'gelu_pytorch_tanh',
      hidden_size: 1152,
      in_channels: 3,
      initializer_range: 0.02,
      intermediate_size: 4304,
      model_type: 'qwen3_vl',
      num_heads: 16,
      num_position_embeddings: 2304,
      out_hidden_size: 5120,
      patch_size: 16,
      spatial_merge_size: 2,
      temporal_patch_size: 2,
    },
    vision_end_token_id: 151653,
    vision_start_token_id: 151652,
  },
} satisfies CatalogModelData;
