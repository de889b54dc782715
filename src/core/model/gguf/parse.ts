// GGUF header reader (ggml docs/gguf.md, versions 2 and 3). It reads only the header: magic, counts,
// metadata key/values and tensor infos, and stops at the start of tensor data. Reads go through a
// ByteSource in large buffered chunks, large arrays (tokenizer vocab, merges, scores) are walked or
// skipped without keeping their items, and every length field is checked before anything is allocated,
// so a malformed or hostile file costs bounded time and memory and ends in one GgufError sentence.

import { ggmlTypeById } from '../../quant/ggml-types';

/** Random access to the bytes of one file; the Node file service and the tests implement it. */
export interface ByteSource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export class GgufError extends Error {
  override name = 'GgufError';
}

export const GGUF_DEFAULT_ALIGNMENT = 32;
/** Default ceiling on bytes fetched from the source while reading one header. */
export const GGUF_DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
const CHUNK_BYTES = 256 * 1024;
// A key longer than this is no GGUF key; llama.cpp keys are well under 100 characters.
const MAX_KEY_BYTES = 64 * 1024;
/** Warnings of one kind listed one by one; the rest are counted in a single line. */
export const MAX_LISTED_WARNINGS = 20;

/** A key or tensor name for a one-line message: printable ASCII-safe, at most 80 characters. */
export function quoteName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control, zero-width and bidi characters are what is removed
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
}
// Chat templates are the longest string values in the wild (tens of KiB); the read cap bounds the rest.
const MAX_STRING_BYTES = 8 * 1024 * 1024;
const MAX_TENSOR_NAME_BYTES = 64 * 1024;
const MAX_ARRAY_LENGTH = 256 * 1024 * 1024;
const MAX_TENSORS = 1_000_000;
const MAX_KV = 1_000_000;
const MAX_DIMS = 4;
// Arrays up to this many items keep their values (per-layer head counts, rope sections); longer ones
// (tokenizer tokens, scores, merges) keep only their length.
const KEEP_NUMERIC_ITEMS = 4096;
const KEEP_STRING_ITEMS = 256;

export enum GgufValueType {
  UINT8 = 0,
  INT8 = 1,
  UINT16 = 2,
  INT16 = 3,
  UINT32 = 4,
  INT32 = 5,
  FLOAT32 = 6,
  BOOL = 7,
  STRING = 8,
  ARRAY = 9,
  UINT64 = 10,
  INT64 = 11,
  FLOAT64 = 12,
}

const TYPE_NAMES = ['u8', 'i8', 'u16', 'i16', 'u32', 'i32', 'f32', 'bool', 'string', 'array', 'u64', 'i64', 'f64'];
const SCALAR_SIZE: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

export type GgufScalar = number | bigint | boolean | string;

export interface GgufArray {
  kind: 'array';
  itemType: GgufValueType;
  length: number;
  /** The items, or null when the array was longer than the keep limit and only its length was kept. */
  values: GgufScalar[] | null;
}

export type GgufValue = GgufScalar | GgufArray;

export interface GgufTensorHeader {
  name: string;
  /** ggml order, innermost first. */
  dims: number[];
  typeId: number;
  /** ggml type name ("Q4_K"). */
  type: string;
  /** Offset from the start of the tensor data section. */
  offset: number;
  elements: number;
  bytes: number;
}

export interface GgufHeader {
  version: number;
  metadata: Map<string, GgufValue>;
  tensors: GgufTensorHeader[];
  alignment: number;
  /** File offset where tensor data starts (end of header plus padding). */
  dataOffset: number;
  fileSize: number;
  /** Bytes fetched from the source to read this header. */
  bytesRead: number;
  warnings: string[];
}

export function isGgufArray(value: GgufValue | undefined): value is GgufArray {
  return typeof value === 'object' && value !== null && value.kind === 'array';
}

const utf8 = new TextDecoder('utf-8');

function describeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  return out;
}

class Cursor {
  pos = 0;
  bytesRead = 0;
  private buf = new Uint8Array(0);
  private view = new DataView(this.buf.buffer);
  private bufStart = 0;
  /** What is being read, for truncation messages. */
  what = 'the header';

  constructor(
    private readonly source: ByteSource,
    private readonly maxBytes: number,
  ) {}

  /** Makes `n` bytes at the current position available in the buffer; returns their buffer offset. */
  async need(n: number): Promise<number> {
    const rel = this.pos - this.bufStart;
    if (rel >= 0 && rel + n <= this.buf.length) return rel;
    if (this.pos + n > this.source.size) {
      throw new GgufError(`Truncated GGUF header: ended at byte ${this.source.size} while reading ${this.what}.`);
    }
    // Keep the unread tail of the current buffer so items straddling a chunk edge are not fetched twice.
    const keepFrom = rel >= 0 && rel < this.buf.length ? rel : this.buf.length;
    const kept = this.buf.subarray(keepFrom);
    const fetchStart = this.pos + kept.length;
    const must = n - kept.length;
    let want = Math.min(Math.max(must, CHUNK_BYTES), this.source.size - fetchStart);
    // Near the limit, read ahead less rather than fail on bytes the header may never need.
    if (this.bytesRead + want > this.maxBytes) want = Math.max(must, this.maxBytes - this.bytesRead);
    if (this.bytesRead + want > this.maxBytes) {
      const limit = `${Math.round(this.maxBytes / (1024 * 1024))} MiB`;
      throw new GgufError(`GGUF header is larger than the ${limit} reading limit (stopped while reading ${this.what}).`);
    }
    const fresh = want > 0 ? await this.source.read(fetchStart, want) : new Uint8Array(0);
    this.bytesRead += want;
    if (fresh.length < want) {
      throw new GgufError(`Truncated GGUF header: ended at byte ${fetchStart + fresh.length} while reading ${this.what}.`);
    }
    const next = new Uint8Array(kept.length + fresh.length);
    next.set(kept, 0);
    next.set(fresh, kept.length);
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
    this.bufStart = this.pos;
    return 0;
  }

  skip(n: number): void {
    if (this.pos + n > this.source.size) {
      throw new GgufError(`Truncated GGUF header: ended at byte ${this.source.size} while reading ${this.what}.`);
    }
    this.pos += n;
  }

  async bytes(n: number): Promise<Uint8Array> {
    const at = await this.need(n);
    this.pos += n;
    return this.buf.subarray(at, at + n);
  }

  async u8(): Promise<number> {
    const at = await this.need(1);
    this.pos += 1;
    return this.view.getUint8(at);
  }
  async u32(): Promise<number> {
    const at = await this.need(4);
    this.pos += 4;
    return this.view.getUint32(at, true);
  }
  async u64(): Promise<bigint> {
    const at = await this.need(8);
    this.pos += 8;
    return this.view.getBigUint64(at, true);
  }

  /** A u64 length or count that must fit a JS number and stay under `cap`. */
  async length(cap: number, label: string): Promise<number> {
    const v = await this.u64();
    if (v > BigInt(cap)) {
      throw new GgufError(`Malformed GGUF header: ${label} is ${v}, above the limit of ${cap}.`);
    }
    return Number(v);
  }

  async scalar(type: GgufValueType): Promise<GgufScalar> {
    const size = SCALAR_SIZE[type];
    if (size === undefined) throw new GgufError(`Malformed GGUF header: unknown value type ${type} in ${this.what}.`);
    const at = await this.need(size);
    this.pos += size;
    const v = this.view;
    switch (type) {
      case GgufValueType.UINT8:
        return v.getUint8(at);
      case GgufValueType.INT8:
        return v.getInt8(at);
      case GgufValueType.UINT16:
        return v.getUint16(at, true);
      case GgufValueType.INT16:
        return v.getInt16(at, true);
      case GgufValueType.UINT32:
        return v.getUint32(at, true);
      case GgufValueType.INT32:
        return v.getInt32(at, true);
      case GgufValueType.FLOAT32:
        return v.getFloat32(at, true);
      case GgufValueType.BOOL:
        return v.getUint8(at) !== 0;
      case GgufValueType.UINT64: {
        const b = v.getBigUint64(at, true);
        return b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
      }
      case GgufValueType.INT64: {
        const b = v.getBigInt64(at, true);
        return b <= BigInt(Number.MAX_SAFE_INTEGER) && b >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(b) : b;
      }
      default:
        return v.getFloat64(at, true);
    }
  }

  async string(cap: number, label: string): Promise<string> {
    const n = await this.length(cap, `the length of ${label}`);
    return utf8.decode(await this.bytes(n));
  }

  /**
   * Walks `count` length-prefixed strings without decoding them. The inner loop stays synchronous while
   * the buffer holds the next length field, so a 280k-entry merges list costs milliseconds, not one
   * promise per item.
   */
  async skipStrings(count: number, cap: number, label: string): Promise<void> {
    let i = 0;
    while (i < count) {
      let rel = this.pos - this.bufStart;
      const end = this.buf.length;
      while (i < count && rel >= 0 && rel + 8 <= end) {
        const lo = this.view.getUint32(rel, true);
        const hi = this.view.getUint32(rel + 4, true);
        if (hi !== 0 || lo > cap) {
          throw new GgufError(`Malformed GGUF header: item ${i} of ${label} has a length above the limit of ${cap}.`);
        }
        rel += 8 + lo;
        this.pos += 8 + lo;
        i++;
        if (this.pos > this.source.size) {
          throw new GgufError(`Truncated GGUF header: ended at byte ${this.source.size} while reading ${this.what}.`);
        }
      }
      if (i < count) await this.need(8);
    }
  }
}

async function readValue(c: Cursor, type: number, key: string): Promise<GgufValue> {
  if (type === GgufValueType.STRING) return c.string(MAX_STRING_BYTES, `the string value of "${key}"`);
  if (type !== GgufValueType.ARRAY) {
    if (SCALAR_SIZE[type] === undefined) {
      throw new GgufError(`Malformed GGUF header: metadata key "${key}" has unknown value type ${type}.`);
    }
    return c.scalar(type);
  }
  const itemType = await c.u32();
  if (itemType === GgufValueType.ARRAY) {
    throw new GgufError(`Unsupported GGUF header: metadata key "${key}" holds nested arrays.`);
  }
  if (itemType !== GgufValueType.STRING && SCALAR_SIZE[itemType] === undefined) {
    throw new GgufError(`Malformed GGUF header: array "${key}" has unknown item type ${itemType}.`);
  }
  const length = await c.length(MAX_ARRAY_LENGTH, `the length of array "${key}"`);
  if (itemType === GgufValueType.STRING) {
    if (length <= KEEP_STRING_ITEMS) {
      const values: GgufScalar[] = [];
      for (let i = 0; i < length; i++) values.push(await c.string(MAX_STRING_BYTES, `item ${i} of array "${key}"`));
      return { kind: 'array', itemType, length, values };
    }
    await c.skipStrings(length, MAX_STRING_BYTES, `array "${key}"`);
    return { kind: 'array', itemType, length, values: null };
  }
  const size = SCALAR_SIZE[itemType]!;
  if (length <= KEEP_NUMERIC_ITEMS) {
    await c.need(length * size);
    const values: GgufScalar[] = [];
    for (let i = 0; i < length; i++) values.push(await c.scalar(itemType));
    return { kind: 'array', itemType, length, values };
  }
  // Fixed-size items: jump over them without fetching (scores, token types, per-token data).
  c.skip(length * size);
  return { kind: 'array', itemType, length, values: null };
}

function toSafe(v: bigint, label: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new GgufError(`Malformed GGUF header: ${label} is ${v}, too large.`);
  return Number(v);
}

/**
 * Reads a GGUF header through `source`. Throws GgufError with one sentence for anything that is not a
 * well-formed little-endian GGUF v2/v3 header.
 */
export async function parseGgufHeader(source: ByteSource, opts: { maxBytes?: number } = {}): Promise<GgufHeader> {
  const c = new Cursor(source, opts.maxBytes ?? GGUF_DEFAULT_MAX_BYTES);
  const warnings: string[] = [];
  let duplicates = 0;
  if (source.size < 4) {
    throw new GgufError(`Not a GGUF file: it is only ${source.size} bytes long.`);
  }
  c.what = 'the magic bytes';
  const magic = await c.bytes(Math.min(4, source.size));
  if (magic[0] !== 0x47 || magic[1] !== 0x47 || magic[2] !== 0x55 || magic[3] !== 0x46) {
    throw new GgufError(`Not a GGUF file: magic bytes are '${describeBytes(magic)}'.`);
  }
  c.what = 'the version';
  const versionBytes = await c.bytes(4);
  const version = new DataView(versionBytes.buffer, versionBytes.byteOffset, 4).getUint32(0, true);
  if (version > 0xffff && (version & 0xffff) === 0) {
    const be = new DataView(versionBytes.buffer, versionBytes.byteOffset, 4).getUint32(0, false);
    throw new GgufError(`Unsupported GGUF file: it is big-endian (version ${be}); only little-endian files can be read.`);
  }
  if (version === 1) {
    throw new GgufError('Unsupported GGUF file: version 1 is obsolete; convert it again with a current llama.cpp.');
  }
  if (version !== 2 && version !== 3) {
    throw new GgufError(`Unsupported GGUF file: version ${version} (only versions 2 and 3 are known).`);
  }
  c.what = 'the tensor count';
  const tensorCount = await c.length(MAX_TENSORS, 'the tensor count');
  c.what = 'the metadata count';
  const kvCount = await c.length(MAX_KV, 'the metadata count');

  const metadata = new Map<string, GgufValue>();
  for (let i = 0; i < kvCount; i++) {
    c.what = `metadata entry ${i}'s key`;
    const key = await c.string(MAX_KEY_BYTES, `metadata key ${i}`);
    c.what = `metadata entry ${i} ("${key.slice(0, 80)}")`;
    const type = await c.u32();
    const value = await readValue(c, type, key.slice(0, 80));
    if (metadata.has(key)) {
      // Counted, not listed: a crafted file repeats a key a million times (73 MB of warnings).
      duplicates += 1;
      if (duplicates <= MAX_LISTED_WARNINGS)
        warnings.push(`Metadata key "${quoteName(key)}" appears more than once; the last value is used.`);
    }
    metadata.set(key, value);
  }

  let alignment = GGUF_DEFAULT_ALIGNMENT;
  const alignValue = metadata.get('general.alignment');
  if (alignValue !== undefined) {
    if (typeof alignValue !== 'number' || !Number.isInteger(alignValue) || alignValue <= 0 || (alignValue & (alignValue - 1)) !== 0) {
      throw new GgufError(`Malformed GGUF header: general.alignment is ${String(alignValue)}, not a power of two.`);
    }
    alignment = alignValue;
  }

  const tensors: GgufTensorHeader[] = [];
  for (let i = 0; i < tensorCount; i++) {
    c.what = `tensor ${i}'s name`;
    const name = await c.string(MAX_TENSOR_NAME_BYTES, `tensor ${i}'s name`);
    c.what = `tensor ${i}'s shape ("${name.slice(0, 80)}")`;
    const nDims = await c.u32();
    if (nDims > MAX_DIMS) {
      throw new GgufError(`Malformed GGUF header: tensor "${name.slice(0, 80)}" has ${nDims} dimensions (at most ${MAX_DIMS}).`);
    }
    const dims: number[] = [];
    let elements = 1;
    for (let d = 0; d < nDims; d++) {
      const dim = toSafe(await c.u64(), `dimension ${d} of tensor "${name.slice(0, 80)}"`);
      dims.push(dim);
      elements *= dim;
    }
    if (!Number.isSafeInteger(elements)) {
      throw new GgufError(`Malformed GGUF header: tensor "${name.slice(0, 80)}" has more elements than can be counted.`);
    }
    c.what = `tensor ${i}'s type ("${name.slice(0, 80)}")`;
    const typeId = await c.u32();
    const t = ggmlTypeById(typeId);
    if (!t) {
      throw new GgufError(`Unsupported GGUF file: tensor "${name.slice(0, 80)}" has unknown ggml type id ${typeId}.`);
    }
    const rowLength = dims[0] ?? 1;
    if (rowLength % t.blockSize !== 0) {
      throw new GgufError(
        `Malformed GGUF header: tensor "${name.slice(0, 80)}" has rows of ${rowLength} values, not a multiple of ${t.name}'s block of ${t.blockSize}.`,
      );
    }
    c.what = `tensor ${i}'s offset ("${name.slice(0, 80)}")`;
    const offset = toSafe(await c.u64(), `the data offset of tensor "${name.slice(0, 80)}"`);
    if (offset % alignment !== 0) {
      throw new GgufError(
        `Malformed GGUF header: tensor "${name.slice(0, 80)}" starts at offset ${offset}, not aligned to ${alignment} bytes.`,
      );
    }
    const bytes = (elements / t.blockSize) * t.typeSize;
    tensors.push({ name, dims, typeId, type: t.name, offset, elements, bytes });
  }

  if (duplicates > MAX_LISTED_WARNINGS) warnings.push(`…and ${duplicates - MAX_LISTED_WARNINGS} more metadata keys appear more than once.`);
  const headerEnd = c.pos;
  const dataOffset = Math.ceil(headerEnd / alignment) * alignment;
  let dataEnd = 0;
  for (const t of tensors) dataEnd = Math.max(dataEnd, t.offset + t.bytes);
  if (dataOffset + dataEnd > source.size) {
    warnings.push(
      `The file is ${source.size} bytes but its tensors end at byte ${dataOffset + dataEnd}; it looks truncated or still downloading.`,
    );
  }
  return { version, metadata, tensors, alignment, dataOffset, fileSize: source.size, bytesRead: c.bytesRead, warnings };
}

/** A ByteSource over bytes already in memory (tests, fuzzing, drag-and-drop of a header slice). */
export function bufferSource(bytes: Uint8Array, size = bytes.length): ByteSource {
  return {
    size,
    read(offset, length) {
      return Promise.resolve(bytes.subarray(Math.min(offset, bytes.length), Math.min(offset + length, bytes.length)));
    },
  };
}

export function describeValueType(type: GgufValueType): string {
  return TYPE_NAMES[type] ?? `type ${type}`;
}
