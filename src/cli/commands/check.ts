// `vram-planner check --log FILE [--model ID | --gguf F] [--json]`: read what llama.cpp printed for a real
// run (start-up log or llama-bench output), plan for exactly that run and compare, component by
// component and device by device. Parsing and comparing live in core/measured; this file only reads
// the file, resolves the model and prints.

import { open } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  MAX_LOG_CHARS,
  compareLlamaLog,
  measuredOnly,
  modelFromLog,
  parseLlamaBench,
  parseLlamaLog,
  settingsFromLog,
  type ComponentComparison,
  type LlamaLog,
} from '../../core/measured/index';
import type { EstimateSettings, ModelInput } from '../../core/estimate/types';
import { CliError, type CliCommand } from '../types';
import { firstSentence, loadModel } from './estimate-args';
import { printCheck } from './check-output';
import { planBenchSpeed } from './check-speed';
import { buildHardware } from './estimate-hardware';

export interface SpeedComparison {
  name: 'decode' | 'prefill' | 'mixed';
  test: string;
  model: string;
  backend: string;
  gpuLayers: number | null;
  /** Needs the model and the GPU (--gpu): llama-bench names the backend, not the card. */
  plannedTokensPerSecond: number | null;
  measuredTokensPerSecond: number;
  differenceTokensPerSecond: number | null;
  withinBand: boolean | null;
}

export interface CheckJson {
  runtime: 'llama.cpp';
  source: 'llama.cpp-log' | 'llama-bench';
  file: string;
  /** The run's settings as the log printed them (absent keys were not in the log). */
  settings: Record<string, unknown>;
  /** The estimate's settings, derived from `settings`; null when nothing could be planned. */
  plannedSettings: EstimateSettings | null;
  modelSource: string | null;
  bandRelative: number | null;
  components: ComponentComparison[];
  speed: SpeedComparison[];
  recognised: string[];
  problems: string[];
  notes: string[];
}

const OPTIONS = {
  log: { type: 'string' },
  model: { type: 'string' },
  gguf: { type: 'string' },
  gpu: { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const;

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

function settingsAsRead(log: LlamaLog): Record<string, unknown> {
  return {
    ...log.settings,
    model: log.model,
    layersOffloaded: log.layersOffloaded ?? null,
    devices: log.devices,
    buffers: log.buffers,
    memoryBreakdown: log.memoryBreakdown,
  };
}

async function resolveModel(
  v: { model?: string; gguf?: string },
  log: LlamaLog | null,
): Promise<{ input: ModelInput; source: string; quant: string | null } | null> {
  if (v.model !== undefined && v.gguf !== undefined) throw new CliError('Give either --model or --gguf, not both.');
  if (v.model !== undefined || v.gguf !== undefined) {
    const r = await loadModel(v.model !== undefined ? { model: v.model } : { gguf: v.gguf });
    return {
      input: r.input,
      source: v.model !== undefined ? `library model ${r.input.spec.id}` : `GGUF file ${v.gguf}`,
      quant: r.defaultQuant,
    };
  }
  const fromLog = log ? modelFromLog(log) : null;
  return fromLog ? { ...fromLog, quant: null } : null;
}

export async function runCheck(args: string[]): Promise<{ json: boolean; result: CheckJson }> {
  let v;
  try {
    v = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  if (!v.log) throw new CliError('Name the log to check with --log FILE (a llama-server start-up log or llama-bench output).');
  const text = await readCapped(v.log);
  const base = {
    runtime: 'llama.cpp' as const,
    file: v.log,
    plannedSettings: null,
    modelSource: null,
    bandRelative: null,
    notes: [] as string[],
  };
  const bench = parseLlamaBench(text);
  if (bench.rows.length > 0) {
    const model = v.model !== undefined || v.gguf !== undefined ? await resolveModel(v, null) : null;
    const hw = v.gpu !== undefined ? (await buildHardware({ gpu: v.gpu }, { detect: async () => null })).chosen.hw : null;
    const notes: string[] = [];
    if (!model || !hw) notes.push('Planned speed needs the model (--model ID or --gguf FILE) and the GPU the benchmark ran on (--gpu ID).');
    else notes.push('Planned for the GPU given with --gpu; llama-bench prints the backend, not the card.');
    const speed = planBenchSpeed(bench.rows, model?.input ?? null, hw, model?.quant ?? null);
    const result: CheckJson = {
      ...base,
      source: 'llama-bench',
      settings: {},
      components: [],
      speed,
      recognised: bench.recognised,
      problems: bench.problems,
      notes,
    };
    if (model) result.modelSource = model.source;
    return { json: Boolean(v.json), result };
  }
  const log = parseLlamaLog(text);
  if (log.recognised.length === 0)
    throw new CliError(`${v.log}: ${log.problems.join(' ')} It is neither a llama.cpp start-up log nor llama-bench output.`);
  const result: CheckJson = {
    ...base,
    source: 'llama.cpp-log',
    settings: settingsAsRead(log),
    components: [],
    speed: [],
    recognised: log.recognised,
    problems: log.problems,
  };
  const model = await resolveModel(v, log);
  if (!model) {
    result.notes.push(
      'The log does not print the model (no "model params" line): give --model ID or --gguf FILE to plan it. Measured figures only.',
    );
    result.components = measuredOnly(log);
    return { json: Boolean(v.json), result };
  }
  const notes: string[] = [];
  const settings = settingsFromLog(log, model.quant, notes);
  try {
    const c = compareLlamaLog(log, model.input, settings, model.source, notes);
    Object.assign(result, {
      plannedSettings: c.settings,
      modelSource: c.modelSource,
      bandRelative: c.bandRelative,
      components: c.components,
      notes: c.notes,
    });
  } catch (error) {
    throw new CliError(
      `Could not plan the run the log describes: ${error instanceof Error ? firstSentence(error.message) : String(error)}`,
    );
  }
  return { json: Boolean(v.json), result };
}

export const check: CliCommand = async (args, io) => {
  const { json, result } = await runCheck(args);
  if (json) io.out(JSON.stringify(result, null, 2));
  else printCheck(io, result);
  return 0;
};
