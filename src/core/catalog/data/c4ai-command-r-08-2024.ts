// Command R 08-2024.
// Cohere Command R: parallel attention + FFN off one bias-free LayerNorm per layer, tied embeddings by default.
// config: the fields of huggingface.co/CohereForAI/c4ai-command-r-08-2024 config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'c4ai-command-r-08-2024',
  name: 'Command R 08-2024',
  family: 'Command R',
  publisher: 'Cohere',
  hfRepo: 'CohereForAI/c4ai-command-r-08-2024',
  license: 'cc-by-nc-4.0',
  released: '2024-08-30',
  tags: ['chat', 'multilingual'],
  parameterCount: 32_296_476_672,
  parameterCountSource: { kind: 'recomputed', source: 'config.json shapes', published: '32B', tolerance: 0.02 },
  notes: 'The 08-2024 refresh moves to 8 KV heads (GQA) and a wider FFN (24,576).',
  config: {
    architectures: ['CohereForCausalLM'],
    hidden_size: 8192,
    intermediate_size: 24576,
    max_position_embeddings: 131072,
    model_type: 'cohere',
    num_attention_heads: 64,
    num_hidden_layers: 40,
    num_key_value_heads: 8,
    vocab_size: 256000,
  },
} satisfies CatalogModelData;
