// Batched decode against measured `llama-batched-bench` tables (tests/fixtures/speed/batched.csv,
// sources in SOURCES.md): S_TG, the aggregate tokens/s of B sequences generating together, and the
// per-sequence speed (S_TG ÷ B) the product's batchedDecode() predicts for the same model, context and B.
// The rows are a check only: nothing is fitted on them.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SPEED_CALIBRATION, type SpeedCalibration } from '../../src/core/advice/speed';
import { batchedDecode } from '../../src/core/advice/speed-batch';
import { legacyCalibration, parseCsv, quantile } from './speed';
import { modernInputs } from './speed-modern';

const here = dirname(fileURLToPath(import.meta.url));
export const BATCHED_CSV = resolve(here, '../fixtures/speed/batched.csv');

type Raw = Record<string, string>;

export interface BatchedRow {
  id: string;
  source: string;
  hardware: string;
  model: string;
  quant: string;
  batch: number;
  /** Tokens of context each sequence holds on average while generating: PP + TG / 2. */
  context: number;
  measuredAggregate: number;
  predictedAggregate: number | null;
  measuredPerSequence: number;
  predictedPerSequence: number | null;
  /** predicted / measured − 1 (the same for aggregate and per sequence: both divide by B). */
  error: number | null;
  bound: 'memory' | 'compute' | null;
  /** 2023 builds are predicted with their build-era constants (speed.ts LEGACY_2023). */
  legacy: boolean;
}

export function loadBatched(): Raw[] {
  return parseCsv(readFileSync(BATCHED_CSV, 'utf8'));
}

/** The row as a modern-set row: a tg test at depth PP, so each sequence sees PP + TG/2 on average. */
function asModernRow(r: Raw): Raw {
  return {
    ...r,
    test: `tg${r['tg']}`,
    depth: r['pp'] ?? '0',
    ubatch: '1',
    split: 'none',
    // Tied embeddings: the one matrix is read whole as the output layer every step, so it is streamed;
    // vocab 0 keeps the harness from setting it aside as an embedding lookup.
    vocab: r['tied_embeddings'] === 'yes' ? '0' : (r['vocab'] ?? '0'),
  };
}

export function batchedRowsFor(raw: Raw[], cal: SpeedCalibration = SPEED_CALIBRATION): BatchedRow[] {
  return raw.map((r) => {
    const b = Number(r['batch']);
    const measured = Number(r['s_tg']);
    const legacy = /^2023/.test(r['date'] ?? '');
    const inp = modernInputs(asModernRow(r));
    const p = inp ? batchedDecode(inp, b, legacy ? legacyCalibration(cal) : cal) : null;
    const predicted = p?.aggregateTokensPerSecond ?? null;
    return {
      id: r['row_id'] ?? '',
      source: r['source'] ?? '',
      hardware: r['hardware'] ?? '',
      model: r['model'] ?? '',
      quant: r['quant'] ?? '',
      batch: b,
      context: Number(r['pp']) + Number(r['tg']) / 2,
      measuredAggregate: measured,
      predictedAggregate: predicted,
      measuredPerSequence: measured / b,
      predictedPerSequence: p?.perSequenceTokensPerSecond ?? null,
      error: predicted != null && measured > 0 ? predicted / measured - 1 : null,
      bound: p?.bound ?? null,
      legacy,
    };
  });
}

const pct = (x: number | null) => (x == null || !Number.isFinite(x) ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)} %`);
const abs1 = (xs: number[]) => (xs.length ? `${(quantile(xs, 0.5) * 100).toFixed(1)} %` : '—');

/** Markdown for docs/speed-accuracy.md: a summary per table and every row. */
export function batchedMarkdown(rows: BatchedRow[]): string {
  const bySource = [...new Set(rows.map((r) => r.source))];
  const summary = bySource.map((src) => {
    const rs = rows.filter((r) => r.source === src);
    const errs = rs.filter((r) => r.error != null).map((r) => Math.abs(r.error!));
    const first = rs[0]!;
    return `| ${src} | ${first.hardware} | ${first.model} ${first.quant} | ${rs.map((r) => r.batch).join(', ')} | ${first.legacy ? '2023 (build-era constants)' : 'current'} | ${abs1(errs)} | ${errs.length ? `${(Math.max(...errs) * 100).toFixed(0)} %` : '—'} |`;
  });
  const lines = [
    '| table | hardware | model | B | build | median abs error | worst |',
    '|---|---|---|---|---|---:|---:|',
    ...summary,
    '',
    '| row | table | B | context | measured S_TG | predicted | measured per sequence | predicted per sequence | error | bound |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.id} | ${r.source} | ${r.batch} | ${r.context} | ${r.measuredAggregate} | ${r.predictedAggregate?.toFixed(1) ?? '—'} | ${r.measuredPerSequence.toFixed(1)} | ${r.predictedPerSequence?.toFixed(1) ?? '—'} | ${pct(r.error)} | ${r.bound ?? '—'} |`,
    ),
  ];
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(batchedMarkdown(batchedRowsFor(loadBatched())));
}
