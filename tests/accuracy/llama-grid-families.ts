// The 2025–26 attention families in the llama.cpp grid: each shrunk to a few layers from the field names of
// its released config.json, built through specFromHfConfig and written from the spec (gguf-spec-writer.ts).
// Hunyuan MoE is not here: the bundled llama.cpp aborts (a zero tensor dimension) on the spec-written file,
// so its loader's hyper-parameters differ from what this writer sets; its importer is unit-tested only.

import type { SyntheticModel } from '../support/gguf-writer';
import type { LlamaCase } from './llama-harness';
import { buildSpecCases, specModel, type CaseId } from './llama-grid-hybrid';

const common = {
  hidden_size: 512,
  num_attention_heads: 8,
  num_key_value_heads: 2,
  head_dim: 64,
  vocab_size: 4096,
  max_position_embeddings: 32768,
  tie_word_embeddings: false,
};

export const FAMILY_MODELS: SyntheticModel[] = [
  specModel(
    'glm4moe',
    {
      ...common,
      model_type: 'glm4_moe',
      num_hidden_layers: 4,
      attention_bias: true,
      intermediate_size: 1536,
      first_k_dense_replace: 1,
      n_routed_experts: 16,
      n_shared_experts: 1,
      num_experts_per_tok: 4,
      moe_intermediate_size: 256,
    },
    'Q4_K_M',
  ),
  specModel(
    'minimax-m2',
    {
      ...common,
      model_type: 'minimax_m2',
      num_hidden_layers: 4,
      intermediate_size: 256,
      num_local_experts: 16,
      num_experts_per_tok: 4,
      use_qk_norm: true,
    },
    'Q8_0',
  ),
  specModel(
    'seed_oss',
    { ...common, model_type: 'seed_oss', num_hidden_layers: 4, intermediate_size: 1536, attention_bias: true },
    'Q4_K_M',
  ),
  specModel(
    'smollm3',
    { ...common, model_type: 'smollm3', num_hidden_layers: 4, intermediate_size: 1536, no_rope_layer_interval: 4 },
    'Q8_0',
  ),
  specModel(
    'ernie4_5-moe',
    {
      ...common,
      model_type: 'ernie4_5_moe',
      num_hidden_layers: 4,
      intermediate_size: 1536,
      moe_num_experts: 16,
      moe_k: 4,
      moe_intermediate_size: 256,
      moe_num_shared_experts: 2,
      moe_layer_start_index: 1,
    },
    'Q4_K_M',
  ),
  specModel(
    'olmo2',
    {
      ...common,
      model_type: 'olmo3',
      num_hidden_layers: 8,
      intermediate_size: 1536,
      sliding_window: 512,
      layer_types: [0, 1].flatMap(() => ['sliding_attention', 'sliding_attention', 'sliding_attention', 'full_attention']),
    },
    'Q4_K_M',
  ),
];

/**
 * Gemma 3n: llama.cpp keeps KV on the first 20 layers (n_layer_kv_from_start), so the synthetic model has 22
 * with the last 2 sharing; AltUp 4 and LAuReL rank 64 are the loader's fixed values.
 */
export const GEMMA3N_MODEL: SyntheticModel = specModel(
  'gemma3n',
  {
    model_type: 'gemma3n_text',
    hidden_size: 256,
    num_hidden_layers: 22,
    intermediate_size: 512,
    num_attention_heads: 4,
    num_key_value_heads: 1,
    head_dim: 64,
    vocab_size: 4096,
    vocab_size_per_layer_input: 4096,
    hidden_size_per_layer_input: 256,
    altup_num_inputs: 4,
    laurel_rank: 64,
    num_kv_shared_layers: 2,
    sliding_window: 512,
    layer_types: Array.from({ length: 22 }, (_, i) => ((i + 1) % 5 === 0 ? 'full_attention' : 'sliding_attention')),
    max_position_embeddings: 32768,
  },
  'Q8_0',
);

export function buildFamilyCases(caseId: CaseId): LlamaCase[] {
  return buildSpecCases([...FAMILY_MODELS, GEMMA3N_MODEL], caseId);
}
