// Weight bytes per tensor: exact from a file's tensor table, or priced from the spec's tensor inventory
// with the llama-quantize recipe (GGUF file types) or the HF packer's layout.

import { countFromTensors } from '../model/params';
import { listTensors, tensorElements, type TensorRole, type TensorSpec } from '../model/tensors';
import type { ModelSpec } from '../model/types';
import { ggmlBytes, ggmlType } from '../quant/ggml-types';
import { resolveQuant, type QuantFormat } from '../quant/formats';
import { hfTensorBytes } from '../quant/hf';
import { isLayerDependentRole, tensorTypeForFileType } from '../quant/recipes';
import type { TensorInfo } from './types';

export interface PricedWeights {
  bytes: number;
  perLayer: number[];
  tokenEmbedding: number;
  output: number;
  other: number;
  byType: Record<string, number>;
  elements: number;
  parameterCount: number;
  activeParameterCount: number;
  /** Quant label: "Q4_K_M (Q4_K 80 %, Q6_K 19 %, F32 1 %)". */
  label: string;
  exact: boolean;
}

/**
 * The structural fields of a spec as a flat list, so a cached result survives only while the spec is
 * unchanged (callers such as Svelte state may mutate a spec in place).
 */
export function specShape(s: ModelSpec, out: unknown[] = []): unknown[] {
  const m = s.moe;
  const a = s.mla;
  const w = s.slidingWindow;
  out.length = 0;
  out.push(
    s.architecture,
    s.layers,
    s.hiddenSize,
    s.intermediateSize,
    s.heads,
    typeof s.kvHeads === 'number' ? s.kvHeads : s.kvHeads.join('.'),
    s.headDimK,
    s.headDimV,
    s.vocabSize,
    s.tiedEmbeddings,
    s.gatedFfn,
    s.bias.qkv,
    s.bias.attnOut,
    s.bias.ffn,
    s.norm,
    s.normBias,
    s.normsPerLayer,
    s.qkNorm,
    s.qkNormPerHead,
    s.attentionSinks,
    m?.experts,
    m?.expertsActive,
    m?.sharedExperts,
    m?.expertFfnSize,
    m?.sharedExpertFfnSize,
    m?.denseLeadingLayers,
    m?.layerStep,
    m?.expertBias,
    m?.routerBias,
    m?.scoreCorrectionBias,
    m?.sharedExpertGate,
    a?.kvLoraRank,
    a?.qLoraRank,
    a?.qkNopeHeadDim,
    a?.qkRopeHeadDim,
    a?.vHeadDim,
    w?.window,
    w?.period,
    w?.kind,
    s.recurrent ? s.recurrent.layers.join('.') : undefined,
    s.recurrent?.stateElementsPerLayer,
    s.parameterCountOverride,
  );
  return out;
}

function sameShape(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** String form of specShape, for callers that need a key. */
export function specFingerprint(s: ModelSpec): string {
  return specShape(s)
    .map((v) => String(v))
    .join('|');
}

interface TensorGroup {
  role: TensorRole;
  shape: number[];
  elements: number;
  /** Block indices of the members; empty for non-layer tensors. */
  layers: number[];
  /** Members outside any block (token_embd, output, output_norm). */
  nonLayer: number;
}

function groupTensors(tensors: readonly TensorSpec[]): TensorGroup[] {
  const byKey = new Map<string, TensorGroup>();
  for (const t of tensors) {
    const key = `${t.role}|${t.shape.join('x')}`;
    let g = byKey.get(key);
    if (!g) {
      g = { role: t.role, shape: t.shape, elements: tensorElements(t.shape), layers: [], nonLayer: 0 };
      byKey.set(key, g);
    }
    if (t.layer === null) g.nonLayer++;
    else g.layers.push(t.layer);
  }
  return [...byKey.values()];
}

export interface CacheEntry {
  shape: unknown[];
  tensors: TensorSpec[];
  /** Tensors grouped by role and shape (identical layers share a group), so pricing runs per group. */
  groups: TensorGroup[];
  counts: { total: number; active: number };
  priced: Map<string, PricedWeights>;
  /** Quant-independent results (KV, compute) keyed by the settings they depend on. */
  memo: Map<string, unknown>;
}

const cache = new WeakMap<ModelSpec, CacheEntry>();

/** The cache entry of a spec, rebuilt when its structural fingerprint changed. */
export function specEntry(spec: ModelSpec): CacheEntry {
  return entryFor(spec);
}

const scratch: unknown[] = [];

function entryFor(spec: ModelSpec): CacheEntry {
  specShape(spec, scratch);
  const hit = cache.get(spec);
  if (hit && sameShape(hit.shape, scratch)) return hit;
  const shape = scratch.slice();
  const tensors = listTensors(spec);
  const counts = countFromTensors(spec, tensors);
  const entry: CacheEntry = { shape, tensors, groups: groupTensors(tensors), counts, priced: new Map(), memo: new Map() };
  cache.set(spec, entry);
  return entry;
}

/**
 * Memo for results that depend on the spec and some settings but not on the quant (KV, compute), so a
 * sweep over quant formats computes them once per model. Bounded; dropped when the spec changes.
 */
export function specMemo<T>(spec: ModelSpec, key: string, make: () => T, entry: CacheEntry = entryFor(spec)): T {
  const memo = entry.memo;
  const hit = memo.get(key);
  if (hit !== undefined) return hit as T;
  const value = make();
  if (memo.size >= 64) memo.clear();
  memo.set(key, value);
  return value;
}

/** The spec's tensor list, cached per spec object (invalidated when the spec's shape fields change). */
export function cachedTensors(spec: ModelSpec): TensorSpec[] {
  return entryFor(spec).tensors;
}

function fileMixLabel(byType: Record<string, number>, total: number): string {
  const parts = Object.entries(byType)
    .sort((a, b) => b[1] - a[1])
    .filter(([, b]) => b / Math.max(1, total) >= 0.005)
    .map(([t, b]) => `${t} ${Math.round((b / Math.max(1, total)) * 100)} %`);
  return parts.length > 1 ? parts.join(', ') : (Object.keys(byType)[0] ?? '');
}

function mixLabel(id: string, byType: Record<string, number>, total: number): string {
  const parts = Object.entries(byType)
    .sort((a, b) => b[1] - a[1])
    .filter(([, b]) => b / total >= 0.005)
    .map(([t, b]) => `${t} ${Math.round((b / total) * 100)} %`);
  return parts.length > 1 ? `${id} (${parts.join(', ')})` : id;
}

function priceOne(
  format: QuantFormat,
  role: TensorRole,
  shape: readonly number[],
  n: number,
  layer: number | null,
  spec: ModelSpec,
  imatrix: boolean | undefined,
): { type: string; bytes: number } {
  if (format.family === 'gguf') {
    const type = tensorTypeForFileType(format.id, role, layer, spec, { shape, imatrix });
    return { type, bytes: ggmlBytes(ggmlType(type), n) };
  }
  return hfTensorBytes(format, role, shape);
}

/** Prices the spec's inventory in `quant`; cached per (spec, quant, imatrix). */
export function priceSpecWeights(spec: ModelSpec, quant: string, imatrix?: boolean, entry: CacheEntry = entryFor(spec)): PricedWeights {
  const format = resolveQuant(quant);
  // Reusing the format's id string keeps V8's cached string hash on the hot path.
  const key = imatrix === undefined ? format.id : `${format.id}|${imatrix ? 1 : 0}`;
  const hit = entry.priced.get(key);
  if (hit) return hit;
  const perLayer = new Array<number>(spec.layers).fill(0);
  const byType: Record<string, number> = {};
  let tokenEmbedding = 0;
  let output = 0;
  let other = 0;
  let bytes = 0;
  let elements = 0;
  // Types depend on the layer only for attn_v / ffn_* under GGUF recipes; every other group of identical
  // tensors is priced once and multiplied.
  const gguf = format.family === 'gguf';
  const add = (type: string, b: number) => {
    byType[type] = (byType[type] ?? 0) + b;
  };
  for (const g of entry.groups) {
    const count = g.layers.length + g.nonLayer;
    elements += g.elements * count;
    if (gguf && g.layers.length > 0 && isLayerDependentRole(g.role)) {
      for (const layer of g.layers) {
        const p = priceOne(format, g.role, g.shape, g.elements, layer, spec, imatrix);
        bytes += p.bytes;
        add(p.type, p.bytes);
        perLayer[layer] = (perLayer[layer] ?? 0) + p.bytes;
      }
      continue;
    }
    const p = priceOne(format, g.role, g.shape, g.elements, g.layers[0] ?? null, spec, imatrix);
    bytes += p.bytes * count;
    add(p.type, p.bytes * count);
    for (const layer of g.layers) perLayer[layer] = (perLayer[layer] ?? 0) + p.bytes;
    if (g.nonLayer > 0) {
      const b = p.bytes * g.nonLayer;
      if (g.role === 'token_embd') tokenEmbedding += b;
      else if (g.role === 'output') output += b;
      else other += b;
    }
  }
  const counts =
    spec.parameterCountOverride && spec.parameterCountOverride > 0
      ? {
          total: spec.parameterCountOverride,
          active: Math.round((spec.parameterCountOverride * entry.counts.active) / Math.max(1, entry.counts.total)),
        }
      : entry.counts;
  const priced: PricedWeights = {
    bytes,
    perLayer,
    tokenEmbedding,
    output,
    other,
    byType,
    elements,
    parameterCount: counts.total,
    activeParameterCount: counts.active,
    label: mixLabel(format.id, byType, bytes),
    exact: false,
  };
  entry.priced.set(key, priced);
  return priced;
}

function roleFromName(name: string): TensorRole {
  if (name === 'token_embd.weight') return 'token_embd';
  if (name === 'output.weight') return 'output';
  if (/_exps\.weight$/.test(name)) return name.includes('down') ? 'ffn_down_exps' : name.includes('gate') ? 'ffn_gate_exps' : 'ffn_up_exps';
  return 'attn_q';
}

/** Sums a file's exact tensor table; bytes are taken as given (0 bytes off by construction). */
export function priceExactWeights(spec: ModelSpec, tensors: readonly TensorInfo[]): PricedWeights {
  const perLayer = new Array<number>(spec.layers).fill(0);
  const byType: Record<string, number> = {};
  let tokenEmbedding = 0;
  let output = 0;
  let other = 0;
  let bytes = 0;
  let elements = 0;
  let routed = 0;
  for (const t of tensors) {
    const n = tensorElements(t.shape);
    bytes += t.bytes;
    elements += n;
    byType[t.type] = (byType[t.type] ?? 0) + t.bytes;
    if (/_exps\.(weight|bias)$/.test(t.name)) routed += n;
    if (t.layer !== null && t.layer >= 0 && t.layer < spec.layers) perLayer[t.layer] = (perLayer[t.layer] ?? 0) + t.bytes;
    else if (roleFromName(t.name) === 'token_embd') tokenEmbedding += t.bytes;
    else if (roleFromName(t.name) === 'output') output += t.bytes;
    else other += t.bytes; // output_norm, rope factors, and MTP/nextn blocks beyond spec.layers
  }
  const moe = spec.moe;
  const frac = moe && moe.experts > 0 ? Math.min(1, moe.expertsActive / moe.experts) : 1;
  const total = spec.parameterCountOverride && spec.parameterCountOverride > 0 ? spec.parameterCountOverride : elements;
  const active = Math.round(((elements - routed + routed * frac) * total) / Math.max(1, elements));
  return {
    bytes,
    perLayer,
    tokenEmbedding,
    output,
    other,
    byType,
    elements,
    parameterCount: total,
    activeParameterCount: active,
    // The file's own tensor types, by share ("Q4_K 74 %, Q6_K 26 %"): words around it belong to each surface's language.
    label: fileMixLabel(byType, bytes),
    exact: true,
  };
}

/** One group of identical tensors as `priceTensorShares` hands it to its chooser. */
export interface PricedGroup {
  role: TensorRole;
  shape: readonly number[];
  elements: number;
  /** Members (layers plus non-layer tensors). */
  count: number;
  /** Bytes of one member in the quant. */
  bytes: number;
}

/**
 * Σ over the spec's tensor groups of `share(group)` bytes, each group priced in `quant` as the estimate prices it,
 * so a runtime rule can weigh the tensors it treats apart (replicated under tensor parallelism, dequantised
 * copies) without pricing them again.
 */
export function priceTensorShares(spec: ModelSpec, quant: string, share: (g: PricedGroup) => number): number {
  const format = resolveQuant(quant);
  let total = 0;
  for (const g of entryFor(spec).groups) {
    const count = g.layers.length + g.nonLayer;
    // No imatrix: the rank rules price the HF formats a serving runtime loads, never a GGUF's mixes.
    const p = priceOne(format, g.role, g.shape, g.elements, g.layers[0] ?? null, spec, undefined);
    total += share({ role: g.role, shape: g.shape, elements: g.elements, count, bytes: p.bytes });
  }
  return total;
}
