// The built-in model library. Each model is one data file in data/ (its config.json fields plus catalog
// facts), built into a spec by the same importer as a user's config.json; this module builds them in
// registry order and offers the structural check that the tests (and anyone adding an entry) run.

import type { CatalogModel } from './types';
import { CATALOG_DATA } from './data';
import { catalogModelFromData } from './load';

export const MODEL_CATALOG: CatalogModel[] = CATALOG_DATA.map(catalogModelFromData);

const ID_RE = /^[a-z0-9][a-z0-9.-]*$/;
const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;

function positiveInt(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n > 0;
}

/** Structural problems of one entry, one sentence each; empty when the entry is sound. */
export function validateCatalogModel(m: CatalogModel): string[] {
  const p: string[] = [];
  const s = m.spec;
  const id = s.id;
  if (!ID_RE.test(id)) p.push(`${id}: id must be lower-case letters, digits, dots and dashes.`);
  if (s.basis !== 'catalog') p.push(`${id}: basis must be 'catalog'.`);
  for (const [k, v] of Object.entries({
    layers: s.layers,
    hiddenSize: s.hiddenSize,
    heads: s.heads,
    headDimK: s.headDimK,
    headDimV: s.headDimV,
    vocabSize: s.vocabSize,
    maxContext: s.maxContext,
  })) {
    if (!positiveInt(v)) p.push(`${id}: ${k} must be a positive integer.`);
  }
  const kvs = typeof s.kvHeads === 'number' ? [s.kvHeads] : s.kvHeads;
  for (const k of kvs) {
    if (!Number.isInteger(k) || k < 0 || k > s.heads) p.push(`${id}: KV heads must be between 0 and the query head count.`);
    else if (k > 0 && s.heads % k !== 0) p.push(`${id}: query heads must be a multiple of KV heads.`);
  }
  if (s.normsPerLayer < 1 || s.normsPerLayer > 4) p.push(`${id}: normsPerLayer must be 1 to 4.`);
  if (s.moe) {
    const moe = s.moe;
    if (!positiveInt(moe.experts) || !positiveInt(moe.expertsActive) || moe.expertsActive > moe.experts) {
      p.push(`${id}: MoE must route between 1 and all experts.`);
    }
    if (!positiveInt(moe.expertFfnSize)) p.push(`${id}: MoE expert FFN width must be positive.`);
    if (moe.denseLeadingLayers > 0 || moe.layerStep > 1) {
      if (!positiveInt(s.intermediateSize)) p.push(`${id}: a MoE model with dense layers needs intermediateSize.`);
    }
    if (m.activeParameterCount >= m.parameterCount) p.push(`${id}: MoE active count must be below the total.`);
    if (!m.tags.includes('moe')) p.push(`${id}: MoE models carry the 'moe' tag.`);
  } else {
    if (!positiveInt(s.intermediateSize)) p.push(`${id}: dense models need intermediateSize.`);
    if (m.activeParameterCount !== m.parameterCount) p.push(`${id}: dense models have active = total.`);
    if (m.tags.includes('moe')) p.push(`${id}: only MoE models carry the 'moe' tag.`);
  }
  if (s.mla) {
    const mla = s.mla;
    if (s.headDimK !== mla.qkNopeHeadDim + mla.qkRopeHeadDim || s.headDimV !== mla.vHeadDim) {
      p.push(`${id}: MLA head dims must equal nope+rope (K) and vHeadDim (V).`);
    }
  }
  if (s.slidingWindow) {
    const w = s.slidingWindow;
    if (!positiveInt(w.window) || !positiveInt(w.period) || w.window >= s.maxContext) {
      p.push(`${id}: sliding window must be positive and shorter than the context.`);
    }
  }
  if (!positiveInt(m.parameterCount) || !positiveInt(m.activeParameterCount)) p.push(`${id}: parameter counts must be positive integers.`);
  if (!DATE_RE.test(m.released)) p.push(`${id}: released must be YYYY-MM or YYYY-MM-DD.`);
  if (!/^[\w.-]+\/[\w.-]+$/.test(m.hfRepo)) p.push(`${id}: hfRepo must look like owner/name.`);
  if (m.tags.length === 0) p.push(`${id}: at least one tag is needed.`);
  if (!m.license) p.push(`${id}: license is missing.`);
  if (!m.parameterCountSource) p.push(`${id}: parameterCountSource is missing.`);
  else if (m.parameterCountSource.kind === 'recomputed' && m.parameterCountSource.tolerance === undefined) {
    p.push(`${id}: a recomputed count states its tolerance to the published figure.`);
  }
  return p;
}
