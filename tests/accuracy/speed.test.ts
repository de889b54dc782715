// The speed model against measured llama.cpp runs (speed-truth-dev.csv, and the modern set in
// tests/fixtures/speed). The shipped constants must be the fit (refitting finds nothing much better),
// the hold-out by hardware must stay close to the fit, and the bands must cover what they claim.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SPEED_CALIBRATION } from '../../src/core/advice/speed';
import { allMeasuredRows, fitBands, fitData, fitSpeedCalibration, groupedMedian, holdOutByHardware, scoredRows } from './speed-fit';
import { loadModern, modernRowsFor, predictModernRow } from './speed-modern';
import { LEGACY_2023, parseCsv, predictRow, quantile, speedAccuracyRows, speedCsvPath, summarizeSpeed } from './speed';
import { batchedRowsFor, loadBatched } from './speed-batched';

const csv = speedCsvPath();

describe.skipIf(!csv)('speed model accuracy on the development set', () => {
  const rows = speedAccuracyRows();
  const s = summarizeSpeed(rows);

  it('scores the llama.cpp rows and leaves anomalies and other runtimes out', () => {
    expect(s.scored).toBeGreaterThan(250);
    for (const r of rows) {
      if (/ANOMALY/.test(r.note)) expect(r.included).toBe(false);
      if (!r.runtime.startsWith('llama.cpp')) expect(r.included).toBe(false);
    }
    expect(rows.filter((r) => r.note.startsWith('ANOMALY')).length).toBe(2);
  });

  it('meets the decode ≤ 10 % and prefill ≤ 20 % median targets on one GPU, per metric', () => {
    const one = summarizeSpeed(rows.filter((r) => r.gpuCount === 1));
    expect(one.decode.medianAbsError).toBeLessThanOrEqual(0.1);
    expect(one.prefill.medianAbsError).toBeLessThanOrEqual(0.2);
    expect(s.decode.medianAbsError).toBeLessThanOrEqual(0.1);
    expect(s.prefill.medianAbsError).toBeLessThanOrEqual(0.2);
  });

  it('publishes ± bands that are the 80th percentile of the errors it sees, per kind of device', () => {
    const bands = fitBands(allMeasuredRows());
    for (const [key, band] of Object.entries(bands)) {
      const shipped = SPEED_CALIBRATION.bands[key];
      expect(shipped, key).toBeDefined();
      expect(shipped!.decode, key).toBeCloseTo(band!.decode, 1);
      expect(shipped!.prefill, key).toBeCloseTo(band!.prefill, 1);
    }
  });

  it('is the mechanism, not a row fit: halving η of the family roughly halves predicted decode of big models', () => {
    const big = rows.find((r) => r.included && r.metric === 'decode' && /70B/.test(r.model) && r.gpuCount === 1 && r.backend === 'CUDA')!;
    const raw = parseCsv(readFileSync(csv!, 'utf8')).find((r) => r['row_id'] === big.id)!;
    const fam = SPEED_CALIBRATION.efficiency[big.family]!;
    const slow = predictRow(raw, {
      ...SPEED_CALIBRATION,
      efficiency: { ...SPEED_CALIBRATION.efficiency, [big.family]: { ...fam, decode: fam.decode / 2 } },
    })!;
    expect(slow / big.predicted!).toBeGreaterThan(0.5);
    expect(slow / big.predicted!).toBeLessThan(0.6);
  });
});

describe.skipIf(!csv)('calibration is a fit that carries over to unseen hardware', () => {
  const data = fitData();

  it('refitting from the shipped constants does not find a much better objective (they are the fit)', () => {
    const shipped = groupedMedian(scoredRows(data, SPEED_CALIBRATION, LEGACY_2023));
    const { objective } = fitSpeedCalibration(data);
    expect(objective).toBeGreaterThan(shipped - 0.02);
  });

  it('fitting on half the GPUs predicts the other half within 15 % median', () => {
    const { foldMedians, heldOut } = holdOutByHardware(data);
    expect(summarizeSpeed(heldOut).medianAbsError).toBeLessThanOrEqual(0.15);
    // Each fold's fit is a coordinate descent from the shipped constants; which local optimum it lands in
    // moves a fold's median by about ±0.02 (measured while adding the 2026 multi-GPU rows: 0.185–0.207
    // for the fold holding the 2023 RTX 3090/4090 rows), so the per-fold bound leaves that room.
    for (const m of foldMedians) expect(m).toBeLessThanOrEqual(0.21);
  });
});

describe('CSV parsing', () => {
  it('handles quotes, doubled quotes, commas and newlines in fields', () => {
    const rows = parseCsv('a,b,c\n1,"x, ""y""",3\r\n4,"multi\nline",6\n');
    expect(rows).toEqual([
      { a: '1', b: 'x, "y"', c: '3' },
      { a: '4', b: 'multi\nline', c: '6' },
    ]);
  });
});

describe('modern set (2025–2026 builds, tests/fixtures/speed)', () => {
  const raw = loadModern();
  const check = modernRowsFor(raw.filter((r) => r['set'] === 'check'));

  it('quotes every row with its source URL and keeps fit and check rows apart', () => {
    for (const r of raw) {
      expect(r['url'], r['row_id']).toMatch(/^https:\/\//);
      expect(r['quote']!.length, r['row_id']).toBeGreaterThan(10);
      expect(['fit', 'check']).toContain(r['set']);
    }
    expect(new Set(raw.map((r) => r['source'])).size).toBeGreaterThanOrEqual(3);
  });

  it('has a figure for every held-out row and stays within 20 % median on them', () => {
    const s = summarizeSpeed(check);
    expect(s.scored).toBe(check.length);
    expect(s.medianAbsError).toBeLessThanOrEqual(0.2);
  });

  it('decodes the held-out multi-GPU runs (layer, row and tensor split; vLLM tensor parallel) within 15 % median', () => {
    const multi = check.filter((r) => r.gpuCount > 1 && r.metric === 'decode');
    expect(multi.length).toBeGreaterThanOrEqual(6);
    expect(summarizeSpeed(multi).medianAbsError).toBeLessThanOrEqual(0.15);
  });

  it('never predicts a layer split slower than one GPU of the same kind would stream the model', () => {
    // A layer split adds only hops; with the fitted hop cost more GPUs cost nothing per token. The
    // 4 × RTX 4090 run (S9) measured 21.23 tok/s; one GPU of the same bandwidth would not be faster.
    const row = raw.find((r) => r['row_id'] === 'm35')!;
    const four = predictModernRow(row)!;
    const one = predictModernRow({ ...row, hw_count: '1', split: 'none' })!;
    expect(four).toBeGreaterThanOrEqual(one * 0.999);
  });
});

describe('batched decode against llama-batched-bench tables (tests/fixtures/speed/batched.csv)', () => {
  const raw = loadBatched();
  const rows = batchedRowsFor(raw);

  it('quotes every row with its source URL, and the quoted line carries the S_TG value used', () => {
    for (const r of raw) {
      expect(r['url'], r['row_id']).toMatch(/^https:\/\//);
      expect(r['quote'], r['row_id']).toContain(` ${r['s_tg']} |`);
    }
  });

  it('predicts every row, and the current-build table within 25 % median (aggregate and per sequence alike)', () => {
    for (const r of rows) expect(r.predictedAggregate, r.id).not.toBeNull();
    const current = rows.filter((r) => !r.legacy).map((r) => Math.abs(r.error!));
    expect(current.length).toBeGreaterThanOrEqual(3);
    expect(quantile(current, 0.5)).toBeLessThanOrEqual(0.25);
    for (const r of rows) expect(r.predictedPerSequence! * r.batch).toBeCloseTo(r.predictedAggregate!, 6);
  });

  it('grows the aggregate with B while memory-bound, as measured, and slows each sequence', () => {
    for (const src of new Set(rows.map((r) => r.source))) {
      const rs = rows.filter((r) => r.source === src).sort((a, b) => a.batch - b.batch);
      for (let i = 1; i < rs.length; i++) {
        expect(rs[i]!.predictedAggregate!).toBeGreaterThan(rs[i - 1]!.predictedAggregate!);
        expect(rs[i]!.predictedPerSequence!).toBeLessThanOrEqual(rs[i - 1]!.predictedPerSequence! * 1.0001);
      }
    }
  });
});
