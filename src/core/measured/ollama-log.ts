// Reads the memory lines of Ollama's server log (journalctl, docker or server.log; logfmt after "time=").
// Two generations: the estimate printed before loading (server.go / memory.go, msg=offload or
// msg="offload to cuda": memory.required.full, .kv, .allocations, layers.offload...), and the new engine's
// per-device report after allocating (ggml.go / backend.go: msg="model weights" | "kv cache" |
// "compute graph" with device= or buffer=, and msg="total memory"). The runner's command line gives the
// settings (--ctx-size, --parallel, --n-gpu-layers...). Older Ollama forwards llama.cpp's own start-up
// lines; those are read with the llama.cpp parser and kept beside. Pure and total.

import { parseLlamaLog, type LlamaLog } from './llama-log';
import { emptyNotes, linesOf, readSize, type ParseNotes } from './text';

export interface OllamaEstimate {
  library?: string;
  layersRequested?: number;
  layersModel?: number;
  layersOffload?: number;
  layersSplit: number[];
  availableBytes: number[];
  requiredFullBytes?: number;
  requiredPartialBytes?: number;
  requiredKvBytes?: number;
  /** Planned bytes per GPU, in device order. */
  allocationsBytes: number[];
  weightsTotalBytes?: number;
  weightsRepeatingBytes?: number;
  weightsNonRepeatingBytes?: number;
  graphFullBytes?: number;
  graphPartialBytes?: number;
  projectorWeightsBytes?: number;
  projectorGraphBytes?: number;
}

export interface OllamaDevice {
  /** "CUDA0", "ROCm1", "CPU", "Metal". */
  device: string;
  weightsBytes: number;
  kvCacheBytes: number;
  computeBytes: number;
}

export interface OllamaSettings {
  model?: string;
  /** GGUF file type the new engine printed ("Q8_0"). */
  fileType?: string;
  architecture?: string;
  ctxSize?: number;
  batchSize?: number;
  gpuLayers?: number;
  parallel?: number;
  flashAttention?: boolean;
  kvCacheType?: string;
  tensorSplit?: number[];
}

export interface OllamaLog extends ParseNotes {
  kind: 'ollama-log';
  estimate?: OllamaEstimate;
  devices: OllamaDevice[];
  totalBytes?: number;
  layersOffloaded?: { gpu: number; total: number };
  settings: OllamaSettings;
  /** llama.cpp's own lines forwarded by the runner (older Ollama), when there were any. */
  llama?: LlamaLog;
}

/** key=value and key="quoted value" pairs; keys may be quoted too ("model layers"=49). */
export function readLogfmt(line: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([\w.]+|"(?:[^"\\]|\\.)*")=("(?:[^"\\]|\\.)*"|\S*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) out.set(unquote(m[1]!), unquote(m[2]!));
  return out;
}

function unquote(s: string): string {
  if (!s.startsWith('"')) return s;
  try {
    return JSON.parse(s) as string;
  } catch {
    return s.slice(1, -1);
  }
}

/** "[22.0 GiB 22.0 GiB]" → bytes per GPU. */
const sizeList = (v: string | undefined): number[] =>
  (v?.replace(/^\[|\]$/g, '').match(/[\d.,]+\s*[KMGT]?i?B/g) ?? []).map((x) => readSize(x)).filter(Number.isFinite);

const intOf = (v: string | undefined): number | undefined => {
  const n = v === undefined || v === '' ? NaN : Number(v);
  return Number.isFinite(n) ? n : undefined;
};

function readEstimate(kv: Map<string, string>): OllamaEstimate {
  const size = (k: string) => {
    const v = kv.get(k);
    const b = v === undefined ? NaN : readSize(v);
    return Number.isFinite(b) ? b : undefined;
  };
  const split = kv.get('layers.split') ?? '';
  return {
    library: kv.get('library'),
    layersRequested: intOf(kv.get('layers.requested')),
    layersModel: intOf(kv.get('layers.model')),
    layersOffload: intOf(kv.get('layers.offload')),
    layersSplit: split === '' ? [] : split.split(',').map(Number).filter(Number.isFinite),
    availableBytes: sizeList(kv.get('memory.available')),
    requiredFullBytes: size('memory.required.full'),
    requiredPartialBytes: size('memory.required.partial'),
    requiredKvBytes: size('memory.required.kv'),
    allocationsBytes: sizeList(kv.get('memory.required.allocations')),
    weightsTotalBytes: size('memory.weights.total'),
    weightsRepeatingBytes: size('memory.weights.repeating'),
    weightsNonRepeatingBytes: size('memory.weights.nonrepeating'),
    graphFullBytes: size('memory.graph.full'),
    graphPartialBytes: size('memory.graph.partial'),
    projectorWeightsBytes: size('projector.weights'),
    projectorGraphBytes: size('projector.graph'),
  };
}

function readCommand(cmd: string, st: OllamaSettings): void {
  const flag = (name: string) => new RegExp(`--${name}[ =](\\S+)`).exec(cmd)?.[1];
  st.model = flag('model') ?? st.model;
  st.ctxSize = intOf(flag('ctx-size')) ?? st.ctxSize;
  st.batchSize = intOf(flag('batch-size')) ?? st.batchSize;
  st.gpuLayers = intOf(flag('n-gpu-layers')) ?? st.gpuLayers;
  st.parallel = intOf(flag('parallel')) ?? st.parallel;
  st.kvCacheType = flag('kv-cache-type') ?? st.kvCacheType;
  const split = flag('tensor-split');
  if (split) st.tensorSplit = split.split(',').map(Number).filter(Number.isFinite);
  if (/--flash-attn\b/.test(cmd)) st.flashAttention = true;
}

interface State {
  log: OllamaLog;
  /** A memory report has been read since the last runner start. */
  reported: boolean;
  /** A runner started after a report: its first memory line replaces the old figures (a cut-off restart keeps them). */
  restarted: boolean;
}

function deviceOf(log: OllamaLog, name: string): OllamaDevice {
  let d = log.devices.find((x) => x.device === name);
  if (!d) log.devices.push((d = { device: name, weightsBytes: 0, kvCacheBytes: 0, computeBytes: 0 }));
  return d;
}

function readLine(s: State, line: string): boolean {
  const at = line.indexOf('time=');
  if (at < 0 || !/ msg=/.test(line)) return false;
  const kv = readLogfmt(line.slice(at));
  const msg = kv.get('msg') ?? '';
  const { log } = s;
  if (msg === 'offload' || msg.startsWith('offload to ')) {
    log.estimate = readEstimate(kv);
    if (!log.estimate.library && msg.startsWith('offload to ')) log.estimate.library = msg.slice('offload to '.length);
  } else if (msg === 'starting llama server' || msg === 'starting runner') {
    if (s.reported) s.restarted = true;
    readCommand(kv.get('cmd') ?? '', log.settings);
  } else if (msg === 'enabling flash attention') log.settings.flashAttention = true;
  else if (msg === 'model weights' || msg === 'kv cache' || msg === 'compute graph') {
    const device = kv.get('device') ?? kv.get('buffer') ?? kv.get('backend');
    const bytes = readSize(kv.get('size') ?? '');
    if (!device || !Number.isFinite(bytes)) return false;
    if (s.restarted) {
      log.devices = [];
      delete log.totalBytes;
      log.problems.push('The log loads a model more than once; only the last load is read.');
      s.restarted = false;
    }
    const d = deviceOf(log, device);
    if (msg === 'model weights') d.weightsBytes += bytes;
    else if (msg === 'kv cache') d.kvCacheBytes += bytes;
    else d.computeBytes += bytes;
    s.reported = true;
  } else if (msg === 'total memory') {
    const bytes = readSize(kv.get('size') ?? '');
    if (Number.isFinite(bytes)) log.totalBytes = bytes;
  } else if (/^offloaded (\d+)\/(\d+) layers to GPU$/.test(msg)) {
    const [, gpu, total] = /^offloaded (\d+)\/(\d+)/.exec(msg)!;
    log.layersOffloaded = { gpu: Number(gpu), total: Number(total) };
  } else if (msg === '' && kv.has('file_type')) {
    // The new engine's model line: architecture=mistral3 file_type=Q8_0 ...
    log.settings.fileType = kv.get('file_type');
    log.settings.architecture = kv.get('architecture');
  } else if (msg === 'loading model') {
    log.settings.gpuLayers = intOf(kv.get('requested')) ?? log.settings.gpuLayers;
  } else return false;
  return true;
}

export function parseOllamaLog(input: unknown): OllamaLog {
  const log: OllamaLog = { kind: 'ollama-log', devices: [], settings: {}, ...emptyNotes() };
  const lines = linesOf(input, log.problems);
  if (!lines) return log;
  const s: State = { log, reported: false, restarted: false };
  let used = 0;
  for (const line of lines) if (readLine(s, line)) used++;
  const llama = parseLlamaLog(lines.join('\n'));
  if (llama.recognised.length > 0) log.llama = llama;
  if (used === 0 && !log.llama) {
    log.problems.push('No Ollama memory line was recognised (msg=offload, "model weights", "kv cache", "compute graph").');
    return log;
  }
  summarise(log);
  return log;
}

function summarise(log: OllamaLog): void {
  const has = (ok: boolean, name: string) => (ok ? log.recognised : log.missing).push(name);
  if (log.estimate) log.recognised.push("Ollama's estimate");
  if (log.devices.length > 0) log.recognised.push(`memory on ${log.devices.map((d) => d.device).join(', ')}`);
  if (log.llama) log.recognised.push('llama.cpp buffer lines');
  if (!log.estimate && log.devices.length === 0 && !log.llama?.buffers.length) log.missing.push('memory lines');
  has(log.settings.ctxSize !== undefined || log.llama?.settings.nCtx !== undefined, 'context size');
  if (log.layersOffloaded || log.estimate?.layersOffload !== undefined || log.llama?.layersOffloaded)
    log.recognised.push('layers offloaded');
}
