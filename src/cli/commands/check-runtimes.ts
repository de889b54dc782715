// `check` for the runtimes whose figures are not llama.cpp buffer lines: vLLM's memory profile, Ollama's
// own memory report, llama.cpp's fit projection, and GPU readings (nvidia-smi, rocm-smi, `ollama ps`).

import { defaultSettings, estimate } from '../../core/estimate/index';
import {
  catalogInputForName,
  compareVllmLog,
  vllmSettingsFromLog,
  type ComponentComparison,
  type FitParams,
  type OllamaLog,
  type RunReport,
  type VllmLog,
} from '../../core/measured/index';
import { componentRow, quantityRow } from '../../core/measured/compare-rows';
import { compareReadings } from '../../core/measured/compare-readings';
import { compareOllamaReport } from '../../core/check/ollama';
import { CliError } from '../types';
import type { CheckFlags, CheckJson } from './check';
import { checkLlamaLines, modelFromFlags, type ModelFlags } from './check-llama';
import { firstSentence } from './estimate-args';

const measured = (name: ComponentComparison['name'], device: string, bytes: number): ComponentComparison =>
  componentRow(name, device, null, bytes, 0, 0);

export async function checkVllmLog(result: CheckJson, log: VllmLog, v: ModelFlags): Promise<void> {
  result.settings = {
    ...log.settings,
    version: log.version ?? null,
    ranks: log.ranks,
    kvCacheTokens: log.kvCacheTokens ?? null,
    gpuBlocks: log.gpuBlocks ?? null,
    maxConcurrency: log.maxConcurrency ?? null,
  };
  const flagged = await modelFromFlags(v);
  const fromName = flagged ? null : catalogInputForName(log.settings.model);
  const input = flagged?.input ?? fromName?.input;
  if (!input) {
    result.notes.push(
      log.settings.model
        ? `"${log.settings.model}" is not in the model library: give --model ID or --gguf FILE to plan it. Measured figures only.`
        : 'The log does not name the model (no engine config line): give --model ID to plan it. Measured figures only.',
    );
    for (const r of log.ranks) {
      const device = log.ranks.length > 1 ? r.worker : 'all';
      if (r.weightsBytes !== undefined) result.components.push(measured('weights', device, r.weightsBytes));
      if (r.activationPeakBytes !== undefined) result.components.push(measured('compute', device, r.activationPeakBytes));
      if (r.kvCacheBytes !== undefined) result.components.push(measured('kvCache', device, r.kvCacheBytes));
    }
    const tokens = log.kvCacheTokens ?? (log.gpuBlocks !== undefined ? log.gpuBlocks * 16 : undefined);
    if (tokens !== undefined) result.quantities.push(quantityRow('kvTokens', null, tokens, 0));
    if (log.maxConcurrency) result.quantities.push(quantityRow('maxConcurrency', null, log.maxConcurrency.requests, 0));
    return;
  }
  result.modelSource = flagged?.source ?? `library model ${fromName!.id} (matched from the log's model name)`;
  const notes: string[] = [];
  try {
    const c = compareVllmLog(log, input, vllmSettingsFromLog(log, notes), notes);
    Object.assign(result, {
      plannedSettings: c.settings,
      bandRelative: c.bandRelative,
      components: c.components,
      quantities: c.quantities,
    });
    for (const n of c.notes) result.notes.push(n);
  } catch (error) {
    throw new CliError(
      `Could not plan the run the log describes: ${error instanceof Error ? firstSentence(error.message) : String(error)}`,
    );
  }
}

/**
 * Ollama: llama.cpp's own buffer lines when the runner forwarded them; otherwise the new engine's
 * per-device report, planned with llama.cpp's rules for the runner's settings (Ollama's --ctx-size is the
 * total over its --parallel slots); otherwise Ollama's pre-load estimate, shown as what Ollama expects.
 */
export async function checkOllamaLog(result: CheckJson, log: OllamaLog, v: ModelFlags): Promise<void> {
  result.settings = { ...log.settings, estimate: log.estimate ?? null, devices: log.devices, totalBytes: log.totalBytes ?? null };
  if (log.llama && log.llama.buffers.length > 0) return checkLlamaLines(result, log.llama, v);
  const model = await modelFromFlags(v);
  const c = compareOllamaReport(log, model?.input ?? null, model?.quant ?? null);
  result.components = c.components;
  for (const n of c.notes) result.notes.push(n);
  if (!model) {
    result.notes.push("Give --model ID or --gguf FILE to plan the run with llama.cpp's rules and compare.");
    return;
  }
  Object.assign(result, { plannedSettings: c.settings, modelSource: model.source, bandRelative: c.bandRelative });
}

/** llama.cpp's fit: its own projection per device is shown as what llama.cpp expects (no second plan). */
export function checkFitParams(result: CheckJson, f: FitParams): void {
  result.settings = {
    outcome: f.outcome ?? null,
    suggestedArgs: f.suggestedArgs ?? null,
    projectedBytes: f.projectedBytes ?? null,
    freeBytes: f.freeBytes ?? null,
    marginBytes: f.marginBytes ?? null,
  };
  for (const e of f.estimate) {
    result.components.push(
      measured('weights', e.device, e.modelBytes),
      measured('kvCache', e.device, e.contextBytes),
      measured('compute', e.device, e.computeBytes),
    );
    result.components.push(measured('total', e.device, e.modelBytes + e.contextBytes + e.computeBytes));
  }
  for (const p of f.projection) result.components.push(measured('total', p.device, p.usedBytes));
  result.notes.push("These are llama.cpp's own projections (whole MiB); check the run's start-up log to compare with an allocation.");
}

/** GPU readings: memory per GPU (the listed processes' sum where there are any), against the plan's total per GPU. */
export async function checkReadings(
  result: CheckJson,
  report: Extract<RunReport, { kind: 'nvidia-smi' | 'rocm-smi' | 'ollama-ps' }>,
  v: CheckFlags,
): Promise<void> {
  const model = await modelFromFlags(v);
  const s = defaultSettings('llama.cpp');
  if (model?.quant) s.quant = model.quant;
  const est = model ? estimate(model.input, s) : null;
  if (report.kind === 'ollama-ps') {
    const rows = report.result.rows;
    result.settings = { rows };
    // `ollama ps` sizes a model, not a GPU: its GPU share is compared as one "gpu" row per model.
    result.components = rows.map((r) =>
      componentRow('total', 'gpu', rows.length === 1 && est ? est.totalBytes : null, r.gpuBytes, est?.band.relative ?? 0, 0.05e9),
    );
    if (rows.length > 0)
      result.notes.push(`Models: ${rows.map((r) => `${r.name} (${Math.round(r.gpuShare * 100)} % on the GPU)`).join(', ')}.`);
  } else {
    const r = report.result;
    result.settings = { gpus: r.gpus, processes: r.processes };
    const first = r.processes.find((p) => p.gpu !== null)?.gpu ?? r.gpus[0]?.index ?? 0;
    const indices = new Set([...r.gpus.map((g) => g.index), ...r.processes.flatMap((p) => (p.gpu === null ? [] : [p.gpu]))]);
    // Without a model every GPU is listed as measured; with one, the plan (one GPU) is set against the first GPU in use.
    const planned = est ? [{ index: first, bytes: est.totalBytes }] : [...indices].map((index) => ({ index, bytes: NaN }));
    const c = compareReadings(r, planned, est?.band.relative ?? 0);
    result.components = est ? c.components : c.components.map((x) => measured('total', x.device, x.measuredBytes));
    for (const n of c.notes) result.notes.push(n);
  }
  if (!model || !est) {
    result.components = result.components.map((x) => measured('total', x.device, x.measuredBytes));
    result.notes.push(
      "Give --model ID to set the total against a one-GPU plan with llama.cpp's defaults; a start-up log gives the full comparison.",
    );
    return;
  }
  Object.assign(result, { plannedSettings: s, modelSource: model.source, bandRelative: est.band.relative });
  result.notes.push(
    `Planned on one GPU with llama.cpp's defaults (context ${s.context}, ${s.quant}), CUDA context included; readings carry no settings.`,
  );
}
