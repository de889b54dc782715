// What the advisor consumes (a planning view of the hardware) and what it returns (placement,
// verdict, max context, remedies, speed). Bytes everywhere; every figure carries enough structure for
// the UI to translate it (keys + numbers, not prose).

import type { Estimate, EstimateSettings } from '../estimate/types';
import type { GpuVendor, HardwareSource } from '../hardware/types';

export type PlanningDeviceKind = 'dedicated' | 'unified' | 'shared';

/** One accelerator as the planner sees it: capacity, what is already taken, speed figures. */
export interface PlanningDevice {
  id: string;
  name: string;
  /** Carried from detection or the catalog; nothing downstream guesses it from the name. */
  vendor: GpuVendor;
  /** Where the device's figures came from (a detection tool, the catalog, the user). */
  source: HardwareSource;
  /** The catalog entry its speed figures came from, when one matched. */
  catalogId?: string | null;
  kind: PlanningDeviceKind;
  /** Memory the driver reports (dedicated), or the machine's RAM (unified / shared). */
  totalBytes: number;
  /** Memory other processes already hold; null when the OS cannot tell. */
  usedBytes: number | null;
  bandwidthGBps: number | null;
  /** Dense FP16/BF16 tensor throughput with FP32 accumulate (the catalog's figure). */
  fp16Tflops: number | null;
  /**
   * Unified memory: the GPU working-set limit the OS itself reported (macOS with iogpu.wired_limit_mb
   * set). Used instead of the default share unless the user sets one; absent when unknown.
   */
  workingSetBytes?: number | null;
}

export interface PlanningHardware {
  devices: PlanningDevice[];
  ramBytes: number;
  ramAvailableBytes: number | null;
  ramBandwidthGBps: number | null;
  cpuTflops?: number | null;
}

/**
 * fits / tight: every layer on the GPUs (tight: under the safety margin); offload: some layers in system
 * RAM; cpu: the whole model runs from system RAM (no GPU, or none that holds a layer); no-fit: the run
 * cannot start (GPUs and RAM together are too small, or vLLM's weights exceed the GPUs).
 */
export const VERDICTS = ['fits', 'tight', 'offload', 'cpu', 'no-fit'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Why a speed figure is missing: the run cannot start, or a device lacks the figure the model needs. */
export type SpeedMissing = 'no-fit' | 'no-bandwidth' | 'no-throughput';

export interface AdviseOptions {
  /** Subtract memory other processes already use (when detected). Default true. */
  useFreeMemory?: boolean;
  /** A device is "tight" when less than this fraction of its usable budget stays free. Default 0.05. */
  tightMargin?: number;
  /**
   * Unified memory (Apple Silicon): the share of RAM the GPU may wire. Default: macOS's own limit
   * (2/3 of RAM up to 32 GiB, 3/4 above). Set it to model `sysctl iogpu.wired_limit_mb`.
   */
  unifiedShare?: number;
  /** Run the exact max-context search (a few ms). Default true. */
  maxContextSearch?: boolean;
  /** Compute ranked remedies when the verdict is not "fits". Default true. */
  remedies?: boolean;
  /** Context tokens already filled when measuring decode speed. Default min(context, 2048). */
  speedContextTokens?: number;
  /** llama.cpp / transformers: at most this many layers (output counted as one) on the GPUs (-ngl). */
  gpuLayers?: number;
}

/** How a device's usable budget was derived, for the "assumptions" panel. */
export interface BudgetBasis {
  /** 'vram' dedicated memory; 'working-set' Apple's GPU wired limit; 'shared-ram' iGPU borrowing RAM. */
  kind: 'vram' | 'working-set' | 'shared-ram';
  totalBytes: number;
  /** Memory already used by other processes that was subtracted (0 when not counted or unknown). */
  inUseBytes: number;
  /** The runtime's per-GPU reserve (CUDA/Metal context, vLLM non-torch memory) that was subtracted. */
  reserveBytes: number;
  /** Unified memory: the share of RAM assumed as the GPU limit (user-changeable). */
  unifiedShare?: number;
  /** vLLM: gpu_memory_utilization applied. */
  utilization?: number;
}

export interface DevicePlacement {
  id: string;
  name: string;
  kind: PlanningDeviceKind;
  /** Usable budget: total − in use − runtime reserve (vLLM: × utilization first). */
  capacityBytes: number;
  /** Bytes this plan puts on the device (weights + KV + compute/activations + output buffer). */
  usedBytes: number;
  /** Repeating layers placed here (vLLM: every layer, sharded). */
  layers: number;
  /** Index range [first, last] of the layers here (llama.cpp layer split); null when none or sharded. */
  layerRange: [number, number] | null;
  /** True when the output layer (lm_head) lives here. */
  holdsOutput: boolean;
  weightsBytes: number;
  kvBytes: number;
  computeBytes: number;
  /** The runtime reserve (already subtracted from capacityBytes), shown for completeness. */
  overheadBytes: number;
  marginBytes: number;
  budget: BudgetBasis;
}

export type RemedyKind = 'flash-attention' | 'kv-q8_0' | 'kv-q4_0' | 'shorter-context' | 'lower-quant' | 'more-gpu' | 'fewer-parallel';

export interface RemedyCost {
  /** What the user gives up. */
  kind: 'none' | 'quality' | 'context' | 'speed' | 'hardware' | 'concurrency';
  /** Decode speed after / before (1 = unchanged) where both are known. */
  speedFactor?: number;
  /** Decode tokens/s after the remedy, when known. */
  decodeTokensPerSecond?: number;
  /** i18n key of a one-line explanation. */
  key: string;
}

export interface Remedy {
  kind: RemedyKind;
  /** i18n key + numbers for the label ("Use KV cache q8_0"). */
  label: { key: string; params: Record<string, string | number> };
  /** Bytes saved on the most loaded device (or the total for offload / extra GPU: bytes gained). */
  savesBytes: number;
  /** Settings to merge into EstimateSettings to apply the remedy (empty for hardware remedies). */
  settings: Partial<EstimateSettings>;
  /** Advisor options to apply with it (the offload remedy fixes gpuLayers). */
  options?: Partial<AdviseOptions>;
  /** Devices to add to the hardware (the "one more GPU" remedy). */
  addDevices?: PlanningDevice[];
  resultingVerdict: Verdict;
  /** GPU layers after the remedy (for offload). */
  resultingGpuLayers: number;
  cost: RemedyCost;
}

export interface SpeedEstimate {
  /** Single-stream decode tokens/s at `contextTokens` filled; null when no bandwidth is known or it does not fit. */
  decodeTokensPerSecond: number | null;
  /** Decode speed with the whole context filled. */
  decodeAtFullContextTokensPerSecond: number | null;
  /** Prompt processing tokens/s; null when no compute throughput is known. */
  prefillTokensPerSecond: number | null;
  contextTokens: number;
  /** Relative ± band from the calibration set (0.25 = ±25 %). */
  band: { decode: number; prefill: number };
  /** Why decode / prefill is null (null when the figure is there). */
  decodeMissing: SpeedMissing | null;
  prefillMissing: SpeedMissing | null;
  /** Devices in use without a bandwidth figure (why decode is unknown) / without an FP16 figure (prefill). */
  missingBandwidthOn: string[];
  missingThroughputOn: string[];
  /** Bytes read per generated token (weights actually streamed + KV). */
  bytesPerToken: number;
  basis: {
    key: string;
    eta: number;
    etaCpu: number;
    t0Ms: number;
    prefillEfficiency: number;
    /** Decode time split per token, ms: GPU streaming, CPU streaming, fixed and multi-GPU costs. */
    gpuMs: number;
    cpuMs: number;
    fixedMs: number;
    /** RAM bandwidth used for CPU-resident layers, and whether it is an assumption. */
    ramBandwidthGBps: number;
    ramBandwidthAssumed: boolean;
  };
}

export interface VllmPool {
  /** KV pool per GPU after weights, activations and non-torch memory (smallest rank). */
  kvPoolBytes: number;
  /** Tokens of KV the pool holds (whole blocks). */
  kvTokens: number;
  /** Sequences of `context` tokens that fit at once. */
  maxConcurrency: number;
  /** KV heads each GPU stores (replicated when there are fewer KV heads than GPUs); 1 for MLA's latent. */
  kvHeadsPerGpu: number;
  replicatedKv: boolean;
}

export interface Explain {
  key: string;
  params: Record<string, string | number>;
}

export interface Advice {
  estimate: Estimate;
  settings: EstimateSettings;
  devices: DevicePlacement[];
  verdict: Verdict;
  /** Smallest margin over the devices in use (negative when it does not fit). */
  marginBytes: number;
  gpuLayers: number;
  totalLayers: number;
  /** True when the output layer sits on a GPU. */
  outputOnGpu: boolean;
  /** System RAM the CPU part needs (offloaded layers, token embedding, host buffers). */
  cpuBytes: number;
  /** RAM the planner considers available for it. */
  ramBudgetBytes: number;
  ramShort: boolean;
  /**
   * How much more memory the run needs before it can start (0 when it runs): RAM short of the CPU part
   * (llama.cpp, transformers), or the most-short GPU (vLLM, whose weights and activations must fit).
   */
  shortBytes: number;
  /** Bytes the plan places: on the GPUs in use (runtime reserve included) and in system RAM. */
  placed: { gpuBytes: number; ramBytes: number; totalBytes: number };
  maxContext: number | null;
  remedies: Remedy[];
  speed: SpeedEstimate;
  vllm?: VllmPool;
  /** llama.cpp: the --tensor-split to pass (layers per device) when several GPUs are used. */
  tensorSplit: number[] | null;
  explain: Explain[];
}
