// Llama 3.1 405B (base).
// Meta Llama 3.1 pretrained checkpoint: the same shapes as the Instruct release, without the chat tuning.
// config: huggingface.co/meta-llama/Llama-3.1-405B config.json, the whole file (public copy in ai-dynamo/aiconfigurator model_configs/,
// saved under the repository's former name Meta-Llama-3.1-405B).

import type { CatalogModelData } from '../types';

export default {
  id: 'llama-3.1-405b',
  name: 'Llama 3.1 405B',
  family: 'Llama 3',
  publisher: 'Meta',
  hfRepo: 'meta-llama/Llama-3.1-405B',
  license: 'llama3.1',
  released: '2024-07-23',
  tags: ['base', 'multilingual'],
  parameterCount: 405_853_388_800,
  parameterCountSource: {
    kind: 'exact',
    source: 'same tensor shapes as Llama-3.1-405B-Instruct (405,853,388,800, HF safetensors total)',
    published: '405B',
  },
  aliases: ['llama 3.1 base', 'pretrained'],
  notes:
    'Pre-trained base model, not instruction-tuned: for fine-tuning and completion. Context 131,072 (llama3 RoPE scaling). Runs in llama.cpp (llama), vLLM, SGLang, MLX and Ollama.',
  config: {
    architectures: ['LlamaForCausalLM'],
    attention_bias: false,
    attention_dropout: 0,
    bos_token_id: 128000,
    eos_token_id: 128001,
    hidden_act: 'silu',
    hidden_size: 16384,
    initializer_range: 0.02,
    intermediate_size: 53248,
    max_position_embeddings: 131072,
    mlp_bias: false,
    model_type: 'llama',
    num_attention_heads: 128,
    num_hidden_layers: 126,
    num_key_value_heads: 8,
    pretraining_tp: 1,
    rms_norm_eps: 0.00001,
    rope_scaling: { factor: 8, low_freq_factor: 1, high_freq_factor: 4, original_max_position_embeddings: 8192, rope_type: 'llama3' },
    rope_theta: 500000,
    tie_word_embeddings: false,
    torch_dtype: 'bfloat16',
    transformers_version: '4.42.3',
    use_cache: true,
    vocab_size: 128256,
  },
} satisfies CatalogModelData;
