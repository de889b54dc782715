// The llama.cpp accuracy grid: synthetic models × weight types × contexts × flash attention × KV type,
// measured with real llama.cpp (llama-harness.ts) and compared with estimate(). `npm run accuracy`
// prints llamaGridReport().rows; tests/accuracy/llama-grid.test.ts asserts the targets.

import { parseGgufHeader, bufferSource } from '../../src/core/model/gguf/parse';
import { ggufToModelInput } from '../../src/core/model/gguf/to-spec';
import { estimate } from '../../src/core/estimate/index';
import type { EstimateSettings, KvCacheType, ModelInput } from '../../src/core/estimate/types';
import { encodeSyntheticGguf, type SyntheticModel } from '../support/gguf-writer';
import { isHarnessInstalled, measureLlamaCpp, modelKey, type Measured } from './llama-harness';
import { buildGrid } from './llama-grid-cases';

const MiB = 1024 * 1024;

/** Targets: weights and KV exact (KV at the log's 0.01 MiB precision), compute within 10 % or 64 MiB. */
export const TARGETS = { computeRelative: 0.1, computeAbsolute: 64 * MiB } as const;

export { GRID_MODELS, buildGrid } from './llama-grid-cases';

export interface GridRow {
  case: string;
  architecture: string;
  fileType: string;
  context: number;
  flashAttention: boolean;
  kvType: string;
  sequences: number;
  ubatch: number;
  ok: boolean;
  error?: string;
  weights: { measured: number; estimated: number; diff: number; pass: boolean };
  /** llama_model_n_params() against the GGUF import's exact element sum. */
  parameters: { measured: number; imported: number };
  kv: {
    measured: number;
    estimated: number;
    diff: number;
    tolerance: number;
    pass: boolean;
    cellsMeasured: number[];
    cellsEstimated: number;
  };
  /** Compared with the estimate's device buffer (host buffer reported apart). */
  compute: { measured: number; estimated: number; host: number; diff: number; relative: number; pass: boolean };
  output: { measured: number; estimated: number; diff: number };
  /** estimate KV + compute against llama.cpp's exact context memory (KV + compute). */
  contextExact: { measured: number; estimated: number; diff: number };
}

const inputCache = new Map<string, ModelInput>();

/** The same import path the app uses: write the header, parse it, map it. */
export async function modelInputFor(model: SyntheticModel): Promise<ModelInput> {
  const key = modelKey(model);
  const cached = inputCache.get(key);
  if (cached) return cached;
  const enc = encodeSyntheticGguf(model);
  const header = await parseGgufHeader(bufferSource(enc.header, enc.header.length));
  const input = ggufToModelInput([header]).input;
  inputCache.set(key, input);
  return input;
}

export function settingsFor(m: Measured): EstimateSettings {
  const kv = m.case.kvType as KvCacheType;
  return {
    runtime: 'llama.cpp',
    quant: m.case.model.fileType,
    context: m.case.context,
    parallel: m.case.sequences ?? 1,
    kvTypeK: kv,
    kvTypeV: kv,
    flashAttention: m.flashAttention,
    ubatch: m.nUbatch || (m.case.batch ?? 512),
    batch: m.nBatch || (m.case.batch ?? 512),
    gpuMemoryUtilization: 0.9,
    maxBatchedTokens: 8192,
  };
}

export async function compareCase(m: Measured): Promise<GridRow> {
  const c = m.case;
  const input = await modelInputFor(c.model);
  const base = {
    case: c.id,
    architecture: c.model.architecture,
    fileType: c.model.fileType,
    context: c.context,
    flashAttention: c.flashAttention,
    kvType: c.kvType,
    sequences: c.sequences ?? 1,
    ubatch: m.nUbatch,
  };
  let est;
  let cpuCompute;
  let error = m.error;
  const settings = settingsFor(m);
  try {
    est = estimate(input, settings);
    // CUDA flash attention converts a quantised cache to f16 copies inside the compute buffer; the CPU
    // backend measured here reads it directly. Compare compute against the same case with an f16 cache
    // so only that backend term is left out (KV is still compared with the quantised cache).
    const quantKv = settings.kvTypeK !== 'f16' || settings.kvTypeV !== 'f16';
    cpuCompute =
      quantKv && settings.flashAttention ? estimate(input, { ...settings, kvTypeK: 'f16', kvTypeV: 'f16' }).compute : est.compute;
  } catch (err) {
    error = `estimate() threw: ${err instanceof Error ? err.message : String(err)}`;
  }
  // The file's tensor bytes: what llama_model_size() counts. The estimate's weights.bytes adds the GPU-side
  // copy of a tied embedding table, which a CPU-only run does not make.
  const ew = est ? (est.weights.fileBytes ?? est.weights.bytes) : NaN;
  const ekv = est?.kvCache.bytes ?? NaN;
  // On the CPU backend one buffer holds the whole graph, inputs included, which is what the estimate's
  // device figure models (its host part is the GPU-offload input copy that a CPU run does not make).
  const ec = cpuCompute?.device ?? NaN;
  const eo = est?.outputBuffer.bytes ?? NaN;
  const computeDiff = ec - m.computeBytes;
  const computeTol = Math.max(TARGETS.computeRelative * m.computeBytes, TARGETS.computeAbsolute);
  return {
    ...base,
    ok: m.ok && est !== undefined,
    ...(error ? { error } : {}),
    weights: { measured: m.modelBytes, estimated: ew, diff: ew - m.modelBytes, pass: ew === m.modelBytes },
    parameters: { measured: m.modelParameters, imported: input.spec.parameterCountOverride ?? NaN },
    kv: {
      measured: m.kvBytes,
      estimated: ekv,
      diff: ekv - m.kvBytes,
      tolerance: m.precision.kv,
      pass: Math.abs(ekv - m.kvBytes) <= m.precision.kv,
      cellsMeasured: m.kvCaches.map((k) => k.cells),
      cellsEstimated: est?.kvCache.contextAllocated ?? NaN,
    },
    compute: {
      measured: m.computeBytes,
      estimated: ec,
      host: cpuCompute?.host ?? NaN,
      diff: computeDiff,
      relative: m.computeBytes > 0 ? computeDiff / m.computeBytes : NaN,
      pass: Math.abs(computeDiff) <= computeTol,
    },
    output: { measured: m.outputBytes, estimated: eo, diff: eo - m.outputBytes },
    contextExact: { measured: m.contextBytesExact, estimated: ekv + ec, diff: ekv + ec - m.contextBytesExact },
  };
}

export interface GridReport {
  rows: GridRow[];
  measured: Measured[];
  seconds: number;
  summary: { cases: number; errors: number; weightsExact: number; kvExact: number; computeWithin: number };
}

export async function runLlamaGrid(cases = buildGrid(), onCase?: (m: Measured, i: number) => void): Promise<GridReport> {
  const started = performance.now();
  const measured = await measureLlamaCpp(cases, onCase ? { onCase } : {});
  const rows: GridRow[] = [];
  for (const m of measured) rows.push(await compareCase(m));
  const ok = rows.filter((r) => r.ok);
  return {
    rows,
    measured,
    seconds: (performance.now() - started) / 1000,
    summary: {
      cases: rows.length,
      errors: rows.length - ok.length,
      weightsExact: ok.filter((r) => r.weights.pass).length,
      kvExact: ok.filter((r) => r.kv.pass).length,
      computeWithin: ok.filter((r) => r.compute.pass).length,
    },
  };
}

const fmt = (b: number) => (Number.isFinite(b) ? (b / MiB).toFixed(2) : '—');
const sign = (b: number) => (Number.isFinite(b) ? `${b >= 0 ? '+' : ''}${(b / MiB).toFixed(2)}` : '—');

/** Flat rows for a printed table (`npm run accuracy`). */
export function tableRows(rows: GridRow[]): Array<Record<string, string | number>> {
  return rows.map((r) => ({
    case: r.case,
    status: r.ok ? (r.weights.pass && r.kv.pass && r.compute.pass ? 'ok' : 'off') : `error: ${r.error ?? ''}`.slice(0, 80),
    'weights MiB (llama.cpp)': fmt(r.weights.measured),
    'weights Δ B': Number.isFinite(r.weights.diff) ? r.weights.diff : '—',
    'KV MiB (llama.cpp)': fmt(r.kv.measured),
    'KV Δ MiB': sign(r.kv.diff),
    'KV cells': `${r.kv.cellsMeasured.join('+')} / est ${Number.isFinite(r.kv.cellsEstimated) ? r.kv.cellsEstimated : '—'}`,
    'compute MiB (llama.cpp)': fmt(r.compute.measured),
    'compute Δ MiB': sign(r.compute.diff),
    'compute Δ %': Number.isFinite(r.compute.relative) ? (r.compute.relative * 100).toFixed(1) : '—',
    'output Δ MiB': sign(r.output.diff),
  }));
}

/**
 * Entry point for `npm run accuracy`: runs the whole grid and returns printable rows, or null with the
 * reason when the harness is not installed.
 */
export async function llamaGridReport(): Promise<
  { rows: Array<Record<string, string | number>>; report: GridReport } | { skipped: string }
> {
  if (!isHarnessInstalled()) {
    return { skipped: 'llama.cpp harness not installed (npm ci --omit=optional --prefix tests/accuracy/harness).' };
  }
  const report = await runLlamaGrid();
  return { rows: tableRows(report.rows), report };
}
