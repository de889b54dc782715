// MLX peak memory vs published mlx_lm runs; the comparison itself lives in ./mlx.ts (shared with npm run accuracy).

import { describe, expect, it } from 'vitest';
import { compareMlx, medianAbsError, mlxRows } from './mlx';

describe('MLX peak memory vs published mlx_lm runs', () => {
  const used = compareMlx();

  it('prints the comparison', () => {
    const lines = used.map(
      (c) =>
        `${c.id.padEnd(16)} measured ${c.measured.toFixed(3).padStart(7)} GB  planned ${c.planned.toFixed(3).padStart(7)} GB  ${c.errorPct >= 0 ? '+' : ''}${c.errorPct.toFixed(1)} %`,
    );
    console.log(`${lines.join('\n')}\nmedian |error| ${medianAbsError(used).toFixed(1)} %`);
    expect(used.length).toBeGreaterThanOrEqual(12);
    for (const r of mlxRows()) expect(r['url'], r['id']).toMatch(/^https:\/\/github\.com\//);
  });

  it('is within 10 % on the median and on every row but the one documented outlier', () => {
    expect(medianAbsError(used)).toBeLessThan(10);
    // Qwen3-4B at a 2,048-token prompt (PR #1569) measures ~0.5 GB more than weights + cache + one chunk's
    // transient explain; it stays listed, and bounded, until a second measurement shows where it comes from.
    for (const c of used) expect(Math.abs(c.errorPct), c.id).toBeLessThan(c.id === '1569' ? 20 : 10);
  });

  it('follows the slope of a long-prompt ladder (KV plus unfused prefill scores per cached token)', () => {
    const ladder = used.filter((c) => c.id.startsWith('1480-') && !c.id.endsWith('8bit'));
    const first = ladder[0]!;
    const last = ladder[ladder.length - 1]!;
    const measuredSlope = (last.measured - first.measured) / (last.prompt - first.prompt);
    const plannedSlope = (last.planned - first.planned) / (last.prompt - first.prompt);
    expect(Math.abs(plannedSlope / measuredSlope - 1)).toBeLessThan(0.1);
  });
});
