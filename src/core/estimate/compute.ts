// Activation / scratch memory per runtime.
//
// llama.cpp: ggml-alloc sizes one compute buffer per backend for the worst-case graph (n_ubatch tokens,
// all of them outputs). Its size is the peak of the live tensors, the largest of these phases
// (T = n_ubatch, masks = one KQ mask per cache kind, f16 with flash attention and f32 without, as
// current llama-graph.cpp creates them):
//   logits      4·T·(n_vocab + 2·n_embd)   (+ n_embd more without flash attention)
//   layer       4·T·(3·n_ff_active + 4·n_embd) + masks
//   attention   FA off: 4·T·(q + k + v + 4·n_embd) + 4·T·n_kv·n_head + masks   (the KQ matrix)
// Every term was fitted to, and reproduces, the real allocator on the CPU backend (node-llama-cpp
// 3.21.1, synthetic models from n_embd 512 to 4096, n_ff 1024 to 11008, n_ubatch 256 to 2048) to
// within 0.02 MiB, except square n_ff = n_embd shapes (+0.5 MiB). With layers offloaded the device runs
// the same graph (with device copies of the masks) and a small host buffer keeps the inputs:
// 4·T·n_embd of token embeddings plus the masks. Public GPU logs of 2025 builds (f32 masks even with
// flash attention) show host buffers of exactly 4·T·(n_embd + n_kv).
//
// vLLM: its V1 profiling run's peak, in runtimes/vllm-profile.ts; SGLang: one chunked-prefill pass, in runtimes/sglang.ts.
// transformers: prefill activations grow with the prompt (Qwen2.5 figures in reference/estimation.md).

import { isMoeLayer, kvHeadsAt } from '../model/tensors';
import type { ModelSpec } from '../model/types';

const MiB = 1024 * 1024;

/** Widest per-token FFN intermediate over the layers: dense width, or routed experts × width + shared. */
export function activeFfnWidth(spec: ModelSpec): number {
  let w = 0;
  const moe = spec.moe;
  let hasDense = !moe;
  let hasMoe = false;
  for (let il = 0; moe && il < spec.layers; il++) {
    if (isMoeLayer(spec, il)) hasMoe = true;
    else hasDense = true;
    if (hasDense && hasMoe) break;
  }
  if (hasDense) w = spec.intermediateSize;
  if (hasMoe && moe) {
    const shared = moe.sharedExperts * (moe.sharedExpertFfnSize ?? moe.expertFfnSize);
    w = Math.max(w, moe.expertsActive * moe.expertFfnSize + shared);
  }
  return w;
}

function attentionWidths(spec: ModelSpec): { q: number; k: number; v: number } {
  if (spec.mla) {
    const qk = spec.mla.qkNopeHeadDim + spec.mla.qkRopeHeadDim;
    return { q: spec.heads * qk, k: spec.heads * qk, v: spec.heads * spec.mla.vHeadDim };
  }
  let kv = typeof spec.kvHeads === 'number' ? spec.kvHeads : 0;
  if (typeof spec.kvHeads !== 'number') for (let il = 0; il < spec.layers; il++) kv = Math.max(kv, kvHeadsAt(spec, il));
  return { q: spec.heads * spec.headDimK, k: kv * spec.headDimK, v: kv * spec.headDimV };
}

export interface LlamaComputeInput {
  /** Tokens per graph evaluation: min(n_ubatch, n_batch, n_ctx). */
  tokens: number;
  /** Cells of a full-attention layer per stream. */
  nKv: number;
  /** Cells of a sliding-window layer per stream (0 when none). */
  nSwa: number;
  hasFullLayers: boolean;
  flashAttention: boolean;
  /** Bytes of one layer's K+V at full context when CUDA FA converts a quantised cache to f16. */
  quantKvF16CopyBytes: number;
}

export function llamaCppCompute(spec: ModelSpec, c: LlamaComputeInput): { device: number; host: number; cpu: number; basis: string } {
  const T = c.tokens;
  const h = spec.hiddenSize;
  const { q, k, v } = attentionWidths(spec);
  const ff = activeFfnWidth(spec);
  const nKvMax = c.hasFullLayers ? c.nKv : c.nSwa;
  const cells = (c.hasFullLayers ? c.nKv : 0) + c.nSwa;
  const masks = (c.flashAttention ? 2 : 4) * T * cells;
  const logits = 4 * T * (spec.vocabSize + (c.flashAttention ? 2 : 3) * h);
  const layer = 4 * T * (3 * ff + 4 * h) + masks;
  const attention = c.flashAttention ? 0 : 4 * T * (q + k + v + 4 * h) + 4 * T * nKvMax * spec.heads + masks;
  // Gemma 3n holds every layer's per-layer input ([n_embd_altup, T, n_layer], f32) through the stack. Fitted to
  // the CPU allocator on synthetic Gemma 3n (n_embd 256–768, 22–30 layers, T 513, flash attention): within 0.02 MiB.
  const altup = spec.altup ? 4 * T * (4 * spec.altup.perLayerWidth * spec.layers + 2 * h) + masks : 0;
  // A Mamba-2 layer's scan inputs and outputs (in_proj output, conv state + window, y, gate). Fitted to the CPU
  // allocator on synthetic Nemotron-H (n_embd 512–1024, d_inner 1024–2048, 16–32 heads, 2–8 groups, flash
  // attention): within 0.3 %.
  const mixer = spec.recurrent?.mixer;
  const mamba = mixer?.kind === 'mamba2' ? 4 * T * (5 * mixer.dInner + 6 * mixer.nGroup * mixer.dState + mixer.nHead + 3 * h) + masks : 0;
  const cpu = Math.max(logits, layer, attention, altup, mamba);
  // CUDA flash attention converts one layer's quantised K/V to f16 inside the layer; the CPU does not.
  const device = Math.max(logits, layer + c.quantKvF16CopyBytes, attention, altup, mamba);
  const host = 4 * T * h + masks;
  const phase =
    cpu === attention
      ? 'the attention matrix n_ctx × n_ubatch × n_head × 4 B'
      : cpu === logits
        ? 'the logits n_vocab × n_ubatch × 4 B'
        : 'the FFN intermediates';
  return {
    device,
    host,
    cpu,
    basis: `llama.cpp graph buffer for ${T}-token micro-batches, peak at ${phase}; the host buffer holds the input embeddings and KQ mask (${(host / MiB).toFixed(2)} MiB).`,
  };
}

/**
 * transformers prefill peak: gate, up and their product at the FFN (3·n_ff) plus a few hidden-state
 * copies (4·n_embd) per prompt token in the compute dtype, and fp32 logits of the last position.
 * Checked against Qwen2.5-7B bf16: 14.38 GiB at 1 prompt token, 19.97 GiB at 30720.
 */
export function transformersActivation(spec: ModelSpec, promptTokens: number, batch: number, dtypeBytes: number): number {
  const h = spec.hiddenSize;
  const ff = activeFfnWidth(spec);
  return batch * (promptTokens * (3 * ff + 4 * h) * dtypeBytes + spec.vocabSize * 4 * 2);
}
