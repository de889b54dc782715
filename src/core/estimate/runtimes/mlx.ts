// MLX (mlx_lm.generate / mlx_lm.server, LM Studio's MLX engine) on Apple silicon: weights in MLX's own
// formats (quant/mlx.ts), a KV cache grown in 256-token steps (optionally quantised or rotating), the
// transient of the last prefill chunk, and the logits of one position. The figures are what
// mx.get_peak_memory() reports, which is what mlx_lm prints as "Peak memory" and what must fit under
// Metal's wired limit (the advisor's working-set budget on unified memory).

import { mlxKv, mlxPrefillPeak, mlxUnfusedAttention } from './mlx-memory';
import type { RuntimeRules } from './types';

const GB = 1e9;

export const mlx: RuntimeRules = {
  tiedOutputCopy: false,
  dtypeFromFormat: false,
  parts(spec, settings, _format, plan) {
    const warnings: string[] = [];
    if (settings.kvTypeK === 'fp8' || settings.kvTypeV === 'fp8') warnings.push('MLX has no fp8 KV cache; use --kv-bits 8 instead.');
    if (settings.kvTypeK !== settings.kvTypeV && ['q8_0', 'q4_0'].includes(settings.kvTypeV)) {
      warnings.push('mlx_lm quantises K and V together (--kv-bits); the K cache type decides both.');
    }
    const kv = mlxKv(spec, settings, plan);
    if (settings.mlx?.maxKvSize !== undefined && (settings.mlx.kvBits !== undefined || ['q8_0', 'q4_0'].includes(settings.kvTypeK))) {
      warnings.push('mlx_lm cannot quantise a rotating cache (--max-kv-size); the cache stays in the model dtype.');
    }
    const peak = mlxPrefillPeak(spec, settings, kv, plan);
    const unfused = mlxUnfusedAttention(spec);
    const basis =
      `MLX prefill of ${peak.chunk}-token chunks (--prefill-step-size): (3·n_ff + 4·n_embd) activations per token in the model dtype` +
      (unfused
        ? `, plus ${(peak.scores / GB).toFixed(2)} GB of attention scores and causal mask: head_dim ${spec.mla ? 'of MLA' : spec.headDimK} has no fused prefill kernel, so one layer's n_heads × chunk × cached-tokens scores are materialised`
        : ', fused attention (no score matrix)') +
      `, and one layer's cache copy while the cache grows (${(peak.concat / GB).toFixed(2)} GB).`;
    if (unfused && peak.scores > 2 * GB && peak.chunk > 512) {
      warnings.push(
        `Long prompts on this model materialise ${(peak.scores / GB).toFixed(1)} GB of attention scores per prefill chunk in MLX; a smaller --prefill-step-size such as 512 cuts that fourfold.`,
      );
    }
    const promptCache = settings.mlx?.promptCacheBytes ?? 0;
    return {
      kv,
      compute: { bytes: peak.bytes, device: peak.bytes, host: 0, tokens: peak.chunk, basis },
      outputBuffer: {
        bytes: spec.vocabSize * 4 * settings.parallel,
        basis: 'Logits and log-probabilities of the last position only (mlx_lm never evaluates the logits of prefill chunks).',
      },
      overhead: {
        bytes: promptCache,
        basis:
          promptCache > 0
            ? `mlx_lm.server keeps up to ${(promptCache / GB).toFixed(2)} GB of earlier requests' caches (--prompt-cache-bytes); Metal itself adds no context to MLX's peak memory.`
            : "No per-device context: MLX's peak memory counts its own buffers only. mlx_lm.server also keeps finished requests' caches (--prompt-cache-size 10 by default) unless --prompt-cache-bytes caps them.",
      },
      vllm: undefined,
      warnings,
    };
  },
};
