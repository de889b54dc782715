// BGE Large EN v1.5.
// BAAI's English embedding model on a BERT-large encoder (24 layers, 1024 wide, 512 learned positions,
// two token types, the 30,522-token WordPiece vocabulary). llama.cpp converts it as "bert" (its 335M
// type for 24 layers) and allocates no KV cache.
// config: the sizing fields of huggingface.co/BAAI/bge-large-en-v1.5 config.json (BertModel, bert,
// hidden 1024, intermediate 4096, 24 layers, 16 heads, max_position_embeddings 512, type_vocab_size 2,
// vocab 30522: bert-large's shapes).
// The count is the checkpoint's: the encoder plus BERT's pooler, which convert_hf_to_gguf drops.

import type { CatalogModelData } from '../types';

export default {
  id: 'bge-large-en-v1.5',
  name: 'BGE Large EN v1.5',
  family: 'BGE',
  publisher: 'BAAI',
  hfRepo: 'BAAI/bge-large-en-v1.5',
  license: 'mit',
  released: '2023-09-12',
  tags: ['small'],
  role: 'embedding',
  parameterCount: 335_141_888,
  parameterCountSource: {
    kind: 'recomputed',
    source: 'count of the config shapes with the pooler (BERT large)',
    published: '335M',
    tolerance: 0.001,
  },
  aliases: ['bge', 'embedding', 'embed'],
  notes: 'Encoder-only embedding model: llama-server --embedding --pooling cls; inputs up to 512 tokens, no KV cache.',
  config: {
    architectures: ['BertModel'],
    hidden_size: 1024,
    intermediate_size: 4096,
    max_position_embeddings: 512,
    model_type: 'bert',
    num_attention_heads: 16,
    num_hidden_layers: 24,
    position_embedding_type: 'absolute',
    type_vocab_size: 2,
    vocab_size: 30522,
  },
} satisfies CatalogModelData;
