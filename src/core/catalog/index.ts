export type { CatalogModel, CatalogModelData, HfConfig, ModelTag, ParameterCountSource } from './types';
export { MODEL_CATALOG, validateCatalogModel } from './models';
export { CatalogDataError, catalogModelFromData } from './load';
export { getModel, modelFamilies, parseSizeToken, searchModels } from './search';
export type { ModelFilters, ModelSort } from './search';
