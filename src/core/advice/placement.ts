// Where each byte of an Estimate lands, the way each runtime places it.
// llama.cpp: `-ngl N` counts the output layer as one more "layer" and offloads from the end (output
// first, then the last repeating layers); GPU layers are split over devices by cumulative fractions
// (--tensor-split, default ∝ free memory); each layer's KV cache stays with its layer; every GPU in use
// holds a compute buffer; the token embedding, host compute buffer and logits buffer stay in RAM.
// transformers (accelerate device_map="auto"): fills GPU 0, then 1, ... in model order, rest on CPU.
// vLLM: tensor parallelism shards weights and KV heads evenly over every GPU (no CPU offload).

import type { Estimate, Runtime } from '../estimate/types';
import type { DeviceBudget } from './budget';
import type { DevicePlacement, VllmPool } from './types';

export interface LayerItem {
  weights: number;
  kv: number;
  /** Repeating layer index, or -1 for the output layer. */
  index: number;
}

export interface PlacementResult {
  devices: DevicePlacement[];
  /** Positions (repeating layers + output) on GPUs. */
  gpuLayers: number;
  totalLayers: number;
  outputOnGpu: boolean;
  /** RAM the CPU side needs. */
  cpuBytes: number;
  /** Weights + KV of the positions left on the CPU (0 when every layer is on a GPU). */
  offloadedBytes: number;
  /** Whether every device stays within its budget. */
  withinBudget: boolean;
  tensorSplit: number[] | null;
  vllm?: VllmPool;
}

/**
 * Output-layer bytes (lm_head + final norm). With tied embeddings the engine already counts llama.cpp's
 * GPU copy of the table in weights.output, so nothing is added here.
 */
export function outputWeightBytes(est: Estimate): number {
  return Math.max(0, est.weights.output) + Math.max(0, est.weights.other);
}

function layerItems(est: Estimate): LayerItem[] {
  const w = est.weights.perLayer;
  const kv = est.kvCache.perLayer;
  const n = Math.max(w.length, est.model.layers);
  const items: LayerItem[] = [];
  for (let i = 0; i < n; i++) items.push({ weights: w[i] ?? 0, kv: kv[i] ?? 0, index: i });
  return items;
}

interface Assignment {
  /** For each device, the item positions it holds (positions index into the GPU-side sequence). */
  perDevice: LayerItem[][];
}

function emptyDevice(b: DeviceBudget, overhead: number): DevicePlacement {
  return {
    id: b.device.id,
    name: b.device.name,
    kind: b.device.kind,
    capacityBytes: b.capacityBytes,
    usedBytes: 0,
    layers: 0,
    layerRange: null,
    holdsOutput: false,
    weightsBytes: 0,
    kvBytes: 0,
    computeBytes: 0,
    overheadBytes: overhead,
    marginBytes: b.capacityBytes,
    budget: b.basis,
  };
}

function fillDevice(p: DevicePlacement, items: LayerItem[], computeBytes: number): void {
  let first = Infinity;
  let last = -Infinity;
  for (const it of items) {
    p.weightsBytes += it.weights;
    p.kvBytes += it.kv;
    if (it.index < 0) p.holdsOutput = true;
    else {
      p.layers++;
      first = Math.min(first, it.index);
      last = Math.max(last, it.index);
    }
  }
  p.computeBytes = items.length > 0 ? computeBytes : 0;
  p.layerRange = p.layers > 0 ? [first, last] : null;
  p.usedBytes = p.weightsBytes + p.kvBytes + p.computeBytes;
  p.marginBytes = p.capacityBytes - p.usedBytes;
}

/** llama.cpp's rule: position j of n goes to the first device whose cumulative split exceeds j / n. */
function splitByFractions(seq: LayerItem[], fractions: number[]): LayerItem[][] {
  const out: LayerItem[][] = fractions.map(() => []);
  const total = fractions.reduce((a, b) => a + b, 0);
  if (seq.length === 0 || total <= 0) return out;
  const cumulative: number[] = [];
  let acc = 0;
  for (const f of fractions) {
    acc += f / total;
    cumulative.push(acc);
  }
  let lastNonZero = 0;
  fractions.forEach((f, i) => {
    if (f > 0) lastNonZero = i;
  });
  for (let j = 0; j < seq.length; j++) {
    const x = j / seq.length;
    let d = cumulative.findIndex((c) => c > x);
    if (d < 0 || d > lastNonZero) d = lastNonZero;
    out[d]!.push(seq[j]!);
  }
  return out;
}

/** Contiguous first-fit in device order: feasible whenever any contiguous split in this order is. */
function greedyFill(seq: LayerItem[], budgets: number[], compute: number): LayerItem[][] | null {
  const out: LayerItem[][] = budgets.map(() => []);
  let d = 0;
  let used = 0;
  for (const it of seq) {
    const size = it.weights + it.kv;
    while (d < budgets.length && used + size + compute > budgets[d]!) {
      d++;
      used = 0;
    }
    if (d >= budgets.length) return null;
    out[d]!.push(it);
    used += size;
  }
  return out;
}

function placedCount(perDevice: LayerItem[][]): number {
  return perDevice.reduce((a, items) => a + items.length, 0);
}

function fitsAll(perDevice: LayerItem[][], budgets: number[], compute: number): boolean {
  return perDevice.every((items, d) => {
    if (items.length === 0) return true;
    let s = compute;
    for (const it of items) s += it.weights + it.kv;
    return s <= budgets[d]!;
  });
}

/**
 * Which layer rule a runtime follows. MLX keeps every array, the token embedding included, in the memory
 * Metal wires, so it places like transformers (embedding with the first layer), never on a CPU buffer.
 */
export function layerRuleOf(runtime: Runtime): 'llama.cpp' | 'transformers' {
  return runtime === 'transformers' || runtime === 'mlx' ? 'transformers' : 'llama.cpp';
}

/**
 * Layer placement (llama.cpp or transformers). Finds the largest number of positions on the GPUs
 * that stays within every budget; when nothing fits, returns the best partial offload.
 */
export function placeLayers(
  est: Estimate,
  budgets: DeviceBudget[],
  runtime: 'llama.cpp' | 'transformers',
  maxGpuLayers: number | null = null,
): PlacementResult {
  const layers = layerItems(est);
  const outputItem: LayerItem = { weights: outputWeightBytes(est), kv: 0, index: -1 };
  const overhead = Math.max(0, est.overheadPerGpu.bytes);
  const compute = Math.max(0, est.compute.device);
  const caps = budgets.map((b) => b.capacityBytes);
  const host = Math.max(0, est.compute.host) + Math.max(0, est.outputBuffer.bytes);
  const embedding = Math.max(0, est.weights.tokenEmbedding);
  const totalLayers = layers.length + 1;

  // transformers keeps the embedding with the first layer on GPU 0 and offloads from the end.
  const sequence: LayerItem[] = [...layers, outputItem];
  if (runtime === 'transformers' && layers.length > 0) sequence[0] = { ...layers[0]!, weights: layers[0]!.weights + embedding };

  const gpuSeq = (n: number): LayerItem[] => (runtime === 'llama.cpp' ? sequence.slice(sequence.length - n) : sequence.slice(0, n));

  const layerBudgets = caps.map((c) => Math.max(0, c - compute));
  const attempt = (n: number): Assignment | null => {
    if (budgets.length === 0) return n === 0 ? { perDevice: [] } : null;
    const seq = gpuSeq(n);
    if (runtime === 'llama.cpp') {
      // With every budget at zero the proportional split places nothing: that is no placement at all.
      const prop = splitByFractions(seq, layerBudgets);
      if (placedCount(prop) === seq.length && fitsAll(prop, caps, compute)) return { perDevice: prop };
    }
    const greedy = greedyFill(seq, caps, compute);
    return greedy ? { perDevice: greedy } : null;
  };

  // Feasibility is monotone in n (fewer positions never need more memory), so bisect.
  const cap = Math.min(sequence.length, maxGpuLayers ?? sequence.length);
  let best: Assignment = { perDevice: budgets.map(() => []) };
  let bestN = 0;
  const full = attempt(cap);
  if (full) {
    best = full;
    bestN = cap;
  } else {
    let lo = 0;
    let hi = cap - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (attempt(mid)) lo = mid;
      else hi = mid - 1;
    }
    bestN = lo;
    best = attempt(lo) ?? best;
  }

  const devices = budgets.map((b) => emptyDevice(b, overhead));
  best.perDevice.forEach((items, d) => fillDevice(devices[d]!, items, compute));
  const onGpu = new Set<LayerItem>(best.perDevice.flat());
  let cpuBytes = host;
  if (runtime === 'llama.cpp') cpuBytes += embedding;
  // No layer on a GPU: the CPU backend runs the whole graph, so its compute buffer sits in RAM as well.
  if (bestN === 0) cpuBytes += compute;
  let offloadedBytes = 0;
  for (const it of sequence) if (!onGpu.has(it)) offloadedBytes += it.weights + it.kv;
  cpuBytes += offloadedBytes;

  const withinBudget = devices.every((d) => d.usedBytes <= d.capacityBytes);
  const usedCounts = best.perDevice.map((items) => items.filter((i) => i.index >= 0).length);
  const gpusUsed = usedCounts.filter((c) => c > 0).length;
  return {
    devices,
    gpuLayers: bestN,
    totalLayers,
    outputOnGpu: best.perDevice.some((items) => items.some((i) => i.index === -1)),
    cpuBytes,
    offloadedBytes,
    withinBudget,
    tensorSplit: runtime === 'llama.cpp' && gpusUsed > 1 ? usedCounts : null,
  };
}

/** KV heads of the widest layer (what tensor parallelism has to split). */
export function maxKvHeads(est: Estimate): number {
  const kv = est.model.kvHeads;
  return typeof kv === 'number' ? kv : kv.length > 0 ? Math.max(...kv) : 1;
}

/**
 * vLLM tensor parallelism over every listed GPU: each rank holds 1/n of the weights (embedding and
 * lm_head are vocab-parallel), its share of the KV heads (at least one head: replicated when there are
 * fewer KV heads than GPUs; MLA's latent is replicated on every rank), the activation peak and
 * non-torch memory. The KV pool is what is left, and the smallest rank decides.
 */
export function placeVllm(est: Estimate, budgets: DeviceBudget[]): PlacementResult {
  const n = budgets.length;
  const overhead = Math.max(0, est.overheadPerGpu.bytes);
  const totalLayers = est.weights.perLayer.length + 1;
  const host = Math.max(0, est.compute.host);
  const devices = budgets.map((b) => emptyDevice(b, overhead));
  if (n === 0) {
    const cpuBytes = host + est.weights.bytes + est.kvCache.bytes;
    return {
      devices,
      gpuLayers: 0,
      totalLayers,
      outputOnGpu: false,
      cpuBytes,
      offloadedBytes: cpuBytes,
      withinBudget: false,
      tensorSplit: null,
    };
  }
  const heads = Math.max(1, maxKvHeads(est));
  const mla = est.model.mla != null;
  // MLA caches one latent per token that every rank needs whole: it is replicated, never split.
  const headsPerGpu = mla ? 1 : Math.max(1, Math.ceil(heads / n));
  const replicated = mla ? n > 1 : n > heads;
  const kvShare = mla ? 1 : headsPerGpu / heads;
  const perTokenAll = est.vllm?.kvBytesPerToken ?? est.kvCache.bytesPerToken;
  const perTokenGpu = perTokenAll * kvShare;
  const blockSize = est.vllm?.blockSize ?? 16;
  const activation = est.vllm?.activationPeakBytes ?? est.compute.device;
  const weightsPerGpu = est.weights.bytes / n;
  const kvNeededPerGpu = est.kvCache.bytes * kvShare;

  let minPool = Infinity;
  devices.forEach((d) => {
    const pool = d.capacityBytes - weightsPerGpu - activation;
    minPool = Math.min(minPool, pool);
    d.weightsBytes = weightsPerGpu;
    d.computeBytes = activation;
    d.layers = est.weights.perLayer.length;
    d.layerRange = d.layers > 0 ? [0, d.layers - 1] : null;
    d.holdsOutput = true;
  });
  const pool = Math.max(0, minPool);
  const ctx = Math.max(1, est.settings.context);
  // An encoder-only embedding / reranker model keeps no KV cache: the pool never limits its sequences.
  const noCache = est.model.encoder !== undefined;
  const kvTokens =
    perTokenGpu > 0 ? Math.floor(pool / perTokenGpu / blockSize) * blockSize : noCache ? ctx * Math.max(1, est.settings.parallel) : 0;
  // The pool is claimed whole; the usage shown is what the requested sequences need of it.
  devices.forEach((d) => {
    d.kvBytes = Math.min(kvNeededPerGpu, Math.max(0, d.capacityBytes - d.weightsBytes - d.computeBytes));
    d.usedBytes = d.weightsBytes + d.computeBytes + kvNeededPerGpu;
    d.marginBytes = d.capacityBytes - d.usedBytes;
  });
  const weightsFit = minPool >= 0;
  const oneSequence = kvTokens >= ctx;
  return {
    devices,
    gpuLayers: weightsFit && oneSequence ? totalLayers : 0,
    totalLayers,
    outputOnGpu: weightsFit,
    cpuBytes: host,
    offloadedBytes: 0,
    withinBudget: devices.every((d) => d.usedBytes <= d.capacityBytes),
    tensorSplit: null,
    vllm: {
      kvPoolBytes: pool,
      kvTokens,
      maxConcurrency: Math.floor(kvTokens / ctx),
      kvHeadsPerGpu: headsPerGpu,
      replicatedKv: replicated,
    },
  };
}
