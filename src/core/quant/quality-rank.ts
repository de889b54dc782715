// "What fits" ranking: among the runs that start and answer at reading speed, the best quality first,
// where quality weighs model size against the measured loss of its quantisation.

import type { Verdict } from '../advice/types';
import { UnknownQuantError } from './formats';
import { quantQuality, LEVEL_LIMITS, type QualityLevel, type QuantQuality } from './quality';

/**
 * Slowest decode that still keeps up with a reader: 238 words per minute, the mean silent reading rate of
 * adults for English non-fiction (Brysbaert 2019, "How many words do we read per minute?", Journal of
 * Memory and Language 109, 104047), at 4/3 tokens per word (OpenAI: "1 token ~= ¾ words"): 5.29 tok/s.
 */
export const READING_WORDS_PER_MINUTE = 238;
export const TOKENS_PER_WORD = 4 / 3;
export const MIN_USABLE_TOK_S = (READING_WORDS_PER_MINUTE / 60) * TOKENS_PER_WORD;

export interface FitCandidate {
  /** Total parameters, billions. */
  paramsB: number;
  quant: string;
  /** CatalogModel.family; absent for a model of unknown family (generic quality figure). */
  family?: string;
  verdict: Verdict;
  /** Decode speed in tokens/s; null when it could not be computed. */
  decodeTokS: number | null;
}

/** usable: starts and decodes at reading speed or faster; slow: starts but slower (or speed unknown); no-fit. */
export type FitGroup = 'usable' | 'slow' | 'no-fit';

export interface RankedFit<T extends FitCandidate> {
  row: T;
  group: FitGroup;
  quality: QuantQuality;
  /** 0 best: loss at most 'noticeable'; 1 not measured; 2 'large'; 3 'severe'. */
  qualityTier: number;
}

const TIER: Record<QualityLevel | 'not-measured', number> = {
  lossless: 0,
  minor: 0,
  noticeable: 0,
  'not-measured': 1,
  large: 2,
  severe: 3,
};

/** A row with a format this build does not know ranks as unmeasured instead of failing the whole list. */
function qualityOf(c: FitCandidate): QuantQuality {
  try {
    return quantQuality(c.quant, c.family, c.paramsB);
  } catch (e) {
    if (!(e instanceof UnknownQuantError)) throw e;
    return { quant: c.quant, level: 'not-measured', basis: 'generic', reason: e.message, sources: [] };
  }
}

function groupOf(c: FitCandidate): FitGroup {
  if (c.verdict === 'no-fit') return 'no-fit';
  return c.decodeTokS !== null && c.decodeTokS >= MIN_USABLE_TOK_S ? 'usable' : 'slow';
}

const GROUP_ORDER: Record<FitGroup, number> = { usable: 0, slow: 1, 'no-fit': 2 };

/**
 * Orders candidates by the rule stated in RANKING_RULE:
 * 1. usable runs (they start, decode ≥ MIN_USABLE_TOK_S), then slower runs, then those that do not fit;
 * 2. within a group, quants whose measured loss is at most 'noticeable' (under LEVEL_LIMITS.noticeable
 *    nats) first, then unmeasured ones, then 'large', then 'severe': a bigger model only wins while its
 *    quant keeps it close to its 16-bit self;
 * 3. then more parameters first: at a modest quant a larger model beats a smaller one at 16-bit ("running
 *    13B at q4_0 beats the 7B f16 model by a significant amount", llama.cpp README, PR #395), which no
 *    longer holds once the loss is 'large' or 'severe' (IQ2_XXS more than doubles LLaMA 3 8B's
 *    perplexity, +126 %);
 * 4. then lower loss, then faster decode; ties keep their input order.
 */
export function rankFitCandidates<T extends FitCandidate>(rows: readonly T[]): RankedFit<T>[] {
  const ranked = rows.map((row, index) => {
    const quality = qualityOf(row);
    return { row, group: groupOf(row), quality, qualityTier: TIER[quality.level], index };
  });
  ranked.sort(
    (a, b) =>
      GROUP_ORDER[a.group] - GROUP_ORDER[b.group] ||
      a.qualityTier - b.qualityTier ||
      b.row.paramsB - a.row.paramsB ||
      (a.quality.lossNats ?? Infinity) - (b.quality.lossNats ?? Infinity) ||
      (b.row.decodeTokS ?? -1) - (a.row.decodeTokS ?? -1) ||
      a.index - b.index,
  );
  return ranked.map(({ row, group, quality, qualityTier }) => ({ row, group, quality, qualityTier }));
}

/**
 * Message key and parameters of the one-sentence rule shown above the "What fits" list; the sentences
 * live in the i18n tables ('fits.rankRule': "{tokS} tok/s" and "{kld}" placeholders).
 */
export const RANKING_RULE = {
  key: 'fits.rankRule',
  params: { tokS: MIN_USABLE_TOK_S.toFixed(1), kld: String(LEVEL_LIMITS.noticeable) },
} as const;
