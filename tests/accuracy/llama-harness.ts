// Measures real llama.cpp (through node-llama-cpp, CPU backend) on synthetic GGUF files: it writes each
// model once as a sparse file, loads it, creates one context per case and captures the buffer sizes
// llama.cpp logs (model, KV cache, compute, output) plus the exact totals the bindings expose.
//
// node-llama-cpp lives in tests/accuracy/harness (its own package.json), outside the app's dependencies.
// Install: cd tests/accuracy/harness && npm ci --omit=optional

import { existsSync, linkSync, mkdirSync, readdirSync, copyFileSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeSyntheticGguf, type SyntheticModel } from '../support/gguf-writer';

const here = dirname(fileURLToPath(import.meta.url));
export const HARNESS_DIR = join(here, 'harness');
const NLC_DIR = join(HARNESS_DIR, 'node_modules', 'node-llama-cpp');
const PLATFORM_PKG = join(HARNESS_DIR, 'node_modules', '@node-llama-cpp', `${process.platform}-${process.arch}`);
const MiB = 1024 * 1024;

export type KvType = 'f16' | 'q8_0' | 'q4_0';

export interface LlamaCase {
  /** Unique, readable: "llama-Q4_K_M ctx4096 fa-off kv-f16". */
  id: string;
  model: SyntheticModel;
  /** Context per sequence. */
  context: number;
  flashAttention: boolean;
  kvType: KvType;
  /** node-llama-cpp batchSize (it sets n_batch = n_ubatch = this, +1 for SWA models). Default 512. */
  batch?: number;
  sequences?: number;
}

export interface KvCacheLine {
  bytes: number;
  cells: number;
  layers: number;
  seqs: number;
  kType: string;
  vType: string;
}

export interface Measured {
  case: LlamaCase;
  ok: boolean;
  error?: string;
  /** Synthetic file path and its apparent size. */
  modelPath: string;
  /** llama_model_size(): sum of ggml_nbytes of every tensor, exact. */
  modelBytes: number;
  /** llama_model_n_params(), exact. */
  modelParameters: number;
  /** Model buffers from the load_tensors log lines (name → bytes, 0.01 MiB precision). */
  modelBuffers: Record<string, number>;
  /** True when the CPU backend repacked weights into extra buffers (sizes then differ from the file). */
  repacked: boolean;
  nCtx: number;
  nCtxSeq: number;
  nBatch: number;
  nUbatch: number;
  flashAttention: boolean;
  /** Sum of "KV buffer size" lines (0.01 MiB precision each). */
  kvBytes: number;
  kvCaches: KvCacheLine[];
  /** Compute buffer per backend buffer ("CPU" → bytes), 0.0001 MiB precision where the teardown line exists. */
  computeBuffers: Record<string, number>;
  computeBytes: number;
  outputBytes: number;
  /** llama_context::memory_breakdown(): KV + compute in bytes, exact. */
  contextBytesExact: number;
  /** Rounding of the logged figures in bytes (half a unit of the last printed digit, per line). */
  precision: { kv: number; compute: number; output: number };
  seconds: number;
  log: string[];
}

export function isHarnessInstalled(): boolean {
  return existsSync(join(NLC_DIR, 'package.json')) && existsSync(join(PLATFORM_PKG, 'package.json'));
}

export const HARNESS_INSTALL_HINT =
  'llama.cpp accuracy harness not installed: run `npm ci --omit=optional --prefix tests/accuracy/harness` (Linux x64) to enable it.';

/**
 * The default CPU backend picks the best variant for this CPU (AVX2/AVX-512/Zen 4) and those repack
 * quantised weights into extra buffers of other sizes. A prebuilt-binaries folder next to node-llama-cpp
 * (which it prefers over the platform package) holding only the baseline x64 variant pins plain weights.
 * Returns false where no baseline variant exists (other platforms): measurements then note `repacked`.
 */
export function pinBaselineCpuBackend(): boolean {
  const folder = `${process.platform}-${process.arch}`;
  const src = join(PLATFORM_PKG, 'bins', folder);
  const baseline = `libggml-cpu-${process.arch === 'x64' ? 'x64' : process.arch}.so`;
  if (!existsSync(join(src, baseline))) return false;
  const dest = join(NLC_DIR, 'bins', folder);
  if (existsSync(join(dest, 'llama-addon.node')) && existsSync(join(dest, baseline))) return true;
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  for (const name of readdirSync(src)) {
    if (name.startsWith('libggml-cpu-') && name !== baseline) continue;
    try {
      linkSync(join(src, name), join(dest, name));
    } catch {
      copyFileSync(join(src, name), join(dest, name));
    }
  }
  return true;
}

function sanitize(s: string): string {
  return s.replace(/[^A-Za-z0-9_.-]+/g, '_');
}

export function modelKey(m: SyntheticModel): string {
  return JSON.stringify(m);
}

function modelFileName(m: SyntheticModel, index: number): string {
  return `${sanitize(`${m.architecture}-${m.fileType}-${m.layers}L-${m.hidden}h`)}-${index}.gguf`;
}

interface Parsed {
  modelBuffers: Record<string, number>;
  repacked: boolean;
  nCtx: number;
  nCtxSeq: number;
  nBatch: number;
  nUbatch: number;
  flashAttention: boolean;
  kvBytes: number;
  kvLines: number;
  /** llama_memory_recurrent's buffer lines (hybrid models), kept for the report. */
  rsLines: string[];
  kvCaches: KvCacheLine[];
  computeBuffers: Record<string, number>;
  computePrecise: boolean;
  outputBytes: number;
}

const mib = (s: string) => Math.round(Number(s) * MiB);

export function parseLlamaLog(lines: string[]): Parsed {
  const p: Parsed = {
    modelBuffers: {},
    repacked: false,
    nCtx: 0,
    nCtxSeq: 0,
    nBatch: 0,
    nUbatch: 0,
    flashAttention: false,
    kvBytes: 0,
    kvLines: 0,
    rsLines: [],
    kvCaches: [],
    computeBuffers: {},
    computePrecise: false,
    outputBytes: 0,
  };
  const precise: Record<string, number> = {};
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if ((m = /load_tensors:\s+(\S+) model buffer size =\s+([\d.]+) MiB/.exec(line))) {
      p.modelBuffers[m[1]!] = (p.modelBuffers[m[1]!] ?? 0) + mib(m[2]!);
      if (/REPACK/i.test(m[1]!)) p.repacked = true;
    } else if (/^repack: repack tensor/.test(line)) p.repacked = true;
    else if ((m = /llama_context: n_ctx\s+=\s+(\d+)/.exec(line))) p.nCtx = Number(m[1]);
    else if ((m = /llama_context: n_ctx_seq\s+=\s+(\d+)/.exec(line))) p.nCtxSeq = Number(m[1]);
    else if ((m = /llama_context: n_batch\s+=\s+(\d+)/.exec(line))) p.nBatch = Number(m[1]);
    else if ((m = /llama_context: n_ubatch\s+=\s+(\d+)/.exec(line))) p.nUbatch = Number(m[1]);
    else if ((m = /llama_context: flash_attn\s+=\s+(\S+)/.exec(line))) p.flashAttention = /enabled|1|true/i.test(m[1]!);
    else if ((m = /llama_context:\s+(\S+)\s+output buffer size =\s+([\d.]+) MiB/.exec(line))) p.outputBytes += mib(m[2]!);
    else if ((m = /llama_kv_cache:\s+(\S+) KV buffer size =\s+([\d.]+) MiB/.exec(line))) {
      p.kvBytes += mib(m[2]!);
      p.kvLines++;
    } else if ((m = /llama_memory_recurrent:\s+(\S+) RS buffer size =\s+([\d.]+) MiB/.exec(line))) {
      // Recurrent layers' conv + SSM state: counted with the KV cache, as the estimate does.
      p.kvBytes += mib(m[2]!);
      p.kvLines++;
      p.rsLines.push(line);
    } else if (
      (m =
        /llama_kv_cache: size =\s+([\d.]+) MiB \(\s*(\d+) cells,\s+(\d+) layers,\s+(\d+)\/(\d+) seqs\), K \((\w+)\):\s+[\d.]+ MiB, V \((\w+)\)/.exec(
          line,
        ))
    ) {
      p.kvCaches.push({ bytes: mib(m[1]!), cells: Number(m[2]), layers: Number(m[3]), seqs: Number(m[5]), kType: m[6]!, vType: m[7]! });
    } else if ((m = /sched_reserve:\s+(\S+) compute buffer size =\s+([\d.]+) MiB/.exec(line))) {
      p.computeBuffers[m[1]!] = mib(m[2]!);
    } else if ((m = /~llama_context:\s+(\S+) compute buffer size is\s+([\d.]+) MiB/.exec(line))) {
      precise[m[1]!] = mib(m[2]!);
    }
  }
  if (Object.keys(precise).length > 0) {
    p.computeBuffers = { ...p.computeBuffers, ...precise };
    p.computePrecise = true;
  }
  return p;
}

type NlcModule = {
  getLlama(opts: Record<string, unknown>): Promise<NlcLlama>;
  LlamaLogLevel: Record<string, string>;
};
type NlcLlama = {
  loadModel(opts: Record<string, unknown>): Promise<NlcModel>;
  dispose(): Promise<void>;
};
type NlcModel = {
  size: number;
  _model?: { getTotalParameters?(): number };
  createContext(opts: Record<string, unknown>): Promise<NlcContext>;
  dispose(): Promise<void>;
};
type NlcContext = {
  dispose(): Promise<void>;
  _ctx?: { getMemoryBreakdown?(): { cpuRam: number; gpuVram: number } };
};

let llamaPromise: Promise<{ llama: NlcLlama; sink: { lines: string[]; partial: string } }> | null = null;

export async function getHarnessLlama() {
  if (!llamaPromise) {
    llamaPromise = (async () => {
      if (!isHarnessInstalled()) throw new Error(HARNESS_INSTALL_HINT);
      pinBaselineCpuBackend();
      const nlc = (await import(pathToFileURL(join(NLC_DIR, 'dist', 'index.js')).href)) as NlcModule;
      const sink = { lines: [] as string[], partial: '' };
      const llama = await nlc.getLlama({
        gpu: false,
        build: 'never',
        progressLogs: false,
        logLevel: nlc.LlamaLogLevel['debug'],
        logger: (_level: unknown, message: string) => {
          // node-llama-cpp hands over whole log lines (it joins llama.cpp's continuation pieces).
          for (const part of message.split('\n')) if (part.trim()) sink.lines.push(part);
        },
      });
      return { llama, sink };
    })();
  }
  return llamaPromise;
}

export function drain(sink: { lines: string[]; partial: string }): string[] {
  const out = sink.lines.splice(0);
  if (sink.partial) {
    out.push(sink.partial);
    sink.partial = '';
  }
  return out;
}

const GGML_KV: Record<KvType, string> = { f16: 'F16', q8_0: 'Q8_0', q4_0: 'Q4_0' };

/**
 * Runs every case against real llama.cpp, one at a time (the log is process-global). Models are written
 * once per distinct SyntheticModel under `dir` (default tests/.tmp/llama-grid) and loaded once.
 */
export async function measureLlamaCpp(
  cases: LlamaCase[],
  opts: { dir?: string; onCase?: (m: Measured, index: number) => void } = {},
): Promise<Measured[]> {
  const dir = opts.dir ?? resolve(here, '..', '.tmp', 'llama-grid');
  await mkdir(dir, { recursive: true });
  const { llama, sink } = await getHarnessLlama();

  const groups = new Map<string, LlamaCase[]>();
  for (const c of cases) {
    const k = modelKey(c.model);
    const list = groups.get(k) ?? [];
    list.push(c);
    groups.set(k, list);
  }

  const results: Measured[] = [];
  let modelIndex = 0;
  for (const list of groups.values()) {
    const m = list[0]!.model;
    const modelPath = join(dir, modelFileName(m, modelIndex++));
    await writeSyntheticGguf(modelPath, m);
    drain(sink);
    let model: NlcModel | null = null;
    let modelLog: string[] = [];
    let loadError: string | null = null;
    try {
      model = await llama.loadModel({ modelPath, gpuLayers: 0, useMmap: true, ignoreMemorySafetyChecks: true });
    } catch (err) {
      loadError = err instanceof Error ? err.message : String(err);
    }
    modelLog = drain(sink);
    const modelParsed = parseLlamaLog(modelLog);
    for (const c of list) {
      const started = performance.now();
      const base: Measured = {
        case: c,
        ok: false,
        modelPath,
        modelBytes: model?.size ?? 0,
        modelParameters: model?._model?.getTotalParameters?.() ?? 0,
        modelBuffers: modelParsed.modelBuffers,
        repacked: modelParsed.repacked,
        nCtx: 0,
        nCtxSeq: 0,
        nBatch: 0,
        nUbatch: 0,
        flashAttention: c.flashAttention,
        kvBytes: 0,
        kvCaches: [],
        computeBuffers: {},
        computeBytes: 0,
        outputBytes: 0,
        contextBytesExact: 0,
        precision: { kv: 0, compute: 0, output: 0 },
        seconds: 0,
        log: [],
      };
      if (!model) {
        const failed = { ...base, error: `model load failed: ${loadError ?? 'unknown'}`, log: modelLog.slice(-30) };
        results.push(failed);
        opts.onCase?.(failed, results.length - 1);
        continue;
      }
      let ctx: NlcContext | null = null;
      let exact = 0;
      let error: string | undefined;
      try {
        ctx = await model.createContext({
          contextSize: c.context,
          sequences: c.sequences ?? 1,
          batchSize: c.batch ?? 512,
          flashAttention: c.flashAttention,
          experimentalKvCacheKeyType: GGML_KV[c.kvType],
          experimentalKvCacheValueType: GGML_KV[c.kvType],
          ignoreMemorySafetyChecks: true,
          failedCreationRemedy: false,
        });
        exact = ctx._ctx?.getMemoryBreakdown?.().cpuRam ?? 0;
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      } finally {
        await ctx?.dispose().catch(() => undefined);
      }
      const log = drain(sink);
      const p = parseLlamaLog(log);
      const computeBytes = Object.values(p.computeBuffers).reduce((a, b) => a + b, 0);
      const measured: Measured = {
        ...base,
        ok: !error && p.nCtx > 0,
        ...(error ? { error } : p.nCtx > 0 ? {} : { error: 'no context lines in the llama.cpp log' }),
        nCtx: p.nCtx,
        nCtxSeq: p.nCtxSeq,
        nBatch: p.nBatch,
        nUbatch: p.nUbatch,
        flashAttention: p.flashAttention,
        kvBytes: p.kvBytes,
        kvCaches: p.kvCaches,
        computeBuffers: p.computeBuffers,
        computeBytes,
        outputBytes: p.outputBytes,
        contextBytesExact: exact,
        precision: {
          kv: Math.ceil(0.005 * MiB) * Math.max(1, p.kvLines),
          compute: Math.ceil((p.computePrecise ? 0.00005 : 0.005) * MiB) * Math.max(1, Object.keys(p.computeBuffers).length),
          output: Math.ceil(0.005 * MiB),
        },
        seconds: (performance.now() - started) / 1000,
        log: error ? log.slice(-30) : [],
      };
      results.push(measured);
      opts.onCase?.(measured, results.length - 1);
    }
    await model?.dispose().catch(() => undefined);
    drain(sink);
  }
  return results;
}

export async function disposeHarness(): Promise<void> {
  if (!llamaPromise) return;
  const { llama } = await llamaPromise;
  llamaPromise = null;
  await llama.dispose().catch(() => undefined);
}
