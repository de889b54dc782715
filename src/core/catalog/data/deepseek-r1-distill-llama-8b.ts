// DeepSeek R1 Distill Llama 8B.
// Meta Llama: shapes from the repository's config.json, corroborated by torchtune's model builders and Meta's llama-models sku_list.
// config: the fields of huggingface.co/deepseek-ai/DeepSeek-R1-Distill-Llama-8B config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'deepseek-r1-distill-llama-8b',
  name: 'DeepSeek R1 Distill Llama 8B',
  family: 'DeepSeek R1',
  publisher: 'DeepSeek',
  hfRepo: 'deepseek-ai/DeepSeek-R1-Distill-Llama-8B',
  license: 'mit',
  released: '2025-01-20',
  tags: ['reasoning'],
  parameterCount: 8_030_261_248,
  parameterCountSource: { kind: 'recomputed', source: 'Llama-3.1-8B shapes', published: '8.03B', tolerance: 0.001 },
  aliases: ['r1', 'distill'],
  notes: 'Based on Llama-3.1-8B; Llama 3.1 license terms also apply.',
  config: {
    architectures: ['LlamaForCausalLM'],
    hidden_size: 4096,
    intermediate_size: 14336,
    max_position_embeddings: 131072,
    model_type: 'llama',
    num_attention_heads: 32,
    num_hidden_layers: 32,
    num_key_value_heads: 8,
    tie_word_embeddings: false,
    vocab_size: 128256,
  },
} satisfies CatalogModelData;
