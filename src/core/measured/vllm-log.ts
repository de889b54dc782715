// Reads what vLLM prints while it starts: the engine config line ("Initializing a V1 LLM engine ... with
// config: model=..., dtype=..., tensor_parallel_size=..."), the non-default arguments, the memory profile
// (weights, PyTorch activation peak, non-torch memory, what is left for the KV cache), the KV pool in
// tokens or blocks and the maximum concurrency line. Wording follows vllm/worker/worker.py (V0) and
// vllm/v1/worker/gpu_worker.py, gpu_model_runner.py and vllm/v1/core/kv_cache_utils.py (V1); every year's
// wording is kept because users paste old logs. Lines of tensor-parallel workers carry a
// "(VllmWorkerProcess pid=N)" / "(Worker_TP1 pid=N)" prefix and are kept per worker. Pure and total.

import { GiB, MiB } from '../units';
import { emptyNotes, linesOf, note, readNumber, readSize, type ParseNotes } from './text';

export interface VllmMemory {
  /** Who printed it: "main" for unprefixed lines, otherwise the worker prefix ("VllmWorkerProcess pid=521"). */
  worker: string;
  weightsBytes?: number;
  activationPeakBytes?: number;
  nonTorchBytes?: number;
  kvCacheBytes?: number;
  cudaGraphBytes?: number;
  /** "Estimated CUDA graph memory: X GiB total": what vLLM 0.21 and later subtract from the pool by default. */
  cudaGraphEstimateBytes?: number;
  totalGpuBytes?: number;
  /** total × gpu_memory_utilization, as vLLM printed it. */
  usableBytes?: number;
}

export interface VllmSettings {
  model?: string;
  architecture?: string;
  /** "float16", "bfloat16" (without the "torch." prefix). */
  dtype?: string;
  /** "awq", "fp8", "gptq_marlin"...; absent or "None" for unquantised weights. */
  quantization?: string;
  /** "auto", "fp8", "fp8_e4m3"... */
  kvCacheDtype?: string;
  tensorParallel?: number;
  pipelineParallel?: number;
  maxModelLen?: number;
  gpuMemoryUtilization?: number;
  maxNumSeqs?: number;
  maxNumBatchedTokens?: number;
  enforceEager?: boolean;
}

export interface VllmLog extends ParseNotes {
  kind: 'vllm-log';
  version?: string;
  settings: VllmSettings;
  /** One entry per process that printed memory figures, the unprefixed (rank 0) one first. */
  ranks: VllmMemory[];
  kvCacheTokens?: number;
  gpuBlocks?: number;
  cpuBlocks?: number;
  maxConcurrency?: { tokensPerRequest: number; requests: number };
  /**
   * Whether the pool had the CUDA-graph estimate taken off: true where the log says the profiling "is enabled",
   * false where it says it "will be enabled" (0.19–0.20 print the estimate without applying it).
   */
  cudaGraphEstimateApplied?: boolean;
}

const SIZE = String.raw`(-?[\d.,]+)\s*(GiB|GB|MiB|MB)`;
const WORKER = /^\s*(?:\S+\s+\|\s+)?\(([A-Za-z_][\w-]*(?:\s+pid=\d+)?)\)\s/;

// vLLM divides by 2**30 (2**20 for "MB" on its first builds) and printed "GB"/"MB" for years: binary units.
const binary = (value: string, unit: string) => readSize(value, /^G/i.test(unit) ? GiB : MiB);

type MemoryKey = Exclude<keyof VllmMemory, 'worker'>;

const MEMORY: ReadonlyArray<[RegExp, MemoryKey]> = [
  [new RegExp(`(?:Loading model weights took|Model loading took)\\s+${SIZE}`), 'weightsBytes'],
  [new RegExp(`model weights take\\s+${SIZE}`), 'weightsBytes'],
  [new RegExp(`non_torch_memory(?: takes)?\\s+${SIZE}`), 'nonTorchBytes'],
  [new RegExp(`PyTorch activation peak memory(?: takes)?\\s+${SIZE}`), 'activationPeakBytes'],
  [new RegExp(`(?:reserved for KV Cache is|available_kv_cache_memory|Available KV cache memory:)\\s+${SIZE}`), 'kvCacheBytes'],
  [new RegExp(`total_gpu_memory\\s+\\(?${SIZE}`), 'totalGpuBytes'],
  [new RegExp(`can use(?: total_gpu_memory.*=)?\\s+${SIZE}`), 'usableBytes'],
  [new RegExp(`Graph capturing finished in .*?took\\s+${SIZE}`), 'cudaGraphBytes'],
  [new RegExp(`${SIZE} for weights`), 'weightsBytes'],
  [new RegExp(`${SIZE} for peak activation`), 'activationPeakBytes'],
  [new RegExp(`${SIZE} for non-torch memory`), 'nonTorchBytes'],
  [new RegExp(`${SIZE} for (?:CUDAGraph|NPU graph) memory`), 'cudaGraphBytes'],
  [new RegExp(`Estimated (?:MRV2 )?CUDA graph memory:\\s+${SIZE} total`), 'cudaGraphEstimateBytes'],
];

/** Reads "key=value" pairs of the engine config line and "'key': value" pairs of the non-default args. */
function readConfig(line: string, st: VllmSettings): boolean {
  const isConfig = /LLM engine .*with config:/.test(line);
  const isArgs = /non-default args:\s*\{/.test(line);
  if (!isConfig && !isArgs) return false;
  const get = (key: string): string | undefined => {
    const re = isConfig ? new RegExp(`[\\s,]${key}=('[^']*'|"[^"]*"|[^,\\s]+)`) : new RegExp(`'${key}':\\s*('[^']*'|"[^"]*"|[^,}]+)`);
    const m = re.exec(line);
    return m ? m[1]!.trim().replace(/^['"]|['"]$/g, '') : undefined;
  };
  const int = (key: string) => {
    const v = get(key);
    const n = v === undefined ? NaN : Number(v);
    return Number.isInteger(n) && n > 0 ? n : undefined;
  };
  const model = get('model');
  if (model !== undefined) st.model = model;
  const dtype = get('dtype');
  if (dtype !== undefined) st.dtype = dtype.replace(/^torch\./, '');
  const quant = get('quantization');
  if (quant !== undefined) st.quantization = quant;
  const kv = get('kv_cache_dtype');
  if (kv !== undefined) st.kvCacheDtype = kv;
  st.tensorParallel = int('tensor_parallel_size') ?? st.tensorParallel;
  st.pipelineParallel = int('pipeline_parallel_size') ?? st.pipelineParallel;
  st.maxModelLen = int(isConfig ? 'max_seq_len' : 'max_model_len') ?? st.maxModelLen;
  st.maxNumSeqs = int('max_num_seqs') ?? st.maxNumSeqs;
  st.maxNumBatchedTokens = int('max_num_batched_tokens') ?? st.maxNumBatchedTokens;
  const util = Number(get('gpu_memory_utilization'));
  if (util > 0 && util <= 1) st.gpuMemoryUtilization = util;
  const eager = get('enforce_eager');
  if (eager !== undefined) st.enforceEager = eager === 'True' || eager === 'true';
  return true;
}

function rankOf(log: VllmLog, worker: string): VllmMemory {
  let r = log.ranks.find((x) => x.worker === worker);
  if (!r) {
    r = { worker };
    if (worker === 'main') log.ranks.unshift(r);
    else log.ranks.push(r);
  }
  return r;
}

function readMemory(log: VllmLog, line: string, worker: string): boolean {
  let hit = false;
  for (const [re, key] of MEMORY) {
    const m = re.exec(line);
    if (!m) continue;
    const bytes = binary(m[1]!, m[2]!);
    if (Number.isFinite(bytes)) {
      rankOf(log, worker)[key] = bytes;
      hit = true;
    }
  }
  const util = /gpu_memory_utilization\s+\(?([\d.]+)\)?/.exec(line) ?? /Desired GPU memory utilization is \(([\d.]+)/.exec(line);
  if (util && Number(util[1]) > 0 && Number(util[1]) <= 1) log.settings.gpuMemoryUtilization = Number(util[1]);
  return hit || util !== null;
}

function readLine(log: VllmLog, line: string): boolean {
  const w = WORKER.exec(line);
  const worker = w ? w[1]! : 'main';
  let m: RegExpExecArray | null;
  // The engine config line carries the version too: read it before the settings.
  if ((m = /vLLM API server version ([\w.+-]+)/.exec(line)) || (m = /LLM engine \((v[\w.+-]+)\)/.exec(line)))
    log.version = m[1]!.replace(/^v/, '');
  if (/CUDA graph memory profiling is enabled/.test(line)) log.cudaGraphEstimateApplied = true;
  else if (/CUDA graph memory profiling will be enabled/.test(line)) log.cudaGraphEstimateApplied = false;
  if (readConfig(line, log.settings) || readMemory(log, line, worker) || m) return true;
  if ((m = /Resolved architecture: (\w+)/.exec(line))) log.settings.architecture = m[1]!;
  else if ((m = /Using max model len (\d+)/.exec(line))) log.settings.maxModelLen = Number(m[1]);
  else if ((m = /GPU KV cache size:\s*([\d,]+) tokens/.exec(line))) log.kvCacheTokens = readNumber(m[1]!);
  else if ((m = /# (?:GPU|CUDA|NPU|XPU) blocks:\s*(\d+)(?:,\s*# CPU blocks:\s*(\d+))?/.exec(line))) {
    log.gpuBlocks = Number(m[1]);
    if (m[2] !== undefined) log.cpuBlocks = Number(m[2]);
  } else if ((m = /Maximum concurrency for ([\d,]+) tokens per request:\s*([\d.,]+)x/.exec(line)))
    log.maxConcurrency = { tokensPerRequest: readNumber(m[1]!), requests: Number(m[2]!.replace(/,/g, '')) };
  else return false;
  return true;
}

export function parseVllmLog(input: unknown): VllmLog {
  const log: VllmLog = { kind: 'vllm-log', settings: {}, ranks: [], ...emptyNotes() };
  const lines = linesOf(input, log.problems);
  if (!lines) return log;
  let used = 0;
  for (const line of lines) if (readLine(log, line)) used++;
  if (used === 0) {
    log.problems.push('No vLLM start-up line was recognised (engine config, memory profile, KV cache or concurrency lines).');
    return log;
  }
  summarise(log);
  return log;
}

function summarise(log: VllmLog): void {
  const st = log.settings;
  const first = log.ranks[0];
  const rec = (ok: boolean, name: string) => note(ok ? log.recognised : log.missing, name);
  if (st.model !== undefined || st.dtype !== undefined || st.tensorParallel !== undefined) log.recognised.push('engine settings');
  else log.missing.push('engine config line');
  rec(first?.weightsBytes !== undefined, 'weights');
  rec(first?.activationPeakBytes !== undefined, 'peak activation');
  rec(first?.nonTorchBytes !== undefined, 'non-torch memory');
  rec(first?.kvCacheBytes !== undefined, 'KV cache memory');
  if (log.kvCacheTokens !== undefined) log.recognised.push('KV cache size in tokens');
  if (log.gpuBlocks !== undefined) log.recognised.push('GPU blocks');
  if (log.kvCacheTokens === undefined && log.gpuBlocks === undefined) log.missing.push('KV cache size');
  rec(log.maxConcurrency !== undefined, 'maximum concurrency');
  if (log.ranks.length > 1) log.recognised.push(`${log.ranks.length} workers`);
}
