// DeepSeek R1 Distill Llama 70B.
// Meta Llama: shapes from the repository's config.json, corroborated by torchtune's model builders and Meta's llama-models sku_list.
// config: the fields of huggingface.co/deepseek-ai/DeepSeek-R1-Distill-Llama-70B config.json that size the model,
// with the names and values the file has.

import type { CatalogModelData } from '../types';

export default {
  id: 'deepseek-r1-distill-llama-70b',
  name: 'DeepSeek R1 Distill Llama 70B',
  family: 'DeepSeek R1',
  publisher: 'DeepSeek',
  hfRepo: 'deepseek-ai/DeepSeek-R1-Distill-Llama-70B',
  license: 'mit',
  released: '2025-01-20',
  tags: ['reasoning'],
  parameterCount: 70_553_706_496,
  parameterCountSource: { kind: 'recomputed', source: 'Llama-3.3-70B-Instruct shapes', published: '70.6B', tolerance: 0.01 },
  aliases: ['r1', 'distill'],
  notes: 'Based on Llama-3.3-70B-Instruct; Llama 3.3 license terms also apply.',
  config: {
    architectures: ['LlamaForCausalLM'],
    hidden_size: 8192,
    intermediate_size: 28672,
    max_position_embeddings: 131072,
    model_type: 'llama',
    num_attention_heads: 64,
    num_hidden_layers: 80,
    num_key_value_heads: 8,
    tie_word_embeddings: false,
    vocab_size: 128256,
  },
} satisfies CatalogModelData;
