// Qwen3 Reranker 4B.
// A Qwen3 4B decoder that scores a (query, document) pair by the "yes"/"no" logits of its last token;
// vLLM serves it as Qwen3ForSequenceClassification (hf_overrides classifier_from_token ["no", "yes"],
// vLLM Ascend's Qwen3_reranker tutorial), llama.cpp with --reranking. Same layer shapes as Qwen3-4B and
// as Qwen3-Embedding-4B (the model card: the series is built "upon the dense foundational models of the
// Qwen3 series" in 0.6B, 4B and 8B). Planned by batch × sequence length (query + document).
// config: Qwen3-4B's sizing fields (hidden 2560, intermediate 9728, 36 layers, 32 heads, 8 KV heads,
// head_dim 128, max_position_embeddings 40960, tied embeddings). The vocabulary (151,669 rows, as the
// series' 0.6B models) was not seen in this model's own file in this project's sources: re-check it.

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen3-reranker-4b',
  name: 'Qwen3 Reranker 4B',
  family: 'Qwen3',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen3-Reranker-4B',
  license: 'apache-2.0',
  released: '2025-06-05',
  tags: ['multilingual'],
  role: 'reranker',
  parameterCount: 4_021_784_576,
  parameterCountSource: {
    kind: 'recomputed',
    source: 'count of the config shapes (Qwen3-4B less 267 vocabulary rows, tied embeddings)',
    published: '4B',
    tolerance: 0.01,
  },
  aliases: ['reranker', 'rerank'],
  notes: 'Reranker: llama-server --reranking; each query + document pair must fit in one ubatch (-ub = -b = sequence length).',
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
