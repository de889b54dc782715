// How vLLM V1's KV-cache allocator lays out a model whose layers are of more than one type (sliding-window and
// full attention, attention and recurrent state): its layer groups and, with recurrent layers, its block size.
// Both the serving capacity (capacity/memory.ts) and the planned-vs-measured check (measured/compare-vllm.ts)
// count vLLM's logged tokens with it.

import { recurrentStateBytesPerLayer } from '../../model/tensors-recurrent';
import type { ModelSpec } from '../../model/types';
import { layerPlan } from '../kv';

/** How vLLM V1's hybrid allocator groups a model's layers (vllmHybridLayout). */
export interface VllmHybridLayout {
  /** Layers per group: the smallest layer type's count; every block holds one page per group member. */
  groupSize: number;
  /** Groups of attention layers (full and sliding) and of recurrent-state layers (Mamba, DeltaNet). */
  attentionGroups: number;
  stateGroups: number;
  /** Attention layers (full and sliding): the model's K and V per token is spread over these. */
  attentionLayers: number;
  /** Layer slots a logged token is counted over (groups × group size) ÷ attention layers. */
  slotFactor: number;
}

/**
 * vLLM V1's hybrid KV allocator (v1/core/kv_cache_utils.py, _get_kv_cache_groups_uniform_page_size) splits
 * the layers of each type into groups of `group_size` = the smallest type's layer count, padding the last group
 * of a type, and every block holds one page per group member; a recurrent layer's state takes one page, padded
 * to the attention page. The token count vLLM logs is num_blocks ÷ groups × block size (_report_kv_cache_config),
 * so the pool is counted over (page bytes × group_size × groups) per token, not over the model's layers.
 * gemma-3-27b (10 global, 52 sliding) has 7 groups of 10, 70 slots for 62 layers, and S7's log agrees to the byte
 * ratio (19.53 GiB over 36,560 tokens = 70 × 8 KiB per token); gemma-3-4b 35 for 34; Nemotron-3-Nano (6
 * attention, 23 Mamba layers) 5 groups of 6, Qwen3-Next (12 attention, 36 DeltaNet) 4 groups of 12. Differing
 * per-layer attention rows (padded pages) keep a factor of 1. Null when the model has one layer type.
 */
export function vllmHybridLayout(spec: ModelSpec): VllmHybridLayout | null {
  const plan = layerPlan(spec);
  const counts = { full: 0, sliding: 0, recurrent: 0 };
  const rows = new Set<number>();
  plan.kinds.forEach((kind, il) => {
    if (kind === 'recurrent') counts.recurrent++;
    if (kind !== 'full' && kind !== 'sliding') return;
    counts[kind]++;
    rows.add(plan.k[il]! + plan.v[il]!);
  });
  const attention = counts.full + counts.sliding;
  const present = Object.values(counts).filter((n) => n > 0);
  if (attention === 0 || present.length < 2 || rows.size !== 1) return null;
  const groupSize = Math.min(...present);
  const groupsOf = (n: number) => (n > 0 ? Math.ceil(n / groupSize) : 0);
  const attentionGroups = groupsOf(counts.full) + groupsOf(counts.sliding);
  const stateGroups = groupsOf(counts.recurrent);
  return {
    groupSize,
    attentionGroups,
    stateGroups,
    attentionLayers: attention,
    slotFactor: ((attentionGroups + stateGroups) * groupSize) / attention,
  };
}

/** The layout's slot factor, 1 for a model of one layer type (see vllmHybridLayout). */
export function vllmHybridSlotFactor(spec: ModelSpec): number {
  return vllmHybridLayout(spec)?.slotFactor ?? 1;
}

/**
 * The attention block size vLLM gives a model with recurrent layers (model_executor/models/config.py,
 * HybridAttentionMambaModelConfig): the smallest multiple of 16 tokens whose attention page (block × one layer's
 * K and V per token) holds one layer's recurrent state, so one page fits either. The state is taken in the model
 * dtype (mamba_cache_dtype "auto"), `stateBytesPerLayer` for one rank.
 */
export function vllmHybridBlockTokens(stateBytesPerLayer: number, attentionBytesPerLayerToken: number): number {
  if (!(stateBytesPerLayer > 0) || !(attentionBytesPerLayerToken > 0)) return 16;
  return 16 * Math.ceil(stateBytesPerLayer / (16 * attentionBytesPerLayerToken));
}

/**
 * One recurrent layer's state on one rank as vLLM keeps it: mamba_cache_dtype "auto" holds both parts in the
 * model dtype (2 bytes here), except that vLLM sets Nemotron-H's SSM state to float32
 * (NemotronHForCausalLMConfig, unless the HF config names another type).
 */
export function vllmStateBytesPerLayer(spec: ModelSpec, tp: number): number {
  const ssm = spec.architecture.startsWith('nemotron_h') ? 4 : 2;
  return recurrentStateBytesPerLayer(spec, { conv: 2, ssm }) / Math.max(1, tp);
}
