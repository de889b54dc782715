// Speed model. Decode (batch 1) is memory-bound: every generated token streams the active weights and
// the KV read so far, so t = Σ bytes_d / (η · BW_d) + t0 + per-layer launch cost (+ a per-layer
// synchronisation cost for each extra GPU). Layers left on the CPU stream at RAM bandwidth with their own
// efficiency. Prefill is compute-bound: 2 × active parameters per token over achieved FLOPS, plus the
// cost of dequantising quantised weights once per micro-batch.
//
// The constants are a handful of global parameters fitted on measured llama.cpp runs
// (reference/speed-truth-dev.csv, anomalies excluded) by tests/accuracy/speed.ts; they are not fitted
// per row, and the ± bands are the 80th percentile of |error| on that set (docs/speed-accuracy.md).

export type SpeedBackend = 'cuda' | 'metal' | 'cpu';

export interface SpeedCalibration {
  /** Fraction of GPU memory bandwidth decode achieves. */
  eta: number;
  /** Fraction of DDR bandwidth CPU-resident layers achieve on a PC (llama.cpp CPU decode). */
  etaCpu: number;
  /** The same on a unified-memory SoC, where the CPU cluster reaches only part of the GPU's bandwidth. */
  etaCpuUnified: number;
  /** Fixed time per token, seconds (sampling, graph build). */
  t0: number;
  /** Per-layer time per token, seconds (kernel launches and synchronisation). */
  perLayer: number;
  /** Extra per-layer time per token for each GPU beyond the first, seconds. */
  multiGpuPerLayer: number;
  /** Achieved fraction of the FP16 tensor peak in prefill on discrete GPUs (CUDA/ROCm). */
  prefillEfficiency: number;
  /** Achieved fraction of the FP16 peak in prefill on Apple GPUs (Metal). */
  prefillEfficiencyMetal: number;
  /** Achieved fraction of the CPU's FP32 peak in prefill. */
  prefillEfficiencyCpu: number;
  /** Weight passes per micro-batch spent dequantising quantised weights (× 2 bytes/param). */
  dequantPasses: number;
  /** Extra prefill seconds per parameter per token for each GPU beyond the first. */
  multiGpuPrefillPerParam: number;
  /** Host→GPU bandwidth used when a GPU runs the prefill of CPU-resident layers, GB/s. */
  pcieGBps: number;
  /** Relative ± bands: 80th percentile of |error| on the calibration set, single GPU. */
  bandDecode: number;
  bandPrefill: number;
  /** The same with several GPUs (host topology dominates; prefill is capped at ±90 %). */
  bandDecodeMultiGpu: number;
  bandPrefillMultiGpu: number;
}

/** Fitted on speed-truth-dev.csv; see docs/speed-accuracy.md for the table and the fit. */
export const SPEED_CALIBRATION: SpeedCalibration = {
  eta: 0.85,
  etaCpu: 0.6,
  etaCpuUnified: 0.3,
  t0: 0.25e-3,
  perLayer: 60e-6,
  multiGpuPerLayer: 0.1e-3,
  prefillEfficiency: 0.3,
  prefillEfficiencyMetal: 0.75,
  prefillEfficiencyCpu: 0.5,
  dequantPasses: 2,
  multiGpuPrefillPerParam: 1e-13,
  pcieGBps: 16,
  bandDecode: 0.29,
  bandPrefill: 0.15,
  bandDecodeMultiGpu: 0.42,
  bandPrefillMultiGpu: 0.9,
};

/** A contiguous share of the model on one device (or the CPU). */
export interface SpeedSegment {
  backend: SpeedBackend;
  /** Bytes this segment streams per generated token (active weights + KV read). */
  streamedBytes: number;
  /** Weight bytes resident here (for the prefill upload of CPU layers). */
  weightBytes: number;
  /** Active matmul parameters here (prefill FLOPs = 2 × this per token). */
  params: number;
  bandwidthGBps: number | null;
  /** Effective FP16 peak (already scaled for FP16 accumulate where the card allows it). */
  tflops: number | null;
  quantized: boolean;
  /** CPU segment on a unified-memory machine (bandwidth is the SoC's figure). */
  unifiedMemory?: boolean;
}

export interface SpeedInputs {
  segments: SpeedSegment[];
  /** Repeating layers of the model (launch / sync costs scale with them). */
  layers: number;
  /** GPUs taking part (pipeline hand-offs and synchronisation). */
  gpuCount: number;
  /** Tokens per micro-batch in prefill (min(prompt, ubatch)): dequantisation is amortised over it. */
  prefillBatchTokens: number;
}

export interface SpeedPrediction {
  decodeSeconds: number | null;
  prefillSecondsPerToken: number | null;
  gpuSeconds: number;
  cpuSeconds: number;
  fixedSeconds: number;
}

export function predictSpeed(inp: SpeedInputs, cal: SpeedCalibration = SPEED_CALIBRATION): SpeedPrediction {
  let gpuSeconds = 0;
  let cpuSeconds = 0;
  let decodeKnown = true;
  for (const s of inp.segments) {
    if (s.streamedBytes <= 0) continue;
    if (s.bandwidthGBps == null || !(s.bandwidthGBps > 0)) {
      decodeKnown = false;
      continue;
    }
    const eff = s.backend === 'cpu' ? (s.unifiedMemory ? cal.etaCpuUnified : cal.etaCpu) : cal.eta;
    const t = s.streamedBytes / (eff * s.bandwidthGBps * 1e9);
    if (s.backend === 'cpu') cpuSeconds += t;
    else gpuSeconds += t;
  }
  const extraGpus = Math.max(0, inp.gpuCount - 1);
  const fixedSeconds = cal.t0 + inp.layers * (cal.perLayer + cal.multiGpuPerLayer * extraGpus);
  const decodeSeconds = decodeKnown ? gpuSeconds + cpuSeconds + fixedSeconds : null;

  let prefill: number | null = 0;
  const batch = Math.max(1, inp.prefillBatchTokens);
  const hasGpu = inp.segments.some((s) => s.backend !== 'cpu' && s.params > 0);
  let totalParams = 0;
  for (const s of inp.segments) {
    if (s.params <= 0) continue;
    totalParams += s.params;
    if (s.backend === 'cpu') {
      if (hasGpu) {
        // llama.cpp runs large batches of CPU-resident layers on the GPU, uploading their weights.
        prefill += s.weightBytes / (cal.pcieGBps * 1e9 * batch);
        continue;
      }
      if (s.tflops == null || !(s.tflops > 0)) {
        prefill = null;
        break;
      }
      prefill += (2 * s.params) / (cal.prefillEfficiencyCpu * s.tflops * 1e12);
      continue;
    }
    if (s.tflops == null || !(s.tflops > 0)) {
      prefill = null;
      break;
    }
    const eff = s.backend === 'metal' ? cal.prefillEfficiencyMetal : cal.prefillEfficiency;
    prefill += (2 * s.params) / (eff * s.tflops * 1e12);
    if (s.quantized && s.bandwidthGBps != null && s.bandwidthGBps > 0) {
      prefill += (cal.dequantPasses * 2 * s.params) / (s.bandwidthGBps * 1e9 * batch);
    }
  }
  if (prefill != null) prefill += cal.multiGpuPrefillPerParam * totalParams * extraGpus;
  if (prefill === 0) prefill = null;
  return { decodeSeconds, prefillSecondsPerToken: prefill, gpuSeconds, cpuSeconds, fixedSeconds };
}

/**
 * GeForce cards run FP16 tensor math with FP16 accumulate (what cuBLAS uses for llama.cpp's F16 GEMMs)
 * at twice the FP32-accumulate rate the catalog lists; workstation and datacenter parts do not halve it.
 */
export function fp16AccumulateFactor(name: string): number {
  return /geforce|\brtx\s*[2-5]0[5-9]0/i.test(name) && !/ada|\bA\d{4}\b|pro/i.test(name) ? 2 : 1;
}
