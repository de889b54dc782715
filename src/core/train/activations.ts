// Activations saved for backward, and the logits. The per-layer term follows Korthikanti et al. 2022,
// "Reducing Activation Recomputation in Large Transformer Models" (arXiv:2205.05198) §4.1, which counts
// sbh(34 + 5as/h) bytes per layer for a GPT block with 16-bit activations. Its 34 is written for a 4h
// GeLU MLP with dropout; here the same bookkeeping is redone per saved tensor for the actual block
// (GQA widths, SwiGLU width, no dropout, as in LLM fine-tuning), so each term is a tensor autograd keeps
// (see layerBytesPerToken); without flash attention the softmax output, dropout mask and output add
// 5·a·s per token (Korthikanti's term).
// Full recomputation (gradient checkpointing) keeps only each layer's input, 2h per token per layer,
// plus one layer's activations while it is recomputed (same paper, §4.2 "2sbhL").

import { kvHeadsAt } from '../model/tensors';
import type { ModelSpec } from '../model/types';
import type { TrainComponent, TrainingSettings } from './types';

const BF16 = 2;

/** FFN width a token passes through in one layer (routed experts times their width, plus shared experts). */
export function tokenFfnWidth(spec: ModelSpec): number {
  const moe = spec.moe;
  if (!moe || moe.experts <= 1) return spec.intermediateSize;
  return moe.expertsActive * moe.expertFfnSize + moe.sharedExperts * (moe.sharedExpertFfnSize ?? moe.expertFfnSize);
}

/**
 * Bytes one token saves in one transformer layer (flash attention: no seq² term).
 *   attention: norm input h, q/k/v input h, q, k and v as SDPA saves them (GQA heads repeated to full
 *   width by repeat_kv / torchtune's expand, except Unsloth's GQA-aware kernels), its output and the
 *   contiguous copy o_proj reads: 2 B × (2h + q + kv + 2q)
 *   MLP: norm input h, gate/up input h, gate and up outputs and their product (down_proj's input):
 *   2 B × (2h + 3ff); eager SiLU also saves its own output (+2ff), which a compiled graph recomputes.
 *   Eager RMSNorm saves its fp32 upcast and the normalised bf16 tensor: +4h bytes per norm.
 */
export function layerBytesPerToken(spec: ModelSpec, s: TrainingSettings): number {
  const h = spec.hiddenSize;
  const q = spec.heads * spec.headDimK;
  const kvHeads = kvHeadsAt(spec, 0);
  const repeat = s.runtime !== 'unsloth';
  const kv = repeat ? spec.heads * (spec.headDimK + spec.headDimV) : kvHeads * (spec.headDimK + spec.headDimV);
  const attn = BF16 * (2 * h + q + kv + 2 * q);
  const ff = tokenFfnWidth(spec);
  const eager = !s.compile;
  const mlp = BF16 * (2 * h + (spec.gatedFfn ? (eager ? 4 : 3) : eager ? 2 : 1) * ff);
  const scores = s.flashAttention ? 0 : 5 * spec.heads * s.seq;
  const norms = Math.max(1, spec.normsPerLayer);
  const normFp32 = eager ? norms * 4 * h : 0;
  // Each adapted Linear also saves its lora_A output (r values) for lora_B's gradient.
  const adapted = s.lora.targets === 'all-linear' ? 7 : s.lora.targets.length;
  const lora = s.method === 'full' ? 0 : BF16 * s.lora.rank * adapted;
  return attn + mlp + scores + normFp32 + lora;
}

export interface ActivationParts {
  /** Saved for backward through the whole step (all layers, or the checkpointed layer inputs). */
  saved: number;
  /** One layer's activations: recomputed during backward under checkpointing, or its gradients otherwise. */
  layer: number;
  cpu: number;
  formula: string;
}

export function activationParts(spec: ModelSpec, s: TrainingSettings, largestLinear: number): ActivationParts {
  const tokens = s.batch * s.seq;
  const per = layerBytesPerToken(spec, s);
  const L = spec.layers;
  const h = spec.hiddenSize;
  // The final norm's input and output feed the head.
  const head = 2 * BF16 * h * tokens;
  // QLoRA dequantises one 4-bit matrix to bf16 for each matmul; the largest is the transient peak.
  const dequant = s.method === 'qlora' ? BF16 * largestLinear : 0;
  const layer = per * tokens + dequant;
  if (s.checkpointing === 'off' && !s.activationOffload) {
    return { saved: L * per * tokens + head, layer, cpu: 0, formula: `${L} layers × ${per} B/token × ${tokens} tokens` };
  }
  if (s.checkpointing === 'off') {
    // torchtune's activation offloading alone moves every saved tensor to CPU and streams it back per layer.
    return { saved: head, layer, cpu: L * per * tokens, formula: `${L} layers × ${per} B/token × ${tokens} tokens offloaded to CPU` };
  }
  const offloaded = s.checkpointing === 'offload' || s.activationOffload;
  const inputs = L * BF16 * h * tokens;
  return {
    saved: (offloaded ? 0 : inputs) + head,
    layer,
    cpu: offloaded ? inputs : 0,
    formula: `checkpointed: ${L} layer inputs × ${BF16 * h} B/token × ${tokens} tokens${offloaded ? ' in CPU RAM' : ''}; one layer recomputed: ${per} B/token`,
  };
}

/**
 * Logits over the vocabulary. transformers' ForCausalLMLoss upcasts them to fp32 and cross-entropy saves
 * its fp32 log-softmax: bf16 logits 2 B + fp32 4 B + fp32 gradient 4 B per element = 10 B. Chunked
 * cross-entropy never materialises the fp32 tensor: torchtune's CEWithChunkedOutputLoss upcasts one chunk
 * of 8 at a time and Unsloth's fused kernel writes the gradient into the bf16 logits, so 2 B per element
 * remain (torchtune's README: chunked CE cut Llama 3.2 3B's peak by 8.1 GiB at 2 × 4096 tokens ≈ 8 B/element).
 */
export function logitsComponent(spec: ModelSpec, s: TrainingSettings): TrainComponent {
  const elements = s.batch * s.seq * spec.vocabSize;
  const per = s.chunkedLoss ? 2 : 10;
  const how = s.chunkedLoss ? 'bf16 logits; fp32 only per chunk (chunked CE)' : 'bf16 2 B + fp32 upcast 4 B + fp32 log-softmax/grad 4 B';
  return { bytes: elements * per, formula: `${s.batch} × ${s.seq} × ${spec.vocabSize} vocab × ${per} B (${how})` };
}
