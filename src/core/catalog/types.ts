import type { ModelSpec } from '../model/types';

export type ModelTag = 'chat' | 'code' | 'reasoning' | 'vision' | 'moe' | 'small' | 'multilingual' | 'base';

/** A built-in library entry: the full architecture plus what a user browses by. */
export interface CatalogModel {
  spec: ModelSpec;
  family: string;
  /** Organisation that published the weights. */
  publisher: string;
  /** Hugging Face repository of the reference checkpoint. */
  hfRepo: string;
  license: string;
  /** ISO date (YYYY-MM or YYYY-MM-DD) of the first public release. */
  released: string;
  tags: ModelTag[];
  /** Published exact total parameter count (unique parameters, text model only). */
  parameterCount: number;
  /** Parameters used per token (equals parameterCount for dense models). */
  activeParameterCount: number;
  /** Where parameterCount was checked and any trap worth knowing; shown on the model page. */
  notes?: string;
}
