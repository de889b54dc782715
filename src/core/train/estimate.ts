// Placeholder wiring so the API exists for the UI; the component model lands in the next commits.

import type { PlanningHardware } from '../advice/types';
import type { ModelSpec } from '../model/types';
import { countParameters } from '../model/params';
import type { TrainMethod, TrainRuntime, TrainingEstimate, TrainingSettings } from './types';

export function defaultTrainingSettings(method: TrainMethod, runtime: TrainRuntime = 'transformers'): TrainingSettings {
  return {
    method,
    runtime,
    lora: { rank: 16, alpha: 32, targets: 'all-linear' },
    doubleQuant: true,
    precision: 'bf16',
    optimizer: 'adamw',
    sgdMomentum: false,
    batch: 1,
    seq: 2048,
    gradAccum: 1,
    checkpointing: 'on',
    flashAttention: true,
    chunkedLoss: runtime === 'unsloth' || runtime === 'torchtune',
    optimizerInBackward: false,
    activationOffload: false,
    zero: 0,
    offload: 'none',
    gpus: 1,
  };
}

export function estimateTraining(spec: ModelSpec, settings: TrainingSettings, _hardware?: PlanningHardware): TrainingEstimate {
  const p = countParameters(spec).total;
  const zero = { bytes: 0, formula: '' };
  return {
    settings,
    training: {
      method: settings.method,
      trainableParameters: p,
      baseParameters: p,
      allParameters: p,
      adapterByTarget: {},
      effectiveBatch: settings.batch,
    },
    bytes: { weights: 2 * p, gradients: 0, optimizer: 0, activations: 0, logits: 0, overhead: 0, total: 2 * p },
    components: {
      weights: { bytes: 2 * p, formula: '' },
      gradients: zero,
      optimizer: zero,
      activations: zero,
      logits: zero,
      overhead: zero,
    },
    cpuBytes: 0,
    speed: { flopsPerToken: 6 * p, tokensPerSecond: null, efficiency: 0, formula: '' },
    remedies: [],
    verdict: null,
    devices: [],
    notes: [],
  };
}
