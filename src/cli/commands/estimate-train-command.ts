// The `--train` branch of `estimate`: the same model and hardware options as estimate, plus the
// training flags (estimate-train-options.ts), parsed strictly so a misspelt flag is an error.

import { parseArgs } from 'node:util';
import { CliError, type CliIO } from '../types';
import { OPTIONS, loadModel } from './estimate-args';
import { buildHardware, type EstimateDeps } from './estimate-hardware';
import { runTrain } from './estimate-train';
import { buildTrainingSettings } from './estimate-train-args';
import { TRAIN_OPTIONS, type TrainValues } from './estimate-train-options';

function parseTrain(args: string[]): TrainValues {
  try {
    const { values } = parseArgs({ args, options: { ...OPTIONS, ...TRAIN_OPTIONS }, strict: true, allowPositionals: false });
    return values;
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

export async function estimateTrain(args: string[], deps: EstimateDeps, io: CliIO): Promise<number> {
  const v = parseTrain(args);
  const { input } = await loadModel(v);
  const { chosen, source } = await buildHardware(v, deps);
  const settings = buildTrainingSettings(v, chosen.hw.devices.length);
  return runTrain(io, input.spec, settings, chosen, source, Boolean(v.json));
}
