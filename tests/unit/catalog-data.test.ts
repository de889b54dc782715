// The catalog's data files: every file is registered, named after its id, and built by the same
// importer as a user's config.json. Models whose whole config.json is also an import fixture must
// hold the same file, so the catalog and the import tests cannot drift apart.

import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_CATALOG, catalogModelFromData, CatalogDataError } from '../../src/core/catalog';
import { CATALOG_DATA } from '../../src/core/catalog/data';
import { specFromHfConfig } from '../../src/core/model/from-hf-config';

const DATA_DIR = resolve(__dirname, '../../src/core/catalog/data');
const HF_FIXTURES = resolve(__dirname, '../fixtures/hf');

describe('catalog data files', () => {
  const files = readdirSync(DATA_DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts');

  it('are all listed in data/index.ts, once, in the library order', () => {
    const registered = CATALOG_DATA.map((d) => `${d.id}.ts`);
    expect([...registered].sort()).toEqual([...files].sort());
    expect(MODEL_CATALOG.map((m) => m.spec.id)).toEqual(CATALOG_DATA.map((d) => d.id));
  });

  it('are each named after the id they hold', async () => {
    for (const f of files) {
      const mod = (await import(resolve(DATA_DIR, f))) as { default: { id: string } };
      expect(`${mod.default.id}.ts`, f).toBe(f);
    }
  });

  it('build the same spec as importing their config.json, apart from basis and stated overrides', () => {
    for (const d of CATALOG_DATA) {
      const { spec, warnings } = specFromHfConfig(d.config, { id: d.id, name: d.name });
      expect(warnings, d.id).toEqual([]);
      const built = catalogModelFromData(d).spec;
      expect(built.basis).toBe('catalog');
      expect({ ...built, basis: 'config', maxContext: spec.maxContext }, d.id).toEqual(spec);
      if (built.maxContext !== spec.maxContext) expect(d.overrides?.why, `${d.id} overrides the context`).toBeTruthy();
    }
  });

  it('copy the import fixtures verbatim where the whole config.json is stored', () => {
    const copies: Record<string, string> = {
      'llama-3.1-8b-instruct': 'Llama-3.1-8B-Instruct',
      'qwen3-30b-a3b': 'Qwen3-30B-A3B',
      'gemma-3-27b-it': 'gemma-3-27b-it',
      'deepseek-v3': 'DeepSeek-V3',
      'gpt-oss-20b': 'gpt-oss-20b',
    };
    for (const [id, dir] of Object.entries(copies)) {
      const fixture = JSON.parse(readFileSync(resolve(HF_FIXTURES, dir, 'config.json'), 'utf8')) as unknown;
      expect(CATALOG_DATA.find((d) => d.id === id)?.config, id).toEqual(fixture);
    }
  });

  it('refuse a config the importer has to guess at', () => {
    const good = CATALOG_DATA[0]!;
    expect(() => catalogModelFromData({ ...good, config: { ...good.config, model_type: 'not-a-model' } })).toThrow(CatalogDataError);
  });
});
