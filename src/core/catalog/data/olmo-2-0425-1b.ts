// OLMo 2 1B (April 2025).
// The smallest OLMo 2: the same post-norm, q/k-norm, full multi-head design as the 7B at 16 layers of width 2048.
// config: huggingface.co/allenai/OLMo-2-0425-1B config.json, the whole file as mirrored ("Mirror of
// allenai/OLMo-2-0425-1B/config.json") in Megatron-Bridge's OLMo 2 bridge test.

import type { CatalogModelData } from '../types';

export default {
  id: 'olmo-2-0425-1b',
  name: 'OLMo 2 1B',
  family: 'OLMo',
  publisher: 'Ai2',
  hfRepo: 'allenai/OLMo-2-0425-1B',
  license: 'apache-2.0',
  released: '2025-04',
  tags: ['base', 'small'],
  parameterCount: 1_484_916_736,
  parameterCountSource: { kind: 'recomputed', source: 'recomputed from the config shapes', published: '1B', tolerance: 0.5 },
  aliases: ['olmo2', 'olmo 2'],
  notes:
    'Pre-trained base checkpoint. The 1B of the name rounds down: the weights recompute to 1.48B (hence the wide tolerance). Untied 100,352-token embeddings make up over a quarter of the weights. Context 4,096 tokens. Runs in llama.cpp (olmo2), vLLM and MLX.',
  config: {
    architectures: ['Olmo2ForCausalLM'],
    attention_bias: false,
    attention_dropout: 0.0,
    hidden_act: 'silu',
    hidden_size: 2048,
    intermediate_size: 8192,
    max_position_embeddings: 4096,
    model_type: 'olmo2',
    num_attention_heads: 16,
    num_hidden_layers: 16,
    num_key_value_heads: 16,
    rms_norm_eps: 1e-6,
    rope_theta: 500000.0,
    tie_word_embeddings: false,
    torch_dtype: 'bfloat16',
    vocab_size: 100352,
  },
} satisfies CatalogModelData;
