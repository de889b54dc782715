// Imports a Hugging Face model folder (or its config.json): the architecture from config.json, and the
// exact bytes of every tensor from the safetensors headers when the weights are there. Only headers are
// read; a folder without weights still imports, from config.json alone, with a warning.

import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ModelInput } from '../../../core/estimate/types';
import { countParameters } from '../../../core/model/params';
import { hfQuantizationFormat, specFromHfConfig } from '../../../core/model/from-hf-config';
import { printable } from '../safe-text';
import { ImportError, errorMessage, fsImportError } from './errors';
import { buildInventory, readQuantInfo, type HfQuantInfo, type StoredTensor } from './hf-tensors';
import { mlxQuantId, mlxQuantizedBytes, parseMlxQuant, type MlxMode } from '../../../core/quant/mlx';

/** The planner's id of an MLX checkpoint's format ("mlx-4bit", "mlx-4bit-g32", "mlx-mxfp4"), or null when MLX would refuse it. */
function mlxFormatId(q: HfQuantInfo): string | null {
  const mode = (q.mlxMode ?? 'affine') as MlxMode;
  const id = mlxQuantId(mode, q.bits, q.mlxGroupSize ?? 64);
  return parseMlxQuant(id)?.id ?? null;
}
import { MAX_JSON_BYTES, readJsonFile, readSafetensorsHeader } from './safetensors';

/** config.json files are a few KiB; a cap keeps a wrong file (a dataset dump) from being loaded whole. */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

export interface HfImport {
  input: ModelInput;
  /** "bf16", "fp8", "awq", "gptq", "nf4", "mxfp4", ... (null when unknown). */
  format: string | null;
  parameterCount: number;
  /** Exact tensor bytes when headers were read; otherwise parameters × the format's width (approximate). */
  weightsBytes: number;
  /** config.json, the index and every safetensors file read. */
  files: string[];
  warnings: string[];
  /** Bytes read from disk (config, index, headers). */
  bytesRead: number;
}

const TORCH_DTYPES: Record<string, string> = {
  bfloat16: 'bf16',
  float16: 'f16',
  half: 'f16',
  float32: 'f32',
  float: 'f32',
};

const DTYPE_FORMATS: Record<string, string> = { BF16: 'bf16', F16: 'f16', F32: 'f32', F8_E4M3: 'fp8', F8_E5M2: 'fp8', I8: 'int8' };

/** Approximate bits per weight of a format, only for the config-only path where no tensor is known. */
function formatBits(format: string | null): number | null {
  if (!format) return null;
  if (format === 'f32') return 32;
  if (format === 'bf16' || format === 'f16') return 16;
  if (format === 'fp8' || format === 'int8' || format.startsWith('gptq-int8')) return 8;
  // 4-bit group formats carry a 16-bit scale (and zero) per group of 128: about 4.25 bits.
  if (format.startsWith('awq') || format.startsWith('gptq') || format === 'mxfp4') return 4.25;
  if (format.startsWith('nf4') || format.startsWith('fp4') || format === 'nvfp4') return 4.5;
  // MLX: the scale (and affine bias) of each group spread over its weights.
  const mlx = parseMlxQuant(format);
  if (mlx) {
    const g = mlx.groupSize ?? 64;
    return (mlxQuantizedBytes(g, mlx.nominalBits, g, mlx.mlxMode) * 8) / g;
  }
  return null;
}

function torchDtype(config: Record<string, unknown>): string | null {
  const candidates = [config['torch_dtype'], config['dtype']];
  const text = config['text_config'];
  if (text && typeof text === 'object') {
    candidates.push((text as Record<string, unknown>)['torch_dtype'], (text as Record<string, unknown>)['dtype']);
  }
  for (const c of candidates) {
    if (typeof c === 'string') {
      const key = c.replace(/^torch\./, '').toLowerCase();
      if (Object.hasOwn(TORCH_DTYPES, key)) return TORCH_DTYPES[key]!;
    }
  }
  return null;
}

/** Where config.json and the weights live, from a folder, a config.json or a .safetensors path. */
async function locate(path: string): Promise<{ dir: string; configPath: string }> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw fsImportError(error, path);
  }
  if (info.isDirectory()) return { dir: path, configPath: join(path, 'config.json') };
  const dir = dirname(path);
  if (path.toLowerCase().endsWith('.safetensors')) return { dir, configPath: join(dir, 'config.json') };
  return { dir, configPath: path };
}

async function listSafetensors(dir: string): Promise<{ shards: string[]; index: string | null; note: string | null }> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw fsImportError(error, dir);
  }
  if (names.includes('model.safetensors.index.json')) {
    return { shards: [], index: join(dir, 'model.safetensors.index.json'), note: null };
  }
  if (names.includes('model.safetensors')) return { shards: [join(dir, 'model.safetensors')], index: null, note: null };
  const all = names.filter((n) => n.endsWith('.safetensors')).sort();
  // Mistral repos ship the same weights twice (consolidated.safetensors and model-*.safetensors);
  // adapters are not the model. Prefer the transformers naming when both exist.
  const standard = all.filter((n) => /^model(-\d+-of-\d+)?\.safetensors$/.test(n));
  const chosen = standard.length > 0 ? standard : all.filter((n) => !n.startsWith('adapter_'));
  const hasOther = names.some((n) => /\.(bin|pt|pth|ckpt)$/.test(n));
  const note =
    chosen.length === 0
      ? hasOther
        ? 'The folder has PyTorch .bin weights but no safetensors files, so sizes are approximate, from config.json only.'
        : 'The folder has no safetensors weights, so sizes are approximate, from config.json only.'
      : null;
  return { shards: chosen.map((n) => join(dir, n)), index: null, note };
}

async function shardsFromIndex(indexPath: string, dir: string): Promise<{ shards: string[]; names: Set<string> }> {
  const index = await readJsonFile(indexPath, MAX_JSON_BYTES);
  const weightMap = (index as { weight_map?: unknown } | null)?.weight_map;
  if (!weightMap || typeof weightMap !== 'object' || Array.isArray(weightMap)) {
    throw new ImportError('bad-input', `${indexPath} has no weight_map object.`);
  }
  const files = new Set<string>();
  const names = new Set<string>();
  for (const [tensor, file] of Object.entries(weightMap as Record<string, unknown>)) {
    // Tens of thousands of tensors share a few hundred shard names: check each name once.
    if (typeof file !== 'string' || (!files.has(file) && !/^[^/\\]+\.safetensors$/.test(file)) || file.includes('..')) {
      throw new ImportError('bad-input', `${indexPath} maps "${tensor}" to an invalid file name.`);
    }
    files.add(file);
    names.add(tensor);
  }
  return { shards: [...files].sort().map((f) => join(dir, f)), names };
}

/** Files read so far and their bytes, for HfImport.files / bytesRead. */
interface Reads {
  files: string[];
  bytesRead: number;
}

async function readConfig(dir: string, configPath: string, reads: Reads): Promise<Record<string, unknown>> {
  const config = await readJsonFile(configPath, MAX_CONFIG_BYTES).catch((error: unknown) => {
    if (error instanceof ImportError && error.code === 'not-found') {
      throw new ImportError('not-found', `No config.json in ${dir}; a Hugging Face model folder needs one.`);
    }
    throw error;
  });
  if (!config || typeof config !== 'object' || Array.isArray(config)) {
    throw new ImportError('bad-input', `${configPath} is not a JSON object, so it is not a model config.`);
  }
  reads.files.push(configPath);
  reads.bytesRead += (await stat(configPath)).size;
  return config as Record<string, unknown>;
}

/** Every tensor header of the folder's safetensors files; shards that are absent are named in `missing`. */
async function readTensors(
  dir: string,
  reads: Reads,
  warnings: string[],
): Promise<{ stored: StoredTensor[]; missing: string[]; shardCount: number }> {
  // Weights: the index names the shards; otherwise model.safetensors or any *.safetensors.
  const listing = await listSafetensors(dir);
  let shards = listing.shards;
  let expectedNames: Set<string> | null = null;
  if (listing.index) {
    const fromIndex = await shardsFromIndex(listing.index, dir);
    shards = fromIndex.shards;
    expectedNames = fromIndex.names;
    reads.files.push(listing.index);
    reads.bytesRead += (await stat(listing.index)).size;
  }
  if (listing.note) warnings.push(listing.note);
  const stored: StoredTensor[] = [];
  const missing: string[] = [];
  for (const shard of shards) {
    try {
      const header = await readSafetensorsHeader(shard);
      reads.bytesRead += header.headerBytes;
      reads.files.push(shard);
      // Never push(...list): 1.2 M tensors overflowed the call stack.
      for (const t of header.tensors) stored.push(t);
    } catch (error) {
      if (!(error instanceof ImportError && error.code === 'not-found')) throw error;
      missing.push(basename(shard));
    }
  }
  if (missing.length > 0) {
    warnings.push(
      `${missing.length} of ${shards.length} safetensors shards are missing (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}), so sizes are approximate, from config.json only.`,
    );
  } else if (expectedNames && stored.length > 0) {
    const found = new Set(stored.map((t) => t.name));
    const absent = [...expectedNames].filter((n) => !found.has(n));
    if (absent.length > 0) {
      throw new ImportError(
        'bad-input',
        `The shard index lists ${absent.length} tensors that no shard holds (first: ${printable(absent[0]!, 80)}); the download may be incomplete.`,
      );
    }
  }
  return { stored, missing, shardCount: shards.length };
}

export async function importHfModel(path: string): Promise<HfImport> {
  const { dir, configPath } = await locate(path);
  const reads: Reads = { files: [], bytesRead: 0 };
  const warnings: string[] = [];
  const cfg = await readConfig(dir, configPath, reads);
  let spec;
  try {
    const result = specFromHfConfig(cfg, { id: `hf:${dir}`, name: basename(dir) });
    spec = result.spec;
    for (const w of result.warnings) warnings.push(w);
  } catch (error) {
    throw new ImportError('bad-input', `${configPath}: ${errorMessage(error)}`);
  }
  const quant = readQuantInfo(cfg);
  let format: string | null = quant.method === 'mlx' ? mlxFormatId(quant) : hfQuantizationFormat(cfg);
  const { stored, missing } = await readTensors(dir, reads, warnings);

  if (stored.length > 0 && missing.length === 0) {
    const inventory = buildInventory(stored, {
      layers: spec.layers,
      tiedEmbeddings: spec.tiedEmbeddings,
      quant,
      visionApart: spec.vision !== undefined,
    });
    for (const w of inventory.warnings) warnings.push(w);
    if (inventory.layersSeen > 0 && inventory.layersSeen < spec.layers) {
      warnings.push(
        `config.json says ${spec.layers} layers but the safetensors files hold ${inventory.layersSeen}; the tensor sizes are used as stored.`,
      );
    }
    if (!format) format = dominantFormat(inventory.bytesByDtype) ?? torchDtype(cfg);
    const input: ModelInput = {
      spec: { ...spec, basis: 'safetensors', parameterCountOverride: inventory.parameterCount },
      tensors: inventory.tensors,
    };
    return {
      input,
      format,
      parameterCount: inventory.parameterCount,
      weightsBytes: inventory.weightsBytes,
      files: reads.files,
      warnings,
      bytesRead: reads.bytesRead,
    };
  }

  if (!format) format = torchDtype(cfg);
  const parameterCount = countParameters(spec).total;
  const bits = formatBits(format) ?? 16;
  if (formatBits(format) === null) warnings.push('config.json names no known weight type; 16-bit weights are assumed for the size.');
  return {
    input: { spec: { ...spec, basis: 'config' } },
    format,
    parameterCount,
    weightsBytes: Math.round((parameterCount * bits) / 8),
    files: reads.files,
    warnings,
    bytesRead: reads.bytesRead,
  };
}

function dominantFormat(bytesByDtype: Record<string, number>): string | null {
  let best: string | null = null;
  let bestBytes = -1;
  for (const [dtype, bytes] of Object.entries(bytesByDtype)) {
    // Own properties only: a dtype named "constructor" must not select Object's function.
    if (bytes > bestBytes && Object.hasOwn(DTYPE_FORMATS, dtype)) {
      best = DTYPE_FORMATS[dtype]!;
      bestBytes = bytes;
    }
  }
  return best;
}
