// Command R+ 08-2024.
// Cohere Command R: parallel attention + FFN off one bias-free LayerNorm per layer, tied embeddings by default.
// config: the fields of huggingface.co/CohereForAI/c4ai-command-r-plus-08-2024 config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'c4ai-command-r-plus-08-2024',
  name: 'Command R+ 08-2024',
  family: 'Command R',
  publisher: 'Cohere',
  hfRepo: 'CohereForAI/c4ai-command-r-plus-08-2024',
  license: 'cc-by-nc-4.0',
  released: '2024-08-30',
  tags: ['chat', 'multilingual'],
  parameterCount: 103_810_674_688,
  parameterCountSource: { kind: 'recomputed', source: 'config.json shapes (per-head q/k LayerNorm)', published: '104B', tolerance: 0.01 },
  aliases: ['plus', 'r+'],
  notes: 'q/k LayerNorms carry one weight vector per head (96 + 8 of 128), not one shared vector.',
  config: {
    architectures: ['CohereForCausalLM'],
    hidden_size: 12288,
    intermediate_size: 33792,
    max_position_embeddings: 131072,
    model_type: 'cohere',
    num_attention_heads: 96,
    num_hidden_layers: 64,
    num_key_value_heads: 8,
    use_qk_norm: true,
    vocab_size: 256000,
  },
} satisfies CatalogModelData;
