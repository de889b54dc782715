// The weights one rank of a tensor-parallel vLLM or SGLang replica holds. Most linear layers are split across
// the tp ranks, but both runtimes keep some tensors whole on every rank, and vLLM adds a 16-bit copy of MLA's
// up-projection; an even split under-prices a DeepSeek-style model by about a gigabyte per GPU at TP 8.

import type { ModelSpec } from '../../model/types';
import type { EstimateSettings } from '../types';
import { priceTensorShares, specMemo, type PricedGroup } from '../weights';

/**
 * Roles built as ReplicatedLinear (or kept whole) under tensor parallelism in vLLM's and SGLang's model code:
 * MLA's down-projections (DeepSeek V2/V3 q_a_proj and kv_a_proj_with_mqa, fused in newer releases with
 * disable_tp), the MoE router and shared-expert gate, the expert score bias, and DeepSeek V3.2's indexer
 * (wq_b, wk, weights_proj).
 */
const REPLICATED_ROLES = new Set<PricedGroup['role']>([
  'attn_q_a',
  'attn_kv_a_mqa',
  'ffn_gate_inp',
  'ffn_gate_inp_shexp',
  'exp_probs_b',
  'indexer',
  'indexer_proj',
]);

/** The share of a tensor group one rank keeps, at `tp` ranks. */
function rankShare(spec: ModelSpec, g: PricedGroup, tp: number): number {
  if (REPLICATED_ROLES.has(g.role)) return 1;
  // QKVParallelLinear gives every rank at least one whole KV head: past tp = n_kv_heads the K and V
  // projections are replicated (num_kv_head_replicas = tp / n_kv_heads).
  if (g.role === 'attn_k' || g.role === 'attn_v') {
    const headDim = g.role === 'attn_k' ? spec.headDimK : spec.headDimV;
    const heads = headDim > 0 ? Math.round((g.shape[1] ?? 0) / headDim) : 0;
    if (heads > 0) return Math.ceil(heads / tp) / heads;
  }
  return 1 / tp;
}

/**
 * Weight bytes on one of tp × pp ranks: the even share of `totalBytes` plus what the replicated tensors add
 * beyond it. vLLM's MLA also keeps W_UK and W_UV as a 16-bit copy of its rank's kv_b_proj when that projection
 * is quantised (MLACommonImpl.process_weights_after_loading: "we just store fp16/bf16 copies"). DeepSeek-R1 FP8 at
 * TP 8 (vLLM 0.18–0.19, tests/fixtures/serving S252) logs 79.74 GiB (H200) and 79.88 GiB (B200) of weights per GPU
 * against 78.35 for an even split; the replicated tensors and the copy add 1.16.
 */
export function rankWeightBytes(
  spec: ModelSpec,
  quant: string,
  totalBytes: number,
  runtime: EstimateSettings['runtime'],
  tp: number,
  pp: number,
  rocm = false,
): number {
  const padMoe = runtime === 'vllm' && rocm && spec.moe != null;
  if (tp <= 1 && !padMoe) return totalBytes / pp;
  // The sweep and the layout search ask for the same few layouts on every change: computed once per spec and key.
  const extra = specMemo(spec, `rank-weights|${quant}|${runtime}|${tp}|${padMoe ? 1 : 0}`, () =>
    priceTensorShares(spec, quant, (g) => {
      const beyond = tp > 1 ? g.bytes * g.count * (rankShare(spec, g, tp) - 1 / tp) : 0;
      const copy = runtime === 'vllm' && tp > 1 && g.role === 'attn_kv_b' && g.bytes < 2 * g.elements ? (2 * g.elements * g.count) / tp : 0;
      return beyond + copy + (padMoe ? rocmMoePaddingBytes(g, tp) : 0);
    }),
  );
  return (totalBytes / tp + extra) / pp;
}

/** Bytes vLLM's ROCm stride padding pads a 16-bit expert row by (256 B), where the row fills a multiple of 512 B. */
const ROCM_MOE_PAD_BYTES = 256;

/**
 * vLLM on ROCm pads each 16-bit fused-MoE weight's rows by 256 bytes where a row fills a multiple of 512
 * (VLLM_ROCM_MOE_PADDING, on by default: F.pad then slice back, so the padded storage stays); quantised experts are
 * not padded. w13 rows are n_embd long, w2 rows this rank's n_ff_exp / tp. Qwen3-235B bf16 on 4 × MI300X (vLLM
 * 0.11.2, S252 p1205) loads 112.61 GiB a GPU against 109.54 for the checkpoint; the padding is 2.2 of the 3.1.
 */
function rocmMoePaddingBytes(g: PricedGroup, tp: number): number {
  const gateUp = g.role === 'ffn_gate_exps' || g.role === 'ffn_up_exps';
  if (!(gateUp || g.role === 'ffn_down_exps') || g.bytes !== 2 * g.elements) return 0;
  const rowElements = gateUp ? (g.shape[0] ?? 0) : (g.shape[0] ?? 0) / tp;
  if (rowElements <= 0 || (rowElements * 2) % 512 !== 0) return 0;
  return ((g.bytes * g.count) / tp) * (ROCM_MOE_PAD_BYTES / (rowElements * 2));
}
