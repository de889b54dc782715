// Training memory against measured public runs (tests/fixtures/train): median |error| of the step peak
// within 10 %, and each component the torchtune ablation isolates compared on its own.

import { describe, expect, it } from 'vitest';
import { EXCLUDED, TRAIN_CASES } from './train-cases';
import { loadTrainTruth, medianAbs, trainComponentRows, trainDeltas, trainRows } from './train';

const all = trainRows();
const rows = all.filter((r) => !r.unscored);

describe('training memory vs measured peaks', () => {
  it('covers every fine-tuning row of the fixture, scored or excluded with a reason', () => {
    const ids = loadTrainTruth()
      .filter((r) => r.kind === 'finetune')
      .map((r) => Number(r.row_id));
    const scored = new Set(TRAIN_CASES.map((c) => c.row));
    for (const id of ids) expect(scored.has(id) || EXCLUDED[id] !== undefined, `row ${id}`).toBe(true);
    expect(rows.length).toBeGreaterThanOrEqual(20);
  });

  it('median |error| of the step peak is at most 10 %', () => {
    expect(medianAbs(rows.map((r) => r.error))).toBeLessThanOrEqual(0.1);
  });

  it('no scored row is off by more than 55 %', () => {
    for (const r of rows) expect(Math.abs(r.error), `row ${r.row} ${r.label}`).toBeLessThanOrEqual(0.55);
  });

  it('each technique of the torchtune ablation saves what the model says, within 2 GiB', () => {
    const deltas = trainDeltas(rows);
    expect(deltas.length).toBe(6);
    for (const d of deltas) expect(Math.abs(d.predicted - d.measured), `${d.label} (${d.component})`).toBeLessThanOrEqual(2);
  });

  it('weights after model init, which torchtune logs on their own, within 5 %', () => {
    const comps = trainComponentRows();
    expect(comps.length).toBeGreaterThanOrEqual(2);
    for (const c of comps) expect(Math.abs(c.error), `${c.id} ${c.model}`).toBeLessThanOrEqual(0.05);
  });
});
