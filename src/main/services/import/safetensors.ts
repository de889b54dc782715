// Reads only the header of a .safetensors file: an 8-byte little-endian length, then that many bytes
// of JSON naming every tensor's dtype, shape and byte range. The tensor data (gigabytes) is never read,
// so a 70B checkpoint costs a few hundred kilobytes of I/O.

import { open, readFile, stat } from 'node:fs/promises';
import { printable } from '../safe-text';
import { ImportError, fsImportError, errorMessage } from './errors';

/** Headers above this are not real checkpoints (the largest known are a few MiB). */
export const MAX_SAFETENSORS_HEADER_BYTES = 100 * 1024 * 1024;
/** config.json and the shard index are small; refuse anything that would make us hold a huge string. */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

export interface SafetensorsTensor {
  name: string;
  /** As stored: "BF16", "F8_E4M3", "I32", "U8", ... */
  dtype: string;
  /** Row-major (outermost first), as safetensors stores it. */
  shape: number[];
  /** Exact bytes from data_offsets. */
  bytes: number;
  /** Number of stored elements (product of shape). */
  elements: number;
}

export interface SafetensorsHeader {
  path: string;
  fileBytes: number;
  /** 8 + header length: what was read from disk. */
  headerBytes: number;
  metadata: Record<string, string> | null;
  tensors: SafetensorsTensor[];
}

/** Bytes per element of each safetensors dtype; sub-byte floats (F4, F6) are checked by range only. */
export const SAFETENSORS_DTYPE_BYTES: Readonly<Record<string, number>> = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E5M2: 1,
  F8_E4M3: 1,
  F8_E8M0: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  F64: 8,
  I64: 8,
  U64: 8,
  C64: 8,
};

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export async function readSafetensorsHeader(path: string, opts: { maxHeaderBytes?: number } = {}): Promise<SafetensorsHeader> {
  const maxHeaderBytes = opts.maxHeaderBytes ?? MAX_SAFETENSORS_HEADER_BYTES;
  // stat before open: opening a FIFO or device for reading could block forever.
  try {
    if (!(await stat(path)).isFile()) throw new ImportError('bad-input', `${path} is not a regular file.`);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw fsImportError(error, path);
  }
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw fsImportError(error, path);
  }
  try {
    const { size: fileBytes } = await handle.stat();
    if (fileBytes < 8) throw new ImportError('bad-input', `${path} is too short to be a safetensors file.`);
    const prefix = Buffer.alloc(8);
    await handle.read(prefix, 0, 8, 0);
    const declared = prefix.readBigUInt64LE(0);
    if (declared === 0n || declared > BigInt(maxHeaderBytes)) {
      throw new ImportError(
        'bad-input',
        `${path} declares a ${declared} byte safetensors header, outside the accepted 1 to ${maxHeaderBytes} bytes.`,
      );
    }
    const headerLength = Number(declared);
    if (8 + headerLength > fileBytes) {
      throw new ImportError('bad-input', `${path} is truncated: its safetensors header runs past the end of the file.`);
    }
    const body = Buffer.alloc(headerLength);
    const { bytesRead } = await handle.read(body, 0, headerLength, 8);
    if (bytesRead !== headerLength) {
      throw new ImportError('bad-input', `${path} is truncated: its safetensors header could not be read whole.`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch (error) {
      throw new ImportError('bad-input', `${path} has a safetensors header that is not valid JSON (${errorMessage(error)}).`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new ImportError('bad-input', `${path} has a safetensors header that is not a JSON object.`);
    }
    const dataBytes = fileBytes - 8 - headerLength;
    const tensors: SafetensorsTensor[] = [];
    let metadata: Record<string, string> | null = null;
    for (const [name, entry] of Object.entries(parsed as Record<string, unknown>)) {
      if (name === '__metadata__') {
        if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
          metadata = Object.fromEntries(
            Object.entries(entry as Record<string, unknown>).filter((kv): kv is [string, string] => typeof kv[1] === 'string'),
          );
        }
        continue;
      }
      tensors.push(parseTensorEntry(path, name, entry, dataBytes));
    }
    return { path, fileBytes, headerBytes: 8 + headerLength, metadata, tensors };
  } finally {
    await handle.close();
  }
}

function parseTensorEntry(path: string, name: string, entry: unknown, dataBytes: number): SafetensorsTensor {
  // The name comes from the file: cut and cleaned, so a 1 MB name cannot make a 1 MB error line.
  const bad = (why: string) => new ImportError('bad-input', `${path}: tensor "${printable(name, 80)}" ${why}.`);
  if (!entry || typeof entry !== 'object') throw bad('has no description');
  const { dtype, shape, data_offsets: offsets } = entry as Record<string, unknown>;
  if (typeof dtype !== 'string') throw bad('has no dtype');
  if (!Array.isArray(shape) || !shape.every(isNonNegativeInteger)) throw bad('has an invalid shape');
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isNonNegativeInteger)) {
    throw bad('has invalid data offsets');
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin || end > dataBytes) throw bad('points outside the file (the file may be truncated)');
  const elements = shape.reduce((a, b) => a * b, 1);
  const bytes = end - begin;
  const elementBytes = SAFETENSORS_DTYPE_BYTES[dtype];
  if (elementBytes !== undefined && elements * elementBytes !== bytes) {
    throw bad(`claims ${bytes} bytes but ${dtype} × [${shape.join(', ')}] needs ${elements * elementBytes}`);
  }
  return { name, dtype, shape: shape, bytes, elements };
}

/** Reads and parses a small JSON file with a size cap; every failure is one sentence naming the file. */
export async function readJsonFile(path: string, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ImportError('bad-input', `${path} is not a file.`);
    size = info.size;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw fsImportError(error, path);
  }
  if (size > maxBytes) {
    throw new ImportError('bad-input', `${path} is ${size} bytes, larger than the ${maxBytes} bytes accepted for a JSON file.`);
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw fsImportError(error, path);
  }
  try {
    // A UTF-8 BOM (Notepad's habit) is not part of the JSON.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const why = size === 0 ? 'it is empty' : errorMessage(error).replace(/\.$/, '');
    throw new ImportError('bad-input', `${path} is not valid JSON (${why}).`);
  }
}
