// Phi-4-reasoning.
// A reasoning fine-tune of Phi-4. Its model card: "Architecture: Base model same as previously released Phi-4, 14B parameters,
// dense decoder-only Transformer model", "Context length: 32k tokens".
// config: the sizing fields of huggingface.co/microsoft/phi-4 config.json (the same fields as phi-4.ts), reused on the card's
// statement above; the microsoft/Phi-4-reasoning config.json itself was not found in a public copy, so the 32k context the card states is
// given in overrides.

import type { CatalogModelData } from '../types';

export default {
  id: 'phi-4-reasoning',
  name: 'Phi-4-reasoning',
  family: 'Phi',
  publisher: 'Microsoft',
  hfRepo: 'microsoft/Phi-4-reasoning',
  license: 'mit',
  released: '2025-04',
  tags: ['reasoning', 'chat', 'code'],
  parameterCount: 14_659_507_200,
  parameterCountSource: {
    kind: 'exact',
    source: 'same tensor shapes as Phi-4 (model card: "Base model same as previously released Phi-4"; Phi-4 HF safetensors total)',
    published: '14B',
  },
  aliases: ['phi4 reasoning'],
  overrides: { maxContext: 32768, why: "the model card gives a 32k-token context; Phi-4's config.json, reused here, says 16,384." },
  notes:
    'Supervised fine-tune of Phi-4 on chain-of-thought traces. Thinks in <think> blocks before answering, so budget for long outputs. Phi-3 architecture with a 100,352-token vocabulary. Runs in llama.cpp (phi3), vLLM and MLX.',
  config: {
    architectures: ['Phi3ForCausalLM'],
    hidden_size: 5120,
    intermediate_size: 17920,
    max_position_embeddings: 16384,
    model_type: 'phi3',
    num_attention_heads: 40,
    num_hidden_layers: 40,
    num_key_value_heads: 10,
    tie_word_embeddings: false,
    vocab_size: 100352,
  },
} satisfies CatalogModelData;
