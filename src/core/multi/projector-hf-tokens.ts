// How many tokens one image becomes, per family and runtime: the language-model tokens it adds to the
// context, and the patches the vision encoder runs over for it (which size the encoder's compute buffer).
// Dynamic-resolution towers are planned at the largest image the runtime accepts by default.

import type { Runtime } from '../estimate/types';
import type { VisionTower } from './projector-hf-tensors';

export interface ImageTokens {
  /** Tokens one image adds to the language model's context (image tokens plus row-break tokens where used). */
  perImage: number;
  /** Patches the encoder processes in one pass for the largest image: what its compute buffer is sized for. */
  encoderPatches: number;
  /** The rule with its numbers, for the report. */
  rule: string;
}

/** clip.cpp (tools/mtmd) caps per projector: hparams.set_limit_image_tokens(8, 4096) for Qwen2/2.5/3-VL, (8, 1024) for Pixtral. */
export const LLAMA_CPP_MAX_IMAGE_TOKENS = { qwen: 4096, pixtral: 1024 } as const;

/**
 * Processor defaults in the repositories' preprocessor_config.json: Qwen2.5-VL max_pixels 12,845,056
 * = 16,384 × 28² (28 = patch 14 × merge 2); Qwen3-VL size.longest_edge 16,777,216 = 16,384 × 32².
 */
export const HF_MAX_IMAGE_TOKENS_QWEN = 16_384;

function qwen(t: VisionTower, runtime: Runtime): ImageTokens {
  const llama = runtime === 'llama.cpp';
  const tokens = llama ? LLAMA_CPP_MAX_IMAGE_TOKENS.qwen : HF_MAX_IMAGE_TOKENS_QWEN;
  const px = t.patchSize * t.merge;
  const source = llama ? "llama.cpp's cap (clip.cpp set_limit_image_tokens(8, 4096))" : "the processor's default max_pixels";
  return {
    perImage: tokens,
    encoderPatches: tokens * t.merge * t.merge,
    rule: `dynamic resolution: one token per ${px} × ${px} pixels, at most ${tokens} tokens per image by ${source}; the encoder runs over ${t.merge}² = ${t.merge * t.merge} patches per token`,
  };
}

function pixtral(t: VisionTower, runtime: Runtime): ImageTokens {
  const px = t.patchSize * t.merge;
  // The HF processor keeps the longest side ≤ image_size; llama.cpp caps the merged tokens at 1,024 (32 × 32).
  const side = runtime === 'llama.cpp' ? Math.floor(Math.sqrt(LLAMA_CPP_MAX_IMAGE_TOKENS.pixtral)) : Math.floor(t.imageSize / px);
  const source =
    runtime === 'llama.cpp' ? "llama.cpp's cap of 1,024 image tokens (clip.cpp)" : `the processor's longest edge ${t.imageSize} px`;
  return {
    perImage: side * side + side,
    encoderPatches: side * side * t.merge * t.merge,
    rule: `one token per ${px} × ${px} pixels, a square image of ${side} × ${side} tokens at ${source}, plus one [IMG_BREAK]/[IMG_END] per row`,
  };
}

/** Tokens per image for the tower's family when `runtime` serves it. */
export function imageTokens(t: VisionTower, runtime: Runtime): ImageTokens {
  const side = Math.floor(t.imageSize / t.patchSize);
  switch (t.family) {
    case 'gemma3': {
      const n = t.tokensPerImage ?? 256;
      return {
        perImage: n,
        encoderPatches: side * side,
        rule: `fixed: ${n} tokens per image (mm_tokens_per_image), the ${side}² patches of a ${t.imageSize} px image pooled ${t.merge} × ${t.merge}`,
      };
    }
    case 'qwen2.5-vl':
    case 'qwen3-vl':
      return qwen(t, runtime);
    case 'pixtral':
      return pixtral(t, runtime);
    case 'internvl': {
      const perTile = Math.floor(side / t.merge) ** 2;
      const tiles = (t.maxTiles ?? 12) + ((t.maxTiles ?? 12) > 1 ? 1 : 0);
      // llama.cpp encodes one slice at a time; transformers / vLLM run every tile of an image in one batch.
      const batched = runtime === 'llama.cpp' ? 1 : tiles;
      return {
        perImage: perTile * tiles,
        encoderPatches: batched * (side * side + 1),
        rule: `${perTile} tokens per ${t.imageSize} px tile ((${side} / ${t.merge})², pixel shuffle), up to ${tiles} tiles (max_dynamic_patch ${t.maxTiles ?? 12} + a thumbnail)`,
      };
    }
    case 'mllama': {
      const tiles = t.maxTiles ?? 4;
      return {
        perImage: 1,
        encoderPatches: tiles * (side * side + 1),
        rule: `one <|image|> token in the context; the ${tiles} tiles × ${side * side + 1} vision tokens go to the cross-attention layers instead`,
      };
    }
  }
}
