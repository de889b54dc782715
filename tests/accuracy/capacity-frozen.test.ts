// The blind rows as first priced (tests/fixtures/serving/frozen.csv, capacity-frozen.ts): every blind row has its
// frozen prices, each compared with a figure its source states, and the README's table of the blind rounds quotes
// what the fixture gives, so the pooled first-priced figure and the shipped ranges rest on every row.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { servingRows } from './capacity-cases';
import { FROZEN_METRICS, frozenMedians, frozenPools, frozenRows, pricedRounds, type LoadMetric } from './capacity-frozen';

const frozen = frozenRows();
const serving = new Map(servingRows().map((r) => [r.id!, r]));

/** The serving.csv columns a measured figure of each metric may come from (a median where the harness compares one). */
const SOURCE_COLUMNS: Record<LoadMetric, string[]> = {
  ttftMs: ['ttft_ms', 'ttft_median_ms'],
  tpotMs: ['tpot_ms'],
  outputTps: ['output_tps'],
};

describe('blind rows as first priced', () => {
  it('prices every load and pool row of every blind round once, on its round’s commit', () => {
    const expected = pricedRounds().flatMap((r) =>
      [...serving.values()]
        .filter((row) => (row.kind === 'load' || row.kind === 'pool') && r.sources.includes(row.source!))
        .map((row) => `${row.id}/${row.kind}@${r.round}:${r.commit}`),
    );
    expect(frozen.map((f) => `${f.id}/${f.kind}@${f.round}:${f.commit}`).sort()).toEqual(expected.sort());
  });

  it('compares each frozen price with a figure the row’s source states', () => {
    for (const f of frozen) {
      const row = serving.get(f.id)!;
      expect(f.gpu, f.id).toBe(row.gpu);
      for (const k of FROZEN_METRICS) {
        if (f.measured[k] === undefined) continue;
        const stated = SOURCE_COLUMNS[k]
          .map((c) => row[c])
          .filter((v) => v !== undefined && v !== '')
          .map(Number);
        expect(stated, `${f.id} ${k}`).toContain(f.measured[k]);
        expect(f.predicted[k], `${f.id} ${k}`).toBeGreaterThan(0);
      }
      if (f.measured.kvTokens !== undefined) expect(f.measured.kvTokens, f.id).toBe(Number(row.kv_tokens));
    }
  });

  it('matches the README table of the blind rounds, round by round', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    for (const r of pricedRounds()) {
      const rows = frozen.filter((f) => f.round === r.round);
      if (rows.length === 0) continue;
      const m = frozenMedians(rows);
      const line = readme.split('\n').find((l) => l.startsWith(`| ${r.round} | `));
      expect(line, `round ${r.round}`).toBeDefined();
      const cells = line!.split(' | ');
      const pools = frozenPools(rows);
      expect(cells[6], `round ${r.round} pools`).toBe(pools.n ? `${pools.within5} of ${pools.n}` : '–');
      if (!rows.some((f) => f.kind === 'load')) continue;
      expect(cells.slice(3, 6), `round ${r.round}`).toEqual([pct(m.ttftMs.median), pct(m.tpotMs.median), pct(m.outputTps.median)]);
    }
  });

  it('pools every blind row into one first-priced figure, as the README states it', () => {
    const m = frozenMedians(frozen);
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const figure = `TTFT ${(m.ttftMs.median * 100).toFixed(1)} % (${m.ttftMs.n} rows), TPOT ${(m.tpotMs.median * 100).toFixed(1)} % (${m.tpotMs.n}), output ${(m.outputTps.median * 100).toFixed(1)} % (${m.outputTps.n})`;
    expect(readme).toContain(figure);
    const pools = frozenPools(frozen);
    expect(readme).toContain(
      `KV pools as first priced: median ${(pools.median * 100).toFixed(1)} % over ${pools.n}, ${pools.within5} within 5 %`,
    );
  });
});
