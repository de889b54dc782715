// ModelSpecs for the accuracy checks: models.csv rows through specFromHfConfig, plus the configs of the
// few ground-truth models that models.csv does not list (from their public config.json files).

import { specFromHfConfig } from '../../src/core/model/from-hf-config';
import type { ModelSpec } from '../../src/core/model/types';
import { readReferenceCsv } from './csv';

function intOrUndefined(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : undefined;
}

/** Builds the config.json a models.csv row describes (its columns plus facts stated in its notes). */
export function configFromRow(r: Record<string, string>): Record<string, unknown> {
  const type = r.model_type!;
  const c: Record<string, unknown> = {
    model_type: type,
    num_hidden_layers: intOrUndefined(r.num_hidden_layers),
    hidden_size: intOrUndefined(r.hidden_size),
    intermediate_size: intOrUndefined(r.intermediate_size),
    num_attention_heads: intOrUndefined(r.num_attention_heads),
    num_key_value_heads: intOrUndefined(r.num_key_value_heads),
    head_dim: intOrUndefined(r.head_dim),
    vocab_size: intOrUndefined(r.vocab_size),
    tie_word_embeddings: r.tie_word_embeddings === 'true',
    max_position_embeddings: intOrUndefined(r.max_position_embeddings),
  };
  const experts = intOrUndefined(r.num_experts);
  const perTok = intOrUndefined(r.num_experts_per_tok);
  const window = intOrUndefined(r.sliding_window);
  if (window) c.sliding_window = window;
  switch (type) {
    case 'mixtral':
    case 'gpt_oss':
      c.num_local_experts = experts;
      c.num_experts_per_tok = perTok;
      break;
    case 'qwen3_moe':
      c.num_experts = experts;
      c.num_experts_per_tok = perTok;
      c.moe_intermediate_size = intOrUndefined(r.moe_intermediate_size);
      break;
    case 'llama4': {
      c.num_local_experts = experts;
      c.num_experts_per_tok = perTok;
      const step = /interleave_moe_layer_step=(\d+)/.exec(r.moe_layer_pattern ?? '');
      c.interleave_moe_layer_step = step ? Number(step[1]) : 1;
      const mlp = /intermediate_size_mlp=(\d+)/.exec(r.notes ?? '');
      if (mlp) c.intermediate_size_mlp = Number(mlp[1]);
      c.attention_chunk_size = window;
      delete c.sliding_window;
      break;
    }
    case 'deepseek_v3': {
      c.n_routed_experts = experts;
      c.num_experts_per_tok = perTok;
      c.n_shared_experts = intOrUndefined(r.num_shared_experts);
      c.moe_intermediate_size = intOrUndefined(r.moe_intermediate_size);
      const firstK = /first_k_dense_replace=(\d+)/.exec(r.moe_layer_pattern ?? '');
      c.first_k_dense_replace = firstK ? Number(firstK[1]) : 0;
      const kind = r.attention_kind ?? '';
      c.q_lora_rank = Number(/q_lora_rank (\d+)/.exec(kind)?.[1]);
      c.kv_lora_rank = Number(/kv_lora_rank (\d+)/.exec(kind)?.[1]);
      c.qk_rope_head_dim = Number(/qk_rope_head_dim (\d+)/.exec(kind)?.[1]);
      c.qk_nope_head_dim = 128;
      c.v_head_dim = 128;
      c.topk_method = 'noaux_tc';
      break;
    }
    default:
      break;
  }
  return c;
}

/** The unique, text-only count a row's notes give when its stored total counts more than the model. */
export function expectedTotal(r: Record<string, string>): number {
  const notes = r.notes ?? '';
  const basis = r.params_exact_basis ?? '';
  const unique = /(\d{6,}) unique/.exec(notes);
  if (unique) return Number(unique[1]);
  const textOnly = /text-only recomputed (\d+)/.exec(basis);
  if (textOnly) return Number(textOnly[1]);
  const main = /main model recomputed (\d+)/.exec(basis);
  if (main) return Number(main[1]);
  return Number(r.params_total_exact);
}

/** Public config.json shapes of ground-truth models that models.csv does not carry. */
const EXTRA_CONFIGS: Record<string, Record<string, unknown>> = {
  // meta-llama/Llama-2-7b-hf
  'Llama-2-7B': {
    model_type: 'llama',
    num_hidden_layers: 32,
    hidden_size: 4096,
    intermediate_size: 11008,
    num_attention_heads: 32,
    num_key_value_heads: 32,
    vocab_size: 32000,
    max_position_embeddings: 4096,
  },
  // THUDM/GLM-Z1-32B-0414 (glm4: four norms per block, no attention bias)
  'GLM-Z1-32B': {
    model_type: 'glm4',
    num_hidden_layers: 61,
    hidden_size: 6144,
    intermediate_size: 23040,
    num_attention_heads: 48,
    num_key_value_heads: 2,
    head_dim: 128,
    vocab_size: 151552,
    max_position_embeddings: 32768,
  },
  // mistralai/Mistral-Small-Instruct-2409
  'Mistral-Small-2409': {
    model_type: 'mistral',
    num_hidden_layers: 56,
    hidden_size: 6144,
    intermediate_size: 16384,
    num_attention_heads: 48,
    num_key_value_heads: 8,
    head_dim: 128,
    vocab_size: 32768,
    max_position_embeddings: 32768,
  },
  // TinyLlama/TinyLlama-1.1B
  TinyLlama: {
    model_type: 'llama',
    num_hidden_layers: 22,
    hidden_size: 2048,
    intermediate_size: 5632,
    num_attention_heads: 32,
    num_key_value_heads: 4,
    vocab_size: 32000,
    max_position_embeddings: 2048,
  },
  // google/codegemma-7b (gemma 7B shapes)
  'codegemma-7b': {
    model_type: 'gemma',
    num_hidden_layers: 28,
    hidden_size: 3072,
    intermediate_size: 24576,
    num_attention_heads: 16,
    num_key_value_heads: 16,
    head_dim: 256,
    vocab_size: 256000,
    max_position_embeddings: 8192,
  },
  // Qwen/Qwen2-7B
  'Qwen2-7B': {
    model_type: 'qwen2',
    num_hidden_layers: 28,
    hidden_size: 3584,
    intermediate_size: 18944,
    num_attention_heads: 28,
    num_key_value_heads: 4,
    vocab_size: 152064,
    tie_word_embeddings: false,
    max_position_embeddings: 131072,
  },
  // deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B (Qwen2.5-Math-1.5B shapes, untied)
  'R1-Distill-Qwen-1.5B': {
    model_type: 'qwen2',
    num_hidden_layers: 28,
    hidden_size: 1536,
    intermediate_size: 8960,
    num_attention_heads: 12,
    num_key_value_heads: 2,
    vocab_size: 151936,
    tie_word_embeddings: false,
    max_position_embeddings: 131072,
  },
};

const catalogRows = readReferenceCsv('models.csv') ?? [];

/** Spec by models.csv id, or by one of the extra names above. */
export function referenceSpec(key: string): ModelSpec {
  const extra = EXTRA_CONFIGS[key];
  if (extra) {
    const { spec } = specFromHfConfig(extra, { id: key });
    // GLM-4-0414 has post-attention and post-MLP norms on top of the two Llama-like ones.
    if (key === 'GLM-Z1-32B') spec.normsPerLayer = 4;
    return spec;
  }
  const row = catalogRows.find((r) => r.model_id === key);
  if (!row) throw new Error(`No reference model ${key}.`);
  return specFromHfConfig(configFromRow(row), { id: key }).spec;
}
