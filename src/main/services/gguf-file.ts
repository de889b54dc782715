// Reads the header of a GGUF file (or every shard of a split set) from disk without touching the tensor
// data: a FileHandle-backed ByteSource, the pure parser, and the spec mapping. Errors are AppErrors
// with one sentence each; file handles are closed on every path.

import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from './errors';
import { GgufError, parseGgufHeader, type ByteSource, type GgufHeader } from '../../core/model/gguf/parse';
import { ggufToModelInput } from '../../core/model/gguf/to-spec';
import type { ModelInput } from '../../core/estimate/types';
import { GGUF_SHARD_RE } from './gguf-shards';
import { fsReason } from './fs-reasons';

export interface GgufImport {
  input: ModelInput;
  fileType: string | null;
  architecture: string;
  parameterCount: number;
  weightsBytes: number;
  /** Absolute paths read, first shard first. */
  files: string[];
  /** Total size on disk of those files. */
  fileBytes: number;
  /** Bytes actually read to parse the headers. */
  bytesRead: number;
  warnings: string[];
}

function fileSource(fh: FileHandle, size: number): ByteSource {
  return {
    size,
    async read(offset, length) {
      const buf = new Uint8Array(length);
      let got = 0;
      while (got < length) {
        const { bytesRead } = await fh.read(buf, got, length - got, offset + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return got === length ? buf : buf.subarray(0, got);
    },
  };
}

function ioError(path: string, err: unknown): AppError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const name = basename(path);
  if (code === 'ENOENT') return new AppError('not-found', `The file "${name}" does not exist.`);
  if (code === 'EACCES' || code === 'EPERM') return new AppError('io-error', `The file "${name}" cannot be read (permission denied).`);
  if (code === 'EISDIR') return new AppError('bad-input', `"${name}" is a folder, not a GGUF file.`);
  return new AppError('io-error', `The file "${name}" cannot be read because ${fsReason(err)}.`);
}

async function readOne(path: string, maxBytes: number | undefined): Promise<{ header: GgufHeader; size: number }> {
  let st;
  try {
    st = await stat(path);
  } catch (err) {
    throw ioError(path, err);
  }
  if (st.isDirectory()) throw new AppError('bad-input', `"${basename(path)}" is a folder, not a GGUF file.`);
  if (!st.isFile()) throw new AppError('bad-input', `"${basename(path)}" is not a regular file.`);
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw ioError(path, err);
  }
  try {
    const header = await parseGgufHeader(fileSource(fh, st.size), maxBytes === undefined ? {} : { maxBytes });
    return { header, size: st.size };
  } catch (err) {
    if (err instanceof GgufError) throw new AppError('bad-input', `${basename(path)}: ${err.message}`);
    throw ioError(path, err);
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** The shard paths of the split set `path` belongs to, in order; [path] for a single file. */
export async function splitSetPaths(path: string): Promise<string[]> {
  const m = GGUF_SHARD_RE.exec(basename(path));
  if (!m) return [path];
  const prefix = m[1]!;
  const count = Number(m[3]);
  if (count < 1 || count > 9999) throw new AppError('bad-input', `"${basename(path)}" names an impossible split count.`);
  const dir = dirname(path);
  let names: Set<string>;
  try {
    names = new Set(await readdir(dir));
  } catch (err) {
    throw ioError(dir, err);
  }
  const paths: string[] = [];
  const missing: string[] = [];
  for (let i = 1; i <= count; i++) {
    const name = `${prefix}-${String(i).padStart(5, '0')}-of-${m[3]}.gguf`;
    // Shard names usually share the case of the extension; accept either.
    const found = names.has(name) ? name : names.has(name.replace(/\.gguf$/, '.GGUF')) ? name.replace(/\.gguf$/, '.GGUF') : null;
    if (found) paths.push(join(dir, found));
    else missing.push(name);
  }
  if (missing.length > 0) {
    const list = missing.length > 3 ? `${missing.slice(0, 3).join(', ')} and ${missing.length - 3} more` : missing.join(', ');
    throw new AppError(
      'not-found',
      `The split set is incomplete: ${list} ${missing.length === 1 ? 'is' : 'are'} missing next to "${basename(path)}".`,
    );
  }
  return paths;
}

/**
 * Imports a GGUF model from its header(s). For a split set, any shard may be given; all shards are read.
 * `maxBytes` caps the bytes read per file (default 16 MiB).
 */
export async function readGgufFile(path: string, opts: { maxBytes?: number } = {}): Promise<GgufImport> {
  const files = await splitSetPaths(path);
  const headers: GgufHeader[] = [];
  let fileBytes = 0;
  let bytesRead = 0;
  for (const file of files) {
    const { header, size } = await readOne(file, opts.maxBytes);
    headers.push(header);
    fileBytes += size;
    bytesRead += header.bytesRead;
  }
  let result;
  try {
    result = ggufToModelInput(headers, { id: `gguf:${basename(files[0]!)}` });
  } catch (err) {
    if (err instanceof GgufError) throw new AppError('bad-input', `${basename(path)}: ${err.message}`);
    throw err;
  }
  return {
    input: result.input,
    fileType: result.fileType,
    architecture: result.architecture,
    parameterCount: result.parameterCount,
    weightsBytes: result.weightsBytes,
    files,
    fileBytes,
    bytesRead,
    warnings: result.warnings,
  };
}
