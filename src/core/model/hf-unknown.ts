// What a config.json says that the importer did not model. A family released next month will carry fields
// no rule here reads; rather than size it silently as a Llama, every such signal becomes an explicit
// "Approximated because …" sentence on the spec (shown with the estimate), and MoE layouts under the
// common field names are read generically so an unknown MoE is not priced as a small dense model.

import { num, type Json } from './hf-fields';
import type { ModelSpec, MoeSpec } from './types';

/** layer_types values some family of this importer models. */
const KNOWN_LAYER_KINDS = new Set([
  'full_attention',
  'sliding_attention',
  'chunked_attention',
  'attention',
  'linear_attention',
  'mamba',
  'conv',
]);

/** Field names that only recurrent / state-space / linear-attention stacks carry. */
const RECURRENT_FIELD =
  /^(mamba_|ssm_|linear_(num|key|value|conv)|conv_L_cache$|conv_kernel$|hybrid_override_pattern$|layers_block_type$|rwkv|time_mix)/;

/** Experts under the names most MoE configs use (Mixtral, Qwen, DeepSeek, and most newer families). */
export function genericMoe(c: Json): MoeSpec | undefined {
  const experts = num(c, 'num_experts', 'num_local_experts', 'n_routed_experts', 'moe_num_experts');
  if (experts === undefined || experts <= 1) return undefined;
  const width = num(c, 'moe_intermediate_size', 'expert_intermediate_size', 'intermediate_size');
  if (width === undefined || width <= 0) return undefined;
  const sharedWidth = num(c, 'shared_expert_intermediate_size', 'moe_shared_expert_intermediate_size');
  const shared = num(c, 'n_shared_experts', 'num_shared_experts', 'moe_num_shared_experts') ?? (sharedWidth ? 1 : 0);
  return {
    experts,
    expertsActive: num(c, 'num_experts_per_tok', 'moe_topk', 'moe_k', 'top_k') ?? 2,
    sharedExperts: shared,
    expertFfnSize: width,
    ...(shared > 0 ? { sharedExpertFfnSize: sharedWidth ?? width } : {}),
    denseLeadingLayers: num(c, 'first_k_dense_replace', 'num_dense_layers') ?? 0,
    layerStep: num(c, 'moe_layer_freq', 'decoder_sparse_step', 'interleave_moe_layer_step') ?? 1,
  };
}

function recurrentSignals(c: Json, spec: ModelSpec): string[] {
  if (spec.recurrent) return [];
  const fields = Object.keys(c).filter((k) => RECURRENT_FIELD.test(k));
  const out: string[] = [];
  if (fields.length > 0) {
    out.push(
      `Approximated because the config describes recurrent or linear-attention layers (${fields.slice(0, 4).join(', ')}) that this importer cannot place: every layer is sized as attention, which overstates the KV cache and leaves out their fixed state.`,
    );
  }
  const types = Array.isArray(c.layer_types) ? c.layer_types.map(String) : [];
  const odd = [...new Set(types.filter((t) => !KNOWN_LAYER_KINDS.has(t)))];
  if (odd.length > 0) {
    out.push(
      `Approximated because layer_types names layer kinds this importer does not model (${odd.slice(0, 4).join(', ')}): they are sized as attention layers.`,
    );
  }
  return out;
}

/**
 * The "Approximated because …" sentences for one config, and notes on parts that are deliberately left
 * out (multi-token-prediction layers). Sets `spec.mtpLayers` when the config declares MTP layers.
 */
export function unmodelledShape(
  c: Json,
  modelType: string,
  known: boolean,
  spec: ModelSpec,
): { approximations: string[]; notes: string[] } {
  const approximations: string[] = [];
  const notes: string[] = [];
  if (!known) {
    approximations.push(
      modelType
        ? `Unknown model_type "${modelType}": approximated because this importer does not know the family, it is sized as a Llama-like decoder (attention on every layer, a gated FFN).`
        : 'The config has no model_type: approximated because the family is unknown, it is sized as a Llama-like decoder (attention on every layer, a gated FFN).',
    );
    if (spec.moe) {
      const m = spec.moe;
      approximations.push(
        `Approximated because its experts were read from common field names (${m.experts} experts, ${m.expertsActive} active, width ${m.expertFfnSize}${m.sharedExperts ? `, ${m.sharedExperts} shared` : ''}); family details such as router biases are not known.`,
      );
    }
    const window = num(c, 'sliding_window');
    if (window && window > 0 && c.use_sliding_window !== false) {
      approximations.push(
        `Approximated because sliding_window ${window} is set but this family's pattern of local and global layers is unknown: every layer keeps the full context (an upper bound).`,
      );
    }
  }
  for (const a of recurrentSignals(c, spec)) approximations.push(a);
  if (!spec.indexer && (num(c, 'index_topk') !== undefined || num(c, 'index_n_heads') !== undefined)) {
    approximations.push(
      'Approximated because the config has a sparse-attention indexer (index_topk) this importer does not model: its weights and key cache are left out.',
    );
  }
  // MiniMax-M2 names its MTP modules num_mtp_modules (with use_mtp).
  const mtp =
    num(c, 'num_nextn_predict_layers', 'mtp_num_hidden_layers', 'num_mtp_layers') ??
    (c.use_mtp === true ? (num(c, 'num_mtp_modules') ?? 0) : 0);
  if (mtp > 0) {
    spec.mtpLayers = mtp;
    notes.push(
      `${mtp} multi-token-prediction layer${mtp > 1 ? 's' : ''} in the checkpoint ${mtp > 1 ? 'are' : 'is'} not counted: llama.cpp skips ${mtp > 1 ? 'them' : 'it'} unless drafting with ${mtp > 1 ? 'them' : 'it'}, vLLM loads ${mtp > 1 ? 'them' : 'it'} only with speculative decoding, transformers does not load ${mtp > 1 ? 'them' : 'it'}.`,
    );
  }
  return { approximations, notes };
}
