// Qwen3 Embedding 0.6B.
// A Qwen3 0.6B decoder trained for embeddings (last-token pooling, 1024-wide vectors); same layer shapes
// as Qwen3-0.6B, vocabulary trimmed to 151,669 rows. Planned by batch × sequence length, not a chat context.
// config: the sizing fields of huggingface.co/Qwen/Qwen3-Embedding-0.6B config.json as quoted in public
// copies (a model-card test fixture quoting "Qwen3-Embedding-0.6B's published config": Qwen3ForCausalLM,
// qwen3, hidden 1024, 28 layers, max_position_embeddings 32768, vocab 151669; xinference's builtin page
// docs/source/models/builtin/embedding/qwen3-embedding-0.6b.rst: 1024 dimensions, 32768 max tokens). Heads,
// head_dim and FFN width are Qwen3-0.6B's (the model card: "Building upon the dense foundational models of
// the Qwen3 series"; base_model Qwen/Qwen3-0.6B-Base).

import type { CatalogModelData } from '../types';

export default {
  id: 'qwen3-embedding-0.6b',
  name: 'Qwen3 Embedding 0.6B',
  family: 'Qwen3',
  publisher: 'Alibaba Qwen',
  hfRepo: 'Qwen/Qwen3-Embedding-0.6B',
  license: 'apache-2.0',
  released: '2025-06-05',
  tags: ['small', 'multilingual'],
  role: 'embedding',
  parameterCount: 595_776_512,
  parameterCountSource: {
    kind: 'recomputed',
    source: 'count of the config shapes (Qwen3-0.6B less 267 vocabulary rows, no separate lm_head)',
    published: '0.6B',
    tolerance: 0.01,
  },
  aliases: ['embedding', 'embed'],
  notes: 'Embedding model: llama-server --embedding --pooling last; one input must fit in one ubatch (-ub = -b = sequence length).',
  config: {
    architectures: ['Qwen3ForCausalLM'],
    head_dim: 128,
    hidden_size: 1024,
    intermediate_size: 3072,
    max_position_embeddings: 32768,
    model_type: 'qwen3',
    num_attention_heads: 16,
    num_hidden_layers: 28,
    num_key_value_heads: 8,
    tie_word_embeddings: true,
    use_sliding_window: false,
    vocab_size: 151669,
  },
} satisfies CatalogModelData;
