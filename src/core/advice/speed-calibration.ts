// The speed model's constants: data, not code. tests/accuracy/speed-fit.ts fits them on measured runs
// (tests/fixtures/reference/speed-truth-dev.csv and the fit half of tests/fixtures/speed/modern.csv)
// and docs/speed-accuracy.md shows the fit, the held-out check and the residuals. Values a measurement
// does not constrain say so where they are set.

import type { GpuFamily, GpuLink } from '../hardware/types';

export interface FamilyEfficiency {
  /** Achieved fraction of memory bandwidth in single-sequence decode. */
  decode: number;
  /** Achieved fraction of the dense FP16 peak in prefill. */
  prefill: number;
}

/** ± bands: the 80th percentile of measured |error| for a kind of device and phase. */
export interface SpeedBand {
  decode: number;
  prefill: number;
}

/** A serving range as factors of the figure (TTFT, TPOT, output throughput) and the rows it was read from. */
export interface ServingBand {
  ttft: number;
  tpot: number;
  output: number;
  /** Held-out serving rows priced with today's rules. */
  rows: number;
  /** Blind rows as first priced, by the rules of the commit their round was frozen at. */
  firstPriced: number;
}

export interface SpeedCalibration {
  /** Decode efficiency of a GPU whose family is not known (and of families without measurements). */
  eta: number;
  /** Fraction of DDR bandwidth CPU-resident layers achieve on a PC (llama.cpp CPU decode). */
  etaCpu: number;
  /** The same on a unified-memory SoC, where the CPU cluster reaches only part of the GPU's bandwidth. */
  etaCpuUnified: number;
  /** Prefill efficiency of an unknown CUDA/ROCm/Vulkan GPU and of an unknown Metal GPU. */
  prefillEfficiency: number;
  prefillEfficiencyMetal: number;
  /** Prefill ε grows as (hidden / 4096)^this: larger GEMMs reach more of the peak (speed.ts gemmSizeFactor). */
  prefillSizeExponent: number;
  /** Attention's share of a GPU's prefill ε (κ): FlashAttention reaches less of the peak than the GEMMs. */
  attentionEfficiency: number;
  /** Achieved fraction of the CPU's FP32 peak (speed-cpu.ts) in prefill. */
  prefillEfficiencyCpu: number;
  /** Per family, and per family:tier where the tier differs ("apple-m:max"). */
  efficiency: Partial<Record<string, FamilyEfficiency>>;
  /**
   * Families without measurements of their own that take a measured family's η and ε (the same memory
   * technology or the same GPU architecture and kernels); they keep the widest band.
   */
  borrow: Partial<Record<string, string>>;
  /** Multipliers for other runtimes relative to llama.cpp. */
  runtime: { vllm: FamilyEfficiency };
  /**
   * vLLM's (and SGLang's) own η and ε per efficiency key where serving runs measure them: their bf16 and
   * FP8 GEMMs (cuBLAS, CUTLASS) are other kernels than llama.cpp's quantised mat-vec and MMQ ones.
   * Keys without an entry take the family's llama.cpp figure × `runtime.vllm`.
   */
  vllmEfficiency: Partial<Record<string, Partial<FamilyEfficiency>>>;
  /**
   * vLLM's per-step host costs on top of the GPU work (seconds): `stepSeconds` every step, and
   * `tensorParallelStepSeconds` more when the step is broadcast to several worker processes;
   * `overlappedStepSeconds` instead of `stepSeconds` when the scheduler prepares step n+1 while the GPU
   * runs step n, and `currentLayerShare` of llama.cpp's per-layer costs when a decode step replays as
   * one CUDA graph (both for SpeedInputs.currentRelease). `batchedStreamEfficiency`: the share of the
   * decode bandwidth its GEMMs reach when a step carries 2 or more tokens (llama.cpp's is the top-level one).
   */
  vllm: {
    stepSeconds: number;
    tensorParallelStepSeconds: number;
    overlappedStepSeconds: number;
    currentLayerShare: number;
    batchedStreamEfficiency: number;
    /**
     * Prompt tokens in one forward pass at which the prefill GEMMs reach half their asymptotic share ε of
     * the peak (capacity/speed.ts passShare); absent: ε at every width.
     */
    prefillHalfTokens?: number;
  };
  /**
   * SGLang's own figures where its serving loop differs from vLLM's (capacity/speed.ts prices SGLang with
   * the `vllm` constants and these on top): fitted on SGLang's runs apart from vLLM's.
   */
  sglang?: Partial<Pick<SpeedCalibration['vllm'], 'batchedStreamEfficiency'>>;
  /**
   * Time a serving runtime adds to a request's first token besides the prefill's GPU work where that prefill
   * runs without CUDA graphs (seconds; capacity/prefill-graphs.ts says where it does): every layer's kernels
   * launched one by one from Python, by efficiency key, since the launches cost what the platform's kernel
   * launches cost. A prefill that replays graphs pays none of it. Fitted on serving runs; `default` for keys
   * without a serving run.
   */
  servingFirstTokenSeconds: Partial<Record<string, number>> & { default: number };
  /**
   * What the serving figures' ranges mean, by efficiency key: a factor f, the measure lying within predicted ÷ f …
   * × f, the wider of two 80th percentiles of measured error: on the held-out serving runs (tests/fixtures/serving,
   * set = check or blind) priced with today's rules, and on the blind runs as first priced, by the rules of the
   * commit their round was frozen at (tests/fixtures/serving/frozen.csv). Later rules were read from the blind
   * rounds' misses, so today's error on them is smaller than a run nobody has read meets. `default` over all kinds,
   * for kinds with fewer than 8 rows of each measure. tests/accuracy/capacity.test.ts recomputes them
   * (capacity-cases.ts widerBands).
   */
  servingBands: Partial<Record<string, ServingBand>> & { default: ServingBand };
  /** llama.cpp layer-split pipeline: micro-batches in flight (GGML_SCHED_MAX_COPIES) and n_batch. */
  pipelineCopies: number;
  pipelineBatchTokens: number;
  /** Share of the ideal pipeline overlap reached (1 = every extra micro-batch costs only the slowest stage). */
  pipelineOverlap: number;
  /** Fixed time per token, seconds (sampling, graph build). */
  t0: number;
  /** Per-layer time per token, seconds (kernel launches). */
  perLayer: number;
  /** Extra per-layer time of a layer with routed experts (router, top-k, gather: more launches). */
  moeLayer: number;
  /** Layer split: synchronisation per boundary between devices, seconds. */
  hopLatency: number;
  /** Row split (2023 builds): time per layer per extra GPU per token, seconds. */
  rowSyncPerLayer: number;
  /** Row split prefill: seconds per parameter per token per extra GPU. */
  rowPrefillPerParam: number;
  /** Latency of one small all-reduce by link kind, seconds. */
  allReduceLatency: Record<GpuLink['kind'], number>;
  /** Link bandwidth when a device states none, GB/s per direction. */
  defaultLinkGBps: number;
  /** Weight passes per micro-batch spent dequantising quantised weights (× 2 bytes/param). */
  dequantPasses: number;
  /**
   * Share of the decode bandwidth the batched matmul kernels reach when a step carries 2 or more
   * tokens (llama.cpp switches from its matrix-vector kernels to tiled ones); 1 = as fast as decode.
   */
  batchedStreamEfficiency: number;
  /** Host→GPU bandwidth used when a GPU runs the prefill of CPU-resident layers, GB/s. */
  pcieGBps: number;
  /** ± bands by efficiency key (falling back to the family, then 'default'); 'multi-gpu' for several GPUs. */
  bands: Partial<Record<string, SpeedBand>> & { default: SpeedBand; 'multi-gpu': SpeedBand };
}

/** The key a device's efficiency and band are looked up under. */
export function efficiencyKey(family: GpuFamily | undefined, tier?: string): string {
  if (!family) return 'default';
  return tier ? `${family}:${tier}` : family;
}

export const SPEED_CALIBRATION: SpeedCalibration = {
  // Families without fitted measurements and nothing to borrow (Intel Arc and iGPUs) use these. Not
  // fitted: 0.8 lies between the fitted GDDR share (0.95) and the RDNA / HBM shares; the prefill shares
  // are the previous global model's. The held-out Arc B580 rows land at +10 % decode, +1 % prefill.
  eta: 0.8,
  etaCpu: 0.6,
  etaCpuUnified: 0.3,
  prefillEfficiency: 0.3,
  prefillEfficiencyMetal: 0.75,
  // Fitted on the CPU-only prompt-processing runs of the development set (three Apple SoCs) against the
  // peak speed-cpu.ts computes for them (cores × SIMD FLOPs per cycle × clock).
  prefillEfficiencyCpu: 0.6,
  prefillSizeExponent: 0.2,
  attentionEfficiency: 0.5,
  efficiency: {
    'nvidia-gddr': { decode: 0.95, prefill: 0.45 },
    'nvidia-hbm': { decode: 0.625, prefill: 0.175 },
    'apple-m:base': { decode: 0.75, prefill: 0.55 },
    'apple-m:pro': { decode: 0.8, prefill: 0.775 },
    'apple-m:max': { decode: 0.9, prefill: 0.75 },
    'apple-m:ultra': { decode: 0.8, prefill: 0.7 },
    'amd-rdna': { decode: 0.625, prefill: 0.425 },
  },
  // Where no run of a family is in the sets, the family that shares what sets η and ε:
  //  - AMD CDNA (Instinct MI100–MI325X): HBM data-centre parts like the fitted NVIDIA HBM family; decode
  //    η is mostly what the HBM stacks deliver to a mat-vec kernel, and prefill ε on these parts is low
  //    for the same reason (a peak far above what llama.cpp's quantised GEMMs reach).
  //  - AMD APUs (Radeon 8060S / 890M class, RDNA 3.5 on LPDDR5X): the same RDNA kernels (ROCm / Vulkan)
  //    as the fitted RDNA family, on a unified LPDDR bus.
  //  - NVIDIA unified (GB10, Jetson): the same CUDA kernels as the fitted GDDR boards.
  //  Intel Arc and Intel iGPUs keep the defaults above: the held-out Arc B580 runs (S7) land at +10 %
  //  decode and +1 % prefill with them, and no Intel run is fitted.
  borrow: { 'amd-cdna': 'nvidia-hbm', 'amd-apu': 'amd-rdna', 'nvidia-unified': 'nvidia-gddr' },
  // vLLM streams weights with kernels of the same class as llama.cpp's, so no bandwidth or FLOPS factor
  // (1 = llama.cpp's); what differs is the host time per step below.
  runtime: { vllm: { decode: 1, prefill: 1 } },
  // Fitted on the serving fit rows (tests/fixtures/serving, set = fit; tests/accuracy/capacity-fit.ts): 94
  // rows, most of them SGLang's cookbook runs (S30–S41) at 1, 64 and 100 users, with vLLM's RTX 4090 sweep
  // (S5), A100 stream (S6) and the first blind round's fit half (Jetson Thor, B200, InferenceX's DeepSeek-R1),
  // each metric's worst 10 % of rows left out of the objective. FP8 checkpoints are priced at the FP8 peak
  // (speed-plan.ts), so ε is a share of the peak the GEMMs really run at.
  //  - nvidia-hbm: H100 / H200 / A100 / B200 / GB300; η is the share of bandwidth a decode step reaches
  //    with the serving runtimes' MoE and attention kernels, lower than llama.cpp's dense mat-vec.
  //  - nvidia-gddr: the RTX 4090 sweep (S5); its prefill ε is read against a segment that carries the
  //    FP16-accumulate rate, where vLLM's bf16 GEMMs accumulate in FP32 on GeForce at half of it.
  //  - amd-cdna: SGLang on MI300X and MI325X (ROCm), one to eight GPUs, with the all-reduce cost below
  //    carrying the tensor-parallel steps; its ε is a share of the FP8 peak most of these checkpoints run at.
  //  - nvidia-hbm prefill ε is pinned (capacity-fit.ts PINNED): identified by dense long single prompts (S12,
  //    S30); the tuned InferenceX runs would bend it to 0.225 for a TTFT growth the model lacks.
  //  The TTFT fitted is each cookbook run's median where it is printed (tests/accuracy/capacity-cases.ts
  //  ttftStatistic): a warm server's steady state, without the first wave's one-off costs.
  vllmEfficiency: {
    'nvidia-gddr': { decode: 0.875, prefill: 0.55 },
    'nvidia-hbm': { decode: 0.725, prefill: 0.625 },
    'amd-cdna': { decode: 0.8, prefill: 0.4 },
  },
  // vLLM decodes a single sequence slower than llama.cpp streams the same bytes: its decode kernels run
  // in CUDA graphs like llama.cpp's, but each step also goes through Python on the host (scheduler, input
  // preparation, sampler, output processing), which a single sequence cannot hide. Modelled as a fixed
  // time per step, fitted on the one single-GPU vLLM run of the fit set (S10, TP=1); the tensor-parallel
  // part (broadcasting each step to the worker processes) is fitted on nothing yet and stays 0, so the
  // TP=2 and TP=4 runs of S10 remain a held-out check of the all-reduce pricing alone.
  //
  // Current releases overlap that host work with the GPU: vLLM's async scheduling (PR #19970, 2025-06,
  // "the scheduler operate[s] one step ahead of the current execution"; on by default by 2026-01, when
  // vllm/config/scheduler.py documents "If set to False, disable async scheduling", PR #32775) and
  // SGLang's overlap scheduler. What is left per step (`overlappedStepSeconds`) and the batched-GEMM
  // share (`batchedStreamEfficiency`: vLLM's cuBLAS GEMMs at a small batch read the weights about as
  // fast as a single-sequence pass) are fitted on the serving fit rows (tests/accuracy/capacity-fit.ts).
  // The prefill pass width M½ (capacity/speed.ts passShare): 128 tokens, identified while the cookbook's
  // first waves (8192- and 16384-token passes) were compared on their means. On medians the fit rows'
  // prefills are single prompts and the objective moves by 0.3 % from 0 to 128 tokens, so it is kept at
  // the value that follows NVIDIA's GEMM guide (throughput grows with the token dimension) rather than
  // switched off on noise; the check rows' TTFT would be 31 % with it off (docs/capacity-accuracy.md).
  vllm: {
    stepSeconds: 4.75e-3,
    tensorParallelStepSeconds: 0,
    overlappedStepSeconds: 0,
    currentLayerShare: 0.7,
    batchedStreamEfficiency: 0.8,
    prefillHalfTokens: 128,
  },
  // SGLang's batched decode reaches a smaller share than vLLM's on the same GPUs: fitted on its own rows
  // (the cookbook's 64- and 100-user runs on B200, H100 and MI300X, InferenceX's DeepSeek-R1), apart from
  // vLLM’s (its RTX 4090 sweep, S5, its H200 wave, S10, and the B200 and Jetson Thor runs). The split was made
  // after vLLM's H100 check rows showed one shared figure doubling their batched TPOT (S13 +132 %), so those
  // rows are no blind check of it. With the whole of S37's INT4 Kimi runs in the objective it was 0.55.
  sglang: { batchedStreamEfficiency: 0.65 },
  // NVIDIA GDDR: 0 (the RTX 4090 sweep's TTFT is all prefill and its queue). HBM: SGLang's cookbook runs
  // (SGLang 0.5.6–0.5.9, eager prefill, about 0.1 s over the GPU work on every NVIDIA page; SGLang's own
  // Grok-2 run at TP 8 measures 104.61 ms eager, PR 13622). CDNA: the MI300X rows (SGLang keeps prefill
  // eager on ROCm). Unknown platforms: 30 ms. Fitted before the graph rule (prefill-graphs.ts) existed, when
  // every fit row paid it; with the rule, the refit moves none of them by more than a grid step (0.1 → 0.105).
  servingFirstTokenSeconds: { default: 0.03, 'nvidia-gddr': 0, 'nvidia-hbm': 0.1, 'amd-cdna': 0.07 },
  servingBands: {
    default: { ttft: 3.15, tpot: 1.7, output: 1.5, rows: 344, firstPriced: 307 },
    'nvidia-hbm': { ttft: 4.2, tpot: 1.95, output: 1.5, rows: 204, firstPriced: 187 },
    'amd-cdna': { ttft: 3.65, tpot: 1.7, output: 1.55, rows: 18, firstPriced: 307 },
    'nvidia-gddr': { ttft: 2.4, tpot: 1.45, output: 1.4, rows: 112, firstPriced: 105 },
  },
  // llama.cpp defaults since PR #6017 (pipeline parallelism): GGML_SCHED_MAX_COPIES = 4 micro-batches in
  // flight, n_batch = 2048 prompt tokens handed over at once.
  pipelineCopies: 4,
  pipelineBatchTokens: 2048,
  pipelineOverlap: 0.6,
  // 0: on current builds (CUDA graphs) the fit finds the per-token time in the per-layer costs.
  t0: 0,
  perLayer: 60e-6,
  moeLayer: 80e-6,
  // Fitted on the layer-split runs of a current build (4 × RTX 4090, Llama 3.1 70B, tests/fixtures/speed
  // S9): they are already faster than the streaming and per-layer costs alone predict, so the fit finds
  // no room for a per-boundary cost. 0 means "below what these runs resolve" (< 25 µs), not free.
  hopLatency: 0,
  // Row split: fitted on those 2023 runs.
  rowSyncPerLayer: 0.2e-3,
  rowPrefillPerParam: 4e-13,
  // Small-message all-reduce latency. PCIe: fitted on llama.cpp --split-mode tensor over four RTX 4090
  // (S9, no peer-to-peer on GeForce cards, so each reduction goes through the host): 100 µs. The others
  // are not fitted (no tensor-parallel run over those links in the sets). NVLink: vLLM's custom
  // all-reduce measured 8.5–10 µs for 512 B–32 KB messages at TP 2/4/8 on H100 (sglang PR #2904's table,
  // "vllm" rows); a decode all-reduce is hidden × 2 bytes, 4–16 KB. Infinity Fabric (AMD Instinct): fitted
  // on SGLang's MI300X runs at TP 1–8 (tests/accuracy/capacity-fit.ts): 140 µs, the cost a ROCm tensor-
  // parallel all-reduce adds to a step, well above RCCL's bare small-message latency: it also holds the
  // ranks' per-layer synchronisation, which decode at one user on 4–8 GPUs pays (S39–S41) and one GPU does
  // not (S38). The others: order of the NVLink figure.
  allReduceLatency: { nvlink: 10e-6, pcie: 100e-6, 'infinity-fabric': 130e-6, 'xe-link': 15e-6, soc: 5e-6 },
  defaultLinkGBps: 25,
  dequantPasses: 0,
  batchedStreamEfficiency: 0.6,
  pcieGBps: 16,
  bands: {
    default: { decode: 0.45, prefill: 0.37 },
    'multi-gpu': { decode: 0.13, prefill: 0.26 },
    cpu: { decode: 0.25, prefill: 0.55 },
    'nvidia-gddr': { decode: 0.11, prefill: 0.3 },
    'nvidia-hbm': { decode: 0.16, prefill: 0.37 },
    'amd-rdna': { decode: 0.45, prefill: 0.37 },
    'intel-arc': { decode: 0.45, prefill: 0.37 },
    'apple-m:base': { decode: 0.21, prefill: 0.3 },
    'apple-m:pro': { decode: 0.45, prefill: 0.09 },
    'apple-m:max': { decode: 0.45, prefill: 0.12 },
    'apple-m:ultra': { decode: 0.06, prefill: 0.08 },
  },
};
