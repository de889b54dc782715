// Qwen2 7B Instruct.
// Qwen2/2.5 carry q/k/v biases; `sliding_window` is ignored because use_sliding_window is false.
// config: huggingface.co/Qwen/Qwen2-7B-Instruct config.json, the whole file as printed ("原始 config.json") in a public
// model-inspection report of that repository, which also lists every tensor (7,615,616,512 in all).

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen2-7b-instruct',
  name: 'Qwen2 7B Instruct',
  family: 'Qwen2',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen2-7B-Instruct',
  license: 'apache-2.0',
  released: '2024-06-07',
  tags: ['chat', 'multilingual'],
  parameterCount: 7_615_616_512,
  parameterCountSource: { kind: 'exact', source: "sum of the checkpoint's safetensors tensors (7,615,616,512)", published: '7.6B' },
  aliases: ['qwen2'],
  notes:
    'The previous Qwen generation; Qwen2.5 7B has the same shapes. Config says 32,768; the model card enables 131,072 with YaRN. Runs in llama.cpp (qwen2), vLLM, SGLang, MLX and Ollama.',
  config: {
    architectures: ['Qwen2ForCausalLM'],
    attention_dropout: 0,
    bos_token_id: 151643,
    eos_token_id: 151645,
    hidden_act: 'silu',
    hidden_size: 3584,
    initializer_range: 0.02,
    intermediate_size: 18944,
    max_position_embeddings: 32768,
    max_window_layers: 28,
    model_type: 'qwen2',
    num_attention_heads: 28,
    num_hidden_layers: 28,
    num_key_value_heads: 4,
    rms_norm_eps: 0.000001,
    rope_theta: 1000000,
    sliding_window: 131072,
    tie_word_embeddings: false,
    torch_dtype: 'bfloat16',
    transformers_version: '4.41.2',
    use_cache: true,
    use_sliding_window: false,
    vocab_size: 152064,
  },
} satisfies CatalogModelData;
