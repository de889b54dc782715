// DeepSeek R1-0528 Qwen3 8B.
// Qwen3-8B Base post-trained on DeepSeek-R1-0528's chain-of-thought. The DeepSeek-R1-0528 model card: "The model architecture of
// DeepSeek-R1-0528-Qwen3-8B is identical to that of Qwen3-8B, but it shares the same tokenizer configuration as DeepSeek-R1-0528."
// config: the sizing fields of huggingface.co/Qwen/Qwen3-8B config.json (the same fields as qwen3-8b.ts), reused on the card's
// statement above; the distill's own config.json was not found in a public copy, so a longer context it may set is not claimed.

import type { CatalogModelData } from '../types';

export default {
  id: 'deepseek-r1-0528-qwen3-8b',
  name: 'DeepSeek R1-0528 Qwen3 8B',
  family: 'DeepSeek R1',
  publisher: 'DeepSeek',
  hfRepo: 'deepseek-ai/DeepSeek-R1-0528-Qwen3-8B',
  license: 'mit',
  released: '2025-05',
  tags: ['reasoning', 'chat'],
  parameterCount: 8_190_735_360,
  parameterCountSource: {
    kind: 'exact',
    source: 'same tensor shapes as Qwen3-8B (model card: "identical to that of Qwen3-8B"; Qwen3-8B HF safetensors total)',
    published: '8B',
  },
  aliases: ['r1 distill', 'r1-0528', 'deepseek qwen3'],
  notes:
    'A distill, not DeepSeek R1 itself: the Qwen3-8B dense architecture with R1-0528 reasoning. Thinks before answering (the card evaluates with 64K-token generations). Runs in llama.cpp (qwen3), vLLM and MLX like Qwen3-8B.',
  config: {
    architectures: ['Qwen3ForCausalLM'],
    head_dim: 128,
    hidden_size: 4096,
    intermediate_size: 12288,
    max_position_embeddings: 40960,
    model_type: 'qwen3',
    num_attention_heads: 32,
    num_hidden_layers: 36,
    num_key_value_heads: 8,
    tie_word_embeddings: false,
    use_sliding_window: false,
    vocab_size: 151936,
  },
} satisfies CatalogModelData;
