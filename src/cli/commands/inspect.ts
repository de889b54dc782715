// `vram-planner inspect FILE_OR_FOLDER [--json]`: what a GGUF file or Hugging Face folder holds, read
// from headers only, so a user can check an import before estimating with it.

import { formatBytes, formatParameterCount } from '../../core/units';
import { AppError } from '../../main/services/errors';
import { inspectPath, type InspectResult } from '../../main/services/import/index';
import { CliError, type CliCommand } from '../types';

export const INSPECT_USAGE = 'Usage: vram-planner inspect FILE_OR_FOLDER [--json]';

export function inspectJson(path: string, result: InspectResult): Record<string, unknown> {
  const spec = result.input.spec;
  return {
    path,
    kind: result.kind,
    architecture: result.architecture,
    parameterCount: result.parameterCount,
    layers: result.layers,
    weightsBytes: result.weightsBytes,
    fileType: result.fileType,
    format: result.format,
    basis: spec.basis,
    maxContext: spec.maxContext,
    hiddenSize: spec.hiddenSize,
    heads: spec.heads,
    kvHeads: spec.kvHeads,
    headDim: spec.headDimK,
    vocabSize: spec.vocabSize,
    experts: spec.moe ? { total: spec.moe.experts, active: spec.moe.expertsActive, shared: spec.moe.sharedExperts } : null,
    slidingWindow: spec.slidingWindow ?? null,
    tensorCount: result.input.tensors?.length ?? null,
    files: result.files,
    bytesRead: result.bytesRead ?? null,
    warnings: result.warnings,
  };
}

function humanSummary(path: string, r: InspectResult): string {
  const spec = r.input.spec;
  const kv = Array.isArray(spec.kvHeads)
    ? `${spec.kvHeads.reduce((a, b) => Math.min(a, b), Infinity)}–${spec.kvHeads.reduce((a, b) => Math.max(a, b), -Infinity)}`
    : String(spec.kvHeads);
  const rows: Array<[string, string]> = [
    ['File', path],
    [
      'Kind',
      r.kind === 'gguf' ? 'GGUF' : spec.basis === 'safetensors' ? 'Hugging Face (config.json + safetensors)' : 'Hugging Face config.json',
    ],
    ['Architecture', r.architecture],
    ['Parameters', `${formatParameterCount(r.parameterCount)} (${r.parameterCount.toLocaleString('en-US')})`],
    ['Layers', String(r.layers)],
    ['Weights', `${formatBytes(r.weightsBytes)} (${r.weightsBytes.toLocaleString('en-US')} bytes)`],
    [r.kind === 'gguf' ? 'File type' : 'Format', (r.kind === 'gguf' ? r.fileType : r.format) ?? 'unknown'],
    ['Attention', `${spec.heads} heads, ${kv} KV heads, head dim ${spec.headDimK}`],
    ['Context', `${spec.maxContext.toLocaleString('en-US')} tokens`],
  ];
  if (spec.moe) {
    rows.push(['Experts', `${spec.moe.experts} (${spec.moe.expertsActive} active per token)`]);
  }
  if (spec.slidingWindow) {
    rows.push(['Sliding window', `${spec.slidingWindow.window} tokens, 1 global layer in ${spec.slidingWindow.period}`]);
  }
  rows.push(['Basis', spec.basis === 'config' ? 'config.json only (sizes approximate)' : `${spec.basis} headers (exact sizes)`]);
  rows.push(['Files', r.files.length === 1 ? r.files[0]! : `${r.files.length} files`]);
  if (r.bytesRead !== undefined) rows.push(['Bytes read', formatBytes(r.bytesRead)]);
  const width = rows.reduce((w, [k]) => Math.max(w, k.length), 0);
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
  for (const warning of r.warnings) lines.push(`Warning: ${warning}`);
  return lines.join('\n');
}

export const inspect: CliCommand = async (args, io) => {
  let json = false;
  const positional: string[] = [];
  for (const arg of args) {
    if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') {
      io.out(INSPECT_USAGE);
      return 0;
    } else if (arg.startsWith('-') && arg !== '-') throw new CliError(`Unknown option ${arg} for inspect. ${INSPECT_USAGE}`);
    else positional.push(arg);
  }
  if (positional.length === 0) throw new CliError(`inspect needs a GGUF file, a config.json or a model folder. ${INSPECT_USAGE}`);
  if (positional.length > 1) throw new CliError(`inspect takes one file or folder, not ${positional.length}. ${INSPECT_USAGE}`);
  const path = positional[0]!;
  let result: InspectResult;
  try {
    result = await inspectPath(path);
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message);
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`Could not inspect ${path}: ${message.split('\n')[0]!.replace(/\.$/, '')}.`, 1);
  }
  io.out(json ? JSON.stringify(inspectJson(path, result), null, 2) : humanSummary(path, result));
  return 0;
};
