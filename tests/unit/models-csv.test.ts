// Recomputes every row of tests/fixtures/reference/models.csv from its config columns through specFromHfConfig and
// countParameters, and checks the exact parameter counts (unique, text-only figures where the stored
// total includes a vision tower, MTP module or duplicated lm_head).

import { describe, expect, it } from 'vitest';
import { readReferenceCsv } from '../accuracy/csv';
import { configFromRow, expectedTotal } from '../accuracy/specs';
import { specFromHfConfig } from '../../src/core/model/from-hf-config';
import { countParameters } from '../../src/core/model/params';

const rows = readReferenceCsv('models.csv');

describe('models.csv parameter counts', () => {
  it('reads the in-repo copy of models.csv', () => {
    expect(rows, 'tests/fixtures/reference/models.csv is missing').not.toBeNull();
  });
  const all = rows ?? [];
  it('has the ~50 rows', () => {
    expect(all.length).toBeGreaterThanOrEqual(40);
  });
  for (const r of all) {
    it(`${r.model_id} total`, () => {
      const { spec, warnings } = specFromHfConfig(configFromRow(r), { id: r.model_id });
      expect(warnings.filter((w) => w.startsWith('Unknown'))).toEqual([]);
      expect(countParameters(spec).total).toBe(expectedTotal(r));
    });
    const active = /^(\d+)/.exec(r.params_active_computed ?? '');
    if (active) {
      it(`${r.model_id} active`, () => {
        const { spec } = specFromHfConfig(configFromRow(r), { id: r.model_id });
        // gpt-oss's reference figure leaves the router bias (layers × experts scalars) out of the active
        // count while this engine keeps the whole router active; everything else matches exactly.
        const got = countParameters(spec).active;
        const want = Number(active[1]);
        const slack = spec.moe?.routerBias ? spec.layers * spec.moe.experts : 0;
        expect(Math.abs(got - want)).toBeLessThanOrEqual(slack);
      });
    }
  }
  it('rows marked "= recomputed" are all checked against their public exact figure', () => {
    const marked = all.filter((r) => (r.params_exact_basis ?? '').includes('= recomputed'));
    expect(marked.length).toBeGreaterThanOrEqual(30);
    for (const r of marked) {
      const { spec } = specFromHfConfig(configFromRow(r), { id: r.model_id });
      expect(countParameters(spec).total, r.model_id).toBe(expectedTotal(r));
    }
  });
});
