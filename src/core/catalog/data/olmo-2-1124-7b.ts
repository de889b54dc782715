// OLMo 2 7B (November 2024).
// Ai2's fully open dense model: post-norm (RMSNorm after attention and after the MLP, none before), a q/k RMSNorm over the
// full projection width, full multi-head attention (32 KV heads) and untied embeddings.
// config: huggingface.co/allenai/OLMo-2-1124-7B config.json, the whole file as mirrored ("Mirror of
// allenai/OLMo-2-1124-7B/config.json") in Megatron-Bridge's OLMo 2 bridge test.

import type { CatalogModelData } from '../types';

export default {
  id: 'olmo-2-1124-7b',
  name: 'OLMo 2 7B',
  family: 'OLMo',
  publisher: 'Ai2',
  hfRepo: 'allenai/OLMo-2-1124-7B',
  license: 'apache-2.0',
  released: '2024-11-26',
  tags: ['base', 'small'],
  parameterCount: 7_298_617_344,
  parameterCountSource: { kind: 'recomputed', source: 'recomputed from the config shapes', published: '7B', tolerance: 0.05 },
  aliases: ['olmo2', 'olmo 2'],
  notes:
    'Pre-trained base checkpoint (OLMo-2-1124-7B-Instruct is the chat tune of the same shape). Full multi-head attention: the KV cache is 4× that of a GQA-8 model of this width. Context 4,096 tokens. Runs in llama.cpp (olmo2), vLLM and MLX.',
  config: {
    architectures: ['Olmo2ForCausalLM'],
    attention_bias: false,
    attention_dropout: 0.0,
    eos_token_id: 100257,
    hidden_act: 'silu',
    hidden_size: 4096,
    initializer_range: 0.02,
    intermediate_size: 11008,
    max_position_embeddings: 4096,
    model_type: 'olmo2',
    num_attention_heads: 32,
    num_hidden_layers: 32,
    num_key_value_heads: 32,
    pad_token_id: 100277,
    rms_norm_eps: 1e-6,
    rope_theta: 500000.0,
    tie_word_embeddings: false,
    torch_dtype: 'bfloat16',
    use_cache: true,
    vocab_size: 100352,
  },
} satisfies CatalogModelData;
