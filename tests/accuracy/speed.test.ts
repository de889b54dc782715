// The speed model against measured llama.cpp runs (speed-truth-dev.csv). The target is a median
// |error| ≤ 25 % over the scored rows with the global calibration; the set is a sample, so the test
// also checks that no single metric or GPU-count group is hiding behind the other.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SPEED_CALIBRATION } from '../../src/core/advice/speed';
import { fitSpeedCalibration, holdOutByHardware, parseCsv, predictRow, speedAccuracyRows, speedCsvPath, summarizeSpeed } from './speed';

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

  it('meets the median |error| ≤ 25 % target overall and per metric', () => {
    expect(s.medianAbsError).toBeLessThanOrEqual(0.25);
    expect(s.decode.medianAbsError).toBeLessThanOrEqual(0.25);
    expect(s.prefill.medianAbsError).toBeLessThanOrEqual(0.25);
    expect(s.singleGpu.medianAbsError).toBeLessThanOrEqual(0.25);
  });

  it('publishes ± bands no narrower than the errors it sees', () => {
    const p80 = (metric: string, multi: boolean) => {
      const e = rows
        .filter((r) => r.included && r.metric === metric && r.gpuCount > 1 === multi)
        .map((r) => Math.abs(r.error!))
        .sort((a, b) => a - b);
      return e[Math.floor((e.length - 1) * 0.8)]!;
    };
    expect(SPEED_CALIBRATION.bandDecode).toBeGreaterThanOrEqual(p80('decode', false) * 0.9);
    expect(SPEED_CALIBRATION.bandPrefill).toBeGreaterThanOrEqual(p80('prefill', false) * 0.9);
    expect(SPEED_CALIBRATION.bandDecodeMultiGpu).toBeGreaterThanOrEqual(p80('decode', true) * 0.9);
    expect(SPEED_CALIBRATION.bandPrefillMultiGpu).toBeGreaterThanOrEqual(Math.min(0.9, p80('prefill', true)));
  });

  it('is the mechanism, not a row fit: halving η roughly halves predicted decode of big models', () => {
    const big = rows.find((r) => r.included && r.metric === 'decode' && /70B/.test(r.model) && r.gpuCount === 1 && r.backend === 'CUDA')!;
    const raw = parseCsv(readFileSync(csv!, 'utf8')).find((r) => r['row_id'] === big.id)!;
    const slow = predictRow(raw, { ...SPEED_CALIBRATION, eta: SPEED_CALIBRATION.eta / 2 })!;
    expect(slow / big.predicted!).toBeGreaterThan(0.5);
    expect(slow / big.predicted!).toBeLessThan(0.6);
  });
});

describe.skipIf(!csv)('calibration is a global fit that carries over to unseen hardware', () => {
  it('refitting from the shipped constants does not find a much better median (they are the fit)', () => {
    const shipped = summarizeSpeed(speedAccuracyRows()).medianAbsError;
    const { medianAbsError } = fitSpeedCalibration();
    expect(medianAbsError).toBeGreaterThan(shipped - 0.03);
  });

  it('fitting on half the GPUs predicts the other half within the target', () => {
    const { foldMedians, heldOutMedian } = holdOutByHardware();
    expect(heldOutMedian).toBeLessThanOrEqual(0.25);
    for (const m of foldMedians) expect(m).toBeLessThanOrEqual(0.25);
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
