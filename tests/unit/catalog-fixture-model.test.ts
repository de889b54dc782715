// "Adding a model is one data file": a fixture data file joins the registry the way a contributor's
// file does (one more entry in data/index.ts's list) and must then show up in the library search, the
// CLI's `models` command and an estimate, with no other code touched.

import { describe, expect, it, vi } from 'vitest';
import type { CatalogModelData } from '../../src/core/catalog';
import type * as DataModule from '../../src/core/catalog/data';

vi.mock('../../src/core/catalog/data', async (importOriginal) => {
  const real = await importOriginal<typeof DataModule>();
  const fixture = (await import('../fixtures/catalog/fixture-smollm-135m')).default as CatalogModelData;
  return { ...real, CATALOG_DATA: [...real.CATALOG_DATA, fixture] };
});

const { MODEL_CATALOG, getModel, modelFamilies, searchModels } = await import('../../src/core/catalog');
const { models } = await import('../../src/cli/commands/models');
const { estimate, defaultSettings } = await import('../../src/core/estimate');
const { countParameters } = await import('../../src/core/model/params');

const ID = 'fixture-smollm-135m';

function capture() {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t: string) => stdout.push(t), err: (t: string) => stderr.push(t) };
}

describe('a model added as one data file', () => {
  it('is in the library: by id, by search words, by size and by family', () => {
    const m = getModel(ID);
    expect(m?.spec).toMatchObject({
      basis: 'catalog',
      layers: 30,
      hiddenSize: 576,
      kvHeads: 3,
      headDimK: 64,
      tiedEmbeddings: true,
      maxContext: 2048,
    });
    expect(countParameters(m!.spec).total).toBe(m!.parameterCount);
    expect(searchModels('fixture smollm').map((x) => x.spec.id)).toEqual([ID]);
    expect(searchModels('testfixture').map((x) => x.spec.id)).toEqual([ID]);
    expect(searchModels('135m').map((x) => x.spec.id)).toContain(ID);
    expect(modelFamilies()).toContain('Fixture');
    expect(MODEL_CATALOG.at(-1)?.spec.id).toBe(ID);
  });

  it('is listed by the CLI models command', async () => {
    const io = capture();
    expect(await models(['--search', 'fixture', '--json'], io)).toBe(0);
    const rows = JSON.parse(io.stdout.join('\n')) as Array<Record<string, unknown>>;
    expect(rows).toEqual([
      expect.objectContaining({ id: ID, name: 'Fixture SmolLM 135M', parameterCount: 134_515_008, maxContext: 2048, family: 'Fixture' }),
    ]);
  });

  it('can be estimated', () => {
    const spec = getModel(ID)!.spec;
    const e = estimate({ spec }, { ...defaultSettings(), context: 2048 });
    expect(e.model.id).toBe(ID);
    expect(e.weights.parameterCount).toBe(134_515_008);
    expect(e.kvCache.bytes).toBeGreaterThan(0);
    expect(e.totalBytes).toBeGreaterThan(e.weights.bytes);
  });
});
