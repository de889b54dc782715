// Qwen3 Embedding 4B.
// A Qwen3 4B decoder trained for embeddings (last-token pooling, 2560-wide vectors). Planned by
// batch × sequence length, not a chat context; llama.cpp keeps a KV cache for it (a causal model) and
// reserves the n_vocab × n_ubatch logits in its compute buffer even when serving embeddings.
// config: the shape fields are those the published GGUF reports when llama.cpp loads it (a public
// ik_llama.cpp issue log of Qwen3-Embedding-4B: arch qwen3, n_ctx_train 40960, n_embd 2560, n_layer 36,
// n_head 32, n_head_kv 8, n_embd_head_k 128), with Qwen3-4B's FFN width 9728 (model card: "Building upon
// the dense foundational models of the Qwen3 series"). The vocabulary (151,669 rows, the 0.6B
// embedding model's) was not seen in this model's own file in this project's sources: re-check it.

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen3-embedding-4b',
  name: 'Qwen3 Embedding 4B',
  family: 'Qwen3',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen3-Embedding-4B',
  license: 'apache-2.0',
  released: '2025-06-05',
  tags: ['multilingual'],
  role: 'embedding',
  parameterCount: 4_021_784_576,
  parameterCountSource: {
    kind: 'recomputed',
    source: 'count of the config shapes (Qwen3-4B less 267 vocabulary rows, tied embeddings)',
    published: '4B',
    tolerance: 0.01,
  },
  aliases: ['embedding', 'embed'],
  notes: 'Embedding model: llama-server --embedding --pooling last; one input must fit in one ubatch (-ub = -b = sequence length).',
  config: {
    architectures: ['Qwen3ForCausalLM'],
    head_dim: 128,
    hidden_size: 2560,
    intermediate_size: 9728,
    max_position_embeddings: 40960,
    model_type: 'qwen3',
    num_attention_heads: 32,
    num_hidden_layers: 36,
    num_key_value_heads: 8,
    tie_word_embeddings: true,
    use_sliding_window: false,
    vocab_size: 151669,
  },
} satisfies CatalogModelData;
