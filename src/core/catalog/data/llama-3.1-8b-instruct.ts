// Llama 3.1 8B Instruct.
// Meta Llama: shapes from the repository's config.json, corroborated by torchtune's model builders and Meta's llama-models sku_list.
// config: huggingface.co/meta-llama/Llama-3.1-8B-Instruct config.json, the whole file
// (the same copy as tests/fixtures/hf/Llama-3.1-8B-Instruct/config.json).

import type { CatalogModelData } from '../types';

export default {
  id: 'llama-3.1-8b-instruct',
  name: 'Llama 3.1 8B Instruct',
  family: 'Llama 3',
  publisher: 'Meta',
  hfRepo: 'meta-llama/Llama-3.1-8B-Instruct',
  license: 'llama3.1',
  released: '2024-07-23',
  tags: ['chat', 'multilingual'],
  parameterCount: 8_030_261_248,
  parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '8B' },
  config: {
    architectures: ['LlamaForCausalLM'],
    attention_bias: false,
    attention_dropout: 0,
    bos_token_id: 128000,
    eos_token_id: [128001, 128008, 128009],
    hidden_act: 'silu',
    hidden_size: 4096,
    initializer_range: 0.02,
    intermediate_size: 14336,
    max_position_embeddings: 131072,
    mlp_bias: false,
    model_type: 'llama',
    num_attention_heads: 32,
    num_hidden_layers: 32,
    num_key_value_heads: 8,
    pretraining_tp: 1,
    rms_norm_eps: 0.00001,
    rope_scaling: {
      factor: 8,
      high_freq_factor: 4,
      low_freq_factor: 1,
      original_max_position_embeddings: 8192,
      rope_type: 'llama3',
    },
    rope_theta: 500000,
    tie_word_embeddings: false,
    torch_dtype: 'bfloat16',
    transformers_version: '4.45.2',
    use_cache: true,
    vocab_size: 128256,
  },
} satisfies CatalogModelData;
