// Llama 3.1 70B (base).
// Meta Llama 3.1 pretrained checkpoint: the same shapes as the Instruct release, without the chat tuning.
// config: huggingface.co/meta-llama/Llama-3.1-70B config.json, the whole file (public copy in ai-dynamo/aiconfigurator model_configs/,
// saved under the repository's former name Meta-Llama-3.1-70B).

import type { CatalogModelData } from '../types';

export default {
  id: 'llama-3.1-70b',
  name: 'Llama 3.1 70B',
  family: 'Llama 3',
  publisher: 'Meta',
  hfRepo: 'meta-llama/Llama-3.1-70B',
  license: 'llama3.1',
  released: '2024-07-23',
  tags: ['base', 'multilingual'],
  parameterCount: 70_553_706_496,
  parameterCountSource: {
    kind: 'exact',
    source: 'same tensor shapes as Llama-3.1-70B-Instruct (70,553,706,496, HF safetensors total)',
    published: '70B',
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
    hidden_size: 8192,
    initializer_range: 0.02,
    intermediate_size: 28672,
    max_position_embeddings: 131072,
    mlp_bias: false,
    model_type: 'llama',
    num_attention_heads: 64,
    num_hidden_layers: 80,
    num_key_value_heads: 8,
    pretraining_tp: 1,
    rms_norm_eps: 0.00001,
    rope_scaling: { factor: 8, low_freq_factor: 1, high_freq_factor: 4, original_max_position_embeddings: 8192, rope_type: 'llama3' },
    rope_theta: 500000,
    tie_word_embeddings: false,
    torch_dtype: 'bfloat16',
    transformers_version: '4.43.0.dev0',
    use_cache: true,
    vocab_size: 128256,
  },
} satisfies CatalogModelData;
