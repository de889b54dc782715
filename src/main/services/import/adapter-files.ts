// A projector (mmproj GGUF) or LoRA adapter (GGUF, or a PEFT folder) read from disk for a set: the header
// only, never the tensor data, turned into the FixedBytes the set planner places in the main model's process.
// Shared by the CLI (--mmproj, --lora) and the app's import buttons, so both report the same bytes and the
// same sentences. Every failure is one AdapterFileError sentence starting with `label` (the flag and the
// file's name in the CLI, the file's name in the app).

import { open, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GgufError, parseGgufHeader, type ByteSource, type GgufHeader } from '../../../core/model/gguf/parse';
import {
  LoraError,
  loraFromGguf,
  loraFromPeft,
  ProjectorError,
  projectorFromGguf,
  type FixedBytes,
  type LoraInfo,
  type ProjectorInfo,
} from '../../../core/multi/index';
import type { AdapterKind, ImportedAdapter } from '../../../shared/ipc-contract';
import { ImportError } from './errors';

/** A file that is not a projector or an adapter, or cannot be read: one sentence for the user. */
export class AdapterFileError extends Error {}

/** How a message names the file: "--mmproj mmproj.gguf" in the CLI, "mmproj.gguf" in the app. */
export type Labeler = (path: string) => string;

/** A safetensors header larger than this is not an adapter's (PEFT adapters list a few thousand tensors). */
const MAX_SAFETENSORS_HEADER = 64 * 1024 * 1024;

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  if (code === 'EISDIR') return 'is a folder, not a file';
  return `cannot be read (${err instanceof Error ? err.message : String(err)})`;
}

async function readGgufHeader(label: string, path: string): Promise<GgufHeader> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw new AdapterFileError(`${label} ${reason(err)}.`);
  }
  try {
    const size = (await fh.stat()).size;
    const source: ByteSource = {
      size,
      async read(offset, length) {
        const buf = new Uint8Array(length);
        const { bytesRead } = await fh.read(buf, 0, length, offset);
        return buf.subarray(0, bytesRead);
      },
    };
    return await parseGgufHeader(source);
  } catch (err) {
    if (err instanceof GgufError) throw new AdapterFileError(`${label}: ${err.message}`);
    throw new AdapterFileError(`${label} ${reason(err)}.`);
  } finally {
    await fh.close().catch(() => undefined);
  }
}

export async function readProjectorFile(path: string, label: Labeler): Promise<{ info: ProjectorInfo; fixed: FixedBytes }> {
  const header = await readGgufHeader(label(path), path);
  try {
    const info = projectorFromGguf(header);
    const basis = `${basename(path)}: ${info.tensorCount} tensors, ${info.weightsBytes} B; compute ${info.computeBasis}`;
    return { info, fixed: { weightsBytes: info.weightsBytes, computeBytes: info.computeBytes, basis } };
  } catch (err) {
    if (err instanceof ProjectorError) throw new AdapterFileError(`${label(path)}: ${err.message}`);
    throw err;
  }
}

async function readSafetensorsHeader(path: string): Promise<unknown> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const head = new Uint8Array(8);
    if (size < 8 || (await fh.read(head, 0, 8, 0)).bytesRead < 8)
      throw new LoraError(`${basename(path)} is too short to be a safetensors file.`);
    const n = Number(new DataView(head.buffer).getBigUint64(0, true));
    if (n < 2 || n > MAX_SAFETENSORS_HEADER || 8 + n > size)
      throw new LoraError(`${basename(path)} has an impossible header length (${n} bytes).`);
    const body = new Uint8Array(n);
    await fh.read(body, 0, n, 8);
    try {
      return JSON.parse(new TextDecoder().decode(body));
    } catch {
      throw new LoraError(`${basename(path)}'s header is not valid JSON.`);
    }
  } finally {
    await fh.close().catch(() => undefined);
  }
}

async function readPeft(dir: string): Promise<LoraInfo> {
  let config: unknown;
  try {
    config = JSON.parse(await readFile(join(dir, 'adapter_config.json'), 'utf8'));
  } catch (err) {
    if (err instanceof SyntaxError) throw new LoraError('its adapter_config.json is not valid JSON.');
    throw new LoraError(`its adapter_config.json ${reason(err)}.`);
  }
  let header: unknown;
  try {
    header = await readSafetensorsHeader(join(dir, 'adapter_model.safetensors'));
  } catch (err) {
    if (err instanceof LoraError) throw err;
    throw new LoraError(`its adapter_model.safetensors ${reason(err)}.`);
  }
  return loraFromPeft(config, header);
}

export async function readLoraPath(path: string, label: Labeler): Promise<{ info: LoraInfo; fixed: FixedBytes }> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch (err) {
    throw new AdapterFileError(`${label(path)} ${reason(err)}.`);
  }
  try {
    const info = isDir ? await readPeft(path) : loraFromGguf(await readGgufHeader(label(path), path));
    const rank = info.rank !== null ? `, rank ${info.rank}` : '';
    const basis = `${basename(path)} (${info.format === 'gguf' ? 'GGUF adapter' : 'PEFT folder'}): ${info.tensorCount} tensors, ${info.bytes} B${rank}`;
    // llama.cpp applies the adapter inside the base model's matmuls (x·A·B per patched weight); those
    // intermediates are rank-sized and reuse the compute buffer, so no compute bytes are added.
    return { info, fixed: { weightsBytes: info.bytes, computeBytes: 0, loraRank: info.rank, basis } };
  } catch (err) {
    if (err instanceof LoraError) throw new AdapterFileError(`${label(path)}: ${err.message}`);
    throw err;
  }
}

/**
 * A LoRA adapter the user picked in a file dialog (which cannot pick a file or a folder at once on Windows
 * and Linux): a PEFT folder is chosen through its adapter_config.json or adapter_model.safetensors.
 */
export function loraPathOfPick(path: string): string {
  return /^adapter_(config\.json|model\.safetensors)$/i.test(basename(path)) ? dirname(path) : path;
}

/** The app's import: the file main's dialog returned, as the contract's ImportedAdapter or one ImportError sentence. */
export async function importAdapter(kind: AdapterKind, picked: string): Promise<ImportedAdapter> {
  const path = kind === 'lora' ? loraPathOfPick(picked) : picked;
  const label: Labeler = (p) => basename(p);
  try {
    const { fixed } = kind === 'mmproj' ? await readProjectorFile(path, label) : await readLoraPath(path, label);
    return { kind, name: basename(path), fixed };
  } catch (err) {
    if (err instanceof AdapterFileError) throw new ImportError('bad-input', err.message);
    throw err;
  }
}
