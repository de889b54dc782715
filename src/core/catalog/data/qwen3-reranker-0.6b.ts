// Qwen3 Reranker 0.6B.
// A Qwen3 0.6B decoder that scores a (query, document) pair by the "yes"/"no" logits of its last token;
// vLLM serves it as Qwen3ForSequenceClassification (hf_overrides classifier_from_token ["no", "yes"]),
// llama.cpp with --reranking. Same layer shapes as Qwen3-0.6B, vocabulary 151,669 rows like the embedding
// model of the same series. Planned by batch × sequence length (query + document), not a chat context.
// config: the sizing fields of huggingface.co/Qwen/Qwen3-Reranker-0.6B config.json (Qwen3ForCausalLM,
// qwen3) as the Qwen3 Embedding series shares them; vLLM Ascend's Qwen3_reranker tutorial quotes the
// serving flags. The vocabulary (151,669) and max_position_embeddings (40,960, Qwen3-0.6B's value) were
// not seen in the reranker's own file in this project's sources: re-check them against it. The served
// context is the model card's "Context Length: 32K" (docker/model-runner model-cards/ai/qwen3-reranker.md).

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen3-reranker-0.6b',
  name: 'Qwen3 Reranker 0.6B',
  family: 'Qwen3',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen3-Reranker-0.6B',
  license: 'apache-2.0',
  released: '2025-06-05',
  tags: ['small', 'multilingual'],
  role: 'reranker',
  parameterCount: 595_776_512,
  parameterCountSource: {
    kind: 'recomputed',
    source: 'count of the config shapes (unique; the tied lm_head is stored a second time in the checkpoint)',
    published: '0.6B',
    tolerance: 0.01,
  },
  aliases: ['reranker', 'rerank'],
  notes: 'Reranker: llama-server --reranking; each query + document pair must fit in one ubatch (-ub = -b = sequence length).',
  config: {
    architectures: ['Qwen3ForCausalLM'],
    head_dim: 128,
    hidden_size: 1024,
    intermediate_size: 3072,
    max_position_embeddings: 40960,
    model_type: 'qwen3',
    num_attention_heads: 16,
    num_hidden_layers: 28,
    num_key_value_heads: 8,
    tie_word_embeddings: true,
    use_sliding_window: false,
    vocab_size: 151669,
  },
} satisfies CatalogModelData;
