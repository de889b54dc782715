// Hunyuan-A13B Instruct.
// Tencent's fine-grained MoE: 32 layers, 32 query / 8 KV heads of 128 with per-head q/k norm, every layer routing 8 of 64 experts
// plus a shared MLP; per-layer lists in the config as released.
// config: the fields of huggingface.co/tencent/Hunyuan-A13B-Instruct config.json kept in tests/fixtures/hf/Hunyuan-A13B-Instruct
// (see SOURCES.md there); that copy has no max_position_embeddings, hence the context override.

import type { CatalogModelData } from '../types';

export default {
  id: 'hunyuan-a13b-instruct',
  name: 'Hunyuan-A13B Instruct',
  family: 'Hunyuan',
  publisher: 'Tencent',
  hfRepo: 'tencent/Hunyuan-A13B-Instruct',
  license: 'other',
  released: '2025-06-27',
  tags: ['chat', 'reasoning', 'moe', 'multilingual'],
  parameterCount: 80_393_183_232,
  activeParameterCount: 12_747_448_320,
  parameterCountSource: {
    kind: 'recomputed',
    source: 'recomputed from the config shapes',
    published: '80B total / 13B active',
    tolerance: 0.02,
  },
  aliases: ['hunyuan', 'tencent'],
  notes:
    'Fast / slow thinking switched with /no_think and /think. Tencent Hunyuan community licence (not OSI; some regions and uses excluded). Runs in llama.cpp (hunyuan-moe), vLLM, SGLang and TensorRT-LLM.',
  overrides: {
    maxContext: 262144,
    why: 'The config copy read has no max_position_embeddings (the importer would fall back to 4,096); the model card and release coverage give a native 256K context.',
  },
  config: {
    architectures: ['HunYuanMoEV1ForCausalLM'],
    model_type: 'hunyuan_v1_moe',
    hidden_size: 4096,
    num_hidden_layers: 32,
    num_attention_heads: 32,
    num_key_value_heads: 8,
    head_dim: 128,
    intermediate_size: 3072,
    vocab_size: 128167,
    torch_dtype: 'bfloat16',
    num_experts: 64,
    moe_intermediate_size: [
      3072, 3072, 3072, 3072, 3072, 3072, 3072, 3072, 3072, 3072, 3072, 3072, 3072, 3072, 3072, 3072, 3072, 3072, 3072, 3072, 3072, 3072,
      3072, 3072, 3072, 3072, 3072, 3072, 3072, 3072, 3072, 3072,
    ],
    moe_topk: [8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8],
    num_shared_expert: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  },
} satisfies CatalogModelData;
