// vLLM V1's activation peak: what its profiling run leaves as the torch peak, which the KV pool is sized
// around. One rule for both the estimate (Compare) and the serving capacity (Serve, src/core/capacity), so
// the two views never price the same deployment differently. Checked against 21 logged vLLM 0.19.0 KV
// pools (tests/fixtures/serving/serving.csv, docs/capacity-accuracy.md).

import type { ModelSpec } from '../../model/types';
import { activeFfnWidth } from '../compute';

/**
 * The torch peak of vLLM V1's profile_run (v1/worker/gpu_model_runner.py): `_dummy_run(max_num_batched_tokens)`
 * and then `_dummy_sampler_run` on min(max_num_seqs, tokens) rows. With torch.compile the forward pass keeps
 * little, so the sampler sets the peak: per row and vocabulary entry the bf16 logits (2 B), their fp32 copy
 * (4 B), the softmax probabilities (4 B) and the exponential draws FlashInfer's sampler divides by (4 B),
 * 14 B in all, on top of the T × hidden hidden states (two bf16 copies). vLLM 0.19.0 on H100 (S7, 8192
 * tokens, 1024 rows): Llama-3.1-8B 1.89 GiB measured, 1.84 here; Qwen2.5-7B 2.21 / 2.14; gemma-2-9b
 * 3.65 / 3.53; phi-4 1.52 / 1.50. A fused-MoE layer adds its expert workspace, which stays allocated.
 * `dtypeBytes` is the activation dtype (2 for bf16/fp16, which every logged run used); an fp32 model's logits
 * are already fp32, so the copy is not made.
 */
export function vllmProfilePeakBytes(
  spec: ModelSpec,
  batchedTokens: number,
  maxSeqs: number,
  tp: number,
  dtypeBytes = 2,
  release?: string,
): number {
  const t = Math.max(1, batchedTokens);
  const rows = Math.min(maxSeqs, t);
  const h = spec.hiddenSize;
  const perLogit = vllmSamplerSorts(release, rows) ? vllmSortSamplerBytesPerLogit(dtypeBytes) : vllmSamplerBytesPerLogit(dtypeBytes);
  const sampler = t * h * 2 * dtypeBytes + rows * spec.vocabSize * perLogit;
  // Without the compiled graph's fusion the FFN intermediates of the widest dense layer (split by TP) would set
  // the peak; MoE layers' intermediates live in the workspace below instead.
  const denseFfn = spec.moe ? 0 : activeFfnWidth(spec) / tp;
  const forward = t * (2 * denseFfn + 4 * h) * dtypeBytes;
  return Math.max(forward, sampler) + fusedMoeWorkspaceBytes(spec, t, tp, dtypeBytes);
}

/** The sampler's bytes per row and vocabulary entry: logits, their fp32 copy (none when already fp32), probabilities, draws. */
export function vllmSamplerBytesPerLogit(dtypeBytes: number): number {
  return dtypeBytes + (dtypeBytes < 4 ? 4 : 0) + 4 + 4;
}

/**
 * The sampler's peak when top-p is applied by sorting the logits (v1/sample/ops/topk_topp_sampler.py
 * apply_top_k_top_p_pytorch), per row and vocabulary entry: the logits and their fp32 copy, then torch.sort's
 * fp32 values (4 B) and int64 indices (8 B), and inside the sort the int64 row indices it sorts along (8 B) and
 * the radix sort's alternate key and value buffers (4 + 8 B). 38 B in bf16. The profiling run's dummy batch
 * asks for top-k and top-p, so this is the peak whenever that path runs. vLLM 0.11.2 on 2 × L40S at 1024 rows
 * and Qwen3's 151,936-entry vocabulary (S211): the pools sit 3.40–3.51 GiB per GPU below the 14 B rule over four
 * models, and 1024 × 151,936 × 24 B is 3.48 GiB. vllm PR 32558's own table puts the sort path at 1.25 GB for
 * 256 × 131,072 logits (37 B each).
 */
export function vllmSortSamplerBytesPerLogit(dtypeBytes: number): number {
  return dtypeBytes + (dtypeBytes < 4 ? 4 : 0) + 4 + 8 + 8 + 4 + 8;
}

/** A vLLM release as [major, minor, patch], or undefined where the text names none ("n/a (2026-08)", "V0"). */
export function parseVllmRelease(release: string | undefined): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec((release ?? '').trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

/**
 * Whether the profiling run's sampler sorts the vocabulary. FlashInfer's sampler was on by default until PR 26859
 * (2025-10) turned it off, so from 0.11.1 top-p sorts; the Triton top-k/top-p kernel (PR 33538, merged 2026-02,
 * in 0.18.0's API reference; taken here to ship from 0.17) replaced the sort for batches of 8 rows or more;
 * smaller batches still sort. An unnamed release is the newest, which the 14 B rule follows.
 */
export function vllmSamplerSorts(release: string | undefined, rows: number): boolean {
  return vllmSortingRelease(release) || (rows < 8 && !vllmBeforeSortingRelease(release));
}

/** A release from 0.11.1 to 0.16: it sorts to sample at every batch size (vllmSamplerSorts). */
export function vllmSortingRelease(release: string | undefined): boolean {
  const v = parseVllmRelease(release);
  return v !== undefined && !vllmBeforeSortingRelease(release) && !atLeastRelease(v, [0, 17, 0]);
}

/** A release before 0.11.1, whose FlashInfer sampler was on by default. */
function vllmBeforeSortingRelease(release: string | undefined): boolean {
  const v = parseVllmRelease(release);
  return v !== undefined && !atLeastRelease(v, [0, 11, 1]);
}

/** Whether release `v` is `min` or later. */
export function atLeastRelease(v: [number, number, number], min: [number, number, number]): boolean {
  for (let i = 0; i < 3; i++) if (v[i] !== min[i]) return v[i]! > min[i]!;
  return true;
}

/** VLLM_FUSED_MOE_CHUNK_SIZE's default (vllm/envs.py; 32768 in 2025 releases): the fused MoE kernel works on at most this many tokens. */
export const FUSED_MOE_CHUNK_TOKENS = 16 * 1024;

/**
 * vllm/model_executor/layers/fused_moe/fused_moe.py fused_experts_impl: for M tokens it allocates
 * workspace13 = M × top_k × max(N, K) and workspace2 = M × top_k × N/2 in the activation dtype, with
 * N = the w13 rows per rank (2 × expert FFN / tp) and K = hidden. vLLM 0.19.0 (S7): Qwen3-30B-A3B measures
 * 2.68 GiB of peak where the dense sampler rule alone gives 2.09 (+0.34 here); Mixtral-8x7B at TP 2 1.21
 * (0.55 + 0.66); DeepSeek-V2-Lite 1.93 (1.48 + 0.39).
 */
export function fusedMoeWorkspaceBytes(spec: ModelSpec, batchedTokens: number, tp: number, dtypeBytes = 2): number {
  const moe = spec.moe;
  if (!moe || moe.expertsActive <= 0) return 0;
  const m = Math.min(batchedTokens, FUSED_MOE_CHUNK_TOKENS);
  const n = (2 * moe.expertFfnSize) / tp;
  return m * moe.expertsActive * (Math.max(n, spec.hiddenSize) + n / 2) * dtypeBytes;
}
