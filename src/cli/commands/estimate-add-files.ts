// --mmproj FILE and --lora FILE|FOLDER: read the projector's or adapter's header from disk (never the tensor
// data) and turn it into a member of the set that lives in the main model's process. Every failure is one
// sentence naming the file.

import { open, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { GgufError, parseGgufHeader, type ByteSource, type GgufHeader } from '../../core/model/gguf/parse';
import {
  LoraError,
  loraFromGguf,
  loraFromPeft,
  ProjectorError,
  projectorFromGguf,
  type LoraInfo,
  type ProjectorInfo,
} from '../../core/multi/index';
import type { FixedBytes } from '../../core/multi/index';
import { CliError } from '../types';

/** A safetensors header larger than this is not an adapter's (PEFT adapters list a few thousand tensors). */
const MAX_SAFETENSORS_HEADER = 64 * 1024 * 1024;

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  if (code === 'EISDIR') return 'is a folder, not a file';
  return `cannot be read (${err instanceof Error ? err.message : String(err)})`;
}

async function readGgufHeader(flag: string, path: string): Promise<GgufHeader> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw new CliError(`${flag} ${basename(path)} ${reason(err)}.`);
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
    if (err instanceof GgufError) throw new CliError(`${flag} ${basename(path)}: ${err.message}`);
    throw new CliError(`${flag} ${basename(path)} ${reason(err)}.`);
  } finally {
    await fh.close().catch(() => undefined);
  }
}

export async function readProjector(path: string): Promise<{ info: ProjectorInfo; fixed: FixedBytes }> {
  const header = await readGgufHeader('--mmproj', path);
  try {
    const info = projectorFromGguf(header);
    const basis = `${basename(path)}: ${info.tensorCount} tensors, ${info.weightsBytes} B; compute ${info.computeBasis}`;
    return { info, fixed: { weightsBytes: info.weightsBytes, computeBytes: info.computeBytes, basis } };
  } catch (err) {
    if (err instanceof ProjectorError) throw new CliError(`--mmproj ${basename(path)}: ${err.message}`);
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

export async function readLora(path: string): Promise<{ info: LoraInfo; fixed: FixedBytes }> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch (err) {
    throw new CliError(`--lora ${basename(path)} ${reason(err)}.`);
  }
  try {
    const info = isDir ? await readPeft(path) : loraFromGguf(await readGgufHeader('--lora', path));
    const rank = info.rank !== null ? `, rank ${info.rank}` : '';
    const basis = `${basename(path)} (${info.format === 'gguf' ? 'GGUF adapter' : 'PEFT folder'}): ${info.tensorCount} tensors, ${info.bytes} B${rank}`;
    // llama.cpp applies the adapter inside the base model's matmuls (x·A·B per patched weight); those
    // intermediates are rank-sized and reuse the compute buffer, so no compute bytes are added.
    return { info, fixed: { weightsBytes: info.bytes, computeBytes: 0, loraRank: info.rank, basis } };
  } catch (err) {
    if (err instanceof LoraError) throw new CliError(`--lora ${basename(path)}: ${err.message}`);
    throw err;
  }
}
