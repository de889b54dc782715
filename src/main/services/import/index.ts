// One door for "use my own model": a GGUF file, a Hugging Face folder or config.json, a folder holding
// one GGUF model, or a bare parameter count. Callers (IPC handlers, the CLI) get the engine's ModelInput
// plus the facts a user wants to see before estimating.

import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ModelInput } from '../../../core/estimate/types';
import { specFromParameterCount } from '../../../core/estimate/index';
import { formatParameterCount, parseParameterCount } from '../../../core/units';
import { AppError } from '../errors';
import { readGgufFile } from '../gguf-file';
import { ImportError, errorMessage, fsImportError } from './errors';
import { importHfModel } from './hf-folder';
import { GGUF_SHARD_RE } from '../gguf-shards';

export { importHfModel, type HfImport } from './hf-folder';
export { scanLocalModels, scanLocalModelsDetailed, type LocalModel, type ScanOptions, type ScanReport } from './local-scan';
export { ImportError } from './errors';

export interface InspectResult {
  kind: 'gguf' | 'hf';
  input: ModelInput;
  architecture: string;
  parameterCount: number;
  layers: number;
  /** Exact for GGUF and safetensors; parameters × format width for a config.json alone. */
  weightsBytes: number;
  /** GGUF general.file_type name ("Q4_K_M"); null for HF. */
  fileType: string | null;
  /** HF weight format ("bf16", "awq", ...); null for GGUF. */
  format: string | null;
  files: string[];
  warnings: string[];
  bytesRead?: number;
}

const GGUF_MAGIC = 'GGUF';

async function startsWithGgufMagic(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw fsImportError(error, path);
  }
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await handle.read(buf, 0, 4, 0);
    return bytesRead === 4 && buf.toString('latin1') === GGUF_MAGIC;
  } finally {
    await handle.close();
  }
}

async function inspectGguf(path: string): Promise<InspectResult> {
  let gguf;
  try {
    gguf = await readGgufFile(path);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new ImportError('bad-input', oneSentence(errorMessage(error)));
  }
  return {
    kind: 'gguf',
    input: gguf.input,
    architecture: gguf.architecture,
    parameterCount: gguf.parameterCount,
    layers: gguf.input.spec.layers,
    weightsBytes: gguf.weightsBytes,
    fileType: gguf.fileType,
    format: null,
    files: gguf.files,
    warnings: gguf.warnings,
    bytesRead: gguf.bytesRead,
  };
}

async function inspectHf(path: string): Promise<InspectResult> {
  const hf = await importHfModel(path);
  return {
    kind: 'hf',
    input: hf.input,
    architecture: hf.input.spec.architecture,
    parameterCount: hf.parameterCount,
    layers: hf.input.spec.layers,
    weightsBytes: hf.weightsBytes,
    fileType: null,
    format: hf.format,
    files: hf.files,
    warnings: hf.warnings,
    bytesRead: hf.bytesRead,
  };
}

/** The GGUF models in a folder, split files counted once (by their first shard). */
function ggufModels(names: string[]): string[] {
  const models = new Map<string, string>();
  for (const name of names.sort()) {
    if (!name.toLowerCase().endsWith('.gguf') || /(^|[-_.])mmproj([-_.]|$)/i.test(name)) continue;
    const m = GGUF_SHARD_RE.exec(name);
    const key = m ? `${m[1]}|${m[3]}` : name;
    if (!models.has(key) || (m && Number(m[2]) === 1)) models.set(key, name);
  }
  return [...models.values()];
}

export async function inspectPath(path: string): Promise<InspectResult> {
  if (typeof path !== 'string' || path.trim() === '') {
    throw new ImportError('invalid-argument', 'No file or folder was given to inspect.');
  }
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw fsImportError(error, path);
  }
  if (info.isFile()) {
    if (await startsWithGgufMagic(path)) return inspectGguf(path);
    const lower = path.toLowerCase();
    if (lower.endsWith('.gguf')) {
      throw new ImportError('bad-input', `${path} is named .gguf but does not start with the GGUF magic bytes.`);
    }
    if (lower.endsWith('.json') || lower.endsWith('.safetensors')) return inspectHf(path);
    throw new ImportError(
      'bad-input',
      `${path} is neither a GGUF file nor a config.json; pick a .gguf file, a config.json or a model folder.`,
    );
  }
  if (!info.isDirectory()) {
    throw new ImportError('bad-input', `${path} is neither a file nor a folder.`);
  }
  let names: string[];
  try {
    names = await readdir(path);
  } catch (error) {
    throw fsImportError(error, path);
  }
  if (names.includes('config.json')) return inspectHf(path);
  const models = ggufModels(names);
  if (models.length === 1) return inspectGguf(join(path, models[0]!));
  if (models.length > 1) {
    const shown = models.slice(0, 3).join(', ');
    throw new ImportError(
      'bad-input',
      `The folder ${basename(path)} holds ${models.length} GGUF models (${shown}${models.length > 3 ? ', …' : ''}); pick one file.`,
    );
  }
  throw new ImportError('bad-input', `The folder ${path} holds no config.json and no .gguf file.`);
}

/** Below this a "model" is a typo (a million parameters is already a toy). */
export const MIN_CUSTOM_PARAMETERS = 1e6;
/** Above this a count is a typo: the largest open models are near 2 × 10^12 (the engine's own cap). */
export const MAX_CUSTOM_PARAMETERS = 1e13;

/** "70B", "8.03e9", "405 b", "1.5T" → a generic model of that size for the seed-formula path. */
export function customModelFromParameters(text: string): ModelInput {
  const raw = typeof text === 'string' ? text.trim() : '';
  if (raw === '') throw new ImportError('invalid-argument', 'Enter a parameter count such as 70B or 8.03e9.');
  if (/^-/.test(raw)) throw new ImportError('bad-input', `"${raw}" is negative; a parameter count must be positive.`);
  const count = parseParameterCount(raw);
  if (count === null) {
    throw new ImportError('bad-input', `"${raw}" is not a parameter count; write it like 70B, 405M or 8.03e9.`);
  }
  if (count < MIN_CUSTOM_PARAMETERS || count > MAX_CUSTOM_PARAMETERS) {
    throw new ImportError(
      'bad-input',
      `"${raw}" is ${count} parameters, outside the accepted range of 1M to 10T; check the unit (M, B or T).`,
    );
  }
  return {
    spec: specFromParameterCount(count, { id: `params:${count}`, name: `Custom ${formatParameterCount(count)} model` }),
  };
}

function oneSentence(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return /[.!?]$/.test(line) ? line : `${line}.`;
}
