// The `estimate --train` flags; estimate-train-command.ts parses them together with estimate's own.

import type { Values } from './estimate-args';

export const TRAIN_OPTIONS = {
  train: { type: 'string' },
  rank: { type: 'string' },
  targets: { type: 'string' },
  batch: { type: 'string' },
  seq: { type: 'string' },
  optimizer: { type: 'string' },
  checkpointing: { type: 'string' },
  zero: { type: 'string' },
  'double-quant': { type: 'string' },
} as const;

/** estimate's values plus the training flags (all strings, as parseArgs returns them). */
export type TrainValues = Values & { [K in keyof typeof TRAIN_OPTIONS]?: string };
