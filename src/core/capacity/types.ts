// Serving capacity: a workload (users or a request rate, prompt and output lengths, latency targets) on a
// deployment (runtime, GPUs, tensor / pipeline / data parallel sizes) in; the KV pool, the concurrency it
// allows, latency and throughput at the load, the knee where targets fail and the GPUs needed out.

import type { Estimate } from '../estimate/types';

export type ServeRuntime = 'vllm' | 'sglang' | 'llama.cpp';

/** A sentence as a message key (core/i18n capacity-*.ts) and its values, shown in EN or JA. */
export interface CapacityText {
  key: string;
  params: Record<string, string | number>;
}

/**
 * How a closed loop's requests arrive: `steady` (independent moments: real users, random-length benchmarks
 * after their first wave) or `burst` (a fixed-length benchmark that starts them all at once: its prefills
 * queue behind one another, and forced to one length its requests keep returning in the same groups).
 * A request rate is always steady.
 */
export type Arrival = 'steady' | 'burst';

export interface Workload {
  /** Concurrent users, each sending its next request when the last one finishes (closed loop). */
  users?: number;
  /** Arrival pattern of the users (default steady). */
  arrival?: Arrival;
  /**
   * Prompts a burst run sends in all (vllm bench serve --num-prompts): the first `users` of them start at once,
   * the rest as earlier ones finish (load.ts waveFirstToken). Default: `users`, a run that is one wave.
   */
  promptsPerRun?: number;
  /** Or: requests per second arriving independently of completions (open loop). */
  rate?: number;
  promptTokens: number;
  outputTokens: number;
  /** p95 lengths (default: the means). */
  promptP95?: number;
  outputP95?: number;
  /** Share of each prompt served from a cached shared prefix (0..1): its prefill is skipped. */
  sharedPrefix?: number;
  /** Targets, seconds for time to first token and milliseconds per output token (p95; p50 optional). */
  ttftP95S?: number;
  tpotP95Ms?: number;
  ttftP50S?: number;
  tpotP50Ms?: number;
}

export interface Deployment {
  runtime: ServeRuntime;
  /** GPUs per node of one replica's kind (the catalog GPU). */
  gpusPerNode: number;
  tp: number;
  pp: number;
  nodes: number;
  /** vLLM --max-num-seqs, SGLang --max-running-requests, llama.cpp -np (default: the runtime's). */
  maxNumSeqs?: number;
  /** vLLM --max-model-len / SGLang --context-length / llama.cpp -c per slot (default: prompt + output). */
  maxModelLen?: number;
  /** vLLM --max-num-batched-tokens / SGLang --chunked-prefill-size (default: the runtime's by GPU). */
  maxBatchedTokens?: number;
  /** vLLM --gpu-memory-utilization or SGLang --mem-fraction-static (default: the runtime's rule). */
  memoryFraction?: number;
  /**
   * The runtime's release, e.g. "0.11.2" (default: the newest the rules follow). vLLM's profiling peak depends on
   * it: 0.11.1–0.16 sort the vocabulary to sample (vllm-profile.ts vllmSamplerSorts).
   */
  runtimeVersion?: string;
  /**
   * The user pinned neither tp nor pp: search tensor / pipeline / data-parallel layouts and plan the one
   * that meets the targets on the fewest GPUs (tp, pp and nodes above are then the hardware offered).
   */
  searchLayouts?: boolean;
}

/** A figure with its range: low and high are value ÷ and × the measured-error factor (speed.ts ReplicaBand). */
export interface Banded {
  value: number;
  low: number;
  high: number;
}

export interface PoolFacts {
  /** KV pool of one replica, per GPU (smallest rank), bytes. */
  kvPoolBytesPerGpu: number;
  /** Tokens of KV one replica holds. */
  kvPoolTokens: number;
  /** Requests of prompt + output tokens the pool holds at once (the workload's own length). */
  maxConcurrency: number;
  /** What the runtime itself logs: requests of max_model_len tokens ("Maximum concurrency for N tokens"). */
  maxConcurrencyAtMaxModelLen: number;
  maxModelLen: number;
  /** vLLM --max-num-seqs / SGLang max running requests / llama.cpp -np. */
  maxNumSeqs: number;
  /** The batch the scheduler can actually run: min(KV-limited concurrency, maxNumSeqs). */
  batchLimit: number;
  memoryFraction: number;
  kvHeadsPerGpu: number;
  replicatedKv: boolean;
  /** One sentence (a message key and its values): which rule sized the pool. */
  basis: CapacityText;
}

export interface LoadPoint {
  /** Requests in flight (closed loop: users; open loop: the mean the rate keeps busy). */
  users: number;
  /** Requests decoding together in one replica (capped by the batch limit; the rest queue). */
  batch: number;
  /** The arrival pattern the time to first token was priced for. */
  arrival: Arrival;
  ttftMs: Banded;
  ttftP95Ms: number;
  tpotMs: Banded;
  tpotP95Ms: number;
  perUserTokensPerSecond: number;
  outputTokensPerSecond: Banded;
  requestsPerSecond: number;
  /** Seconds a request waits for a free slot before its prefill starts. */
  queueSeconds: number;
  /** True when the offered rate exceeds what the replicas sustain (open loop only). */
  saturated: boolean;
  meetsTargets: boolean;
}

export interface Layout {
  tp: number;
  pp: number;
  replicas: number;
  gpus: number;
  fits: boolean;
  kvPoolTokens: number;
  maxConcurrency: number;
  /** Output tokens/s of all replicas at their largest batch that still meets the targets (0 when none). */
  goodputTokensPerSecond: number;
  /** GPUs and replicas of this layout that serve the workload within the targets (null: none do). */
  gpusNeeded: number | null;
  replicasNeeded: number | null;
  /** Mean TPOT (ms) at the workload on `replicasNeeded` replicas (null when none serve it). */
  tpotMsAtNeed: number | null;
  /** The layout the plan chose (the fewest GPUs that meet the targets; ties: lower TPOT). */
  chosen: boolean;
  note: string;
}

/** Which layout the plan sized, and why (a message key and its values). */
export interface LayoutChoice {
  tp: number;
  pp: number;
  /** True when the planner searched layouts (tp and pp not pinned); false: the user's layout was kept. */
  searched: boolean;
  reason: CapacityText;
}

/** One GPU of a replica: where its memory goes. */
export interface DeviceMemory {
  name: string;
  capacityBytes: number;
  weightsBytes: number;
  kvBytes: number;
  /** SGLang on a hybrid model: the recurrent-state slots the rest of the memory is split with (0 otherwise). */
  stateBytes: number;
  activationBytes: number;
  overheadBytes: number;
}

export interface CapacityResult {
  runtime: ServeRuntime;
  workload: Workload;
  deployment: Required<Pick<Deployment, 'tp' | 'pp' | 'nodes' | 'gpusPerNode'>> & { replicas: number; gpusPerReplica: number };
  estimate: Estimate;
  perDevice: DeviceMemory[];
  pool: PoolFacts;
  /** At the workload's users or rate, over all replicas. */
  atLoad: LoadPoint;
  /** Largest number of users the deployment serves within the targets (null: no targets given). */
  kneeUsers: number | null;
  /** GPUs and replicas of this layout that serve the workload within the targets. */
  gpusNeeded: number | null;
  replicasNeeded: number | null;
  nodesNeeded: number | null;
  layouts: Layout[];
  layoutChoice: LayoutChoice;
  notModelled: CapacityText[];
  /** The planner's own findings about this deployment. */
  notes: CapacityText[];
  /** The estimator's warnings, verbatim (English sentences). */
  warnings: string[];
}
