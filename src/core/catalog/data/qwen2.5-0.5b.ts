// Qwen2.5 0.5B (base).
// Qwen2/2.5 carry q/k/v biases; `sliding_window` is ignored because use_sliding_window is false.
// config: huggingface.co/Qwen/Qwen2.5-0.5B config.json, the whole file as printed ("原始 config.json") in a public
// model-inspection report of that repository, which also lists every tensor (494,032,768 in all).

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen2.5-0.5b',
  name: 'Qwen2.5 0.5B',
  family: 'Qwen2.5',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen2.5-0.5B',
  license: 'apache-2.0',
  released: '2024-09-19',
  tags: ['base', 'small', 'multilingual'],
  parameterCount: 494_032_768,
  parameterCountSource: { kind: 'exact', source: "sum of the checkpoint's safetensors tensors (494,032,768)", published: '0.49B' },
  aliases: ['qwen2.5 base', 'pretrained'],
  notes:
    'Pre-trained base model, not instruction-tuned. Embeddings tied. Context 32,768. Runs in llama.cpp (qwen2), vLLM, SGLang, MLX and Ollama.',
  config: {
    architectures: ['Qwen2ForCausalLM'],
    attention_dropout: 0,
    bos_token_id: 151643,
    eos_token_id: 151643,
    hidden_act: 'silu',
    hidden_size: 896,
    initializer_range: 0.02,
    intermediate_size: 4864,
    max_position_embeddings: 32768,
    max_window_layers: 24,
    model_type: 'qwen2',
    num_attention_heads: 14,
    num_hidden_layers: 24,
    num_key_value_heads: 2,
    rms_norm_eps: 0.000001,
    rope_theta: 1000000,
    sliding_window: 32768,
    tie_word_embeddings: true,
    torch_dtype: 'bfloat16',
    transformers_version: '4.40.1',
    use_cache: true,
    use_mrope: false,
    use_sliding_window: false,
    vocab_size: 151936,
  },
} satisfies CatalogModelData;
