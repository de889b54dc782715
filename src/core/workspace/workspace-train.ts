// The Fine-tune mode's part of the workspace: which mode Compare shows and the training settings. Read
// back field by field like the rest of the workspace (workspace.ts): a bad or unknown value costs only
// itself and is named, so a hand-edited or newer file never blocks start-up.

import * as v from 'valibot';
import { defaultTrainingSettings } from '../train';
import { LORA_TARGETS, TRAIN_OPTIMIZERS, TRAIN_RUNTIMES, type TrainingSettings } from '../train/types';

export const COMPARE_MODES = ['inference', 'train'] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];

export interface WorkspaceTraining {
  mode: CompareMode;
  settings: TrainingSettings;
}

/** A new workspace plans QLoRA: the method most people can run on one consumer GPU. */
export function defaultWorkspaceTraining(): WorkspaceTraining {
  return { mode: 'inference', settings: defaultTrainingSettings('qlora') };
}

const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

/**
 * One validator per TrainingSettings field (a test checks none is missing). Bounds are what the UI
 * offers; beyond them a stored value is more likely damage than a choice.
 */
export const TRAINING_FIELDS: Record<string, v.GenericSchema> = {
  method: v.picklist(['full', 'lora', 'qlora']),
  runtime: v.picklist(TRAIN_RUNTIMES),
  lora: v.object({
    rank: int(1, 4096),
    alpha: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(65536)),
    targets: v.union([
      v.literal('all-linear'),
      v.pipe(v.array(v.picklist(LORA_TARGETS)), v.minLength(1), v.maxLength(LORA_TARGETS.length)),
    ]),
    dora: v.optional(v.boolean()),
  }),
  doubleQuant: v.boolean(),
  precision: v.picklist(['bf16', 'mixed', 'fp32']),
  optimizer: v.picklist(TRAIN_OPTIMIZERS),
  sgdMomentum: v.boolean(),
  batch: int(1, 1024),
  seq: int(16, 1_048_576),
  gradAccum: int(1, 4096),
  checkpointing: v.picklist(['off', 'on', 'offload']),
  flashAttention: v.boolean(),
  chunkedLoss: v.boolean(),
  compile: v.optional(v.boolean()),
  optimizerInBackward: v.boolean(),
  activationOffload: v.boolean(),
  zero: v.picklist([0, 1, 2, 3]),
  offload: v.picklist(['none', 'optimizer', 'optimizer+params']),
  gpus: int(1, 1024),
  extraTargets: v.pipe(v.array(v.picklist(['embed', 'lm_head'])), v.maxLength(2)),
};

function record(x: unknown): Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
}

/** Restores the training part; `dropped` receives "training.<field>" for each value replaced by its default. */
export function restoreTraining(raw: unknown, dropped: string[]): WorkspaceTraining {
  const base = defaultWorkspaceTraining();
  if (raw === undefined) return base;
  const src = record(raw);
  const mode = v.safeParse(v.picklist(COMPARE_MODES), src['mode']);
  if (src['mode'] !== undefined && !mode.success) dropped.push('training.mode');
  const settings: Record<string, unknown> = { ...base.settings };
  const stored = record(src['settings']);
  for (const [key, schema] of Object.entries(TRAINING_FIELDS)) {
    if (stored[key] === undefined) continue;
    const r = v.safeParse(schema, stored[key]);
    if (r.success) settings[key] = r.output;
    else dropped.push(`training.settings.${key}`);
  }
  return { mode: mode.success ? mode.output : base.mode, settings: settings as unknown as TrainingSettings };
}
