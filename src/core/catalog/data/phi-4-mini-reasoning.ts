// Phi-4-mini-reasoning.
// A math-reasoning fine-tune of Phi-4-mini. Its model card: "Phi-4-mini-reasoning shares the same architecture as Phi-4-Mini,
// which has 3.8B parameters and is a dense decoder-only Transformer model", "Context length: 128K tokens".
// config: the sizing fields of huggingface.co/microsoft/Phi-4-mini-instruct config.json (the same fields as
// phi-4-mini-instruct.ts), reused on the card's statement above; the Phi-4-mini-reasoning config.json itself was not found in a
// public copy.

import type { CatalogModelData } from '../types';

export default {
  id: 'phi-4-mini-reasoning',
  name: 'Phi-4-mini-reasoning',
  family: 'Phi',
  publisher: 'Microsoft',
  hfRepo: 'microsoft/Phi-4-mini-reasoning',
  license: 'mit',
  released: '2025-04',
  tags: ['reasoning', 'small'],
  parameterCount: 3_836_021_760,
  parameterCountSource: {
    kind: 'exact',
    source:
      'same tensor shapes as Phi-4-mini-instruct (model card: "shares the same architecture as Phi-4-Mini"; Phi-4-mini HF safetensors total)',
    published: '3.8B',
  },
  aliases: ['phi4 mini reasoning'],
  notes:
    'Trained on synthetic math problems; thinks in <think> blocks before answering. Tied 200k-token embedding; partial rotary (75 % of each head). Context 128K tokens. Runs in llama.cpp (phi3), vLLM and MLX.',
  config: {
    architectures: ['Phi3ForCausalLM'],
    hidden_size: 3072,
    intermediate_size: 8192,
    max_position_embeddings: 131072,
    model_type: 'phi3',
    num_attention_heads: 24,
    num_hidden_layers: 32,
    num_key_value_heads: 8,
    tie_word_embeddings: true,
    vocab_size: 200064,
  },
} satisfies CatalogModelData;
