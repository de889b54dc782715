// Turns GGUF headers (one file or every shard of a split set) into the engine's ModelInput: a ModelSpec
// read from `<arch>.*` metadata and the exact tensor list. The tensor list is the truth for weights;
// the spec carries what the tensors cannot say (head counts, context, sliding window, experts used).

import type { MlaSpec, ModelSpec, MoeSpec, RecurrentSpec, SlidingWindowSpec } from '../types';
import type { ModelInput, TensorInfo } from '../../estimate/types';
import { fileTypeName } from './file-types';
import { applyGgufEncoder, ENCODER_ARCHITECTURES } from './encoder';
import { KNOWN_ARCHITECTURES } from './known-archs';
import { GgufError, isGgufArray, MAX_LISTED_WARNINGS, quoteName, type GgufHeader, type GgufValue } from './parse';

export { fileTypeName };

const SWA_PATTERNS: Record<string, { period: number; kind: SlidingWindowSpec['kind'] }> = {
  gemma2: { period: 2, kind: 'sliding' },
  gemma3: { period: 6, kind: 'sliding' },
  gemma3n: { period: 5, kind: 'sliding' },
  cohere2: { period: 4, kind: 'sliding' },
  'gpt-oss': { period: 2, kind: 'sliding' },
  llama4: { period: 4, kind: 'chunked' },
  exaone4: { period: 4, kind: 'sliding' },
  // OLMo 3 (converted to olmo2): three sliding layers, then one global (llama.cpp set_swa_pattern(4)).
  olmo2: { period: 4, kind: 'sliding' },
};

const DEFAULT_WINDOWS: Record<string, number> = { llama4: 8192, gemma2: 4096 };

export interface GgufModelResult {
  input: ModelInput;
  fileType: string | null;
  warnings: string[];
  architecture: string;
  parameterCount: number;
  weightsBytes: number;
}

function num(v: GgufValue | undefined): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'bigint') return Number(v);
  return undefined;
}

/** A scalar, or an array's items as numbers (per-layer values). */
function numOrArray(v: GgufValue | undefined): number | number[] | undefined {
  if (isGgufArray(v)) {
    if (!v.values) return undefined;
    const out = v.values.map((x) =>
      typeof x === 'number' ? x : typeof x === 'bigint' ? Number(x) : typeof x === 'boolean' ? Number(x) : NaN,
    );
    return out.every(Number.isFinite) ? out : undefined;
  }
  return num(v);
}

function maxOf(v: number | number[] | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return v;
  // A loop, not Math.max(...v): a crafted per-layer array can be long enough to overflow the stack.
  return v.length ? v.reduce((a, b) => (b > a ? b : a), -Infinity) : undefined;
}

function layerOf(name: string): number | null {
  const m = /^blk\.(\d+)\./.exec(name);
  return m ? Number(m[1]) : null;
}

function orderShards(headers: GgufHeader[]): GgufHeader[] {
  if (headers.length <= 1) return headers;
  const withNo = headers.map((h, i) => ({ h, no: num(h.metadata.get('split.no')) ?? i }));
  withNo.sort((a, b) => a.no - b.no);
  return withNo.map((x) => x.h);
}

type Lookup = (key: string) => GgufValue | undefined;

/** All shards' tensors once each (duplicates counted, the first 20 named), with their totals. */
function collectTensors(
  shards: GgufHeader[],
  warnings: string[],
): { tensors: TensorInfo[]; seen: Set<string>; parameterCount: number; weightsBytes: number } {
  const tensors: TensorInfo[] = [];
  const seen = new Set<string>();
  let dupTensors = 0;
  let parameterCount = 0;
  let weightsBytes = 0;
  for (const h of shards) {
    for (const t of h.tensors) {
      if (seen.has(t.name)) {
        dupTensors += 1;
        if (dupTensors <= MAX_LISTED_WARNINGS)
          warnings.push(`Tensor "${quoteName(t.name)}" appears more than once; duplicates are ignored.`);
        continue;
      }
      seen.add(t.name);
      tensors.push({ name: t.name, shape: [...t.dims], type: t.type, bytes: t.bytes, layer: layerOf(t.name) });
      parameterCount += t.elements;
      weightsBytes += t.bytes;
    }
  }
  if (dupTensors > MAX_LISTED_WARNINGS) warnings.push(`…and ${dupTensors - MAX_LISTED_WARNINGS} more tensors appear more than once.`);
  return { tensors, seen, parameterCount, weightsBytes };
}

interface Dims {
  layers: number;
  hiddenSize: number;
  vocabSize: number;
  intermediateSize: number;
  heads: number;
  kvHeads: number | number[];
}

/** Layer count, widths, vocabulary and head counts: metadata first, else what the tensors show. */
function readDims(a: Lookup, md: GgufHeader['metadata'], tensors: TensorInfo[], missing: string[]): Dims {
  const tensorByName = new Map(tensors.map((t) => [t.name, t]));
  let maxLayer = -1;
  for (const t of tensors) if (t.layer !== null && t.layer > maxLayer) maxLayer = t.layer;
  let layers = num(a('block_count'));
  if (layers === undefined) {
    missing.push('block_count');
    layers = maxLayer + 1;
  }
  const embd = tensorByName.get('token_embd.weight');
  let hiddenSize = num(a('embedding_length'));
  if (hiddenSize === undefined) {
    missing.push('embedding_length');
    hiddenSize = embd?.shape[0] ?? 0;
  }
  let vocabSize: number | undefined;
  const tokens = md.get('tokenizer.ggml.tokens');
  if (isGgufArray(tokens)) vocabSize = tokens.length;
  vocabSize ??= num(a('vocab_size'));
  vocabSize ??= embd?.shape[1];
  if (vocabSize === undefined) {
    missing.push('vocab_size');
    vocabSize = 0;
  }
  let intermediateSize = maxOf(numOrArray(a('feed_forward_length')));
  if (intermediateSize === undefined) {
    intermediateSize = tensorByName.get('blk.0.ffn_up.weight')?.shape[1];
    if (intermediateSize === undefined) {
      missing.push('feed_forward_length');
      intermediateSize = 0;
    }
  }
  const heads0 = maxOf(numOrArray(a('attention.head_count')));
  if (heads0 === undefined) missing.push('attention.head_count');
  const heads = heads0 ?? 0;
  const kvRaw = numOrArray(a('attention.head_count_kv'));
  let kvHeads: number | number[];
  if (kvRaw === undefined) kvHeads = heads;
  else if (typeof kvRaw === 'number') kvHeads = kvRaw;
  else kvHeads = kvRaw.every((x) => x === kvRaw[0]) ? (kvRaw[0] ?? heads) : kvRaw;
  return { layers, hiddenSize, vocabSize, intermediateSize, heads, kvHeads };
}

/** Per-head K/V widths, and the MLA latent sizes where the file has them. */
function readHeadDims(a: Lookup, dims: Dims, hasQ: boolean, missing: string[]): { headDimK: number; headDimV: number; mla?: MlaSpec } {
  const mlaRank = num(a('attention.kv_lora_rank'));
  const ropeDim = num(a('rope.dimension_count'));
  let headDimK = num(a('attention.key_length'));
  let headDimV = num(a('attention.value_length'));
  let mla: MlaSpec | undefined;
  if (mlaRank !== undefined && mlaRank > 0) {
    // Files converted for MLA absorption store the latent sizes in key_length/value_length and the
    // per-head sizes in *_mla; older files store the per-head sizes directly.
    const kHead = num(a('attention.key_length_mla')) ?? headDimK ?? 0;
    const vHead = num(a('attention.value_length_mla')) ?? headDimV ?? 0;
    const rope = ropeDim ?? 64;
    mla = {
      kvLoraRank: mlaRank,
      qLoraRank: num(a('attention.q_lora_rank')) ?? 0,
      qkNopeHeadDim: Math.max(0, kHead - rope),
      qkRopeHeadDim: rope,
      vHeadDim: vHead,
    };
    headDimK = kHead;
    headDimV = vHead;
  }
  if (headDimK === undefined) {
    headDimK = dims.heads > 0 ? Math.floor(dims.hiddenSize / dims.heads) : 0;
    if (!hasQ && dims.heads > 0) missing.push('attention.key_length');
  }
  return { headDimK, headDimV: headDimV ?? headDimK, ...(mla ? { mla } : {}) };
}

/** An explicit pattern key (number = period, bool array = per-layer flags), else the architecture's fixed pattern as llama.cpp hard-codes it. */
function readSlidingWindow(a: Lookup, architecture: string, warnings: string[]): SlidingWindowSpec | undefined {
  // llama.cpp hard-codes the window where converters did not write one (Llama 4: 8192-token chunks).
  const window =
    num(a('attention.sliding_window')) ??
    num(a('attention.chunk_size')) ??
    (Object.hasOwn(DEFAULT_WINDOWS, architecture) ? DEFAULT_WINDOWS[architecture] : undefined);
  if (window === undefined || window <= 0) return undefined;
  const known = Object.hasOwn(SWA_PATTERNS, architecture) ? SWA_PATTERNS[architecture] : undefined;
  let period = known?.period;
  const pat = a('attention.sliding_window_pattern');
  const patNum = num(pat);
  if (patNum !== undefined && patNum > 0) period = patNum;
  else if (isGgufArray(pat) && pat.values) {
    const firstGlobal = pat.values.map(Boolean).indexOf(false);
    period = firstGlobal < 0 ? 1 : firstGlobal + 1;
  }
  if (period === undefined) {
    warnings.push(
      `Sliding window of ${window} tokens found, but the layer pattern of "${architecture}" is unknown; every layer is treated as local.`,
    );
    period = 1;
  }
  return { window, period, kind: known?.kind ?? 'sliding' };
}

function readMoe(a: Lookup, tensors: TensorInfo[], intermediateSize: number, missing: string[]): MoeSpec | undefined {
  const experts = num(a('expert_count'));
  if (experts === undefined || experts <= 0) return undefined;
  let expertFfnSize = num(a('expert_feed_forward_length'));
  if (expertFfnSize === undefined) {
    const exps = tensors.find((t) => /ffn_(up|gate)_exps\.weight$/.test(t.name));
    expertFfnSize = exps?.shape[1] ?? intermediateSize;
  }
  const shexpTensor = tensors.find((t) => /ffn_up_shexp\.weight$/.test(t.name));
  const sharedFf = num(a('expert_shared_feed_forward_length')) ?? shexpTensor?.shape[1];
  const used = num(a('expert_used_count'));
  if (used === undefined) missing.push('expert_used_count');
  const moe: MoeSpec = {
    experts,
    expertsActive: used ?? 1,
    sharedExperts: num(a('expert_shared_count')) ?? (shexpTensor ? 1 : 0),
    expertFfnSize,
    denseLeadingLayers: num(a('leading_dense_block_count')) ?? 0,
    layerStep: num(a('interleave_moe_layer_step')) ?? 1,
    expertBias: tensors.some((t) => /ffn_(up|down|gate)_exps\.bias$/.test(t.name)),
    sharedExpertGate: tensors.some((t) => /ffn_gate_inp_shexp\.weight$/.test(t.name)),
  };
  if (sharedFf !== undefined) moe.sharedExpertFfnSize = sharedFf;
  // Where a pattern string places the experts (Nemotron 3's "E" blocks), the file's expert tensors say which layers.
  const expertLayers = [...new Set(tensors.filter((t) => t.layer !== null && /_exps\.weight$/.test(t.name)).map((t) => t.layer!))];
  expertLayers.sort((x, y) => x - y);
  let ruled = 0;
  for (let il = 0; il <= (expertLayers.at(-1) ?? -1); il++)
    if (il >= moe.denseLeadingLayers && (il + 1) % Math.max(1, moe.layerStep) === 0) ruled++;
  if (expertLayers.length > 0 && expertLayers.length !== ruled) moe.layers = expertLayers;
  return moe;
}

function readRecurrent(a: Lookup, tensors: TensorInfo[], hidden: number, warnings: string[]): RecurrentSpec | undefined {
  const re = /\.(ssm_|shortconv\.)/;
  const recurrentLayers = [...new Set(tensors.filter((t) => t.layer !== null && re.test(t.name)).map((t) => t.layer!))];
  if (recurrentLayers.length === 0) return undefined;
  const layers = recurrentLayers.sort((x, y) => x - y);
  // LFM2's short convolution keeps only n_embd·(L − 1) of conv state (llama-hparams.cpp n_embd_r).
  const lCache = num(a('shortconv.l_cache'));
  if (lCache !== undefined) return { layers, stateElementsPerLayer: hidden * Math.max(0, lCache - 1) };
  // llama.cpp's n_embd_r + n_embd_s: conv state (d_conv − 1)·(d_inner + 2·n_group·d_state) and the
  // SSM state d_state·d_inner per layer per sequence (f32). Gated DeltaNet files (Qwen3-Next) store
  // the value width as inner_size, head_k_dim as state_size and the key heads as group_count.
  const dConv = num(a('ssm.conv_kernel'));
  const dInner = num(a('ssm.inner_size'));
  const dState = num(a('ssm.state_size'));
  const nGroup = num(a('ssm.group_count')) ?? 0;
  if (dConv !== undefined && dInner !== undefined && dState !== undefined) {
    const stateElementsPerLayer = Math.max(0, dConv - 1) * (dInner + 2 * nGroup * dState) + dState * dInner;
    // Mamba-2 files carry ssm_d; the mixer's sizes feed the compute model.
    const nHead = num(a('ssm.time_step_rank'));
    if (nHead === undefined || !tensors.some((t) => /\.ssm_d$/.test(t.name))) return { layers, stateElementsPerLayer };
    const convBias = tensors.some((t) => /\.ssm_conv1d\.bias$/.test(t.name));
    return { layers, stateElementsPerLayer, mixer: { kind: 'mamba2', dConv, dInner, dState, nGroup, nHead, convBias } };
  }
  warnings.push('Recurrent (state-space) layers were found but their ssm.* sizes are missing; their state is not counted.');
  return undefined;
}

/** Gemma 3n: the last layers reuse earlier KV (llama.cpp n_layer_kv_from_start, 20 unless the file says), and AltUp's sizes. */
function readGemma3n(spec: ModelSpec, a: Lookup, tensors: TensorInfo[], architecture: string): void {
  const sharedKv = num(a('attention.shared_kv_layers'));
  if (sharedKv !== undefined && sharedKv > 0) spec.kvLayers = spec.layers - sharedKv;
  else if (architecture === 'gemma3n') spec.kvLayers = Math.min(20, spec.layers);
  const altupProj = tensors.find((t) => t.name === 'altup_proj.weight');
  if (altupProj) {
    const laurel = tensors.find((t) => t.name === 'blk.0.laurel_l.weight');
    const perLayerWidth = num(a('embedding_length_per_layer_input')) ?? 256;
    spec.altup = { inputs: (altupProj.shape[2] ?? 3) + 1, laurelRank: laurel?.shape[1] ?? 64, perLayerWidth };
  }
}

/** Structure read off the tensor names: gated FFN, biases, norms, QK-norm, sinks. */
function tensorTraits(
  tensors: TensorInfo[],
  a: Lookup,
): Pick<ModelSpec, 'gatedFfn' | 'bias' | 'norm' | 'normsPerLayer' | 'qkNorm'> & { sinks: boolean } {
  const blk0 = tensors.filter((t) => t.layer === 0).map((t) => t.name.slice('blk.0.'.length));
  const anyLayer = (re: RegExp) => tensors.some((t) => t.layer !== null && re.test(t.name));
  return {
    gatedFfn: anyLayer(/\.ffn_gate(_exps)?\.weight$/) || anyLayer(/\.ffn_gate_up/),
    bias: {
      qkv: anyLayer(/\.attn_(q|k|v|qkv)\.bias$/),
      attnOut: anyLayer(/\.attn_output\.bias$/),
      ffn: anyLayer(/\.ffn_(up|down|gate)\.bias$/),
    },
    norm: anyLayer(/\.attn_norm\.bias$/) || a('attention.layer_norm_epsilon') !== undefined ? 'layer' : 'rms',
    normsPerLayer: blk0.filter((n) => /norm\.weight$/.test(n) && !/^attn_(q|k)_norm/.test(n)).length,
    qkNorm: anyLayer(/\.attn_q_norm\.weight$/),
    sinks: anyLayer(/\.attn_sinks(\.weight)?$/),
  };
}

export function ggufToModelInput(headers: GgufHeader[], opts: { id?: string; name?: string } = {}): GgufModelResult {
  if (headers.length === 0) throw new GgufError('No GGUF header to read.');
  const shards = orderShards(headers);
  const md = shards[0]!.metadata;
  const warnings: string[] = [];
  for (const h of shards) for (const w of h.warnings) warnings.push(w);

  const splitCount = num(md.get('split.count'));
  if (splitCount !== undefined && splitCount > 0 && splitCount !== shards.length) {
    warnings.push(`The split set has ${splitCount} files but ${shards.length} were read; the tensor list is incomplete.`);
  }
  const { tensors, seen, parameterCount, weightsBytes } = collectTensors(shards, warnings);
  const expectedTensors = num(md.get('split.tensors.count'));
  if (expectedTensors !== undefined && expectedTensors !== tensors.length) {
    warnings.push(`The header lists ${expectedTensors} tensors across the split set but ${tensors.length} were found.`);
  }

  const archValue = md.get('general.architecture');
  const architecture = typeof archValue === 'string' && archValue.length > 0 ? archValue : 'unknown';
  if (architecture === 'unknown') warnings.push('The file does not name its architecture (general.architecture).');
  const a: Lookup = (key) => md.get(`${architecture}.${key}`);
  const missing: string[] = [];

  const dims = readDims(a, md, tensors, missing);
  const { headDimK, headDimV, mla } = readHeadDims(a, dims, seen.has('blk.0.attn_q.weight'), missing);
  let maxContext = num(a('context_length'));
  if (maxContext === undefined) {
    missing.push('context_length');
    maxContext = 4096;
  }
  const slidingWindow = readSlidingWindow(a, architecture, warnings);
  const moe = readMoe(a, tensors, dims.intermediateSize, missing);
  const recurrent = readRecurrent(a, tensors, dims.hiddenSize, warnings);

  for (const key of missing) warnings.push(`Missing ${architecture}.${key} in the header; a fallback value was used.`);
  if (!KNOWN_ARCHITECTURES.includes(architecture) && !ENCODER_ARCHITECTURES.includes(architecture)) {
    warnings.push(`Architecture "${architecture}" is not one VRAM Planner knows; the figures use what the header says.`);
  }

  const nameValue = md.get('general.name');
  const name = opts.name ?? (typeof nameValue === 'string' && nameValue ? nameValue : architecture);
  const { sinks, ...traits } = tensorTraits(tensors, a);
  const spec: ModelSpec = {
    id: opts.id ?? `gguf:${name}`,
    name,
    architecture,
    layers: dims.layers,
    hiddenSize: dims.hiddenSize,
    intermediateSize: dims.intermediateSize,
    heads: dims.heads,
    kvHeads: dims.kvHeads,
    headDimK,
    headDimV,
    vocabSize: dims.vocabSize,
    tiedEmbeddings: !seen.has('output.weight'),
    maxContext,
    ...traits,
    parameterCountOverride: parameterCount,
    basis: 'gguf',
  };
  if (sinks) spec.attentionSinks = true;
  if (slidingWindow) spec.slidingWindow = slidingWindow;
  if (mla) spec.mla = mla;
  if (moe) spec.moe = moe;
  if (recurrent) spec.recurrent = recurrent;
  readGemma3n(spec, a, tensors, architecture);
  applyGgufEncoder(spec, tensors);

  const ft = num(md.get('general.file_type'));
  const fileType = ft === undefined ? null : fileTypeName(ft);
  if (ft !== undefined && fileType === null) warnings.push(`Unknown general.file_type ${ft}.`);

  return { input: { spec, tensors }, fileType, warnings, architecture, parameterCount, weightsBytes };
}
