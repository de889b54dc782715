// Batched decode: B sequences decoding together (llama-server --parallel B, vLLM's running batch).
// One step reads every active weight once and each sequence's own KV, and multiplies B tokens through
// the weights. At small B the step is memory-bound (time ≈ single-sequence time plus the extra KV);
// at large B it becomes compute-bound (2 × active params × B ÷ achieved FLOPS). The step time is the
// larger of the two per device, plus the per-step fixed and communication costs.

import {
  SPEED_CALIBRATION,
  commSeconds,
  gpuComputeSeconds,
  segmentEfficiency,
  stepOverheadSeconds,
  streamSeconds,
  type SpeedCalibration,
  type SpeedInputs,
} from './speed';

export interface BatchedDecode {
  batch: number;
  /** Tokens per second summed over all sequences. */
  aggregateTokensPerSecond: number;
  /** Tokens per second each sequence sees. */
  perSequenceTokensPerSecond: number;
  /** Which side of the roofline the step sits on. */
  bound: 'memory' | 'compute';
}

/** Seconds of matmul and attention work for B decode tokens; null without an FP16 figure. */
function computeSeconds(inp: SpeedInputs, batch: number, cal: SpeedCalibration): number | null {
  const parallel = (inp.split ?? (inp.runtime === 'vllm' ? 'tensor' : 'layer')) !== 'layer';
  let t = 0;
  for (const s of inp.segments) {
    if (s.params <= 0) continue;
    if (s.tflops == null || !(s.tflops > 0)) return null;
    // A decode token attends over the whole filled context: twice the prompt average the segment holds.
    const eff = segmentEfficiency(s, cal, inp.runtime).prefill;
    const full = { ...s, attentionFlops: 2 * (s.attentionFlops ?? 0) };
    const ts =
      s.backend === 'cpu'
        ? (batch * (2 * s.params + full.attentionFlops)) / (eff * s.tflops * 1e12)
        : gpuComputeSeconds(full, batch, eff, inp.hiddenSize, cal);
    t = parallel && s.backend !== 'cpu' ? Math.max(t, ts) : t + ts;
  }
  return t;
}

/**
 * Aggregate and per-sequence decode speed for `batch` parallel sequences, each at the context the
 * inputs were built for. Null when a device lacks its bandwidth figure.
 */
export function batchedDecode(inp: SpeedInputs, batch: number, cal: SpeedCalibration = SPEED_CALIBRATION): BatchedDecode | null {
  const b = Math.max(1, Math.floor(batch));
  const stream = streamSeconds(inp, cal, b);
  if (!stream.known) return null;
  const memory = stream.gpu + stream.cpu;
  const compute = computeSeconds(inp, b, cal) ?? 0;
  // Hops and all-reduces move B activations instead of one; their latency is paid once per step.
  const comm = commSeconds(inp, b, cal);
  const step = Math.max(memory, compute) + stepOverheadSeconds(inp, cal) + comm;
  return {
    batch: b,
    aggregateTokensPerSecond: b / step,
    perSequenceTokensPerSecond: 1 / step,
    bound: compute > memory ? 'compute' : 'memory',
  };
}
