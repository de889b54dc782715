// The projector member of a vision model whose spec carries its tower (a catalog VLM, or an HF config or
// folder with vision_config): what the app adds beside the text model when it plans the set, with the same
// bytes the CLI reports.

import type { EstimateSettings, ModelInput } from '../estimate/types';
import { makeMember } from './member';
import { projectorFromHf, type HfProjector, type ProjectorType } from './projector-hf';
import type { SetMember } from './types';

export interface VisionMember {
  member: SetMember;
  projector: HfProjector;
}

/** mmproj-<model>-<type>.gguf: the file name the llama-server recipe passes to --mmproj. */
export function projectorFileName(modelId: string, type: ProjectorType): string {
  const base = modelId.replace(/^hf:/, '').split(/[\\/]/).filter(Boolean).pop() ?? 'model';
  return `mmproj-${base}-${type}.gguf`;
}

/** null when the model has no vision tower the planner can size. */
export function visionProjectorMember(
  main: ModelInput,
  settings: EstimateSettings,
  o: { type?: ProjectorType; images?: number; id?: string } = {},
): VisionMember | null {
  const tower = main.spec.vision;
  if (!tower) return null;
  const projector = projectorFromHf(tower, {
    runtime: settings.runtime,
    ...(o.type ? { type: o.type } : {}),
    flashAttention: settings.flashAttention !== false,
    images: o.images ?? 1,
    parallel: settings.parallel,
  });
  const id = o.id ?? projectorFileName(main.spec.id, projector.type);
  return {
    member: {
      ...makeMember(id, 'vision-projector', main, settings),
      fixed: { weightsBytes: projector.weightsBytes, computeBytes: projector.computeBytes, basis: projector.basis },
    },
    projector,
  };
}
