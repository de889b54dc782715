// SmolLM3 3B.
// Hugging Face's fully open 3B: a Llama-shaped decoder (36 layers, 16 query / 4 KV heads of 128, tied embeddings) whose every
// fourth layer drops RoPE (NoPE), trained to a 64k context.
// config: the sizing fields of huggingface.co/HuggingFaceTB/SmolLM3-3B config.json as quoted in public ports' tests ("authoritative
// copy of ... config.json's shape": hidden 2048, 36 layers, 16/4 heads, intermediate 11008, vocab 128256, no_rope_layers).

import type { CatalogModelData } from '../types';

export default {
  id: 'smollm3-3b',
  name: 'SmolLM3 3B',
  family: 'SmolLM3',
  publisher: 'Hugging Face',
  hfRepo: 'HuggingFaceTB/SmolLM3-3B',
  license: 'apache-2.0',
  released: '2025-07',
  tags: ['chat', 'reasoning', 'small', 'multilingual'],
  parameterCount: 3_075_098_624,
  parameterCountSource: { kind: 'recomputed', source: 'recomputed from the config shapes', published: '3B', tolerance: 0.04 },
  aliases: ['smollm'],
  notes:
    'Dual-mode reasoning (/think, /no_think), 6 languages. Context 65,536 (128k with YaRN per the card). Runs in llama.cpp (smollm3), vLLM and MLX.',
  config: {
    architectures: ['SmolLM3ForCausalLM'],
    hidden_act: 'silu',
    hidden_size: 2048,
    intermediate_size: 11008,
    max_position_embeddings: 65536,
    model_type: 'smollm3',
    no_rope_layer_interval: 4,
    no_rope_layers: [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0],
    num_attention_heads: 16,
    num_hidden_layers: 36,
    num_key_value_heads: 4,
    rms_norm_eps: 0.000001,
    rope_theta: 5000000,
    tie_word_embeddings: true,
    vocab_size: 128256,
  },
} satisfies CatalogModelData;
