// Issue 19's measured rows from public logs (tests/fixtures/multi, sources in SOURCES.md) against the set
// planner: each compared component must be within the stated tolerance (MULTI_TOLERANCE), and the rows
// must cover a VLM with an image, a speculative setup's main and draft contexts, and a reranker.
import { describe, expect, it } from 'vitest';
import { compareMeasuredRows, KNOWN_OFF, lineBytes, loadMeasuredRows, MULTI_TOLERANCE } from './multi-measured';

const MiB = 1024 * 1024;

describe('measured rows with several models (public logs)', () => {
  const results = compareMeasuredRows();
  const key = (c: { row: string; component: string }) => `${c.row} ${c.component}`;
  // Components known to be off, each with its reason and owner: asserted apart so that a fix shows up too.
  const all = results.flatMap((r) => r.comparisons).filter((c) => !(key(c) in KNOWN_OFF));
  const knownOff = results.flatMap((r) => r.comparisons).filter((c) => key(c) in KNOWN_OFF);

  it('reads every figure from its quoted line, at the precision the line prints', () => {
    expect(lineBytes('alloc_compute_meta:      CUDA0 compute buffer size =   121.25 MiB')).toEqual({
      bytes: Math.round(121.25 * MiB),
      precision: Math.ceil(0.005 * MiB),
    });
    expect(lineBytes('print_info: file size   = 2.31 GiB (5.12 BPW)').precision).toBe(Math.ceil(0.005 * 1024 * MiB));
    for (const row of loadMeasuredRows()) for (const line of Object.values(row.lines)) expect(typeof line).toBe('string');
  });

  it('covers a VLM with an image, both contexts of a speculative setup, and a reranker', () => {
    const parts = (kind: string) => results.filter((r) => r.row.kind === kind).flatMap((r) => r.comparisons.map((c) => c.component));
    expect(parts('vision')).toEqual(expect.arrayContaining(['projector weights', 'projector compute (device)', 'text model weights']));
    expect(parts('speculative')).toEqual(expect.arrayContaining(['main KV', 'main compute', 'draft KV', 'draft compute (device)']));
    // The reranker is compared once its catalog entry exists (issue 19's encoder models).
    if (results.some((r) => r.row.kind === 'reranker' && r.comparisons.length > 0)) expect(parts('reranker')).toContain('weights');
  });

  it('the components listed as known to be off are still off (remove the entry once fixed)', () => {
    for (const c of knownOff) expect(c.pass, `${key(c)} now passes: drop it from KNOWN_OFF`).toBe(false);
  });

  it('every compared component is within its tolerance', () => {
    const bad = all.filter((c) => !c.pass);
    expect(
      bad.map(
        (c) =>
          `${c.row} ${c.component}: measured ${(c.measured / MiB).toFixed(2)} MiB, planned ${(c.planned / MiB).toFixed(2)} MiB (tolerance ${(c.tolerance / MiB).toFixed(2)} MiB)`,
      ),
    ).toEqual([]);
  });

  it('KV caches match to the log precision and weights within 1 %', () => {
    for (const c of all.filter((x) => x.component.endsWith('KV')))
      expect(Math.abs(c.planned - c.measured)).toBeLessThanOrEqual(c.tolerance);
    for (const c of all.filter((x) => x.component.includes('weights')))
      expect(Math.abs(c.error)).toBeLessThanOrEqual(MULTI_TOLERANCE.weightsRelative);
  });
});
