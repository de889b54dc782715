// Reading what runtimes report about a real run, and setting it against the plan (issue 18).

export { parseLlamaLog, MAX_LOG_CHARS, type LlamaLog, type DeviceBuffers, type LlamaLogModel, type LlamaLogSettings } from './llama-log';
export { parseLlamaBench, type BenchResult, type BenchRow } from './llama-bench';
export {
  compareLlamaLog,
  isGpuBuffer,
  measuredOnly,
  modelFromLog,
  quantFromFileType,
  settingsFromLog,
  type Comparison,
  type ComponentComparison,
  type ComponentName,
} from './compare';
