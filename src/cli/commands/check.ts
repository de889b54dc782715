// `vram-planner check --log FILE [--model ID | --gguf F] [--gpu ID] [--save] [--json]`: read what a runtime printed for a real
// run (llama.cpp, vLLM, Ollama, LM Studio logs; llama-bench, llama-batched-bench and vLLM benchmark
// results; nvidia-smi / rocm-smi / `ollama ps` readings), plan for exactly that run and compare, component
// by component and device by device. Detection, parsing and comparing live in core/measured; this file
// reads the file, hands each kind to its checker and prints.

import { open } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { EstimateSettings } from '../../core/estimate/types';
import { MAX_LOG_CHARS, RUN_KIND_LABELS, readRunOutput, type ComponentComparison, type RunKind } from '../../core/measured/index';
import type { QuantityComparison } from '../../core/measured/compare-rows';
import { CliError, type CliCommand } from '../types';
import { checkLlamaLines, type ModelFlags } from './check-llama';
import { printCheck } from './check-output';
import { checkFitParams, checkOllamaLog, checkReadings, checkVllmLog } from './check-runtimes';
import { checkSpeed } from './check-speed';
import { saveComparison, type SaveDeps } from './calibrate-save';
import { getModel } from '../../core/catalog';

export interface SpeedComparison {
  name: 'decode' | 'prefill' | 'mixed';
  test: string;
  model: string;
  backend: string;
  gpuLayers: number | null;
  /** Needs the model and the GPU (--gpu): benchmarks name the backend, not the card. */
  plannedTokensPerSecond: number | null;
  measuredTokensPerSecond: number;
  differenceTokensPerSecond: number | null;
  withinBand: boolean | null;
}

export interface CheckJson {
  /** The runtime that produced the text ("llama.cpp", "vllm", "ollama", "lm-studio"), or the tool ("nvidia-smi"). */
  runtime: string;
  /** Which kind of output the file is ("llama.cpp-log" for a llama.cpp start-up log, as before). */
  source: 'llama.cpp-log' | Exclude<RunKind, 'llama-log'>;
  file: string;
  /** The run's settings as the log printed them (absent keys were not in the log). */
  settings: Record<string, unknown>;
  /** The estimate's settings, derived from `settings`; null when nothing could be planned. */
  plannedSettings: EstimateSettings | null;
  modelSource: string | null;
  bandRelative: number | null;
  components: ComponentComparison[];
  /** Counts that are not bytes: vLLM's KV pool in tokens and its maximum concurrency. */
  quantities: QuantityComparison[];
  speed: SpeedComparison[];
  recognised: string[];
  problems: string[];
  notes: string[];
  /** With --save: the kept run's id and the evidence file it went to. */
  saved?: { id: string; file: string };
}

export interface CheckFlags extends ModelFlags {
  gpu?: string[];
}

const OPTIONS = {
  log: { type: 'string' },
  model: { type: 'string' },
  gguf: { type: 'string' },
  gpu: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  save: { type: 'boolean' },
} as const;

const RUNTIME: Record<RunKind, string> = {
  'llama-log': 'llama.cpp',
  'llama-bench': 'llama.cpp',
  'batched-bench': 'llama.cpp',
  'fit-params': 'llama.cpp',
  'vllm-log': 'vllm',
  'vllm-bench': 'vllm',
  'ollama-ps': 'ollama',
  'ollama-log': 'ollama',
  'lmstudio-log': 'lm-studio',
  'nvidia-smi': 'nvidia-smi',
  'rocm-smi': 'rocm-smi',
};

/** Reads at most MAX_LOG_CHARS bytes; a log bigger than that is read in part (and the parser says so). */
export async function readCapped(path: string): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
    const info = await handle.stat();
    if (!info.isFile()) throw new CliError(`${path} is not a file.`);
    const size = Math.min(info.size, MAX_LOG_CHARS + 1);
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : 'it could not be read';
    throw new CliError(`Cannot read the log ${path}: ${why}.`);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

async function dispatch(result: CheckJson, report: ReturnType<typeof readRunOutput>, v: CheckFlags): Promise<void> {
  switch (report.kind) {
    case 'llama-log':
      return checkLlamaLines(result, report.result, v);
    case 'lmstudio-log':
      return checkLlamaLines(result, report.result.llama, v);
    case 'ollama-log':
      return checkOllamaLog(result, report.result, v);
    case 'vllm-log':
      return checkVllmLog(result, report.result, v);
    case 'fit-params':
      return checkFitParams(result, report.result);
    case 'llama-bench':
    case 'batched-bench':
    case 'vllm-bench':
      return checkSpeed(result, report, v);
    case 'nvidia-smi':
    case 'rocm-smi':
    case 'ollama-ps':
      return checkReadings(result, report, v);
    default:
      return;
  }
}

/** The model a kept run is filed under: the library model given with --model, else the name the log printed. */
function keptModel(v: CheckFlags, result: CheckJson): { id: string | null; name: string } | undefined {
  if (v.model !== undefined) return { id: v.model, name: getModel(v.model)?.spec.name ?? v.model };
  const printed = (result.settings['model'] as { name?: unknown } | undefined)?.name;
  return typeof printed === 'string' && printed.trim() !== '' ? { id: null, name: printed } : undefined;
}

export async function runCheck(args: string[], deps?: SaveDeps): Promise<{ json: boolean; result: CheckJson }> {
  let v;
  try {
    v = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  if (!v.log)
    throw new CliError('Name the output to check with --log FILE (a runtime start-up log, benchmark results or nvidia-smi output).');
  if (v.model !== undefined && v.gguf !== undefined) throw new CliError('Give either --model or --gguf, not both.');
  const report = readRunOutput(await readCapped(v.log));
  if (report.kind === 'unknown') throw new CliError(`${v.log}: ${report.recognised} ${report.problems.join(' ')}`);
  const result: CheckJson = {
    runtime: RUNTIME[report.kind],
    source: report.kind === 'llama-log' ? 'llama.cpp-log' : report.kind,
    file: v.log,
    settings: {},
    plannedSettings: null,
    modelSource: null,
    bandRelative: null,
    components: [],
    quantities: [],
    speed: [],
    recognised: [report.recognised],
    problems: [...report.problems],
    notes: [],
  };
  await dispatch(result, report, v);
  if (v.save) {
    // Kept as `check --json` prints it, so the app's calibration reads CLI runs and app runs alike.
    const { record, file } = await saveComparison(result, keptModel(v, result), deps);
    result.saved = { id: record.id, file };
  }
  return { json: Boolean(v.json), result };
}

/** The command with its detection and data folder injectable (tests give a stand-in machine). */
export function checkCommand(deps?: SaveDeps): CliCommand {
  return async (args, io) => {
    const { json, result } = await runCheck(args, deps);
    if (json) io.out(JSON.stringify(result, null, 2));
    else printCheck(io, result);
    return 0;
  };
}

export const check: CliCommand = checkCommand();

export { RUN_KIND_LABELS };
