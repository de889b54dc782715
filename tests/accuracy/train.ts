// Training estimates against the measured rows of tests/fixtures/train/train-truth.csv: the whole step's
// peak per row, and the torchtune "Optimization flags" ablation as components (each row adds one
// technique, so the difference between neighbours is the memory that technique moves).

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getModel } from '../../src/core/catalog';
import {
  CUDA_CONTEXT_BYTES,
  defaultTrainingSettings,
  estimateTraining,
  type TrainingEstimate,
  type TrainingSettings,
} from '../../src/core/train';
import { parseCsv } from './csv';
import { TRAIN_CASES, type TrainCase } from './train-cases';

export interface TrainRow {
  row: number;
  model: string;
  label: string;
  metric: TrainCase['metric'];
  unit: string;
  measured: number;
  predicted: number;
  /** Signed relative error, predicted / measured − 1. */
  error: number;
  source: string;
  estimate: TrainingEstimate;
  unscored?: string;
}

export interface TrainDelta {
  label: string;
  from: number;
  to: number;
  component: string;
  measured: number;
  predicted: number;
  unit: string;
}

const here = dirname(fileURLToPath(import.meta.url));

export function loadTrainTruth(): Record<string, string>[] {
  return parseCsv(readFileSync(resolve(here, '..', 'fixtures', 'train', 'train-truth.csv'), 'utf8'));
}

function unitBytes(unit: string, value: string): number {
  if (/MiB/.test(unit) || /_mib$/.test(value)) return 2 ** 20;
  if (/GiB/.test(unit)) return 2 ** 30;
  return 1e9;
}

export function settingsFor(c: TrainCase): TrainingSettings {
  const base = defaultTrainingSettings(c.settings.method, c.settings.runtime ?? 'transformers');
  return { ...base, gradAccum: 1, ...c.settings, lora: { ...base.lora, ...c.settings.lora } };
}

/** What the source's metric sees of the estimate (see TrainMetric). */
export function predictedBytes(e: TrainingEstimate, metric: TrainCase['metric']): number {
  // bitsandbytes' paged optimizers allocate with cudaMallocManaged, outside PyTorch's allocator statistics.
  const paged = e.settings.optimizer.startsWith('paged') ? e.bytes.optimizer : 0;
  if (metric === 'device') return e.bytes.total;
  if (metric === 'reserved') return e.bytes.total - CUDA_CONTEXT_BYTES - paged;
  return e.bytes.total - e.bytes.overhead - paged;
}

export function trainRows(): TrainRow[] {
  const truth = new Map(loadTrainTruth().map((r) => [Number(r.row_id), r]));
  return TRAIN_CASES.map((c) => {
    const r = truth.get(c.row);
    if (!r) throw new Error(`row ${c.row} missing from train-truth.csv`);
    const m = getModel(c.model);
    if (!m) throw new Error(`catalog lacks ${c.model}`);
    const estimate = estimateTraining(m.spec, settingsFor(c));
    const scale = unitBytes(r.unit ?? '', r.metric ?? '');
    const measured = Number(r.value);
    const predicted = predictedBytes(estimate, c.metric) / scale;
    const label = `${r.model} ${r.method}${r.lora_rank ? ` r${r.lora_rank}` : ''} ${r.gpu}`;
    return {
      row: c.row,
      model: c.model,
      label,
      metric: c.metric,
      unit: scale === 2 ** 30 ? 'GiB' : scale === 1e9 ? 'GB' : 'MiB',
      measured,
      predicted,
      error: predicted / measured - 1,
      source: r.source_url ?? '',
      estimate,
      ...(c.unscored ? { unscored: c.unscored } : {}),
    };
  });
}

/** torchtune's cumulative flags table (rows 60-66): each step's saving, measured vs predicted. */
export function trainDeltas(rows: TrainRow[]): TrainDelta[] {
  const at = new Map(rows.map((r) => [r.row, r]));
  const steps: [number, number, string, string][] = [
    [60, 61, 'torch.compile', 'activations'],
    [61, 62, 'chunked cross-entropy', 'logits'],
    [62, 63, 'activation checkpointing', 'activations'],
    [63, 64, 'optimizer step in backward', 'gradients'],
    [64, 65, 'activation offloading', 'activations'],
    [65, 66, '8-bit AdamW', 'optimizer'],
  ];
  return steps.flatMap(([from, to, label, component]) => {
    const a = at.get(from);
    const b = at.get(to);
    if (!a || !b) return [];
    return [{ label, from, to, component, measured: a.measured - b.measured, predicted: a.predicted - b.predicted, unit: a.unit }];
  });
}

export function medianAbs(xs: number[]): number {
  const s = xs.map(Math.abs).sort((x, y) => x - y);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface TrainComponentRow {
  id: string;
  model: string;
  component: 'weights';
  measured: number;
  predicted: number;
  unit: string;
  error: number;
  source: string;
}

/** Catalog models for the component rows' Hugging Face ids (same shapes as the measured checkpoints). */
const COMPONENT_MODELS: Record<string, string> = {
  'meta-llama/Llama-3.2-3B-Instruct': 'llama-3.2-3b-instruct',
  'meta-llama/Llama-2-7b-hf': 'llama-2-7b-chat',
};

/** Components a source reports on their own (tests/fixtures/train/train-components.csv): weights after model init. */
export function trainComponentRows(): TrainComponentRow[] {
  const csv = parseCsv(readFileSync(resolve(here, '..', 'fixtures', 'train', 'train-components.csv'), 'utf8'));
  return csv.map((r) => {
    const id = COMPONENT_MODELS[r.model ?? ''];
    const m = id ? getModel(id) : undefined;
    if (!m) throw new Error(`no catalog model for ${r.model}`);
    const targets = (r.target_modules ?? '').includes('MLP') ? (['q', 'v', 'o', 'gate', 'up', 'down'] as const) : (['q', 'v'] as const);
    const settings: TrainingSettings = {
      ...defaultTrainingSettings('lora', 'torchtune'),
      lora: { rank: Number(r.lora_rank), alpha: Number(r.lora_alpha), targets: [...targets] },
    };
    const e = estimateTraining(m.spec, settings);
    const scale = unitBytes(r.unit ?? '', '');
    const measured = Number(r.value);
    const predicted = e.bytes.weights / scale;
    return {
      id: r.id ?? '',
      model: r.model ?? '',
      component: 'weights',
      measured,
      predicted,
      unit: r.unit ?? '',
      error: predicted / measured - 1,
      source: r.source_url ?? '',
    };
  });
}
