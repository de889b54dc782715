// `vram-planner estimate`: the memory estimate, where it lands on the GPUs, the verdict, the largest
// context that fits, remedies and speed, as a table or as one JSON object (--json). Options are read in
// estimate-args.ts, hardware in estimate-hardware.ts, output written by estimate-output.ts.

import { advise, maxContextByQuant, type Advice, type PlanningHardware } from '../../core/advice/index';
import type { ChosenHardware } from '../../core/advice/choice';
import type { EstimateSettings, ModelInput } from '../../core/estimate/types';
import { CliError, type CliCommand } from '../types';
import { QUANT_TABLE, buildSettings, firstSentence, loadModel, parse } from './estimate-args';
import { buildHardware, defaultDetect, type EstimateDeps, type HardwareArgSource } from './estimate-hardware';
import { printText, toJson } from './estimate-output';
import { estimateSetCommand } from './estimate-add';
import { hasSetFlags, NO_MMPROJ } from './estimate-add-args';
import { estimateTrain } from './estimate-train-command';

export { resolveGpuArg, type EstimateDeps, type HardwareArgSource } from './estimate-hardware';
export type { EstimateJson } from './estimate-output';

export interface ParsedEstimate {
  input: ModelInput;
  settings: EstimateSettings;
  hw: PlanningHardware;
  chosen: ChosenHardware;
  source: HardwareArgSource;
  json: boolean;
}

export async function parseEstimateArgs(args: string[], deps: EstimateDeps = { detect: defaultDetect }): Promise<ParsedEstimate> {
  const v = parse(args);
  const { input, defaultQuant } = await loadModel(v);
  const settings = buildSettings(v, defaultQuant, Boolean(input.tensors && input.tensors.length > 0));
  const { chosen, source } = await buildHardware(v, deps);
  return { input, settings, hw: chosen.hw, chosen, source, json: Boolean(v.json) };
}

export function createEstimateCommand(deps: EstimateDeps = {}): CliCommand {
  return async (args, io) => {
    if (args.some((a) => a === '--train' || a.startsWith('--train='))) return estimateTrain(args, deps, io);
    if (hasSetFlags(args)) return estimateSetCommand(args, deps, io);
    const noMmproj = args.includes(NO_MMPROJ);
    const { input, settings, hw, chosen, source, json } = await parseEstimateArgs(
      args.filter((a) => a !== NO_MMPROJ),
      deps,
    );
    // A vision model is a set of two (text model + projector) unless --no-mmproj plans the text model alone.
    if (input.spec.vision && !noMmproj) return estimateSetCommand(args, deps, io);
    let a: Advice;
    try {
      a = advise(input, settings, hw);
    } catch (error) {
      throw new CliError(error instanceof Error ? firstSentence(error.message) : String(error));
    }
    const byQuant =
      input.tensors && input.tensors.length > 0
        ? []
        : maxContextByQuant(
            input,
            settings,
            hw,
            QUANT_TABLE[settings.runtime].filter((q) => q.toLowerCase() !== settings.quant.toLowerCase()),
          );
    if (json) io.out(JSON.stringify(toJson(a, chosen, source, byQuant), null, 2));
    else printText(io, a, chosen, source, byQuant);
    return 0;
  };
}

export const estimate: CliCommand = createEstimateCommand({ detect: defaultDetect });
