// `check` for the outputs whose memory figures are llama.cpp's own buffer lines: a llama-server /
// llama-cli start-up log, and the same lines inside an LM Studio or Ollama log. Plans for exactly the
// run the lines describe and compares (core/measured/compare.ts).

import type { ModelInput } from '../../core/estimate/types';
import { compareLlamaLog, measuredOnly, modelFromLog, settingsFromLog, type LlamaLog } from '../../core/measured/index';
import { CliError } from '../types';
import type { CheckJson } from './check';
import { firstSentence, loadModel } from './estimate-args';

export interface ModelFlags {
  model?: string;
  gguf?: string;
}

export interface ResolvedModel {
  input: ModelInput;
  source: string;
  quant: string | null;
}

/** The model named by --model / --gguf; null when neither was given. */
export async function modelFromFlags(v: ModelFlags): Promise<ResolvedModel | null> {
  if (v.model !== undefined && v.gguf !== undefined) throw new CliError('Give either --model or --gguf, not both.');
  if (v.model === undefined && v.gguf === undefined) return null;
  const r = await loadModel(v.model !== undefined ? { model: v.model } : { gguf: v.gguf });
  return {
    input: r.input,
    source: v.model !== undefined ? `library model ${r.input.spec.id}` : `GGUF file ${v.gguf}`,
    quant: r.defaultQuant,
  };
}

export function settingsAsRead(log: LlamaLog): Record<string, unknown> {
  return {
    ...log.settings,
    model: log.model,
    layersOffloaded: log.layersOffloaded ?? null,
    devices: log.devices,
    buffers: log.buffers,
    memoryBreakdown: log.memoryBreakdown,
  };
}

/** Fills `result` with the llama.cpp comparison of `log` (planned where a model is known, measured only otherwise). */
export async function checkLlamaLines(result: CheckJson, log: LlamaLog, v: ModelFlags): Promise<void> {
  result.settings = { ...result.settings, ...settingsAsRead(log) };
  const fromLog = modelFromLog(log);
  const model = (await modelFromFlags(v)) ?? (fromLog ? { ...fromLog, quant: null } : null);
  if (!model) {
    result.notes.push(
      'The log does not print the model (no "model params" line): give --model ID or --gguf FILE to plan it. Measured figures only.',
    );
    result.components = measuredOnly(log);
    return;
  }
  const notes: string[] = [];
  const settings = settingsFromLog(log, model.quant, notes);
  try {
    const c = compareLlamaLog(log, model.input, settings, model.source, notes);
    Object.assign(result, {
      plannedSettings: c.settings,
      modelSource: c.modelSource,
      bandRelative: c.bandRelative,
      components: c.components,
    });
    for (const n of c.notes) result.notes.push(n);
  } catch (error) {
    throw new CliError(
      `Could not plan the run the log describes: ${error instanceof Error ? firstSentence(error.message) : String(error)}`,
    );
  }
}
