// Training tokens/s against the torchtune README's tokens-per-second columns (tests/fixtures/train/train-speed.csv),
// each for the same run as a memory row, on the catalog's GPU throughput.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlanningHardware } from '../../src/core/advice/types';
import { getModel } from '../../src/core/catalog';
import { getGpu } from '../../src/core/hardware/gpu-catalog';
import { estimateTraining } from '../../src/core/train';
import { parseCsv } from './csv';
import { settingsFor } from './train';
import { TRAIN_CASES } from './train-cases';

export interface TrainSpeedRow {
  id: string;
  row: number;
  gpu: string;
  measured: number;
  predicted: number;
  error: number;
  /** The MFU the measurement implies on the catalog's TFLOPS with the model's FLOPs per token. */
  impliedMfu: number;
  source: string;
}

const here = dirname(fileURLToPath(import.meta.url));

function hardware(gpuId: string): PlanningHardware {
  const g = getGpu(gpuId);
  if (!g) throw new Error(`catalog lacks GPU ${gpuId}`);
  const device = {
    id: g.id,
    name: g.name,
    vendor: g.vendor,
    source: 'catalog' as const,
    catalogId: g.id,
    kind: 'dedicated' as const,
    totalBytes: g.memoryBytes,
    usedBytes: 0,
    bandwidthGBps: g.bandwidthGBps,
    fp16Tflops: g.fp16Tflops,
  };
  return { devices: [device], ramBytes: 0, ramAvailableBytes: null, ramBandwidthGBps: null };
}

export function trainSpeedRows(): TrainSpeedRow[] {
  const csv = parseCsv(readFileSync(resolve(here, '..', 'fixtures', 'train', 'train-speed.csv'), 'utf8'));
  return csv.map((r) => {
    const c = TRAIN_CASES.find((x) => x.row === Number(r.row_ref));
    const m = c ? getModel(c.model) : undefined;
    if (!c || !m) throw new Error(`speed row ${r.id}: memory row ${r.row_ref} not modelled`);
    const e = estimateTraining(m.spec, settingsFor(c), hardware(r.gpu_id ?? ''));
    const measured = Number(r.tokens_per_second);
    const predicted = e.speed.tokensPerSecond ?? NaN;
    return {
      id: r.id ?? '',
      row: c.row,
      gpu: r.gpu_id ?? '',
      measured,
      predicted,
      error: predicted / measured - 1,
      impliedMfu: (e.speed.efficiency * measured) / predicted,
      source: r.source_url ?? '',
    };
  });
}
