// Remedies in the order a practitioner tries them (cheapest quality/speed cost first): smaller micro-batch
// with more accumulation, gradient checkpointing, an 8-bit optimizer, QLoRA, shorter sequences, then
// ZeRO-3 with CPU offload. Each is priced by re-running the memory model on the changed settings.

import type { PlanningHardware } from '../advice/types';
import type { ModelSpec } from '../model/types';
import { trainingMemory } from './memory';
import type { TrainRemedy, TrainingSettings } from './types';
import { verdictFor } from './verdict';

function candidates(s: TrainingSettings): [TrainRemedy['id'], TrainingSettings][] {
  const out: [TrainRemedy['id'], TrainingSettings][] = [];
  if (s.batch > 1) out.push(['micro-batch', { ...s, batch: 1, gradAccum: s.gradAccum * s.batch }]);
  if (s.checkpointing === 'off') out.push(['checkpointing', { ...s, checkpointing: 'on' }]);
  if (s.optimizer === 'adamw' || s.optimizer === 'paged-adamw')
    out.push(['optimizer-8bit', { ...s, optimizer: s.optimizer === 'adamw' ? 'adamw-8bit' : 'paged-adamw-8bit' }]);
  if (s.method !== 'qlora') out.push(['qlora', { ...s, method: 'qlora', precision: 'bf16' }]);
  if (s.seq > 256) out.push(['shorter-seq', { ...s, seq: Math.floor(s.seq / 2) }]);
  if (s.zero !== 3 || s.offload !== 'optimizer+params') out.push(['zero3-offload', { ...s, zero: 3, offload: 'optimizer+params' }]);
  return out;
}

export function trainingRemedies(spec: ModelSpec, s: TrainingSettings, total: number, hw: PlanningHardware | undefined): TrainRemedy[] {
  return candidates(s)
    .map(([id, settings]) => {
      const after = trainingMemory(spec, settings).bytes.total;
      return { id, settings, savesBytes: total - after, totalBytes: after, verdict: verdictFor(after, settings.gpus, hw).verdict };
    })
    .filter((r) => r.savesBytes > 0);
}
