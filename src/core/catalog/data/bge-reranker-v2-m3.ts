// BGE Reranker v2 M3.
// A cross-encoder on BGE-M3's XLM-RoBERTa large encoder: the (query, passage) pair goes through the
// encoder as one sequence and a classification head (dense 1024 × 1024, then one logit) scores it.
// llama.cpp converts it as "bert" with rank pooling (cls and cls.output tensors) and allocates no KV cache.
// config: huggingface.co/BAAI/bge-reranker-v2-m3 config.json as a public offline-install guide quotes it
// verbatim (_name_or_path "BAAI/bge-m3", XLMRobertaForSequenceClassification, xlm-roberta, hidden 1024,
// intermediate 4096, 24 layers, 16 heads, max_position_embeddings 8194, type_vocab_size 1, vocab 250002,
// id2label {"0": "LABEL_0"}).
// Exact count: a public test pins parameter_count 567,755,777 for an XLMRobertaForSequenceClassification
// checkpoint with exactly this config (a fine-tune of this model), which the shapes reproduce.

import type { CatalogModelData } from '../types';

export default {
  id: 'bge-reranker-v2-m3',
  name: 'BGE Reranker v2 M3',
  family: 'BGE',
  publisher: 'BAAI',
  hfRepo: 'BAAI/bge-reranker-v2-m3',
  license: 'apache-2.0',
  released: '2024-03-15',
  tags: ['small', 'multilingual'],
  role: 'reranker',
  parameterCount: 567_755_777,
  parameterCountSource: {
    kind: 'exact',
    source: 'parameter_count of a checkpoint with this exact config, pinned in public code',
    published: '568M',
  },
  aliases: ['bge', 'reranker', 'rerank'],
  notes:
    'Encoder-only reranker: llama-server --reranking; no KV cache, each query + passage pair in one micro-batch (-ub = -b = sequence length).',
  config: {
    architectures: ['XLMRobertaForSequenceClassification'],
    hidden_size: 1024,
    id2label: { '0': 'LABEL_0' },
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
