// A vision model's projector and image tokens for `estimate` / `plan`: a catalog VLM or an HF config with a
// vision_config carries its tower on the spec, so its projector joins the set without a file (--no-mmproj
// leaves it out), and --images N adds N images' tokens to the context the main model's KV cache is sized for.

import type { EstimateSettings, ModelInput } from '../../core/estimate/types';
import { projectorFromHf, type HfProjector, type ProjectorType } from '../../core/multi/projector-hf';
import { CliError } from '../types';
import type { SetArgs } from './estimate-add-args';

/** What `--json` says about the images: how many tokens they added to the context, and the rule used. */
export interface ImagesJson {
  images: number;
  tokensPerImage: number;
  addedTokens: number;
  /** The main model's context before the images were added (--ctx or its default). */
  textContext: number;
  rule: string;
}

export interface VisionPlan {
  /** The main model's settings with the image tokens added to its context. */
  settings: EstimateSettings;
  projector: HfProjector | null;
  images: ImagesJson | null;
}

/** Whether a set is needed for the model alone: it has a vision tower and --no-mmproj was not given. */
export function plansProjector(main: ModelInput, set: Pick<SetArgs, 'noMmproj' | 'mmproj'>): boolean {
  return Boolean(main.spec.vision) && !set.noMmproj && set.mmproj === null;
}

export function visionPlan(set: SetArgs, main: ModelInput, settings: EstimateSettings): VisionPlan {
  const tower = main.spec.vision;
  if (!tower) {
    if (set.images !== null && set.images > 0)
      throw new CliError(
        `--images needs a model whose vision tower is known (a catalog vision model or a config.json with vision_config); ${main.spec.name} has none.`,
      );
    return { settings, projector: null, images: null };
  }
  if (set.noMmproj && set.images !== null && set.images > 0)
    throw new CliError('--images needs the projector that turns images into tokens; drop --no-mmproj.');
  const projector = projectorFromHf(tower, {
    runtime: settings.runtime,
    ...(set.mmprojType !== null ? { type: set.mmprojType as ProjectorType } : {}),
    flashAttention: settings.flashAttention !== false,
    images: set.images ?? 1,
    parallel: settings.parallel,
  });
  const n = set.images ?? 0;
  const added = n * projector.tokens.perImage;
  const images: ImagesJson | null =
    set.images === null
      ? null
      : {
          images: n,
          tokensPerImage: projector.tokens.perImage,
          addedTokens: added,
          textContext: settings.context,
          rule: projector.tokens.rule,
        };
  return { settings: added > 0 ? { ...settings, context: settings.context + added } : settings, projector, images };
}
