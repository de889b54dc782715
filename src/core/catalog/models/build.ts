// Compact builders for catalog entries. Most decoders differ from Llama only in a handful of
// fields, so each family file states just those and the defaults below fill in the rest.

import type { MlaSpec, ModelSpec, MoeSpec, NormKind, SlidingWindowSpec } from '../../model/types';
import type { CatalogModel, ModelTag, ParameterCountSource } from '../types';

export interface ArchArgs {
  id: string;
  name: string;
  architecture: string;
  layers: number;
  hidden: number;
  /** Dense FFN width (MoE: the width of dense layers, 0 when there are none). */
  ffn: number;
  heads: number;
  kvHeads: number;
  /** Explicit head_dim; defaults to hidden / heads. */
  headDim?: number;
  headDimV?: number;
  vocab: number;
  tied: boolean;
  ctx: number;
  gated?: boolean;
  qkvBias?: boolean;
  attnOutBias?: boolean;
  ffnBias?: boolean;
  norm?: NormKind;
  /** LayerNorm with bias vectors (Falcon-7B); Cohere's LayerNorm has none. */
  normBias?: boolean;
  normsPerLayer?: number;
  qkNorm?: boolean;
  /** q/k norms carry one weight vector per head (Command R+), not one shared head_dim vector. */
  qkNormPerHead?: boolean;
  sinks?: boolean;
  sliding?: SlidingWindowSpec;
  mla?: MlaSpec;
  moe?: Partial<MoeSpec> & Pick<MoeSpec, 'experts' | 'expertsActive' | 'expertFfnSize'>;
}

export function arch(a: ArchArgs): ModelSpec {
  const headDim = a.headDim ?? a.hidden / a.heads;
  if (!Number.isInteger(headDim)) throw new Error(`${a.id}: head dim is not an integer`);
  const spec: ModelSpec = {
    id: a.id,
    name: a.name,
    architecture: a.architecture,
    layers: a.layers,
    hiddenSize: a.hidden,
    intermediateSize: a.ffn,
    heads: a.heads,
    kvHeads: a.kvHeads,
    headDimK: headDim,
    headDimV: a.headDimV ?? headDim,
    vocabSize: a.vocab,
    tiedEmbeddings: a.tied,
    maxContext: a.ctx,
    gatedFfn: a.gated ?? true,
    bias: { qkv: a.qkvBias ?? false, attnOut: a.attnOutBias ?? false, ffn: a.ffnBias ?? false },
    norm: a.norm ?? 'rms',
    normsPerLayer: a.normsPerLayer ?? 2,
    qkNorm: a.qkNorm ?? false,
    ...(a.qkNormPerHead ? { qkNormPerHead: true } : {}),
    basis: 'catalog',
  };
  if (a.normBias) spec.normBias = true;
  if (a.sinks) spec.attentionSinks = true;
  if (a.sliding) spec.slidingWindow = a.sliding;
  if (a.mla) spec.mla = a.mla;
  if (a.moe) {
    spec.moe = {
      sharedExperts: 0,
      denseLeadingLayers: 0,
      layerStep: 1,
      ...a.moe,
    };
  }
  return spec;
}

export interface EntryArgs {
  spec: ModelSpec;
  family: string;
  publisher: string;
  hfRepo: string;
  license: string;
  released: string;
  tags: ModelTag[];
  parameterCount: number;
  /** Defaults to parameterCount (dense models). */
  activeParameterCount?: number;
  parameterCountSource: ParameterCountSource;
  aliases?: string[];
  notes?: string;
}

export function entry(e: EntryArgs): CatalogModel {
  const m: CatalogModel = {
    spec: e.spec,
    family: e.family,
    publisher: e.publisher,
    hfRepo: e.hfRepo,
    license: e.license,
    released: e.released,
    tags: e.tags,
    parameterCount: e.parameterCount,
    activeParameterCount: e.activeParameterCount ?? e.parameterCount,
    parameterCountSource: e.parameterCountSource,
  };
  if (e.aliases) m.aliases = e.aliases;
  if (e.notes) m.notes = e.notes;
  return m;
}

/** Copy of a spec under another id/name/context, for fine-tunes that keep the base shapes. */
export function variant(base: ModelSpec, id: string, name: string, over: Partial<ModelSpec> = {}): ModelSpec {
  return { ...base, ...over, id, name };
}
