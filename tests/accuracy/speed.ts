// Speed-model accuracy: predicts every measured llama.cpp run in speed-truth-dev.csv with the product's
// own predictSpeed() and the global SPEED_CALIBRATION, and reports the errors. `npm run accuracy` imports
// speedAccuracyRows() and summarizeSpeed(); docs/speed-accuracy.md is written from the same table.
//
// Rows flagged ANOMALY (setup errors) and runs of other runtimes (ExLlama, MLC) are listed but not
// scored: the calibration and the target are about llama.cpp.
//
// Every run in the set is a 2023 build. Those builds paid costs current ones do not: no CUDA graphs
// (a larger fixed time per token and per layer) and cuBLAS prefill that dequantised quantised weights
// to F16 once per micro-batch (current builds multiply quantised weights directly, MMQ / Metal mul_mm).
// The rows are predicted with the product's calibration and these build-era constants in place of the
// product's; the fit (speed-fit.ts) fits both.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from './csv';
import {
  SPEED_CALIBRATION,
  efficiencyKey,
  fp16AccumulateFactor,
  predictSpeed,
  type SpeedBackend,
  type SpeedCalibration,
  type SpeedSegment,
  type SplitMode,
} from '../../src/core/advice/speed';
import { appleTier } from '../../src/core/advice/speed-device';
import { cpuPeakTflops } from '../../src/core/advice/speed-cpu';
import type { GpuFamily } from '../../src/core/hardware/types';

const here = dirname(fileURLToPath(import.meta.url));

export interface SpeedAccuracyRow {
  id: string;
  hardware: string;
  gpuCount: number;
  backend: string;
  runtime: string;
  model: string;
  quant: string;
  metric: 'decode' | 'prefill';
  /** Efficiency key of the device ("nvidia-gddr", "apple-m:max", "cpu"); '' when unknown. */
  family: string;
  measured: number;
  predicted: number | null;
  /** predicted / measured − 1. */
  error: number | null;
  included: boolean;
  note: string;
}

export interface SpeedSummary {
  rows: number;
  scored: number;
  medianAbsError: number;
  p80AbsError: number;
  meanAbsError: number;
  decode: { scored: number; medianAbsError: number; p80AbsError: number };
  prefill: { scored: number; medianAbsError: number; p80AbsError: number };
  singleGpu: { scored: number; medianAbsError: number };
  multiGpu: { scored: number; medianAbsError: number };
}

/** Where the development set lives: $SPEED_TRUTH_CSV, else the in-repo copy in tests/fixtures/reference. */
export function speedCsvPath(): string | null {
  const candidates = [process.env['SPEED_TRUTH_CSV'], resolve(here, '../fixtures/reference/speed-truth-dev.csv')].filter(
    (p): p is string => typeof p === 'string' && p.length > 0,
  );
  return candidates.find((p) => existsSync(p)) ?? null;
}

export { parseCsv };

// Hardware specs: memory bandwidth (GB/s) and dense FP16 tensor TFLOPS with FP32 accumulate, from the
// vendors' spec sheets (gpus.csv where it has the card; NVIDIA RTX Ada / Ampere workstation datasheets
// for the others: their "tensor performance" is FP8 or FP16 with sparsity, divided back to dense FP16).
// The family of each is the GPU catalog's (GDDR boards, HBM datacentre parts, RDNA, Arc).
export const GPU_SPECS: Array<[RegExp, number, number, GpuFamily]> = [
  [/RTX 4000 Ada/i, 360, 81.9, 'nvidia-gddr'],
  [/RTX 5000 Ada/i, 576, 261.1, 'nvidia-gddr'],
  [/RTX 6000 Ada/i, 960, 364.2, 'nvidia-gddr'],
  [/RTX A6000/i, 768, 154.8, 'nvidia-gddr'],
  [/A100 80GB PCIe/i, 1935, 312, 'nvidia-hbm'],
  // NVIDIA V100 PCIe datasheet: 900 GB/s HBM2, 112 TFLOPS tensor (FP16).
  [/V100-PCIE/i, 900, 112, 'nvidia-hbm'],
  // NVIDIA A100 datasheet: 80GB SXM 2039 GB/s, 312 dense FP16 tensor TFLOPS.
  [/A100 80GB SXM/i, 2039, 312, 'nvidia-hbm'],
  [/H100 PCIe/i, 2000, 756, 'nvidia-hbm'],
  [/RTX 3090 Ti/i, 1008, 80, 'nvidia-gddr'],
  [/RTX 3090/i, 936, 71, 'nvidia-gddr'],
  [/RTX 4090/i, 1008, 165.2, 'nvidia-gddr'],
  [/RTX 4080/i, 716.8, 97.5, 'nvidia-gddr'],
  // NVIDIA RTX Blackwell GPU Architecture whitepaper: 1792 GB/s, 209.5 dense FP16 TFLOPS (FP32 accumulate).
  [/RTX 5090/i, 1792, 209.5, 'nvidia-gddr'],
  // NVIDIA RTX PRO 6000 Blackwell: 1792 GB/s; dense FP16 derived from the datasheet's 4000 AI TOPS
  // (FP4, sparse) ÷ 2 (sparsity) ÷ 4 (FP4 → FP16).
  [/RTX PRO 6000 Blackwell/i, 1792, 500, 'nvidia-gddr'],
  // AMD's RX 7900 XTX specifications: 960 GB/s, "Peak Half Precision (FP16) Performance 122.8 TFLOPs".
  [/RX 7900 XTX/i, 960, 122.8, 'amd-rdna'],
  // Intel Arc B580: 456 GB/s; FP16 XMX rate as half of Intel's stated 233 peak INT8 TOPS.
  [/Arc B580/i, 456, 116.5, 'intel-arc'],
];

// Apple GPUs: 128 FP32 lanes per core, 2 FLOP per FMA, at the generation's GPU clock (GHz); FP16 runs
// at the same rate on M1–M4. Bandwidth per tier from Apple's specifications (gpus.csv).
const APPLE_CLOCK: Record<string, number> = { M1: 1.278, M2: 1.398, M3: 1.38, M4: 1.578, M5: 1.6 };
const APPLE_BW: Record<string, number> = {
  M1: 68.25,
  'M1 Pro': 200,
  'M1 Max': 400,
  'M1 Ultra': 800,
  M2: 100,
  'M2 Pro': 200,
  'M2 Max': 400,
  'M2 Ultra': 800,
  M3: 100,
  'M3 Pro': 150,
  'M3 Max': 400,
  'M3 Ultra': 819,
  M4: 120,
  'M4 Pro': 273,
  'M4 Max': 546,
  M5: 153,
  'M5 Pro': 307,
  'M5 Max': 614,
};

export interface HwSpec {
  bandwidthGBps: number;
  tflops: number;
  backend: SpeedBackend;
  family: GpuFamily;
  tier?: string;
}

export function hardwareSpec(row: Record<string, string>): HwSpec | null {
  const name = row['hardware'] ?? '';
  const backend = (row['backend'] ?? '').toLowerCase();
  const stated = Number(row['mem_bw_stated_gbs']);
  const apple = /Apple (M\d)( Pro| Max| Ultra)? \((\d+)-core GPU\)/.exec(name);
  if (apple) {
    const chip = apple[1]!;
    const tier = `${chip}${apple[2] ?? ''}`;
    const cores = Number(apple[3]);
    let bw = Number.isFinite(stated) && stated > 0 ? stated : (APPLE_BW[tier] ?? null);
    // The binned M3 Max (30-core GPU) has a 384-bit bus: 300 GB/s.
    if (tier === 'M3 Max' && cores === 30 && !(stated > 0)) bw = 300;
    if (bw == null) return null;
    // M5 adds a neural accelerator to every GPU core, which llama.cpp's Metal 4 tensor path uses: Apple
    // states "over 4x the peak GPU compute performance for AI compared to M4" (Apple Newsroom, 15 Oct
    // 2025, "Apple unleashes M5"), so M5 counts 4 × the M4 rate per core.
    const perCore = chip === 'M5' ? 4 * 128 * 2 * (APPLE_CLOCK['M4'] ?? 1.578) : 128 * 2 * (APPLE_CLOCK[chip] ?? 1.4);
    const tflops = (cores * perCore) / 1000;
    return { bandwidthGBps: bw, tflops, backend: backend.startsWith('cpu') ? 'cpu' : 'metal', family: 'apple-m', tier: appleTier(tier) };
  }
  for (const [re, bw, tf, family] of GPU_SPECS) {
    if (re.test(name)) return { bandwidthGBps: bw, tflops: tf * fp16AccumulateFactor(name), backend: 'cuda', family };
  }
  return null;
}

// Llama-family shapes of the models in the set: layers, hidden size, KV width (heads × head_dim), vocab.
// Query width (heads × head_dim) equals the hidden size in all of them.
function modelShape(paramsB: number): { layers: number; hidden: number; kvWidth: number; vocab: number; qWidth: number } {
  if (paramsB > 60) return { layers: 80, hidden: 8192, kvWidth: 1024, vocab: 32000, qWidth: 8192 };
  if (paramsB > 20) return { layers: 60, hidden: 6656, kvWidth: 6656, vocab: 32000, qWidth: 6656 };
  if (paramsB > 10) return { layers: 40, hidden: 5120, kvWidth: 5120, vocab: 32000, qWidth: 5120 };
  if (paramsB > 5) return { layers: 32, hidden: 4096, kvWidth: 4096, vocab: 32000, qWidth: 4096 };
  return { layers: 22, hidden: 2048, kvWidth: 256, vocab: 32000, qWidth: 2048 };
}

/** Multi-GPU llama.cpp builds before b1800 had only the row split (PR #4766 added --split-mode layer, Jan 2024). */
export function splitOfRow(row: Record<string, string>): SplitMode {
  const build = /build (\d+)/.exec(row['runtime_version'] ?? '');
  return build && Number(build[1]) < 1800 ? 'row' : 'layer';
}

const BYTES_PER_WEIGHT: Record<string, number> = { F16: 2, Q8_0: 34 / 32, Q4_0: 18 / 32, Q4_K_M: 4.85 / 8 };

function testShape(test: string): { metric: 'decode' | 'prefill'; contextFill: number; batch: number } {
  const gen = /(\d+) generated tokens after (\d+)-token prompt/.exec(test);
  if (gen) return { metric: 'decode', contextFill: Number(gen[2]) + Number(gen[1]) / 2, batch: 1 };
  if (/^tg(\d+)/.test(test)) return { metric: 'decode', contextFill: Number(/^tg(\d+)/.exec(test)![1]) / 2, batch: 1 };
  if (/decode|generation/i.test(test)) return { metric: 'decode', contextFill: 200, batch: 1 };
  const prompt = /(\d+)-token prompt/.exec(test) ?? /^pp(\d+)/.exec(test);
  const n = prompt ? Number(prompt[1]) : 512;
  return { metric: 'prefill', contextFill: n / 2, batch: Math.min(n, 512) };
}

export function scaleSegment(s: SpeedSegment, f: number): SpeedSegment {
  return {
    ...s,
    streamedBytes: s.streamedBytes * f,
    kvBytes: (s.kvBytes ?? 0) * f,
    weightBytes: s.weightBytes * f,
    params: s.params * f,
    attentionFlops: (s.attentionFlops ?? 0) * f,
  };
}

/** What 2023 builds cost that current builds do not; fitted on the development set by speed-fit.ts. */
export type LegacyBuild = Pick<SpeedCalibration, 't0' | 'perLayer' | 'dequantPasses'>;
export const LEGACY_2023: LegacyBuild = { t0: 2e-3, perLayer: 60e-6, dequantPasses: 3 };

export function legacyCalibration(cal: SpeedCalibration, legacy: LegacyBuild = LEGACY_2023): SpeedCalibration {
  return { ...cal, ...legacy };
}

// CPU cores of the Apple chips whose CPU-only runs are in the development set (Apple's technical
// specifications: M1 Max 10 cores, M3 8 cores, M3 Max with the 40-core GPU 16 cores). The peak comes
// from the product's own cpuPeakTflops, so the fitted prefillEfficiencyCpu is relative to it.
const APPLE_CPU_CORES: Array<[RegExp, number]> = [
  [/M1 Max/, 10],
  [/M3 Max \(40-core GPU\)/, 16],
  [/M3 \(/, 8],
];

function cpuRowTflops(hardware: string): number | null {
  const cores = APPLE_CPU_CORES.find(([re]) => re.test(hardware))?.[1];
  return cores ? cpuPeakTflops({ brand: hardware, cores }) : null;
}

/** Predicts one CSV row; null when the hardware or model cannot be described. */
export function predictRow(
  row: Record<string, string>,
  cal: SpeedCalibration = SPEED_CALIBRATION,
  legacy: LegacyBuild = LEGACY_2023,
): number | null {
  const hw = hardwareSpec(row);
  const paramsB = Number(row['params_b']);
  if (!hw || !(paramsB > 0)) return null;
  const quant = (row['quant'] ?? '').split(/\s/)[0] ?? '';
  const bpw = BYTES_PER_WEIGHT[quant];
  const shape = modelShape(paramsB);
  const sizeValue = Number(row['model_size']);
  const unit = row['model_size_unit'] ?? '';
  const fileBytes =
    sizeValue > 0 ? sizeValue * (unit === 'GiB' ? 2 ** 30 : unit === 'GB' ? 1e9 : 2 ** 30) : bpw ? paramsB * 1e9 * bpw : NaN;
  if (!Number.isFinite(fileBytes)) return null;
  const embeddingParams = shape.vocab * shape.hidden;
  const embeddingBytes = embeddingParams * (bpw ?? fileBytes / (paramsB * 1e9));
  const { metric, contextFill, batch } = testShape(row['test'] ?? '');
  const kvRead = shape.layers * contextFill * shape.kvWidth * 2 * 2;
  const gpus = hw.backend === 'cpu' ? 1 : Math.max(1, Number(row['hw_count']) || 1);
  const split = splitOfRow(row);
  // Layer split: each GPU holds 1/n of the layers and they run in turn; row split: 1/n of every matrix.
  const whole: SpeedSegment = {
    backend: hw.backend,
    family: hw.family,
    ...(hw.tier ? { tier: hw.tier } : {}),
    streamedBytes: fileBytes - embeddingBytes + kvRead,
    kvBytes: kvRead,
    weightBytes: fileBytes - embeddingBytes,
    params: paramsB * 1e9 - embeddingParams,
    // 4 × context × query width per layer (see attentionFlops in speed-plan.ts), prompt average context.
    attentionFlops: 4 * shape.layers * contextFill * shape.qWidth,
    bandwidthGBps: hw.bandwidthGBps,
    tflops: hw.backend === 'cpu' ? cpuRowTflops(row['hardware'] ?? '') : hw.tflops,
    quantized: quant !== 'F16' && quant !== 'BF16' && quant !== 'F32',
    // The CPU runs in the set are Apple SoCs: the stated bandwidth is the unified pool's.
    unifiedMemory: hw.backend === 'cpu' && /Apple/.test(row['hardware'] ?? ''),
  };
  const segments = Array.from({ length: gpus }, () => scaleSegment(whole, 1 / gpus));
  const p = predictSpeed(
    {
      segments,
      layers: shape.layers,
      gpuCount: hw.backend === 'cpu' ? 0 : gpus,
      prefillBatchTokens: batch,
      split,
      hiddenSize: shape.hidden,
    },
    legacyCalibration(cal, legacy),
  );
  const seconds = metric === 'decode' ? p.decodeSeconds : p.prefillSecondsPerToken;
  return seconds && seconds > 0 ? 1 / seconds : null;
}

function familyOfRow(row: Record<string, string>): string {
  const hw = hardwareSpec(row);
  if (!hw) return '';
  return hw.backend === 'cpu' ? 'cpu' : efficiencyKey(hw.family, hw.tier);
}

export function loadRows(csvPath: string | null): Record<string, string>[] {
  if (!csvPath) throw new Error('speed-truth-dev.csv was not found (set SPEED_TRUTH_CSV to its path).');
  return parseCsv(readFileSync(csvPath, 'utf8'));
}

export function speedAccuracyRows(
  cal: SpeedCalibration = SPEED_CALIBRATION,
  csvPath = speedCsvPath(),
  legacy = LEGACY_2023,
): SpeedAccuracyRow[] {
  return rowsFor(loadRows(csvPath), cal, legacy);
}

export function rowsFor(rows: Record<string, string>[], cal: SpeedCalibration, legacy: LegacyBuild = LEGACY_2023): SpeedAccuracyRow[] {
  return rows.map((r) => {
    const { metric } = testShape(r['test'] ?? '');
    const measured = Number(r['value']);
    const runtime = r['runtime'] ?? '';
    const anomaly = /ANOMALY/.test(r['notes'] ?? '');
    const llamaCpp = runtime.startsWith('llama.cpp');
    const predicted = predictRow(r, cal, legacy);
    const error = predicted != null && measured > 0 ? predicted / measured - 1 : null;
    const note = anomaly
      ? 'ANOMALY (setup error), not scored'
      : !llamaCpp
        ? 'other runtime, not scored'
        : predicted == null
          ? 'no prediction (no bandwidth or compute figure for this hardware)'
          : '';
    return {
      id: r['row_id'] ?? '',
      hardware: r['hardware'] ?? '',
      gpuCount: Number(r['hw_count']) || 1,
      backend: r['backend'] ?? '',
      runtime,
      model: r['model'] ?? '',
      quant: (r['quant'] ?? '').split(/\s/)[0] ?? '',
      metric,
      family: familyOfRow(r),
      measured,
      predicted,
      error,
      included: !anomaly && llamaCpp && error != null,
      note,
    };
  });
}

export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export function summarizeSpeed(rows: SpeedAccuracyRow[]): SpeedSummary {
  const scored = rows.filter((r) => r.included && r.error != null);
  const abs = (rs: SpeedAccuracyRow[]) => rs.map((r) => Math.abs(r.error!));
  const part = (rs: SpeedAccuracyRow[]) => ({
    scored: rs.length,
    medianAbsError: quantile(abs(rs), 0.5),
    p80AbsError: quantile(abs(rs), 0.8),
  });
  const all = abs(scored);
  return {
    rows: rows.length,
    scored: scored.length,
    medianAbsError: quantile(all, 0.5),
    p80AbsError: quantile(all, 0.8),
    meanAbsError: all.reduce((a, b) => a + b, 0) / Math.max(1, all.length),
    decode: part(scored.filter((r) => r.metric === 'decode')),
    prefill: part(scored.filter((r) => r.metric === 'prefill')),
    singleGpu: (({ scored: n, medianAbsError }) => ({ scored: n, medianAbsError }))(part(scored.filter((r) => r.gpuCount === 1))),
    multiGpu: (({ scored: n, medianAbsError }) => ({ scored: n, medianAbsError }))(part(scored.filter((r) => r.gpuCount > 1))),
  };
}

// `npx tsx tests/accuracy/speed.ts` prints the summary.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(summarizeSpeed(speedAccuracyRows()), null, 2));
}
