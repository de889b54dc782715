// Llama 3.2 11B Vision Instruct.
// The language model is Llama 3.1 8B's with 8 cross-attention layers inserted (40 layers, at 3, 8, …, 38):
// their weights are counted here with the text model; they attend to the image tokens only, so the text
// context's KV cache is that of the other 32 layers (kvLayers), and the image tokens' KV in those 8
// layers is counted with the projector, per image. The vision model (a 32 + 8 layer ViT over up to four
// 560 px tiles) and its one-layer projector are planned as the projector.
// config: the fields of huggingface.co/meta-llama/Llama-3.2-11B-Vision-Instruct config.json that size the
// model, with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'llama-3.2-11b-vision-instruct',
  name: 'Llama 3.2 11B Vision Instruct',
  family: 'Llama 3.2',
  publisher: 'Meta',
  hfRepo: 'meta-llama/Llama-3.2-11B-Vision-Instruct',
  license: 'llama3.2',
  released: '2024-09-25',
  tags: ['chat', 'vision'],
  parameterCount: 9_775_157_248,
  parameterCountSource: {
    kind: 'recomputed',
    source:
      'text weights recomputed from the config shapes; the HF total 10,670,220,835 also counts the 895,028,755-parameter vision model, and the checkpoint adds 34,832 more (8 image-token embedding rows, the cross-attention q/k norms and gates) that the spec leaves out',
    published: '11B',
    tolerance: 0.12,
  },
  notes:
    "Text model only (its 8 cross-attention layers included); the vision model adds 895,028,755 parameters. llama.cpp does not run it (its mtmd has no mllama projector): plan it for Ollama or vLLM. Each image is one token in the context and 4 × 1,601 tokens in the cross-attention layers' cache.",
  config: {
    architectures: ['MllamaForConditionalGeneration'],
    image_token_index: 128256,
    model_type: 'mllama',
    text_config: {
      cross_attention_layers: [3, 8, 13, 18, 23, 28, 33, 38],
      hidden_size: 4096,
      intermediate_size: 14336,
      max_position_embeddings: 131072,
      model_type: 'mllama_text_model',
      num_attention_heads: 32,
      num_hidden_layers: 40,
      num_key_value_heads: 8,
      rope_scaling: {
        factor: 8,
        high_freq_factor: 4,
        low_freq_factor: 1,
        original_max_position_embeddings: 8192,
        rope_type: 'llama3',
      },
      rope_theta: 500000,
      tie_word_embeddings: false,
      vocab_size: 128256,
    },
    vision_config: {
      hidden_size: 1280,
      image_size: 560,
      intermediate_layers_indices: [3, 7, 15, 23, 30],
      intermediate_size: 5120,
      max_num_tiles: 4,
      model_type: 'mllama_vision_model',
      num_attention_heads: 16,
      num_channels: 3,
      num_global_layers: 8,
      num_hidden_layers: 32,
      patch_size: 14,
      supported_aspect_ratios: [
        [1, 1],
        [1, 2],
        [1, 3],
        [1, 4],
        [2, 1],
        [2, 2],
        [3, 1],
        [4, 1],
      ],
      vision_output_dim: 7680,
    },
  },
} satisfies CatalogModelData;
