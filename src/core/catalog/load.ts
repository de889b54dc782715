// Turns one catalog data file into a library entry. The architecture comes from the model's own
// config.json through specFromHfConfig, the importer users' files go through, so the catalog and an
// imported config of the same repository always give the same spec.

import { specFromHfConfig } from '../model/from-hf-config';
import type { CatalogModel, CatalogModelData } from './types';

export class CatalogDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogDataError';
  }
}

export function catalogModelFromData(d: CatalogModelData): CatalogModel {
  const { spec, warnings } = specFromHfConfig(d.config, { id: d.id, name: d.name });
  // An importer warning on built-in data means the config was copied wrongly or the importer lacks a
  // rule; either way the library must not ship a guessed spec, so this fails every test that loads it.
  if (warnings.length > 0) throw new CatalogDataError(`${d.id}: ${warnings.join(' ')}`);
  spec.basis = 'catalog';
  if (d.overrides?.maxContext !== undefined) spec.maxContext = d.overrides.maxContext;
  const m: CatalogModel = {
    spec,
    family: d.family,
    publisher: d.publisher,
    hfRepo: d.hfRepo,
    license: d.license,
    released: d.released,
    tags: [...d.tags],
    parameterCount: d.parameterCount,
    activeParameterCount: d.activeParameterCount ?? d.parameterCount,
    parameterCountSource: { ...d.parameterCountSource },
  };
  if (d.aliases) m.aliases = [...d.aliases];
  if (d.notes) m.notes = d.notes;
  if (d.role) m.role = d.role;
  return m;
}
