// Training throughput from FLOPs: 6 × params per token for a full step (2 forward + 4 backward: Kaplan
// et al. 2020, "Scaling Laws for Neural Language Models" §2.1), plus a second forward (2 × params) when
// activations are recomputed (Korthikanti et al. 2022). LoRA freezes the base, so backward skips the
// weight gradients of the base (2 × params instead of 4) while the adapters cost their own 6 × r-params.
// Attention adds 2 × 2 × seq × q-width per layer forward (causal half of QKᵀ and AV), tripled for training.

import { countParameters } from '../model/params';
import type { ModelSpec } from '../model/types';
import type { TrainingSettings } from './types';

/**
 * Model-FLOPs utilisation assumed: ~40 % is what well-tuned bf16 fine-tuning reaches on one GPU; QLoRA
 * loses about a quarter of it to dequantising every weight in every pass (the QLoRA paper's slowdown).
 */
const MFU = 0.4;
const QLORA_SLOWDOWN = 0.75;

export function trainingSpeed(
  spec: ModelSpec,
  s: TrainingSettings,
  trainable: number,
  tflops: number | null,
): { flopsPerToken: number; tokensPerSecond: number | null; efficiency: number; formula: string } {
  // Kaplan et al. 2020, Table 1: the input embedding is a lookup (≈ 0 FLOPs per token), the de-embedding
  // (lm_head) a 2 · d_model · n_vocab matmul. An untied model's embedding matrix is therefore left out of
  // the matmul parameters; a tied one is the lm_head and stays in.
  const embedding = spec.tiedEmbeddings ? 0 : spec.vocabSize * spec.hiddenSize;
  const active = Math.max(0, countParameters(spec).active - embedding);
  const attn = 3 * spec.layers * 2 * s.seq * spec.heads * spec.headDimK;
  const recompute = s.checkpointing === 'off' ? 0 : 2 * active;
  const base = s.method === 'full' ? 6 * active : 4 * active + 6 * trainable;
  const flopsPerToken = base + recompute + attn;
  const efficiency = s.method === 'qlora' ? MFU * QLORA_SLOWDOWN : MFU;
  const gpus = Math.max(1, s.gpus);
  const tokensPerSecond = tflops && tflops > 0 ? (gpus * tflops * 1e12 * efficiency) / flopsPerToken : null;
  const parts = s.method === 'full' ? '6 × matmul params' : '4 × matmul params + 6 × adapter params';
  const formula = `${parts}${recompute ? ' + 2 × matmul params (recompute)' : ''} + attention${embedding ? ' (matmul params: active without the input embedding lookup)' : ''}; × ${gpus} GPU × ${tflops ?? '?'} TFLOPS × ${Math.round(efficiency * 100)} % MFU`;
  return { flopsPerToken, tokensPerSecond, efficiency, formula };
}
