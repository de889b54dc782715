// Issue 19 against real llama.cpp (node-llama-cpp's CPU build, synthetic GGUFs, same harness as the grid):
// 1. A model and its draft model loaded together, each with its own context, as llama-server -md does:
//    each buffer against the set planner's estimate for that member, and the pair's total.
// 2. A projector's weights: node-llama-cpp ships libllama but not libmtmd (clip.cpp), so an mmproj file
//    cannot be loaded. What is compared instead: a projector GGUF (general.architecture = clip, clip.*
//    keys) holding exactly the tensors of a synthetic model — same names, ggml types and shapes — parsed
//    by projectorFromGguf, against llama_model_size() of that model as llama.cpp loads it. Both are
//    Σ ggml_nbytes over the same tensors (clip.cpp's "model size" log line is that same sum over the
//    mmproj's tensors), so this checks the header arithmetic per ggml type, not clip.cpp's loader itself;
//    4-D tensors (the patch-embedding convolution) have no counterpart in a text model and are not covered.
// 3. A LoRA adapter GGUF loaded onto the main model (--lora): llama.cpp's logged LoRA buffer against
//    loraFromGguf, which the set prices an adapter member with.

import { join, resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bufferSource, parseGgufHeader } from '../../src/core/model/gguf/parse';
import { projectorFromGguf } from '../../src/core/multi/projector';
import { loraFromGguf } from '../../src/core/multi/lora';
import { estimateSet, makeMember } from '../../src/core/multi/index';
import type { PlanningHardware } from '../../src/core/advice/types';
import type { Estimate } from '../../src/core/estimate/types';
import {
  encodeGgufHeader,
  f32,
  str,
  u32,
  syntheticTensors,
  writeGgufFile,
  writeSyntheticGguf,
  type SyntheticModel,
  type TensorSpec,
} from '../support/gguf-writer';
import { drain, getHarnessLlama, parseLlamaLog, type LlamaCase, type Measured } from './llama-harness';
import { modelInputFor, settingsFor, TARGETS } from './llama-grid-report';

const here = dirname(fileURLToPath(import.meta.url));
const MiB = 1024 * 1024;

/** A small Llama-family chat model and a smaller draft model with its vocabulary (speculative decoding needs one). */
export const PAIR_MAIN: SyntheticModel = {
  architecture: 'llama',
  layers: 6,
  hidden: 768,
  ff: 2048,
  heads: 12,
  kvHeads: 4,
  vocab: 4096,
  contextLength: 32768,
  fileType: 'Q4_K_M',
};
export const PAIR_DRAFT: SyntheticModel = {
  architecture: 'llama',
  name: 'draft',
  layers: 2,
  hidden: 256,
  ff: 768,
  heads: 4,
  kvHeads: 2,
  vocab: 4096,
  contextLength: 32768,
  fileType: 'Q8_0',
};

export interface PairCase {
  id: string;
  context: number;
  flashAttention: boolean;
  /** llama-server slots; the draft context gets the same (-cd defaults to -c, -np applies to both). */
  sequences: number;
}

export const PAIR_CASES: PairCase[] = [
  { id: 'pair ctx4096 fa-on', context: 4096, flashAttention: true, sequences: 1 },
  { id: 'pair ctx8192 fa-off', context: 8192, flashAttention: false, sequences: 1 },
  { id: 'pair ctx4096 np2 fa-on', context: 4096, flashAttention: true, sequences: 2 },
];

export interface Part {
  measured: number;
  estimated: number;
  /** Allowed |estimated − measured|: exact for weights, the log's rounding for KV, 10 % or 64 MiB for compute. */
  tolerance: number;
}

export interface PairRow {
  case: string;
  ok: boolean;
  error?: string;
  main: { weights: Part; kv: Part; compute: Part };
  draft: { weights: Part; kv: Part; compute: Part };
  /** weights + KV + compute of both models; tolerance = the sum of the parts' tolerances. */
  total: Part;
}

const within = (p: Part): boolean => Math.abs(p.estimated - p.measured) <= p.tolerance;
export const partPasses = within;

function measuredFor(c: PairCase, model: SyntheticModel, path: string, size: number, log: string[]): Measured {
  const p = parseLlamaLog(log);
  const lc: LlamaCase = { id: c.id, model, context: c.context, flashAttention: c.flashAttention, kvType: 'f16', sequences: c.sequences };
  const computeBytes = Object.values(p.computeBuffers).reduce((a, b) => a + b, 0);
  return {
    case: lc,
    ok: p.nCtx > 0 && p.kvBytes > 0 && computeBytes > 0,
    modelPath: path,
    modelBytes: size,
    modelParameters: 0,
    modelBuffers: {},
    repacked: false,
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
    contextBytesExact: 0,
    precision: {
      kv: Math.ceil(0.005 * MiB) * Math.max(1, p.kvCaches.length),
      compute: Math.ceil(0.005 * MiB) * Math.max(1, Object.keys(p.computeBuffers).length),
      output: Math.ceil(0.005 * MiB),
    },
    seconds: 0,
    log: [],
  };
}

function parts(m: Measured, est: Estimate): PairRow['main'] {
  const weights = est.weights.fileBytes ?? est.weights.bytes;
  return {
    weights: { measured: m.modelBytes, estimated: weights, tolerance: 0 },
    kv: { measured: m.kvBytes, estimated: est.kvCache.bytes, tolerance: m.precision.kv },
    compute: {
      measured: m.computeBytes,
      estimated: est.compute.device,
      tolerance: Math.max(TARGETS.computeRelative * m.computeBytes, TARGETS.computeAbsolute),
    },
  };
}

/** No GPU: the set planner's estimates do not depend on placement, and the harness runs on the CPU backend. */
const CPU_ONLY: PlanningHardware = { devices: [], ramBytes: 64 * 1024 * MiB, ramAvailableBytes: 48 * 1024 * MiB, ramBandwidthGBps: 50 };

/**
 * node-llama-cpp hands log lines to its logger asynchronously, so a context's buffer lines can arrive after
 * createContext resolves: wait for its compute-buffer line (the last one llama_context prints) before
 * taking the log. Gives up after `ms` and returns what arrived, which the caller then reports as not ok.
 */
async function logUntil(sink: { lines: string[]; partial: string }, done: RegExp, ms = 5000): Promise<string[]> {
  const until = performance.now() + ms;
  while (!sink.lines.some((l) => done.test(l)) && performance.now() < until) await new Promise((r) => setTimeout(r, 5));
  return drain(sink);
}

const COMPUTE_LINE = /compute buffer size =/;

/** Loads both models once, then per case creates the main context and, while it lives, the draft's. */
export async function measurePairs(cases: PairCase[] = PAIR_CASES, dir = resolve(here, '..', '.tmp', 'multi')): Promise<PairRow[]> {
  await mkdir(dir, { recursive: true });
  const { llama, sink } = await getHarnessLlama();
  const paths = [join(dir, 'pair-main.gguf'), join(dir, 'pair-draft.gguf')];
  await writeSyntheticGguf(paths[0]!, PAIR_MAIN);
  await writeSyntheticGguf(paths[1]!, PAIR_DRAFT);
  drain(sink);
  const load = (path: string) => llama.loadModel({ modelPath: path, gpuLayers: 0, useMmap: true, ignoreMemorySafetyChecks: true });
  const main = await load(paths[0]!);
  const draft = await load(paths[1]!);
  drain(sink);
  const rows: PairRow[] = [];
  try {
    for (const c of cases) {
      const opts = {
        contextSize: c.context,
        sequences: c.sequences,
        batchSize: 512,
        flashAttention: c.flashAttention,
        ignoreMemorySafetyChecks: true,
        failedCreationRemedy: false,
      };
      const mainCtx = await main.createContext(opts);
      const mainLog = await logUntil(sink, COMPUTE_LINE);
      const draftCtx = await draft.createContext(opts);
      const draftLog = await logUntil(sink, COMPUTE_LINE);
      await draftCtx.dispose();
      await mainCtx.dispose();
      drain(sink);
      const mm = measuredFor(c, PAIR_MAIN, paths[0]!, main.size, mainLog);
      const md = measuredFor(c, PAIR_DRAFT, paths[1]!, draft.size, draftLog);
      rows.push(await comparePair(c, mm, md));
    }
  } finally {
    await draft.dispose().catch(() => undefined);
    await main.dispose().catch(() => undefined);
  }
  return rows;
}

/** The set planner (main + draft member) against the two measured contexts. */
export async function comparePair(c: PairCase, mm: Measured, md: Measured): Promise<PairRow> {
  const settings = settingsFor(mm);
  const set = estimateSet(
    [
      makeMember('main', 'main', await modelInputFor(PAIR_MAIN), settings),
      makeMember('draft', 'draft', await modelInputFor(PAIR_DRAFT), settings),
    ],
    CPU_ONLY,
  );
  const [estMain, estDraft] = [set.members[0]!.estimate, set.members[1]!.estimate];
  const main = parts(mm, estMain);
  const draft = parts(md, estDraft);
  const all = [main.weights, main.kv, main.compute, draft.weights, draft.kv, draft.compute];
  const total: Part = {
    measured: all.reduce((a, p) => a + p.measured, 0),
    estimated: all.reduce((a, p) => a + p.estimated, 0),
    tolerance: all.reduce((a, p) => a + p.tolerance, 0),
  };
  const ok = mm.ok && md.ok && md.nCtx === mm.nCtx;
  const error = `main n_ctx ${mm.nCtx}, KV ${mm.kvBytes} B, compute ${mm.computeBytes} B; draft n_ctx ${md.nCtx}, KV ${md.kvBytes} B, compute ${md.computeBytes} B`;
  return { case: c.id, ok, ...(ok ? {} : { error }), main, draft, total };
}

/** Projector file types to check: what mmproj files ship in (f16, bf16, f32) and the Q8_0 some repos publish. */
export const PROJECTOR_TYPES = ['F16', 'BF16', 'F32', 'Q8_0'] as const;

export interface ProjectorRow {
  fileType: string;
  tensors: number;
  /** llama_model_size() of the model holding the same tensors. */
  llamaBytes: number;
  projectorBytes: number;
}

/** The clip.* keys projectorFromGguf needs, with Gemma 3's SigLIP values (896 px, 14 px patches). */
function clipHeader(model: SyntheticModel): Uint8Array {
  const enc = encodeGgufHeader(
    [
      ['general.architecture', str('clip')],
      ['clip.projector_type', str('gemma3')],
      ['clip.has_vision_encoder', { type: 'bool', value: true }],
      ['clip.vision.image_size', u32(896)],
      ['clip.vision.patch_size', u32(14)],
      ['clip.vision.embedding_length', u32(model.hidden)],
      ['clip.vision.feed_forward_length', u32(model.ff)],
      ['clip.vision.attention.head_count', u32(model.heads)],
      ['clip.vision.block_count', u32(model.layers)],
    ],
    syntheticTensors(model),
  );
  return enc.header;
}

export async function measureProjectors(dir = resolve(here, '..', '.tmp', 'multi')): Promise<ProjectorRow[]> {
  await mkdir(dir, { recursive: true });
  const { llama, sink } = await getHarnessLlama();
  const rows: ProjectorRow[] = [];
  for (const fileType of PROJECTOR_TYPES) {
    // A quarter of SigLIP's widths (1152, 4304), rounded to multiples of 32 so Q8_0 rows fit.
    const model: SyntheticModel = { ...PAIR_DRAFT, name: `projector-${fileType}`, hidden: 288, ff: 1088, fileType };
    const path = join(dir, `projector-${fileType}.gguf`);
    await writeSyntheticGguf(path, model);
    const loaded = await llama.loadModel({ modelPath: path, gpuLayers: 0, useMmap: true, ignoreMemorySafetyChecks: true });
    const llamaBytes = loaded.size;
    await loaded.dispose();
    drain(sink);
    const header = clipHeader(model);
    const info = projectorFromGguf(await parseGgufHeader(bufferSource(header, header.length)));
    rows.push({ fileType, tensors: info.tensorCount, llamaBytes, projectorBytes: info.weightsBytes });
  }
  return rows;
}

export interface LoraRow {
  case: string;
  tensors: number;
  /** "LoRA buffer size" llama.cpp logs when it loads the adapter (0.01 MiB precision). */
  llamaBytes: number;
  precision: number;
  loraBytes: number;
}

/** Adapters for PAIR_MAIN as convert_lora_to_gguf.py writes them: lora_a [n_in, r] and lora_b [r, n_out] per patched weight. */
export const LORA_CASES: { id: string; rank: number; type: 'F16' | 'F32'; targets: ('attn_q' | 'attn_v' | 'ffn_up')[] }[] = [
  { id: 'lora r16 f16 q+v', rank: 16, type: 'F16', targets: ['attn_q', 'attn_v'] },
  { id: 'lora r8 f32 q+v+up', rank: 8, type: 'F32', targets: ['attn_q', 'attn_v', 'ffn_up'] },
];

function loraTensors(m: SyntheticModel, rank: number, type: string, targets: readonly string[]): TensorSpec[] {
  const headDim = m.headDim ?? m.hidden / m.heads;
  const out: Record<string, [number, number]> = {
    attn_q: [m.hidden, m.heads * headDim],
    attn_v: [m.hidden, m.kvHeads * headDim],
    ffn_up: [m.hidden, m.ff],
  };
  const t: TensorSpec[] = [];
  for (let l = 0; l < m.layers; l++)
    for (const name of targets) {
      const [nIn, nOut] = out[name]!;
      t.push(
        { name: `blk.${l}.${name}.weight.lora_a`, dims: [nIn, rank], type },
        { name: `blk.${l}.${name}.weight.lora_b`, dims: [rank, nOut], type },
      );
    }
  return t;
}

/** Each adapter loaded by llama.cpp onto PAIR_MAIN (one context with --lora), against loraFromGguf's bytes. */
export async function measureLoras(dir = resolve(here, '..', '.tmp', 'multi')): Promise<LoraRow[]> {
  await mkdir(dir, { recursive: true });
  const { llama, sink } = await getHarnessLlama();
  const modelPath = join(dir, 'pair-main.gguf');
  await writeSyntheticGguf(modelPath, PAIR_MAIN);
  const rows: LoraRow[] = [];
  for (const c of LORA_CASES) {
    const enc = encodeGgufHeader(
      [
        ['general.architecture', str(PAIR_MAIN.architecture)],
        ['general.type', str('adapter')],
        ['adapter.type', str('lora')],
        ['adapter.lora.alpha', f32(2 * c.rank)],
      ],
      loraTensors(PAIR_MAIN, c.rank, c.type, c.targets),
    );
    const path = join(dir, `${c.id.replace(/[^a-z0-9]+/gi, '-')}.gguf`);
    await writeGgufFile(path, enc);
    // Adapters are tied to the model (freed with it), so each case loads the model afresh.
    const model = await llama.loadModel({ modelPath, gpuLayers: 0, useMmap: true, ignoreMemorySafetyChecks: true });
    drain(sink);
    const ctx = await model.createContext({ contextSize: 512, lora: path, ignoreMemorySafetyChecks: true, failedCreationRemedy: false });
    // node-llama-cpp loads the adapter after the context exists; its buffer line is the signal.
    const log = await logUntil(sink, /LoRA buffer size/);
    await ctx.dispose();
    await model.dispose();
    drain(sink);
    const lines = log.map((l) => /LoRA buffer size =\s+([\d.]+) MiB/.exec(l)).filter((m): m is RegExpExecArray => m !== null);
    const info = loraFromGguf(await parseGgufHeader(bufferSource(enc.header, enc.header.length)));
    rows.push({
      case: c.id,
      tensors: info.tensorCount,
      llamaBytes: lines.reduce((a, m) => a + Math.round(Number(m[1]) * MiB), 0),
      precision: Math.ceil(0.005 * MiB) * Math.max(1, lines.length),
      loraBytes: info.bytes,
    });
  }
  return rows;
}
