// Reads what llama.cpp (llama-server, llama-cli, and bindings that forward its log) prints at start-up:
// the model's metadata (print_info / llm_load_print_meta), the context settings (llama_context, or
// llama_new_context_with_model / llama_init_from_model on older builds) and the buffer each backend
// allocated ("<dev> model|KV|RS|output|compute buffer size = N MiB"). Line formats follow
// src/llama-model.cpp, src/llama-context.cpp and src/llama-kv-cache.cpp; older names are kept because
// users paste logs from every year. Pure and total: any text gives a result, never an exception.

import { MiB } from '../units';

export type BufferKind = 'weights' | 'kvCache' | 'recurrent' | 'compute' | 'output';

export interface DeviceBuffers {
  /** Backend buffer name as llama.cpp prints it: "CUDA0", "CPU_Mapped", "CUDA_Host", "Metal", "ROCm1"... */
  device: string;
  weights: number;
  kvCache: number;
  recurrent: number;
  compute: number;
  output: number;
}

export interface LlamaLogModel {
  name?: string;
  architecture?: string;
  /** As printed: "Q4_K - Medium", "Q8_0", "IQ4_XS - 4.25 bpw". */
  fileType?: string;
  fileBytes?: number;
  parameters?: number;
  layers?: number;
  hiddenSize?: number;
  heads?: number;
  kvHeads?: number;
  headDimK?: number;
  headDimV?: number;
  intermediateSize?: number;
  vocabSize?: number;
  contextTrain?: number;
  experts?: number;
  expertsUsed?: number;
}

export interface LlamaLogSettings {
  nCtx?: number;
  /** Cells per sequence (n_ctx_seq, n_ctx_per_seq on older builds). */
  nCtxSeq?: number;
  nSeqMax?: number;
  nBatch?: number;
  nUbatch?: number;
  /** true/false, or "auto" when the log never says what auto resolved to. */
  flashAttention?: boolean | 'auto';
  kvUnified?: boolean;
  typeK?: string;
  typeV?: string;
}

/**
 * One row of llama.cpp's own memory table (llama_memory_breakdown_print, common_memory_breakdown_print in
 * newer builds), whole MiB. For GPUs total/free come from the driver; self = model + context + compute.
 */
export interface MemoryBreakdownRow {
  device: string;
  /** Short GPU name in brackets ("RTX 5090"); null for the host row. */
  name: string | null;
  totalMiB: number | null;
  freeMiB: number | null;
  selfMiB: number;
  modelMiB: number;
  contextMiB: number;
  computeMiB: number;
  /** What the driver reports used beyond llama.cpp's own buffers; null when it wrapped around (printed as ~1.8e13). */
  unaccountedMiB: number | null;
}

export interface LlamaLog {
  kind: 'llama.cpp-log';
  model: LlamaLogModel;
  settings: LlamaLogSettings;
  layersOffloaded?: { gpu: number; total: number };
  /** GPUs as the backend announced them ("NVIDIA GeForce RTX 3090 Ti"), in device order. */
  devices: string[];
  /** Device of each repeating layer, from the debug lines "layer N assigned to device CUDA0" (verbose logs only). */
  layerDevices: string[];
  buffers: DeviceBuffers[];
  /** The last memory table in the log, one row per device (a fitting run prints several; the last is the one used). */
  memoryBreakdown: MemoryBreakdownRow[];
  recognised: string[];
  problems: string[];
}

/** Logs are read whole; past this many characters the rest is ignored (and said). */
export const MAX_LOG_CHARS = 16 * 1024 * 1024;

const NUM = String.raw`(\d+(?:\.\d+)?)`;
const META = String.raw`(?:print_info|llm_load_print_meta):\s+`;
const CTX = String.raw`(?:llama_context|llama_new_context_with_model|llama_init_from_model):\s+`;

const MODEL_INT: ReadonlyArray<[RegExp, keyof LlamaLogModel]> = [
  [new RegExp(`${META}n_layer\\s+=\\s+(\\d+)\\b`), 'layers'],
  [new RegExp(`${META}n_embd\\s+=\\s+(\\d+)\\b`), 'hiddenSize'],
  [new RegExp(`${META}n_head\\s+=\\s+(\\d+)\\b`), 'heads'],
  [new RegExp(`${META}n_head_kv\\s+=\\s+(\\d+)\\b`), 'kvHeads'],
  [new RegExp(`${META}n_embd_head_k\\s+=\\s+(\\d+)\\b`), 'headDimK'],
  [new RegExp(`${META}n_embd_head_v\\s+=\\s+(\\d+)\\b`), 'headDimV'],
  [new RegExp(`${META}n_ff\\s+=\\s+(\\d+)\\b`), 'intermediateSize'],
  [new RegExp(`${META}n_vocab\\s+=\\s+(\\d+)\\b`), 'vocabSize'],
  [new RegExp(`${META}n_ctx_train\\s+=\\s+(\\d+)\\b`), 'contextTrain'],
  [new RegExp(`${META}n_expert\\s+=\\s+(\\d+)\\b`), 'experts'],
  [new RegExp(`${META}n_expert_used\\s+=\\s+(\\d+)\\b`), 'expertsUsed'],
];

const CTX_INT: ReadonlyArray<[RegExp, 'nCtx' | 'nCtxSeq' | 'nSeqMax' | 'nBatch' | 'nUbatch']> = [
  [new RegExp(`${CTX}n_ctx\\s+=\\s+(\\d+)\\b`), 'nCtx'],
  [new RegExp(`${CTX}n_ctx_(?:seq|per_seq)\\s+=\\s+(\\d+)\\b`), 'nCtxSeq'],
  [new RegExp(`${CTX}n_seq_max\\s+=\\s+(\\d+)\\b`), 'nSeqMax'],
  [new RegExp(`${CTX}n_batch\\s+=\\s+(\\d+)\\b`), 'nBatch'],
  [new RegExp(`${CTX}n_ubatch\\s+=\\s+(\\d+)\\b`), 'nUbatch'],
];

/** "<prefix>: <dev> <what> buffer size = N MiB"; the teardown form "... size is N MiB" is a repeat, skipped. */
const BUFFERS: ReadonlyArray<[RegExp, BufferKind]> = [
  [new RegExp(`(?:load_tensors|llm_load_tensors):\\s+(\\S+) (?:model )?buffer size =\\s+${NUM} MiB`), 'weights'],
  [new RegExp(`llama_kv_cache\\w*:\\s+(\\S+) KV buffer size =\\s+${NUM} MiB`), 'kvCache'],
  [new RegExp(`llama_memory_recurrent\\w*:\\s+(\\S+) RS buffer size =\\s+${NUM} MiB`), 'recurrent'],
  [new RegExp(`:\\s+(\\S+)\\s+output buffer size =\\s+${NUM} MiB`), 'output'],
  [new RegExp(`:\\s+(\\S+) compute buffer size =\\s+${NUM} MiB`), 'compute'],
];

const UNITS: Record<string, number> = { B: 1, KiB: 1024, MiB, GiB: 1024 * MiB, TiB: 1024 * 1024 * MiB, GB: 1e9, MB: 1e6 };

function parseFlash(text: string): boolean | 'auto' | undefined {
  const t = text.trim().toLowerCase();
  if (t === '1' || t === 'true' || t === 'enabled' || t === 'on') return true;
  if (t === '0' || t === 'false' || t === 'disabled' || t === 'off') return false;
  return t === 'auto' || t === '-1' ? 'auto' : undefined;
}

interface State {
  log: LlamaLog;
  byDevice: Map<string, DeviceBuffers>;
  loads: number;
}

function bufferOf(s: State, device: string): DeviceBuffers {
  let b = s.byDevice.get(device);
  if (!b) {
    b = { device, weights: 0, kvCache: 0, recurrent: 0, compute: 0, output: 0 };
    s.byDevice.set(device, b);
    s.log.buffers.push(b);
  }
  return b;
}

function readModelLine(line: string, m: LlamaLogModel): boolean {
  let r: RegExpExecArray | null;
  for (const [re, key] of MODEL_INT) {
    if ((r = re.exec(line))) {
      (m as Record<string, unknown>)[key] = Number(r[1]);
      return true;
    }
  }
  if ((r = new RegExp(`${META}(?:arch|general\\.arch)\\s+=\\s+(\\S+)`).exec(line))) m.architecture = r[1];
  else if ((r = new RegExp(`${META}general\\.name\\s+=\\s+(.+?)\\s*$`).exec(line))) m.name = r[1];
  else if ((r = new RegExp(`${META}(?:file type|model ftype)\\s+=\\s+(.+?)\\s*$`).exec(line))) m.fileType = r[1];
  else if ((r = new RegExp(`${META}(?:file size|model size)\\s+=\\s+${NUM} (B|KiB|MiB|GiB|TiB|GB|MB)\\b`).exec(line)))
    m.fileBytes = Math.round(Number(r[1]) * UNITS[r[2]!]!);
  else if ((r = new RegExp(`${META}model params\\s+=\\s+${NUM} ([KMBT])\\b`).exec(line)))
    m.parameters = Math.round(Number(r[1]) * { K: 1e3, M: 1e6, B: 1e9, T: 1e12 }[r[2] as 'K' | 'M' | 'B' | 'T']);
  else return false;
  return true;
}

function readContextLine(line: string, st: LlamaLogSettings): boolean {
  let r: RegExpExecArray | null;
  for (const [re, key] of CTX_INT) {
    if ((r = re.exec(line))) {
      st[key] = Number(r[1]);
      return true;
    }
  }
  if ((r = new RegExp(`${CTX}flash_attn\\s+=\\s+(\\S+)`).exec(line))) st.flashAttention = parseFlash(r[1]!) ?? st.flashAttention;
  else if ((r = /Flash Attention was auto, set to (\w+)/.exec(line))) st.flashAttention = parseFlash(r[1]!) ?? st.flashAttention;
  else if ((r = new RegExp(`${CTX}kv_unified\\s+=\\s+(\\w+)`).exec(line))) st.kvUnified = r[1] === 'true' || r[1] === '1';
  else if ((r = /type_k = '(\w+)', type_v = '(\w+)'/.exec(line))) [st.typeK, st.typeV] = [r[1]!, r[2]!];
  else if (
    (r = /llama_kv_cache\w*: size =.*K \((\w+)\):.*V \((\w+)\)/.exec(line)) ||
    (r = /KV self size\s+=.*K \((\w+)\):.*V \((\w+)\)/.exec(line))
  )
    [st.typeK, st.typeV] = [r[1]!, r[2]!];
  else return false;
  return true;
}

const BREAKDOWN_GPU =
  /memory_breakdown_print: \|\s+- (\S+) \((.+?)\)\s+\|\s+(\d+) =\s+(\d+) \+ \(\s*(\d+) =\s+(\d+) \+\s+(\d+) \+\s+(\d+)\) \+\s+(-?\d+)\s+\|/;
const BREAKDOWN_HOST = /memory_breakdown_print: \|\s+- (\S+)\s+\|\s+(\d+) =\s+(\d+) \+\s+(\d+) \+\s+(\d+)\s+\|/;

function readBreakdown(s: State, line: string): boolean {
  if (!line.includes('memory_breakdown_print:')) return false;
  // The header starts a new table; what follows replaces any earlier one.
  if (/memory_breakdown_print: \|\s+(?:memory breakdown|[^|-]*\[MiB\])/.test(line)) {
    s.log.memoryBreakdown = [];
    return true;
  }
  let r: RegExpExecArray | null;
  if ((r = BREAKDOWN_GPU.exec(line))) {
    const [total, free, self, model, context, compute, unaccounted] = r.slice(3, 10).map((x) => Number(x));
    s.log.memoryBreakdown.push({
      device: r[1]!,
      name: r[2]!,
      totalMiB: total!,
      freeMiB: free!,
      selfMiB: self!,
      modelMiB: model!,
      contextMiB: context!,
      computeMiB: compute!,
      unaccountedMiB: Math.abs(unaccounted!) > 2 ** 40 ? null : unaccounted!,
    });
    return true;
  }
  if ((r = BREAKDOWN_HOST.exec(line))) {
    const [self, model, context, compute] = r.slice(2, 6).map((x) => Number(x));
    s.log.memoryBreakdown.push({
      device: r[1]!,
      name: null,
      totalMiB: null,
      freeMiB: null,
      selfMiB: self!,
      modelMiB: model!,
      contextMiB: context!,
      computeMiB: compute!,
      unaccountedMiB: null,
    });
    return true;
  }
  return false;
}

function readLine(s: State, line: string): boolean {
  const { log } = s;
  if (readModelLine(line, log.model) || readContextLine(line, log.settings) || readBreakdown(s, line)) return true;
  let r: RegExpExecArray | null;
  if ((r = /layer\s+(\d+) assigned to device (\w+)/.exec(line))) {
    const il = Number(r[1]);
    if (il < 100000) log.layerDevices[il] = r[2]!;
    return true;
  }
  if ((r = /offloaded (\d+)\/(\d+) layers to GPU/.exec(line))) {
    log.layersOffloaded = { gpu: Number(r[1]), total: Number(r[2]) };
    return true;
  }
  if ((r = /^\s*Device (\d+): (.+?), (?:compute capability|gfx)/.exec(line)) || (r = /using device \w+ \((.+?)\)()/.exec(line))) {
    const name = (r[2] || r[1])!.trim();
    if (!log.devices.includes(name)) log.devices.push(name);
    return true;
  }
  for (const [re, kind] of BUFFERS) {
    if ((r = re.exec(line))) {
      // A second model load in the same log (llama-server reloading) starts the count afresh.
      if (kind === 'weights' && s.loads === 2) resetBuffers(s);
      if (kind !== 'weights' && s.loads >= 1) s.loads = 2;
      if (kind === 'weights') s.loads = Math.max(s.loads, 1);
      bufferOf(s, r[1]!)[kind] += Math.round(Number(r[2]) * MiB);
      return true;
    }
  }
  return false;
}

function resetBuffers(s: State): void {
  s.byDevice.clear();
  s.log.buffers.length = 0;
  s.log.problems.push('The log loads a model more than once; only the last load is compared.');
  s.loads = 1;
}

export function parseLlamaLog(input: unknown): LlamaLog {
  const log: LlamaLog = {
    kind: 'llama.cpp-log',
    model: {},
    settings: {},
    devices: [],
    layerDevices: [],
    buffers: [],
    memoryBreakdown: [],
    recognised: [],
    problems: [],
  };
  if (typeof input !== 'string') {
    log.problems.push('The input is not text.');
    return log;
  }
  let text = input;
  if (text.length > MAX_LOG_CHARS) {
    text = text.slice(0, MAX_LOG_CHARS);
    log.problems.push(`Only the first ${MAX_LOG_CHARS / MiB} MiB of the log were read.`);
  }
  const s: State = { log, byDevice: new Map(), loads: 0 };
  let used = 0;
  // Colour codes and "\r" (Windows logs, progress dots) would break the anchored patterns.
  // eslint-disable-next-line no-control-regex
  for (const raw of text.replace(/\u001b\[[0-9;]*m/g, '').split(/\r\n|\r|\n/)) if (readLine(s, raw)) used++;
  summarise(log, used);
  return log;
}

function summarise(log: LlamaLog, used: number): void {
  const { model: m, settings: st } = log;
  if (used === 0) {
    log.problems.push('No llama.cpp start-up line was recognised (print_info, llama_context or "buffer size" lines).');
    return;
  }
  if (m.architecture || m.fileType || m.parameters)
    log.recognised.push(
      `Model: ${[m.name, m.architecture, m.fileType, m.parameters ? `${(m.parameters / 1e9).toFixed(2)} B parameters` : null].filter(Boolean).join(', ')}.`,
    );
  if (st.nCtx !== undefined || st.nSeqMax !== undefined)
    log.recognised.push(
      `Context: n_ctx ${st.nCtx ?? '?'}, ${st.nCtxSeq ?? '?'} per sequence, ${st.nSeqMax ?? '?'} sequence(s), ubatch ${st.nUbatch ?? '?'}, flash attention ${String(st.flashAttention ?? '?')}, KV ${st.typeK ?? '?'}/${st.typeV ?? '?'}.`,
    );
  if (log.layersOffloaded) log.recognised.push(`${log.layersOffloaded.gpu} of ${log.layersOffloaded.total} layers on the GPU.`);
  if (log.buffers.length > 0) log.recognised.push(`Buffers on ${log.buffers.map((b) => b.device).join(', ')}.`);
  if (log.memoryBreakdown.length > 0)
    log.recognised.push(`llama.cpp's memory table: ${log.memoryBreakdown.map((r) => `${r.device} ${r.selfMiB} MiB`).join(', ')}.`);
  const missing: string[] = [];
  if (!log.buffers.some((b) => b.weights > 0)) missing.push('model buffers');
  if (!log.buffers.some((b) => b.kvCache + b.recurrent > 0)) missing.push('KV cache buffers');
  if (!log.buffers.some((b) => b.compute > 0)) missing.push('compute buffers');
  if (st.nCtx === undefined) missing.push('context settings');
  if (missing.length > 0) log.problems.push(`The log looks cut short: no ${missing.join(', ')}.`);
}
