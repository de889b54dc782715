import type { ModelSpec } from '../model/types';

/** What a non-chat catalog model is for: it is sized by batch × sequence length beside a chat model. */
export type CatalogRole = 'embedding' | 'reranker';

export type ModelTag = 'chat' | 'code' | 'reasoning' | 'vision' | 'moe' | 'small' | 'multilingual' | 'base';

/**
 * How a catalog parameter count is known. 'exact': a public exact figure (HF safetensors total of the
 * text weights, GGUF general.parameter_count, vendor README) that the spec must reproduce exactly.
 * 'recomputed': no public exact record was found, so the figure is the count of the config's shapes;
 * `published` keeps the rounded model-card figure and `tolerance` the relative gap allowed to it.
 */
export interface ParameterCountSource {
  kind: 'exact' | 'recomputed';
  /** Where the figure comes from, in a few words. */
  source: string;
  /** The rounded figure the model card states ("8B", "30.5B"). */
  published?: string;
  /** Relative difference allowed between parameterCount and `published` (0.05 = 5 %). */
  tolerance?: number;
}

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
  /** How parameterCount is known; absent only for entries built outside the built-in catalog. */
  parameterCountSource?: ParameterCountSource;
  /** Extra search words ("r1", "distill"). */
  aliases?: string[];
  /** Embedding or reranker model; absent for chat/base models. */
  role?: CatalogRole;
}

/**
 * A `config.json` as Hugging Face writes it: field names and values exactly as in the repository,
 * including a nested `text_config` where the repository has one.
 */
export type HfConfig = Readonly<Record<string, unknown>>;

/**
 * One catalog model as stored in `catalog/data/<id>.ts`: the repository's own config.json fields plus
 * what a user browses by. The spec is built from `config` by the same importer as a user's file.
 */
export interface CatalogModelData {
  id: string;
  name: string;
  family: string;
  publisher: string;
  hfRepo: string;
  license: string;
  released: string;
  tags: ModelTag[];
  /** Embedding or reranker model; absent for chat/base models. */
  role?: CatalogRole;
  parameterCount: number;
  /** Defaults to parameterCount (dense models). */
  activeParameterCount?: number;
  parameterCountSource: ParameterCountSource;
  aliases?: string[];
  notes?: string;
  /**
   * Where the catalog deliberately departs from config.json, with the reason; empty for most models.
   * maxContext: the context the model is trained and sold for when the config field says less.
   */
  overrides?: { maxContext?: number; why: string };
  config: HfConfig;
}
