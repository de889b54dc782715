// BGE-M3.
// BAAI's multilingual, multi-granularity embedding model: an XLM-RoBERTa large encoder (24 layers,
// 1024 wide) with its position table extended to 8,194 rows (8,192 usable: RoBERTa numbers positions
// from the padding index + 1). llama.cpp converts it as "bert" and allocates no KV cache.
// config: the sizing fields of huggingface.co/BAAI/bge-m3 config.json as public copies quote it
// (XLMRobertaModel, xlm-roberta, hidden 1024, intermediate 4096, 24 layers, 16 heads,
// max_position_embeddings 8194, type_vocab_size 1, vocab 250002; a Go client records the live server's
// handshake for "BAAI/bge-m3" with max_position_embeddings 8194 and dense_dim 1024).
// The count is the checkpoint's: the encoder plus BERT's pooler (1024 × 1024 + 1024) and the two
// padding position rows, which convert_hf_to_gguf drops, so the GGUF holds 1,051,648 fewer parameters.

import type { CatalogModelData } from '../types';

export default {
  id: 'bge-m3',
  name: 'BGE-M3',
  family: 'BGE',
  publisher: 'BAAI',
  hfRepo: 'BAAI/bge-m3',
  license: 'mit',
  released: '2024-01-30',
  tags: ['small', 'multilingual'],
  role: 'embedding',
  parameterCount: 567_754_752,
  parameterCountSource: {
    kind: 'recomputed',
    source: 'count of the config shapes with the pooler (XLM-RoBERTa large; the pooler is not in the GGUF)',
    published: '568M',
    tolerance: 0.001,
  },
  aliases: ['bge', 'm3', 'embedding', 'embed'],
  notes:
    'Encoder-only embedding model: llama-server --embedding --pooling cls; no KV cache, each input in one micro-batch (-ub = -b = sequence length).',
  config: {
    architectures: ['XLMRobertaModel'],
    hidden_size: 1024,
    intermediate_size: 4096,
    max_position_embeddings: 8194,
    model_type: 'xlm-roberta',
    num_attention_heads: 16,
    num_hidden_layers: 24,
    position_embedding_type: 'absolute',
    type_vocab_size: 1,
    vocab_size: 250002,
  },
} satisfies CatalogModelData;
