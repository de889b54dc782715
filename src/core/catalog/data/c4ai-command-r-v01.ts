// Command R v01.
// Cohere Command R: parallel attention + FFN off one bias-free LayerNorm per layer, tied embeddings by default.
// config: the fields of huggingface.co/CohereForAI/c4ai-command-r-v01 config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'c4ai-command-r-v01',
  name: 'Command R v01',
  family: 'Command R',
  publisher: 'Cohere',
  hfRepo: 'CohereForAI/c4ai-command-r-v01',
  license: 'cc-by-nc-4.0',
  released: '2024-03-11',
  tags: ['chat', 'multilingual'],
  parameterCount: 34_980_831_232,
  parameterCountSource: { kind: 'recomputed', source: 'config.json shapes', published: '35B', tolerance: 0.01 },
  notes: 'Full multi-head attention (64 KV heads): a very large KV cache. Config says 8192 context; the model is sold and used at 128k.',
  overrides: {
    maxContext: 131072,
    why: 'config.json says 8192; the model is trained and sold for 128k (tokenizer model_max_length 131072).',
  },
  config: {
    architectures: ['CohereForCausalLM'],
    hidden_size: 8192,
    intermediate_size: 22528,
    max_position_embeddings: 8192,
    model_type: 'cohere',
    num_attention_heads: 64,
    num_hidden_layers: 40,
    num_key_value_heads: 64,
    vocab_size: 256000,
  },
} satisfies CatalogModelData;
