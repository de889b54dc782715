// Planned vs measured for one llama.cpp run: the settings are the ones the log printed, the estimate is
// recomputed for exactly those, and each component is set against the buffers llama.cpp reported.

import { defaultSettings, estimate, specFromParameterCount } from '../estimate/index';
import type { Estimate, EstimateSettings, KvCacheType, ModelInput } from '../estimate/types';
import type { ModelSpec } from '../model/types';
import { MiB } from '../units';
import { componentRow } from './compare-rows';
import type { DeviceBuffers, LlamaLog } from './llama-log';

export type ComponentName = 'weights' | 'kvCache' | 'compute' | 'output' | 'total';

export interface ComponentComparison {
  name: ComponentName;
  /** Backend buffer name ("CUDA0", "CUDA_Host"), or "all" for the sum over every buffer. */
  device: string;
  plannedBytes: number | null;
  measuredBytes: number;
  differenceBytes: number | null;
  /** Whether the measurement lies inside planned ± the estimate's band (plus the log's 0.01 MiB rounding). */
  withinBand: boolean | null;
}

export interface Comparison {
  runtime: 'llama.cpp';
  settings: EstimateSettings;
  /** Where the model came from: the caller's model, or the log's own metadata. */
  modelSource: string;
  bandRelative: number;
  components: ComponentComparison[];
  notes: string[];
}

const KV_TYPES: readonly KvCacheType[] = ['f32', 'f16', 'bf16', 'q8_0', 'q4_0', 'q4_1', 'q5_0', 'q5_1', 'iq4_nl'];
const GPU_BUFFER = /^(CUDA\d+|ROCm\d+|Metal|MTL\d+|Vulkan\d+|SYCL\d+|CANN\d+|MUSA\d+|OpenCL\d*)$/i;

export function isGpuBuffer(device: string): boolean {
  return GPU_BUFFER.test(device);
}

/** "Q4_K - Medium" → "Q4_K_M", "IQ4_XS - 4.25 bpw" → "IQ4_XS", "all F32" → "F32", "MOSTLY_Q4_0" → "Q4_0". */
export function quantFromFileType(fileType: string | undefined): string | null {
  if (!fileType) return null;
  const m = /^(?:all |mostly_?)?([A-Za-z0-9_]+)(?:\s*-\s*(Small|Medium|Large|Extra Small))?/i.exec(fileType.trim());
  if (!m) return null;
  const base = m[1]!.toUpperCase();
  const size = m[2]?.toLowerCase();
  if (!size || !/_K$/.test(base) || base === 'Q6_K' || base === 'Q2_K') return base;
  return `${base}_${size === 'small' ? 'S' : size === 'medium' ? 'M' : size === 'large' ? 'L' : 'XS'}`;
}

/** A model shape from the log's print_info lines: exact dimensions where printed, the ladder's guess for the rest. */
export function modelFromLog(log: LlamaLog): { input: ModelInput; source: string } | null {
  const m = log.model;
  if (!m.parameters) return null;
  let spec: ModelSpec;
  try {
    spec = specFromParameterCount(m.parameters, { id: 'log', name: m.name ?? 'Model from the log', vocabSize: m.vocabSize });
  } catch {
    return null;
  }
  const dims = { ...spec };
  if (m.architecture) dims.architecture = m.architecture;
  if (m.layers) dims.layers = m.layers;
  if (m.hiddenSize) dims.hiddenSize = m.hiddenSize;
  if (m.heads) dims.heads = m.heads;
  if (m.kvHeads) dims.kvHeads = m.kvHeads;
  if (m.headDimK) dims.headDimK = m.headDimK;
  if (m.headDimV) dims.headDimV = m.headDimV;
  if (m.intermediateSize) dims.intermediateSize = m.intermediateSize;
  if (m.contextTrain) dims.maxContext = m.contextTrain;
  const exact = [m.layers, m.hiddenSize, m.heads, m.kvHeads, m.intermediateSize].every((x) => x !== undefined);
  dims.approximations = [
    ...(spec.approximations ?? []),
    exact
      ? 'Dimensions read from the log (print_info); norms, biases and tied embeddings assumed like a Llama-style dense model.'
      : 'Only the parameter count was in the log: a generic dense shape of that size was assumed.',
  ];
  return {
    input: { spec: dims },
    source: exact
      ? 'the dimensions the log printed (no --model given)'
      : 'a generic model of the parameter count in the log (no --model given)',
  };
}

/** The run's settings as the log printed them; what it does not say keeps the llama.cpp default (and is noted). */
export function settingsFromLog(log: LlamaLog, fallbackQuant: string | null, notes: string[]): EstimateSettings {
  const s = defaultSettings('llama.cpp');
  const st = log.settings;
  const quant = quantFromFileType(log.model.fileType) ?? fallbackQuant;
  if (quant) s.quant = quant;
  else notes.push(`No file type in the log; assumed ${s.quant}.`);
  s.parallel = st.nSeqMax ?? 1;
  const perSeq = st.nCtxSeq ?? (st.nCtx !== undefined ? Math.floor(st.nCtx / s.parallel) : undefined);
  if (perSeq !== undefined && perSeq > 0) s.context = perSeq;
  else notes.push(`No context size in the log; assumed ${s.context}.`);
  if (st.kvUnified !== undefined) s.kvUnified = st.kvUnified;
  if (st.nUbatch) s.ubatch = st.nUbatch;
  if (st.nBatch) s.batch = Math.max(st.nBatch, s.ubatch);
  if (typeof st.flashAttention === 'boolean') s.flashAttention = st.flashAttention;
  else if (st.flashAttention === 'auto')
    notes.push(`Flash attention was "auto" and the log does not say what it chose; assumed ${s.flashAttention ? 'on' : 'off'}.`);
  const k = st.typeK?.toLowerCase() as KvCacheType | undefined;
  const v = st.typeV?.toLowerCase() as KvCacheType | undefined;
  if (k && KV_TYPES.includes(k)) s.kvTypeK = k;
  if (v && KV_TYPES.includes(v)) s.kvTypeV = v;
  const backend = log.buffers.map((b) => b.device).find(isGpuBuffer);
  if (backend)
    s.backend = /^ROCm/i.test(backend)
      ? 'rocm'
      : /^(Metal|MTL)/i.test(backend)
        ? 'metal'
        : /^Vulkan/i.test(backend)
          ? 'vulkan'
          : /^SYCL/i.test(backend)
            ? 'sycl'
            : 'cuda';
  else if (log.buffers.length > 0) s.backend = 'cpu';
  return s;
}

function row(
  name: ComponentName,
  device: string,
  planned: number | null,
  measured: number,
  band: number,
  lines: number,
): ComponentComparison {
  // Every buffer line is rounded to 0.01 MiB, so each line adds that much slack to the band.
  return componentRow(name, device, planned, measured, band, Math.ceil(0.005 * MiB) * Math.max(1, lines));
}

const sum = (bs: DeviceBuffers[], f: (b: DeviceBuffers) => number) => bs.reduce((a, b) => a + f(b), 0);

/** Planned figures for the sums over all buffers, following how llama.cpp splits them (see the notes). */
function plannedTotals(est: Estimate, log: LlamaLog): Record<Exclude<ComponentName, 'total'>, number> {
  const gpus = log.buffers.filter((b) => isGpuBuffer(b.device) && b.compute > 0).length;
  const compute = gpus > 0 ? est.compute.device * gpus + est.compute.host : (est.compute.cpu ?? est.compute.device + est.compute.host);
  return { weights: est.weights.bytes, kvCache: est.kvCache.bytes, compute, output: est.outputBuffer.bytes };
}

export function compareLlamaLog(
  log: LlamaLog,
  input: ModelInput,
  settings: EstimateSettings,
  modelSource: string,
  notes: string[] = [],
): Comparison {
  const est = estimate(input, settings);
  const band = est.band.relative;
  const inferred = layersFromKvSplit(log, est.weights.perLayer.length);
  if (inferred) {
    log = { ...log, layerDevices: inferred };
    notes.push(
      `No "layer N assigned to device" lines: the layer split (${splitText(inferred)}) was read from each GPU's share of the KV cache.`,
    );
  }
  const planned = plannedTotals(est, log);
  const bs = log.buffers;
  const measured = {
    weights: sum(bs, (b) => b.weights),
    kvCache: sum(bs, (b) => b.kvCache + b.recurrent),
    compute: sum(bs, (b) => b.compute),
    output: sum(bs, (b) => b.output),
  };
  const components: ComponentComparison[] = [];
  for (const k of ['weights', 'kvCache', 'compute', 'output'] as const) {
    const lines = bs.filter((b) => (k === 'kvCache' ? b.kvCache + b.recurrent : b[k]) > 0).length;
    components.push(row(k, 'all', measured[k] > 0 ? planned[k] : null, measured[k], band, lines));
  }
  const plannedTotal = components.every((c) => c.plannedBytes !== null) ? components.reduce((a, c) => a + c.plannedBytes!, 0) : null;
  components.push(
    row('total', 'all', plannedTotal, measured.weights + measured.kvCache + measured.compute + measured.output, band, bs.length * 4),
  );
  components.push(...perDevice(est, log, band));
  const gpus = bs.filter((b) => isGpuBuffer(b.device)).length;
  if (gpus > 0 && !components.some((c) => c.device !== 'all'))
    notes.push(
      gpus > 1
        ? `Per-device figures need every layer on the GPUs and the "layer N assigned to device" lines of a verbose log (-v); this run's ${gpus} GPU buffers are compared as sums.`
        : 'Per-device figures need every layer on the GPU; this partly offloaded run is compared as sums.',
    );
  notes.push(
    'Measured figures are llama.cpp buffer sizes; the driver context (a few hundred MiB per GPU) is not in the log and not compared.',
  );
  return { runtime: 'llama.cpp', settings, modelSource, bandRelative: band, components, notes };
}

/**
 * Which GPU holds each repeating layer, read from the KV buffers when the log has no "layer N assigned to
 * device" lines: llama.cpp gives each GPU one contiguous block of layers in device order (llama-model.cpp,
 * split mode layer) and a dense model's KV cell costs the same on every layer, so each GPU's share of the
 * KV total is its share of the layers. Only used when every share comes out a whole number of layers (to
 * the log's 0.01 MiB rounding) and they add up to the model's layer count; otherwise null.
 */
export function layersFromKvSplit(log: LlamaLog, layers: number): string[] | null {
  if (log.layerDevices.length > 0 || !log.layersOffloaded || log.layersOffloaded.gpu < log.layersOffloaded.total) return null;
  const gpus = log.buffers.filter((b) => isGpuBuffer(b.device));
  if (gpus.length < 2 || gpus.some((g) => g.kvCache <= 0 || g.recurrent > 0)) return null;
  const total = gpus.reduce((a, g) => a + g.kvCache, 0);
  const homes: string[] = [];
  for (const g of gpus) {
    const share = (layers * g.kvCache) / total;
    const n = Math.round(share);
    // 0.01 MiB of print rounding on a buffer of at least one layer is far below a tenth of a layer.
    if (n < 1 || Math.abs(share - n) > 0.01) return null;
    for (let i = 0; i < n; i++) homes.push(g.device);
  }
  return homes.length === layers ? homes : null;
}

function splitText(homes: string[]): string {
  const counts = new Map<string, number>();
  for (const d of homes) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts].map(([d, n]) => `${d} ${n}`).join(', ');
}

/**
 * Which GPU buffer holds each repeating layer: one GPU with every layer on it holds them all; several
 * GPUs need the "layer N assigned to device" lines of a verbose log. null when the log cannot tell.
 */
function layerHomes(est: Estimate, log: LlamaLog, gpus: DeviceBuffers[]): string[] | null {
  const n = est.weights.perLayer.length;
  const full = log.layersOffloaded ? log.layersOffloaded.gpu >= log.layersOffloaded.total : false;
  if (!full || gpus.length === 0) return null;
  if (gpus.length === 1) return Array.from({ length: n }, () => gpus[0]!.device);
  const homes = log.layerDevices.slice(0, n);
  const names = new Set(gpus.map((g) => g.device));
  return homes.length === n && homes.every((d) => d !== undefined && names.has(d)) ? homes : null;
}

/**
 * Per device, for a run with every layer on the GPUs: each GPU holds its layers' weights and KV cells and
 * one graph buffer; the output matrix and final norm sit with the last layer (llama.cpp's output device);
 * the token embedding stays in host memory (its CPU_Mapped / CPU buffer).
 */
function perDevice(est: Estimate, log: LlamaLog, band: number): ComponentComparison[] {
  const gpus = log.buffers.filter((b) => isGpuBuffer(b.device));
  const homes = layerHomes(est, log, gpus);
  if (!homes) return [];
  const last = homes[homes.length - 1] ?? gpus[0]!.device;
  const out: ComponentComparison[] = [];
  for (const g of gpus) {
    const mine = (per: number[]) => per.reduce((a, b, il) => (homes[il] === g.device ? a + b : a), 0);
    const tail = g.device === last ? est.weights.output + est.weights.other : 0;
    out.push(row('weights', g.device, mine(est.weights.perLayer) + tail, g.weights, band, 1));
    out.push(row('kvCache', g.device, mine(est.kvCache.perLayer), g.kvCache + g.recurrent, band, 1));
    if (g.compute > 0) out.push(row('compute', g.device, est.compute.device, g.compute, band, 1));
  }
  const host = log.buffers.filter((b) => !isGpuBuffer(b.device) && b.weights > 0);
  if (host.length > 0)
    out.push(
      row(
        'weights',
        host[0]!.device,
        est.weights.tokenEmbedding,
        sum(host, (b) => b.weights),
        band,
        host.length,
      ),
    );
  return out;
}

/** When no model can be planned (no --model and no parameter count in the log): the measurements alone. */
export function measuredOnly(log: LlamaLog): ComponentComparison[] {
  const bs = log.buffers;
  const m = {
    weights: sum(bs, (b) => b.weights),
    kvCache: sum(bs, (b) => b.kvCache + b.recurrent),
    compute: sum(bs, (b) => b.compute),
    output: sum(bs, (b) => b.output),
  };
  const rows = (['weights', 'kvCache', 'compute', 'output'] as const).filter((k) => m[k] > 0).map((k) => row(k, 'all', null, m[k], 0, 1));
  if (rows.length > 0) rows.push(row('total', 'all', null, m.weights + m.kvCache + m.compute + m.output, 0, 1));
  return rows;
}
