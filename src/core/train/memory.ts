// The memory part of a training estimate: every component per GPU, without verdict or remedies, so
// remedies can re-run it on changed settings.

import type { ModelSpec } from '../model/types';
import { activationParts, logitsComponent } from './activations';
import { gradientsComponent, modelCounts, optimizerComponent, weightsComponent } from './states';
import type { TrainComponent, TrainComponentKey, TrainingEstimate, TrainingSettings } from './types';

const MiB = 2 ** 20;
/**
 * PyTorch's CUDA context with lazy module loading (the default since CUDA 11.7 / PyTorch 2): ~500 MiB.
 * The transformers guide measured 1343 MB on a V100 with eager loading ("Anatomy of Model's Memory");
 * lazy loading cuts that to the kernels actually used.
 */
export const CUDA_CONTEXT_BYTES = 500 * MiB;
/**
 * The caching allocator rounds large blocks to 2 MiB and keeps freed blocks for reuse; reserved memory
 * runs a few percent above allocated in steady training. 5 % is assumed (see docs/train-accuracy.md).
 */
export const ALLOCATOR_SLACK = 0.05;

export interface TrainingCore {
  bytes: TrainingEstimate['bytes'];
  components: Record<TrainComponentKey, TrainComponent>;
  peak: TrainingEstimate['peak'];
  cpuBytes: number;
  counts: ReturnType<typeof modelCounts>;
}

const GiB = 2 ** 30;
const gib = (n: number): string => `${(n / GiB).toFixed(2)} GiB`;

/**
 * The step's peak. With set_to_none gradients (PyTorch 2's zero_grad default) gradients are allocated
 * during backward while saved activations are freed layer by layer, so the two peaks do not stack:
 * forward end holds activations + logits; backward's end holds all gradients + one layer's buffers.
 * Adapter gradients (LoRA) and optimizer-in-backward buffers are small and counted with the forward side.
 */
function stepPeak(
  act: ReturnType<typeof activationParts>,
  logits: number,
  grads: number,
  s: TrainingSettings,
): { dynamic: number; peak: TrainingEstimate['peak'] } {
  const smallGrads = s.method !== 'full' || s.optimizerInBackward;
  const forward = act.saved + Math.max(logits, act.layer) + (smallGrads ? grads : 0);
  const backward = smallGrads ? 0 : grads + act.layer;
  if (backward > forward) {
    return { dynamic: backward, peak: { phase: 'backward', formula: `gradients ${gib(grads)} + one layer ${gib(act.layer)}` } };
  }
  const top = logits >= act.layer ? `logits ${gib(logits)}` : `one recomputed layer ${gib(act.layer)}`;
  return {
    dynamic: forward,
    peak: { phase: 'forward', formula: `saved activations ${gib(act.saved)} + ${top}${smallGrads ? ` + gradients ${gib(grads)}` : ''}` },
  };
}

/** The memory part alone (no remedies), so remedies can re-run it on changed settings. */
export function trainingMemory(spec: ModelSpec, s: TrainingSettings): TrainingCore {
  const counts = modelCounts(spec, s);
  // Sharded parts are whole bytes: ZeRO and FSDP pad each flat partition to an equal size per rank.
  const whole = <T extends { bytes: number }>(c: T): T => ({ ...c, bytes: Math.ceil(c.bytes) });
  const w = weightsComponent(counts, s, spec.layers);
  const weights = { ...w, gpu: whole(w.gpu) };
  const gradients = whole(gradientsComponent(counts, s));
  const o = optimizerComponent(counts, s);
  const optimizer = { ...o, gpu: whole(o.gpu) };
  const act = activationParts(spec, s, counts.largestLinear);
  const logits = whole(logitsComponent(spec, s));
  const { dynamic, peak } = stepPeak(act, logits.bytes, gradients.bytes, s);
  const tensors = weights.gpu.bytes + optimizer.gpu.bytes + Math.ceil(dynamic);
  const overheadBytes = CUDA_CONTEXT_BYTES + Math.round(ALLOCATOR_SLACK * tensors);
  const overhead = { bytes: overheadBytes, formula: `CUDA context 500 MiB + allocator slack ${ALLOCATOR_SLACK * 100} % of tensors` };
  const activations = { bytes: Math.ceil(act.saved + act.layer), formula: act.formula };
  const components = { weights: weights.gpu, gradients, optimizer: optimizer.gpu, activations, logits, overhead };
  const bytes = {
    weights: weights.gpu.bytes,
    gradients: gradients.bytes,
    optimizer: optimizer.gpu.bytes,
    activations: activations.bytes,
    logits: logits.bytes,
    overhead: overheadBytes,
    total: tensors + overheadBytes,
  };
  peak.formula = `weights + optimizer + overhead + ${peak.formula}`;
  return { bytes, components, peak, cpuBytes: weights.cpu + optimizer.cpu + act.cpu, counts };
}
