// Multilingual E5 Large.
// intfloat's multilingual embedding model, "initialized from xlm-roberta-large" (model card): the
// XLM-RoBERTa large encoder with its original 514-row position table (512 usable tokens). llama.cpp
// converts it as "bert" and allocates no KV cache.
// config: the sizing fields of huggingface.co/intfloat/multilingual-e5-large config.json, which are
// xlm-roberta-large's (XLMRobertaModel, xlm-roberta, hidden 1024, intermediate 4096, 24 layers, 16 heads,
// max_position_embeddings 514, type_vocab_size 1, vocab 250002).
// The count is the checkpoint's: the encoder plus BERT's pooler and the two padding position rows,
// which convert_hf_to_gguf drops.

import type { CatalogModelData } from '../types';

export default {
  id: 'multilingual-e5-large',
  name: 'Multilingual E5 Large',
  family: 'E5',
  publisher: 'intfloat',
  hfRepo: 'intfloat/multilingual-e5-large',
  license: 'mit',
  released: '2023-06-30',
  tags: ['small', 'multilingual'],
  role: 'embedding',
  parameterCount: 559_890_432,
  parameterCountSource: {
    kind: 'recomputed',
    source: 'count of the config shapes with the pooler (XLM-RoBERTa large, 514 positions)',
    published: '560M',
    tolerance: 0.001,
  },
  aliases: ['e5', 'embedding', 'embed'],
  notes: 'Encoder-only embedding model: llama-server --embedding --pooling mean; inputs up to 512 tokens, no KV cache.',
  config: {
    architectures: ['XLMRobertaModel'],
    hidden_size: 1024,
    intermediate_size: 4096,
    max_position_embeddings: 514,
    model_type: 'xlm-roberta',
    num_attention_heads: 16,
    num_hidden_layers: 24,
    position_embedding_type: 'absolute',
    type_vocab_size: 1,
    vocab_size: 250002,
  },
} satisfies CatalogModelData;
