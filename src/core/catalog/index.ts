export type { CatalogModel, ModelTag, ParameterCountSource } from './types';
export { MODEL_CATALOG, validateCatalogModel } from './models';
export { getModel, modelFamilies, parseSizeToken, searchModels } from './search';
export type { ModelFilters, ModelSort } from './search';
