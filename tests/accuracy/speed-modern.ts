// The modern set: measured runs of 2025–2026 llama.cpp builds from public sources other than
// speed-truth-dev.csv (tests/fixtures/speed/modern.csv, sources in SOURCES.md). Each row states the
// model's shape, so nothing is guessed from the parameter count; `set` says whether a row may inform
// the fit ('fit') or is kept for checking ('check').

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  SPEED_CALIBRATION,
  predictSpeed,
  type SpeedCalibration,
  type SpeedInputs,
  type SpeedSegment,
  type SplitMode,
} from '../../src/core/advice/speed';
import type { GpuLink } from '../../src/core/hardware/types';
import { efficiencyKey } from '../../src/core/advice/speed-calibration';
import { hardwareSpec, parseCsv, scaleSegment, type SpeedAccuracyRow } from './speed';

const here = dirname(fileURLToPath(import.meta.url));
export const MODERN_CSV = resolve(here, '../fixtures/speed/modern.csv');

type Raw = Record<string, string>;
const num = (r: Raw, k: string) => Number(r[k] ?? NaN);

/** Decode (tg / generation) or prompt processing (pp, with its micro-batch and depth). */
function phaseOf(r: Raw): 'decode' | 'prefill' {
  return /^(tg|generation)/.test(r['test'] ?? '') ? 'decode' : 'prefill';
}

/** Context a token of this test sees on average: depth plus half the prompt, or half the generation. */
function averageContext(r: Raw): number {
  const test = r['test'] ?? '';
  const n = Number(/^(?:pp|tg)(\d+)/.exec(test)?.[1] ?? 128);
  return num(r, 'depth') + n / 2;
}

/** Per-layer context, capped at the window on sliding-window layers (every `period`-th layer is global). */
function layerContexts(r: Raw, ctx: number): number[] {
  const window = num(r, 'sliding_window');
  const period = num(r, 'sliding_period');
  return Array.from({ length: num(r, 'layers') }, (_, i) =>
    window > 0 && (period <= 1 || (i + 1) % period !== 0) ? Math.min(ctx, window) : ctx,
  );
}

const LOW_BIT = /^(Q[2-5]_|IQ|MXFP4|Q4_0|Q4_1)/;

/** One GPU's segment for the row: active weights (uniform bits per weight), KV read, attention FLOPs. */
export function modernSegment(r: Raw): SpeedSegment | null {
  const hw = hardwareSpec({ hardware: r['hardware'] ?? '', backend: r['backend'] ?? '' });
  if (!hw) return null;
  const params = num(r, 'params_b') * 1e9;
  const embedding = num(r, 'vocab') * num(r, 'hidden');
  // llama.cpp's quantizer keeps output.weight at Q6_K (6.5625 bits) in every type below Q6_K
  // (llama_tensor_get_type, src/llama-quant.cpp); the rest of the file shares the remaining bytes.
  const outputBytesPerParam = LOW_BIT.test(r['quant'] ?? '') ? 6.5625 / 8 : null;
  const fileBytes = num(r, 'size_gib') * 2 ** 30;
  const bytesPerParam = outputBytesPerParam ? (fileBytes - embedding * outputBytesPerParam) / (params - embedding) : fileBytes / params;
  const outputExtra = outputBytesPerParam ? embedding * (outputBytesPerParam - bytesPerParam) : 0;
  const streamedParams = num(r, 'active_params_b') * 1e9 - embedding;
  const contexts = layerContexts(r, averageContext(r));
  const kvPerToken = num(r, 'kv_heads') * num(r, 'head_dim') * 2 * 2;
  const kv = contexts.reduce((a, c) => a + c * kvPerToken, 0);
  const attention = contexts.reduce((a, c) => a + 4 * c * num(r, 'heads') * num(r, 'head_dim'), 0);
  return {
    backend: hw.backend,
    family: hw.family,
    ...(hw.tier ? { tier: hw.tier } : {}),
    streamedBytes: streamedParams * bytesPerParam + outputExtra + kv,
    kvBytes: kv,
    weightBytes: (params - embedding) * bytesPerParam + outputExtra,
    params: streamedParams,
    attentionFlops: attention,
    bandwidthGBps: hw.bandwidthGBps,
    tflops: hw.tflops,
    quantized: !/^(F16|BF16|F32)$/.test(r['quant'] ?? ''),
  };
}

/** Prompt tokens of a pp test (pp2048 → 2048); llama-bench hands them over in one batch. */
function promptOf(r: Raw): number {
  return Number(/^pp(\d+)/.exec(r['test'] ?? '')?.[1] ?? 512);
}

function splitOf(r: Raw): SplitMode {
  const s = r['split'] ?? '';
  if (s === 'tensor' || s === 'row') return s;
  return /vllm/i.test(r['runtime'] ?? '') ? 'tensor' : 'layer';
}

/**
 * How the row's GPUs reach each other. SXM boards with NVLink: A100 NVLink 3 is 600 GB/s both ways, 300
 * per direction (NVIDIA A100 datasheet). Others: unknown, the calibration's PCIe default.
 */
function linkOf(hardware: string): GpuLink | null {
  return /SXM|NVLink/i.test(hardware) ? { kind: 'nvlink', gbps: 300 } : null;
}

/** The speed-model inputs for a row: one segment per GPU, split and runtime as the row states. */
export function modernInputs(r: Raw): SpeedInputs | null {
  const seg = modernSegment(r);
  if (!seg) return null;
  // Several GPUs: each holds 1/n of the layers (layer split) or of every matrix (tensor / row split).
  const gpus = Math.max(1, num(r, 'hw_count') || 1);
  const link = linkOf(r['hardware'] ?? '');
  return {
    segments: Array.from({ length: gpus }, () => ({ ...scaleSegment(seg, 1 / gpus), ...(link ? { link } : {}) })),
    split: splitOf(r),
    runtime: /vllm/i.test(r['runtime'] ?? '') ? 'vllm' : 'llama.cpp',
    layers: num(r, 'layers'),
    gpuCount: gpus,
    prefillBatchTokens: Math.min(num(r, 'ubatch') || 512, promptOf(r)),
    promptTokens: promptOf(r),
    hiddenSize: num(r, 'hidden'),
    moeLayers: num(r, 'active_params_b') < num(r, 'params_b') ? num(r, 'layers') : 0,
  };
}

export function predictModernRow(r: Raw, cal: SpeedCalibration = SPEED_CALIBRATION): number | null {
  const inp = modernInputs(r);
  if (!inp) return null;
  const p = predictSpeed(inp, cal);
  const t = phaseOf(r) === 'decode' ? p.decodeSeconds : p.prefillSecondsPerToken;
  return t && t > 0 ? 1 / t : null;
}

export function loadModern(): Raw[] {
  return parseCsv(readFileSync(MODERN_CSV, 'utf8'));
}

export function modernRowsFor(raw: Raw[], cal: SpeedCalibration = SPEED_CALIBRATION): SpeedAccuracyRow[] {
  return raw.map((r) => {
    const predicted = predictModernRow(r, cal);
    const measured = num(r, 'value');
    const error = predicted != null && measured > 0 ? predicted / measured - 1 : null;
    const hw = hardwareSpec({ hardware: r['hardware'] ?? '', backend: r['backend'] ?? '' });
    return {
      id: r['row_id'] ?? '',
      hardware: r['hardware'] ?? '',
      gpuCount: num(r, 'hw_count') || 1,
      backend: r['backend'] ?? '',
      runtime: r['runtime'] ?? '',
      model: r['model'] ?? '',
      quant: r['quant'] ?? '',
      metric: phaseOf(r),
      family: hw ? efficiencyKey(hw.family, hw.tier) : '',
      measured,
      predicted,
      error,
      included: error != null,
      note: `${r['set']} · ${r['test']}${num(r, 'ubatch') > 0 && phaseOf(r) === 'prefill' ? ` ub ${r['ubatch']}` : ''}${error == null ? ' · no prediction (no bandwidth or compute figure for this hardware)' : ''}`,
    };
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of modernRowsFor(loadModern()))
    console.log(
      r.id,
      r.hardware,
      r.model,
      r.note,
      r.measured,
      r.predicted?.toFixed(1),
      r.error == null ? '—' : `${(r.error * 100).toFixed(0)} %`,
    );
}
