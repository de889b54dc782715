// KV cache per layer and per runtime. llama.cpp (src/llama-context.cpp, llama-kv-cache*.cpp):
// n_ctx is padded to 256, each of the n_seq streams (non-unified cache) gets pad(n_ctx/n_seq, 256)
// cells, a sliding-window layer keeps pad(min(cells, n_swa + n_ubatch), 256) cells unless --swa-full,
// rows are ggml_row_size(type, n_head_kv·head_dim) so q8_0/q4_0 carry their block scales, and MLA
// caches one latent row (kv_lora_rank + rope dim) with V as a view of it. vLLM: pages of 16 tokens,
// n_kv_heads·(head_size + head_size_v)·dtype per token per layer (MLA: the latent). transformers:
// DynamicCache in the model dtype, no padding, full heads even for MLA models.

import { isRecurrentLayer, isSlidingLayer, kvHeadsAt } from '../model/tensors';
import type { ModelSpec } from '../model/types';
import { ggmlType } from '../quant/ggml-types';
import type { EstimateSettings, KvCacheType } from './types';

export const LLAMA_CTX_PAD = 256;
export const VLLM_BLOCK = 16;

export function padTo(n: number, pad: number): number {
  return Math.ceil(n / pad) * pad;
}

/** Block size and bytes per block of each KV cache type (ggml type traits). */
const KV_BLOCK: Record<string, readonly [number, number]> = {
  f32: [1, 4],
  f16: [1, 2],
  bf16: [1, 2],
  q8_0: [ggmlType('Q8_0').blockSize, ggmlType('Q8_0').typeSize],
  q4_0: [ggmlType('Q4_0').blockSize, ggmlType('Q4_0').typeSize],
  q4_1: [ggmlType('Q4_1').blockSize, ggmlType('Q4_1').typeSize],
  q5_0: [ggmlType('Q5_0').blockSize, ggmlType('Q5_0').typeSize],
  q5_1: [ggmlType('Q5_1').blockSize, ggmlType('Q5_1').typeSize],
  iq4_nl: [ggmlType('IQ4_NL').blockSize, ggmlType('IQ4_NL').typeSize],
  fp8: [ggmlType('Q8_0').blockSize, ggmlType('Q8_0').typeSize],
};

/** ggml_row_size for a KV row; rows that are not a whole number of blocks round up (llama.cpp would refuse). */
export function kvRowBytes(type: KvCacheType, elements: number): number {
  if (elements <= 0) return 0;
  const [block, size] = KV_BLOCK[type] ?? KV_BLOCK.q8_0!;
  return Math.ceil(elements / block) * size;
}

export interface LayerKv {
  /** K and V row elements per token. */
  kElems: number;
  vElems: number;
  kind: 'full' | 'sliding' | 'recurrent' | 'none';
}

export function layerKvShape(spec: ModelSpec, il: number, runtime: EstimateSettings['runtime']): LayerKv {
  // Encoder-only models attend over the current input only: llama.cpp creates no memory for them.
  if (spec.encoder) return { kElems: 0, vElems: 0, kind: 'none' };
  if (isRecurrentLayer(spec, il)) return { kElems: 0, vElems: 0, kind: 'recurrent' };
  // Gemma 3n's last layers attend over an earlier layer's cache and store none of their own.
  if (spec.kvLayers !== undefined && il >= spec.kvLayers) return { kElems: 0, vElems: 0, kind: 'none' };
  const kind = isSlidingLayer(spec, il) ? 'sliding' : 'full';
  if (spec.mla) {
    const latent = spec.mla.kvLoraRank + spec.mla.qkRopeHeadDim;
    // DeepSeek V3.2's indexer caches one key of index_head_dim per token per layer beside the latent.
    const indexer = spec.indexer?.headDim ?? 0;
    if (runtime === 'transformers') {
      // HF's DeepSeek modelling caches decompressed per-head keys and values.
      return {
        kElems: spec.heads * (spec.mla.qkNopeHeadDim + spec.mla.qkRopeHeadDim) + indexer,
        vElems: spec.heads * spec.mla.vHeadDim,
        kind,
      };
    }
    return { kElems: latent + indexer, vElems: 0, kind };
  }
  const kv = kvHeadsAt(spec, il);
  if (kv <= 0) return { kElems: 0, vElems: 0, kind: 'none' };
  return { kElems: kv * spec.headDimK, vElems: kv * spec.headDimV, kind };
}

/** Per-layer KV facts of a spec, computed once per spec (see estimate/index.ts). */
export interface LayerPlan {
  kinds: Array<LayerKv['kind']>;
  /** K/V row elements per token for llama.cpp and vLLM (MLA: the latent). */
  k: number[];
  v: number[];
  /** K/V row elements per token for transformers (MLA: decompressed heads). */
  kHf: number[];
  vHf: number[];
  hasFull: boolean;
  /** Largest K+V row elements of one layer. */
  maxElems: number;
}

export function layerPlan(spec: ModelSpec): LayerPlan {
  const plan: LayerPlan = { kinds: [], k: [], v: [], kHf: [], vHf: [], hasFull: false, maxElems: 0 };
  for (let il = 0; il < spec.layers; il++) {
    const a = layerKvShape(spec, il, 'llama.cpp');
    const b = spec.mla ? layerKvShape(spec, il, 'transformers') : a;
    plan.kinds.push(a.kind);
    plan.k.push(a.kElems);
    plan.v.push(a.vElems);
    plan.kHf.push(b.kElems);
    plan.vHf.push(b.vElems);
    if (a.kind === 'full') plan.hasFull = true;
    plan.maxElems = Math.max(plan.maxElems, a.kElems + a.vElems);
  }
  return plan;
}

export interface KvResult {
  bytes: number;
  perLayer: number[];
  contextAllocated: number;
  bytesPerToken: number;
  slidingCells: number;
  fixedBytes: number;
  basis: string;
}

/** Bytes per element for vLLM / transformers caches (they store a float dtype, or fp8 in vLLM). */
function floatKvBytes(type: KvCacheType, runtime: EstimateSettings['runtime']): number {
  if (type === 'f32') return 4;
  if (type === 'fp8' && runtime === 'vllm') return 1;
  return 2;
}

export function llamaCppKv(spec: ModelSpec, s: EstimateSettings, ubatch: number, plan: LayerPlan = layerPlan(spec)): KvResult {
  const pad = s.kvPadding ?? LLAMA_CTX_PAD;
  // Non-unified: one stream per sequence of pad(context) cells. Unified: one stream of
  // pad(context × parallel) cells, and sliding layers keep n_swa × n_seq + ubatch.
  const unified = s.kvUnified === true && s.parallel > 1;
  const streams = unified ? 1 : s.parallel;
  const ctxSeq = unified ? padTo(s.context * s.parallel, pad) : padTo(s.context, pad);
  const sw = spec.slidingWindow;
  // The iSWA cache is always padded to 256 (llama-kv-cache-iswa.cpp), independent of n_ctx's pad.
  const swaCells = sw ? (s.swaFull ? ctxSeq : padTo(Math.min(ctxSeq, sw.window * (unified ? s.parallel : 1) + ubatch), 256)) : 0;
  const kType = s.kvTypeK === 'fp8' ? 'q8_0' : s.kvTypeK;
  const vType = s.kvTypeV === 'fp8' ? 'q8_0' : s.kvTypeV;
  const perLayer: number[] = [];
  let bytesPerToken = 0;
  let fixed = 0;
  for (let il = 0; il < spec.layers; il++) {
    const kind = plan.kinds[il];
    let b = 0;
    if (kind === 'recurrent') {
      // Recurrent state is f32, one row per sequence (llama_memory_recurrent's mem_size = n_seq_max) even with a unified KV cache.
      b = (spec.recurrent?.stateElementsPerLayer ?? 0) * 4 * s.parallel;
      fixed += b;
    } else if (kind !== 'none') {
      const row = kvRowBytes(kType, plan.k[il]!) + kvRowBytes(vType, plan.v[il]!);
      const cells = kind === 'sliding' ? swaCells : ctxSeq;
      b = row * cells * streams;
      if (kind === 'full') bytesPerToken += row;
      else fixed += b;
    }
    perLayer.push(b);
  }
  const bytes = perLayer.reduce((a, b) => a + b, 0);
  const rec = spec.recurrent;
  const recNote = rec
    ? `; ${rec.layers.length} recurrent layers hold ${rec.stateElementsPerLayer} f32 state values each per sequence instead (RS buffer, independent of context)`
    : '';
  const swaNote = sw ? `, sliding layers keep ${swaCells} cells${s.swaFull ? ' (--swa-full)' : ' (window + ubatch, padded to 256)'}` : '';
  return {
    bytes,
    perLayer,
    contextAllocated: ctxSeq,
    bytesPerToken,
    slidingCells: swaCells,
    fixedBytes: fixed,
    basis: `llama.cpp cache: ${streams} stream(s) × ${ctxSeq} cells (context padded to ${pad}${unified ? ', unified' : ''}) × per-layer K ${kType} + V ${vType} rows${spec.mla ? ' (MLA latent, V is a view of K)' : ''}${spec.indexer ? ` plus the indexer's ${spec.indexer.headDim}-wide key per token` : ''}${swaNote}${recNote}.`,
  };
}

/**
 * Per-layer cache of a runtime without llama.cpp's cell padding: recurrent layers hold a fixed state,
 * full-attention layers grow with the context, sliding layers stop at their window.
 */
function walkLayers(
  spec: ModelSpec,
  plan: LayerPlan,
  parallel: number,
  rowBytes: (il: number) => number,
  cells: { full: number; sliding: number },
): { perLayer: number[]; bytesPerToken: number; fixed: number; perTokenAll: number } {
  const perLayer: number[] = [];
  let bytesPerToken = 0;
  let fixed = 0;
  let perTokenAll = 0;
  for (let il = 0; il < spec.layers; il++) {
    const kind = plan.kinds[il];
    let b = 0;
    if (kind === 'recurrent') {
      b = (spec.recurrent?.stateElementsPerLayer ?? 0) * 4 * parallel;
      fixed += b;
    } else if (kind !== 'none') {
      const row = rowBytes(il);
      perTokenAll += row;
      if (kind === 'sliding') {
        b = row * cells.sliding * parallel;
        fixed += b;
      } else {
        b = row * cells.full * parallel;
        bytesPerToken += row;
      }
    }
    perLayer.push(b);
  }
  return { perLayer, bytesPerToken, fixed, perTokenAll };
}

/** DeepSeek sparse attention's quantisation block: one fp32 scale per 128 key elements. */
const INDEXER_QUANT_BLOCK = 128;

/**
 * The lightning indexer's cached key per token and layer in vLLM and SGLang: index_head_dim fp8 bytes plus an
 * fp32 scale per 128 (vLLM DeepseekV32IndexerCache and SGLang's NSA token pool both size it
 * index_head_dim + index_head_dim // 128 × 4 bytes of uint8). DeepSeek-V3.2 on 8 × H200 and 8 × B200 (vLLM 0.18 /
 * 0.19, tests/fixtures/serving S252) logs pools of exactly 61 × (1152 + 132) bytes per token.
 */
export function vllmIndexerKeyBytes(headDim: number): number {
  return headDim > 0 ? headDim + Math.floor(headDim / INDEXER_QUANT_BLOCK) * 4 : 0;
}

export function vllmKv(spec: ModelSpec, s: EstimateSettings, plan: LayerPlan = layerPlan(spec)): KvResult & { perTokenAllLayers: number } {
  const el = floatKvBytes(s.kvTypeK, 'vllm');
  const tokens = padTo(s.context, VLLM_BLOCK);
  const sw = spec.slidingWindow;
  const swTokens = sw ? Math.min(tokens, padTo(sw.window + s.maxBatchedTokens, VLLM_BLOCK)) : 0;
  // The indexer's key is stored apart from the latent, in fp8 whatever the cache dtype (vllmIndexerKeyBytes).
  const ix = spec.mla ? (spec.indexer?.headDim ?? 0) : 0;
  const row = (il: number) => (plan.k[il]! - ix + plan.v[il]!) * el + vllmIndexerKeyBytes(ix);
  const w = walkLayers(spec, plan, s.parallel, row, { full: tokens, sliding: swTokens });
  return {
    bytes: w.perLayer.reduce((a, b) => a + b, 0),
    perLayer: w.perLayer,
    contextAllocated: tokens,
    bytesPerToken: w.bytesPerToken,
    slidingCells: swTokens,
    fixedBytes: w.fixed,
    perTokenAllLayers: w.perTokenAll,
    basis:
      `vLLM paged cache: ${s.parallel} × ${tokens} tokens in ${VLLM_BLOCK}-token blocks × n_kv_heads·(head_size + head_size_v) × ${el} B per layer${spec.mla ? ' (MLA latent)' : ''}` +
      (ix > 0
        ? `, plus the indexer's ${ix}-wide fp8 key and its fp32 scale per ${INDEXER_QUANT_BLOCK} (${vllmIndexerKeyBytes(ix)} B per layer).`
        : '.'),
  };
}

export function transformersKv(spec: ModelSpec, s: EstimateSettings, dtypeBytes: number, plan: LayerPlan = layerPlan(spec)): KvResult {
  const el = s.kvTypeK === 'f32' ? 4 : dtypeBytes;
  const sw = spec.slidingWindow;
  const swCells = sw ? Math.min(s.context, sw.window) : 0;
  const w = walkLayers(spec, plan, s.parallel, (il) => (plan.kHf[il]! + plan.vHf[il]!) * el, { full: s.context, sliding: swCells });
  return {
    bytes: w.perLayer.reduce((a, b) => a + b, 0),
    perLayer: w.perLayer,
    contextAllocated: s.context,
    bytesPerToken: w.bytesPerToken,
    slidingCells: swCells,
    fixedBytes: w.fixed,
    basis: `transformers DynamicCache: ${s.parallel} × ${s.context} tokens × K+V per layer in ${el}-byte elements, no padding.`,
  };
}
