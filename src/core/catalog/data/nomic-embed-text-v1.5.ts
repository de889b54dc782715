// Nomic Embed Text v1.5.
// NomicBERT: a 12-layer, 768-wide encoder with rotary positions (no position table), a fused Wqkv,
// a SwiGLU FFN and no projection biases. llama.cpp converts it as "nomic-bert" (LLM_TYPE_137M for
// 12 layers × 768) and allocates no KV cache.
// config: the sizing fields of huggingface.co/nomic-ai/nomic-embed-text-v1.5 config.json, which uses
// GPT-2 names (NomicBertModel, nomic_bert, n_embd 768, n_layer 12, n_head 12, n_inner 3072,
// n_positions 8192, max_position_embeddings 2048 (the trained window), vocab 30528, type_vocab_size 2,
// rotary_emb_base 1000, rotary_emb_fraction 1.0, as a public Swift decoder test quotes them), with
// activation_function swiglu and the qkv_proj_bias / mlp_fc1_bias / mlp_fc2_bias switches off.

import type { CatalogModelData } from '../types';

export default {
  id: 'nomic-embed-text-v1.5',
  name: 'Nomic Embed Text v1.5',
  family: 'Nomic Embed',
  publisher: 'Nomic AI',
  hfRepo: 'nomic-ai/nomic-embed-text-v1.5',
  license: 'apache-2.0',
  released: '2024-02-10',
  tags: ['small'],
  role: 'embedding',
  parameterCount: 136_731_648,
  parameterCountSource: {
    kind: 'recomputed',
    source: "count of the config shapes (llama.cpp's 137M type for this shape)",
    published: '137M',
    tolerance: 0.005,
  },
  aliases: ['nomic', 'embedding', 'embed'],
  notes:
    'Encoder-only embedding model: llama-server --embedding --pooling mean; no KV cache, each input in one micro-batch (-ub = -b = sequence length).',
  config: {
    activation_function: 'swiglu',
    architectures: ['NomicBertModel'],
    max_position_embeddings: 2048,
    mlp_fc1_bias: false,
    mlp_fc2_bias: false,
    model_type: 'nomic_bert',
    n_embd: 768,
    n_head: 12,
    n_inner: 3072,
    n_layer: 12,
    n_positions: 8192,
    qkv_proj_bias: false,
    rotary_emb_base: 1000,
    rotary_emb_fraction: 1.0,
    type_vocab_size: 2,
    vocab_size: 30528,
  },
} satisfies CatalogModelData;
