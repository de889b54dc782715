// `vram-planner estimate --train full|lora|qlora ...`: training memory per GPU, component by component,
// the verdict on the chosen GPUs, training speed and remedies, as text or as one JSON object (--json).

import type { ChosenHardware } from '../../core/advice/choice';
import { verdictLabel } from '../../core/advice/describe';
import type { ModelSpec } from '../../core/model/types';
import { estimateTraining, type TrainingEstimate } from '../../core/train';
import type { CliIO } from '../types';
import type { HardwareArgSource } from './estimate-hardware';
import { trainText } from './estimate-train-output';

export interface TrainJson {
  model: { id: string; name: string; architecture: string };
  training: TrainingEstimate['training'] & { runtime: string; settings: TrainingEstimate['settings'] };
  bytes: TrainingEstimate['bytes'];
  components: TrainingEstimate['components'];
  peak: TrainingEstimate['peak'];
  cpuBytes: number;
  speed: TrainingEstimate['speed'];
  hardwareSource: HardwareArgSource;
  hardware: { label: string };
  devices: TrainingEstimate['devices'];
  verdict: TrainingEstimate['verdict'];
  verdictText: string | null;
  remedies: { id: string; savesBytes: number; totalBytes: number; verdict: TrainingEstimate['verdict'] }[];
  notes: string[];
}

export function trainJson(spec: ModelSpec, e: TrainingEstimate, chosen: ChosenHardware, source: HardwareArgSource): TrainJson {
  return {
    model: { id: spec.id, name: spec.name, architecture: spec.architecture },
    training: { ...e.training, runtime: e.settings.runtime, settings: e.settings },
    bytes: e.bytes,
    components: e.components,
    peak: e.peak,
    cpuBytes: e.cpuBytes,
    speed: e.speed,
    hardwareSource: source,
    hardware: { label: chosen.label },
    devices: e.devices,
    verdict: e.verdict,
    verdictText: e.verdict ? verdictLabel('en', e.verdict) : null,
    remedies: e.remedies.map((r) => ({ id: r.id, savesBytes: r.savesBytes, totalBytes: r.totalBytes, verdict: r.verdict })),
    notes: e.notes,
  };
}

export function runTrain(
  io: CliIO,
  spec: ModelSpec,
  settings: Parameters<typeof estimateTraining>[1],
  chosen: ChosenHardware,
  source: HardwareArgSource,
  json: boolean,
): number {
  const e = estimateTraining(spec, settings, chosen.hw.devices.length > 0 ? chosen.hw : undefined);
  if (json) io.out(JSON.stringify(trainJson(spec, e, chosen, source), null, 2));
  else for (const line of trainText(spec, e, chosen)) io.out(line);
  return 0;
}
