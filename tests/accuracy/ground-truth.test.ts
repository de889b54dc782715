// Accuracy against reference/ground-truth-dev.csv (see ground-truth.ts for which rows count and why).
// Skips, saying so, when tests/fixtures/reference/ground-truth-dev.csv is not present.

import { describe, expect, it } from 'vitest';
import { compareGroundTruth, loadGroundTruth, summarize, type Row } from './ground-truth';

const available = loadGroundTruth() !== null;
if (!available) {
  console.warn('ground-truth accuracy skipped: tests/fixtures/reference/ground-truth-dev.csv was not found.');
}

describe.skipIf(!available)('estimate() vs ground-truth-dev.csv', () => {
  const rows: Row[] = available ? compareGroundTruth() : [];

  it('prints the comparison table', () => {
    const lines = rows.map((r) => {
      const parts = Object.entries(r.components).map(
        ([k, c]) => `${k} ${c!.errorPct >= 0 ? '+' : ''}${c!.errorPct.toFixed(2)} %${c!.asserted ? '' : ' (info)'}`,
      );
      return `${r.id.padStart(4)} ${r.runtime.padEnd(12)} ${r.model.slice(0, 34).padEnd(34)} ${r.quant.padEnd(10)} ${parts.join(', ')}${r.excluded.length ? `  [left out: ${r.excluded.join('; ')}]` : ''}`;
    });
    console.log(lines.join('\n'));
    console.log('summary (asserted rows)', JSON.stringify(summarize(rows), null, 1));
    expect(rows.length).toBeGreaterThan(50);
  });

  it('llama.cpp KV cache is exact to the logged 0.01 MiB on every modelled row', () => {
    const kvRows = rows.filter((r) => r.runtime === 'llama.cpp' && r.kvBytesOff !== undefined);
    expect(kvRows.length).toBeGreaterThanOrEqual(8);
    for (const r of kvRows) expect(r.kvBytesOff, `row ${r.id}`).toBe(0);
  });

  it('llama.cpp weights of standard file types match the logged buffers within 0.01 %', () => {
    const w = rows.filter((r) => r.runtime === 'llama.cpp' && r.components.weights?.asserted);
    expect(w.length).toBeGreaterThanOrEqual(5);
    for (const r of w) expect(Math.abs(r.components.weights!.errorPct), `row ${r.id}`).toBeLessThan(0.01);
  });

  it('vLLM KV bytes per token reproduce the logged pool within 1 %', () => {
    const kv = rows.filter((r) => r.runtime === 'vllm' && r.components.kv);
    expect(kv.length).toBeGreaterThanOrEqual(4);
    for (const r of kv) expect(Math.abs(r.components.kv!.errorPct), `row ${r.id}`).toBeLessThan(1);
  });

  it('totals: median error ≤ 3 % and worst ≤ 10 % over the included rows', () => {
    const s = summarize(rows).total;
    expect(s.n).toBeGreaterThanOrEqual(100);
    expect(s.medianAbsPct).toBeLessThanOrEqual(3);
    expect(s.worstAbsPct, `worst row ${s.worstId}`).toBeLessThanOrEqual(10);
  });

  it('llama.cpp totals on mainline rows stay within 3 %', () => {
    const s = summarize(rows, { runtime: 'llama.cpp' }).total;
    expect(s.n).toBeGreaterThanOrEqual(4);
    expect(s.worstAbsPct, `worst row ${s.worstId}`).toBeLessThanOrEqual(3);
  });
});
