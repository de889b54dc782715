// Speculative decoding's speed effect, as a range over the acceptance rate (it depends on the text and on
// how well the draft model matches the main one, so no single figure is honest).
// Leviathan, Kalman & Matias, "Fast Inference from Transformers via Speculative Decoding" (ICML 2023),
// Theorem 3.8: with acceptance rate α, γ drafted tokens per step and c = draft step time / main step time,
// the expected speed-up in decode is (1 − α^(γ+1)) / ((1 − α)(γc + 1)).

export interface DraftSpeedPoint {
  acceptance: number;
  /** Expected tokens produced per main-model step. */
  tokensPerStep: number;
  /** Decode speed with the draft model ÷ without it (below 1: the draft slows decoding down). */
  speedup: number;
}

export interface DraftSpeed {
  /** Draft tokens per step the figures assume (llama-server --draft-max). */
  draftTokens: number;
  /** Draft step time ÷ main step time, from the bytes each decode step reads (decode is memory-bound). */
  costRatio: number;
  points: DraftSpeedPoint[];
  basis: string;
}

/** Acceptance rates the range is given for: from a poorly matched draft to a near copy. */
export const ACCEPTANCE_RANGE = [0.5, 0.6, 0.7, 0.8, 0.9] as const;

/** Expected speed-up for one acceptance rate (Leviathan et al. 2023, Theorem 3.8). */
export function speculativeSpeedup(acceptance: number, draftTokens: number, costRatio: number): DraftSpeedPoint {
  const a = Math.min(Math.max(acceptance, 0), 0.999999);
  const g = Math.max(1, Math.floor(draftTokens));
  const tokensPerStep = (1 - a ** (g + 1)) / (1 - a);
  return { acceptance, tokensPerStep, speedup: tokensPerStep / (g * Math.max(0, costRatio) + 1) };
}

/**
 * `mainStepBytes` / `draftStepBytes`: bytes one decode step reads from each model (the caller's choice
 * of weights alone, or weights + the KV filled so far). `draftTokens` defaults to 8; llama-server's --draft-max default is 16 but it stops
 * drafting once the draft's confidence drops below --draft-p-min, so fewer are drafted on average.
 */
/** Draft tokens per step a plan assumes (see draftSpeed). */
export const DRAFT_TOKENS = 8;

export function draftSpeed(mainStepBytes: number, draftStepBytes: number, draftTokens = DRAFT_TOKENS): DraftSpeed {
  const costRatio = mainStepBytes > 0 ? draftStepBytes / mainStepBytes : 1;
  return {
    draftTokens,
    costRatio,
    points: ACCEPTANCE_RANGE.map((a) => speculativeSpeedup(a, draftTokens, costRatio)),
    basis: `Range over the acceptance rate, which depends on the text and the pair of models: speed-up = (1 − α^(γ+1)) / ((1 − α)(γc + 1)) (Leviathan et al. 2023) with γ = ${draftTokens} drafted tokens and c = ${costRatio.toFixed(3)} (bytes a draft step reads ÷ bytes a main step reads).`,
  };
}
