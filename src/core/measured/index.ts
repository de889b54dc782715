// Reading what runtimes report about a real run, and setting it against the plan (issue 18).

export { parseLlamaLog, MAX_LOG_CHARS, type LlamaLog, type DeviceBuffers, type LlamaLogModel, type LlamaLogSettings } from './llama-log';
export { parseLlamaBench, type BenchResult, type BenchRow } from './llama-bench';
export {
  compareLlamaLog,
  isGpuBuffer,
  layersFromKvSplit,
  measuredOnly,
  modelFromLog,
  quantFromFileType,
  settingsFromLog,
  type Comparison,
  type ComponentComparison,
  type ComponentName,
} from './compare';
export { parseVllmLog, type VllmLog, type VllmMemory, type VllmSettings } from './vllm-log';
export { parseVllmBench, type VllmBench, type LatencyStats } from './vllm-bench';
export { readRunOutput, summaryOf, RUN_KIND_LABELS, type RunReport, type RunKind, type RunResults } from './read';
export type { ParseNotes } from './text';
export { parseBatchedBench, type BatchedBench, type BatchedBenchRow } from './batched-bench';
export { parseFitParams, type FitParams, type FitProjection, type FitEstimate } from './fit-params';
export { parseOllamaLog, readLogfmt, type OllamaLog, type OllamaDevice, type OllamaEstimate, type OllamaSettings } from './ollama-log';
export { parseOllamaPs, type OllamaPs, type OllamaPsRow } from './ollama-ps';
export { parseLmStudioLog, type LmStudioLog } from './lmstudio-log';
export { parseNvidiaSmi, processTotals, type NvidiaSmi, type SmiGpu, type SmiProcess } from './nvidia-smi';
export { parseRocmSmi, type RocmSmi } from './rocm-smi';
export { catalogInputForName, compareVllmLog, vllmSettingsFromLog, type VllmComparison } from './compare-vllm';
export { componentRow, quantityRow, type QuantityComparison } from './compare-rows';
export { compareReadings, type PlannedDevice, type ReadingsComparison } from './compare-readings';
