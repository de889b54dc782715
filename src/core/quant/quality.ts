// How much quality a quantisation format gives up against the 16-bit model, from the published
// measurements in quality-data.ts: per model family where one was measured, otherwise a generic figure.

import { resolveQuant } from './formats';
import {
  QUALITY_MEASUREMENTS,
  QUALITY_NOTES,
  QUALITY_SOURCES,
  type QualityMeasurement,
  type QualityNote,
  type QualitySource,
} from './quality-data';

export const QUALITY_LEVELS = ['lossless', 'minor', 'noticeable', 'large', 'severe'] as const;
export type QualityLevel = (typeof QUALITY_LEVELS)[number];

/**
 * Upper bounds (exclusive) of the loss, in nats of mean KL divergence, for every level but 'severe'.
 *
 * One scale serves KLD and perplexity alike: ln(PPL_q / PPL_16) is the mean extra cross-entropy on the
 * test text, which equals the mean KLD when the text follows the 16-bit model's distribution; llama.cpp's
 * LLaMA 3 8B table bears this out (Q4_K_M: KLD 0.0313, ln(PPL ratio) 0.0278; Q3_K_M: 0.102 and 0.100).
 * A perplexity-only figure therefore enters as ln(1 + increase).
 *
 * The bounds, read against the same table (share of tokens whose top choice matches the 16-bit model):
 * - lossless < 0.01, i.e. < 1 % perplexity: Q8_0 and Q6_K (97.7 % and 96.0 % same top token); "sub-1%
 *   quantization error [is] called lossless in the quantization literature" (ikawrakow, ik_llama.cpp
 *   discussion #359).
 * - minor < 0.05 (< 5.1 %): the 4- and 5-bit k-quants and IQ4 (Q4_K_M 91.9 % same top token).
 * - noticeable < 0.15 (< 16 %): legacy 4-bit, Q3_K_L/M, IQ3_M/S/XS: worse than every 4-bit k-quant.
 * - large < 0.5 (< 65 %): IQ3_XXS to Q2_K (71.1 % same top token: about 3 tokens in 10 differ).
 * - severe ≥ 0.5: IQ2_XS and below, where perplexity rises by more than half (IQ2_XXS: +126 %).
 */
export const LEVEL_LIMITS: Readonly<Record<Exclude<QualityLevel, 'severe'>, number>> = {
  lossless: 0.01,
  minor: 0.05,
  noticeable: 0.15,
  large: 0.5,
};

export function levelForLoss(lossNats: number): QualityLevel {
  if (lossNats < LEVEL_LIMITS.lossless) return 'lossless';
  if (lossNats < LEVEL_LIMITS.minor) return 'minor';
  if (lossNats < LEVEL_LIMITS.noticeable) return 'noticeable';
  if (lossNats < LEVEL_LIMITS.large) return 'large';
  return 'severe';
}

/** Perplexity increase over 16-bit in percent, from whichever form the source printed. */
export function pplIncreasePct(m: QualityMeasurement): number | undefined {
  const p = m.ppl;
  if (!p) return undefined;
  if (p.kind === 'pct') return p.pct;
  if (p.kind === 'pair') return (p.ppl / p.base - 1) * 100;
  if (p.kind === 'ln') return Math.expm1(p.ln) * 100;
  return (p.dPpl / (p.ppl - p.dPpl)) * 100;
}

/** Loss in nats: the measured mean KLD, or ln(PPL_q / PPL_16) where only perplexity was published. */
export function lossNats(m: QualityMeasurement): number {
  if (m.kld !== undefined) return m.kld;
  if (m.ppl?.kind === 'ln') return m.ppl.ln;
  const pct = pplIncreasePct(m);
  if (pct === undefined) throw new Error(`Measurement of ${m.quant} (${m.model}) has neither KLD nor perplexity`);
  return Math.log1p(pct / 100);
}

export interface QuantQuality {
  /** The id the figures are filed under (group-size variants map to their scheme). */
  quant: string;
  /** 'not-measured': no published figure; `reason` says why. */
  level: QualityLevel | 'not-measured';
  /** 'family': measured on a model of the asked family; 'generic': the family has no figure (see genericMeasurement). */
  basis: 'family' | 'generic';
  kld?: number;
  pplIncreasePct?: number;
  lossNats?: number;
  /** The measured model the figure comes from. */
  model?: string;
  /** The source's row label (imatrix, group size), when it matters. */
  row?: string;
  /** Why there is no figure, or why the format is lossless without one. */
  reason?: string;
  /** The same as a message key for the UI's language. */
  reasonKey?: string;
  reasonParams?: Record<string, string | number>;
  sources: QualitySource[];
}

const sourceById = new Map(QUALITY_SOURCES.map((s) => [s.id, s]));
// fp16 is the same IEEE half-precision array as GGUF F16; GGUF BF16 and HF bf16 likewise.
const SAME_FIGURES: Record<string, string> = { fp16: 'F16' };

function sourcesOf(ids: (string | undefined)[]): QualitySource[] {
  const out: QualitySource[] = [];
  for (const id of ids) {
    const s = id ? sourceById.get(id) : undefined;
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

/** The id quality figures are filed under: the canonical format id, group-size variants folded to their scheme. */
export function qualityId(quantId: string): string {
  const f = resolveQuant(quantId);
  if (f.scheme === 'awq') return 'awq';
  if (f.scheme === 'gptq') return f.nominalBits === 8 ? 'gptq-int8' : 'gptq';
  return SAME_FIGURES[f.id] ?? f.id;
}

export function measurementsFor(quant: string): QualityMeasurement[] {
  return QUALITY_MEASUREMENTS.filter((m) => m.quant === quant);
}

export function noteFor(quant: string): QualityNote | undefined {
  return QUALITY_NOTES.find((n) => n.quant === quant);
}

/**
 * The generic figure: the largest loss measured on any published model. A median would mix models per
 * format (Q4_K_M is measured on nine models, IQ1_M on two, F16 on one), so formats would be ranked by
 * which models happen to be measured rather than by their loss. The worst
 * case is one real, quoted measurement and never flatters a model of unknown family.
 */
export function genericMeasurement(quant: string): QualityMeasurement | undefined {
  let worst: QualityMeasurement | undefined;
  for (const m of measurementsFor(quant)) if (!worst || lossNats(m) > lossNats(worst)) worst = m;
  return worst;
}

function familyMeasurement(quant: string, family: string, paramsB?: number): QualityMeasurement | undefined {
  const key = family.trim().toLowerCase();
  const own = measurementsFor(quant).filter((m) => m.family.toLowerCase() === key);
  if (own.length === 0 || paramsB === undefined) return own[0];
  // Several sizes measured: the nearest on a log scale (70B is closer to 34B than to 8B).
  const dist = (m: QualityMeasurement): number => Math.abs(Math.log(m.paramsB / paramsB));
  return own.reduce((best, m) => (dist(m) < dist(best) ? m : best));
}

function fromMeasurement(quant: string, m: QualityMeasurement, basis: 'family' | 'generic'): QuantQuality {
  const loss = lossNats(m);
  const pct = pplIncreasePct(m);
  return {
    quant,
    level: levelForLoss(loss),
    basis,
    lossNats: loss,
    ...(m.kld !== undefined ? { kld: m.kld } : {}),
    ...(pct !== undefined ? { pplIncreasePct: pct } : {}),
    model: m.model,
    ...(m.row ? { row: m.row } : {}),
    sources: sourcesOf([m.source]),
  };
}

/**
 * Quality cost of a format for a model of `family` (CatalogModel.family, case-insensitive) and size
 * `paramsB` (billions, picks among measured sizes). Without a figure for the family the generic one is
 * returned with basis 'generic'. Throws UnknownQuantError for an unknown format.
 */
export function quantQuality(quantId: string, family?: string, paramsB?: number): QuantQuality {
  // Views ask for the same few quants of the same models on every render: the data is fixed, so memoise.
  const key = `${quantId}|${family ?? ''}|${paramsB ?? ''}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const q = computeQuality(quantId, family, paramsB);
  if (memo.size < 20_000) memo.set(key, q);
  return q;
}

const memo = new Map<string, QuantQuality>();

function computeQuality(quantId: string, family?: string, paramsB?: number): QuantQuality {
  const quant = qualityId(quantId);
  const note = noteFor(quant);
  const inFamily = family !== undefined && note?.families?.some((f) => f.toLowerCase() === family.trim().toLowerCase());
  if (note?.status === 'reference' || (note?.status === 'native' && inFamily)) {
    return {
      quant,
      level: 'lossless',
      basis: note.status === 'native' ? 'family' : 'generic',
      reason: note.reason,
      reasonKey: note.reasonKey,
      ...(note.reasonParams ? { reasonParams: note.reasonParams } : {}),
      sources: sourcesOf([note.source]),
    };
  }
  const own = family ? familyMeasurement(quant, family, paramsB) : undefined;
  if (own) return fromMeasurement(quant, own, 'family');
  const generic = genericMeasurement(quant);
  if (generic) return fromMeasurement(quant, generic, 'generic');
  return {
    quant,
    level: 'not-measured',
    basis: 'generic',
    reason: note?.reason ?? 'No published measurement against 16-bit.',
    ...(note ? { reasonKey: note.reasonKey, ...(note.reasonParams ? { reasonParams: note.reasonParams } : {}) } : {}),
    sources: sourcesOf([note?.source]),
  };
}
