import { describe, expect, it } from 'vitest';
import { bufferSource, GgufError, isGgufArray, parseGgufHeader, type ByteSource } from '../../src/core/model/gguf/parse';
import {
  encodeGgufHeader,
  encodeSyntheticGguf,
  numArr,
  str,
  strArr,
  syntheticTotals,
  u32,
  type SyntheticModel,
} from '../support/gguf-writer';

const llama: SyntheticModel = {
  architecture: 'llama',
  layers: 4,
  hidden: 512,
  ff: 1536,
  heads: 8,
  kvHeads: 2,
  vocab: 4096,
  fileType: 'Q4_K_M',
};

/** A ByteSource over the header bytes that reports the full (sparse) file size and counts reads. */
function countingSource(header: Uint8Array, size: number): ByteSource & { calls: number } {
  const src = {
    size,
    calls: 0,
    read(offset: number, length: number) {
      src.calls++;
      const out = new Uint8Array(length);
      if (offset < header.length) out.set(header.subarray(offset, Math.min(header.length, offset + length)));
      return Promise.resolve(out);
    },
  };
  return src;
}

async function expectGgufError(bytes: Uint8Array, pattern: RegExp): Promise<void> {
  const err = await parseGgufHeader(bufferSource(bytes)).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(GgufError);
  expect((err as Error).message).toMatch(pattern);
}

describe('parseGgufHeader', () => {
  it('reads a synthetic llama header exactly', async () => {
    const enc = encodeSyntheticGguf(llama);
    const h = await parseGgufHeader(countingSource(enc.header, enc.fileBytes));
    const totals = syntheticTotals(llama);
    expect(h.version).toBe(3);
    expect(h.alignment).toBe(32);
    expect(h.dataOffset).toBe(enc.dataOffset);
    expect(h.tensors).toHaveLength(totals.tensors);
    expect(h.tensors.reduce((s, t) => s + t.elements, 0)).toBe(totals.parameters);
    expect(h.tensors.reduce((s, t) => s + t.bytes, 0)).toBe(totals.weightsBytes);
    expect(h.metadata.get('general.architecture')).toBe('llama');
    expect(h.metadata.get('llama.block_count')).toBe(4);
    expect(h.metadata.get('llama.attention.layer_norm_rms_epsilon')).toBeCloseTo(1e-6);
    const out = h.tensors.find((t) => t.name === 'output.weight')!;
    expect(out.type).toBe('Q6_K');
    expect(out.dims).toEqual([512, 4096]);
    expect(out.bytes).toBe((512 * 4096 * 210) / 256);
    expect(h.tensors.find((t) => t.name === 'blk.1.attn_q.weight')!.type).toBe('Q4_K');
    expect(h.tensors.find((t) => t.name === 'blk.0.attn_v.weight')!.type).toBe('Q6_K');
    const tokens = h.metadata.get('tokenizer.ggml.tokens');
    expect(isGgufArray(tokens) && tokens.length).toBe(4096);
    expect(isGgufArray(tokens) && tokens.values).toBeNull();
    expect(h.warnings).toEqual([]);
    expect(h.bytesRead).toBeLessThanOrEqual(Math.max(enc.header.length, 256 * 1024));
  });

  it('keeps small arrays and every scalar type', async () => {
    const enc = encodeGgufHeader(
      [
        ['a.u8', { type: 'u8', value: 200 }],
        ['a.i8', { type: 'i8', value: -5 }],
        ['a.u16', { type: 'u16', value: 65000 }],
        ['a.i16', { type: 'i16', value: -300 }],
        ['a.i32', { type: 'i32', value: -70000 }],
        ['a.f64', { type: 'f64', value: 0.1 }],
        ['a.u64', { type: 'u64', value: 2n ** 60n }],
        ['a.i64', { type: 'i64', value: -42 }],
        ['a.bool', { type: 'bool', value: true }],
        ['a.str', str('héllo')],
        ['a.heads', numArr('i32', [8, 8, 4, 0])],
        ['a.names', strArr(['x', 'y'])],
      ],
      [],
    );
    const h = await parseGgufHeader(bufferSource(enc.header));
    expect(h.metadata.get('a.u8')).toBe(200);
    expect(h.metadata.get('a.i8')).toBe(-5);
    expect(h.metadata.get('a.u16')).toBe(65000);
    expect(h.metadata.get('a.i16')).toBe(-300);
    expect(h.metadata.get('a.i32')).toBe(-70000);
    expect(h.metadata.get('a.f64')).toBe(0.1);
    expect(h.metadata.get('a.u64')).toBe(2n ** 60n);
    expect(h.metadata.get('a.i64')).toBe(-42);
    expect(h.metadata.get('a.bool')).toBe(true);
    expect(h.metadata.get('a.str')).toBe('héllo');
    expect(h.metadata.get('a.heads')).toEqual({ kind: 'array', itemType: 5, length: 4, values: [8, 8, 4, 0] });
    expect(h.metadata.get('a.names')).toEqual({ kind: 'array', itemType: 8, length: 2, values: ['x', 'y'] });
  });

  it('reads a large vocabulary in few chunked reads and skips numeric arrays', async () => {
    const big: SyntheticModel = { ...llama, vocab: 150_000 };
    const enc = encodeSyntheticGguf(big);
    const src = countingSource(enc.header, enc.fileBytes);
    const h = await parseGgufHeader(src);
    const tokens = h.metadata.get('tokenizer.ggml.tokens');
    expect(isGgufArray(tokens) && tokens.length).toBe(150_000);
    // scores (600 kB of f32) are skipped without reading, so fewer bytes than the header are fetched
    expect(h.bytesRead).toBeLessThan(enc.header.length);
    expect(src.calls).toBeLessThan(Math.ceil(enc.header.length / (256 * 1024)) + 2);
  });

  it('honours general.alignment', async () => {
    const enc = encodeGgufHeader([['general.alignment', u32(64)]], [{ name: 'w', dims: [64, 2], type: 'F32' }], { alignment: 64 });
    const h = await parseGgufHeader(countingSource(enc.header, enc.fileBytes));
    expect(h.alignment).toBe(64);
    expect(h.dataOffset % 64).toBe(0);
  });

  it('warns when the data section is shorter than the tensors need', async () => {
    const enc = encodeGgufHeader([], [{ name: 'w', dims: [256, 256], type: 'F16' }]);
    const h = await parseGgufHeader(bufferSource(enc.header));
    expect(h.warnings.join(' ')).toMatch(/truncated/);
  });

  it('rejects non-GGUF input with one sentence', async () => {
    await expectGgufError(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), /^Not a GGUF file: magic bytes are 'PK\\x03\\x04'\.$/);
    await expectGgufError(new Uint8Array([1, 2]), /only 2 bytes long/);
  });

  it('rejects big-endian, version 1 and unknown versions', async () => {
    const be = encodeGgufHeader([], []).header.slice();
    new DataView(be.buffer).setUint32(4, 3, false);
    await expectGgufError(be, /big-endian/);
    await expectGgufError(encodeGgufHeader([], [], { version: 1 }).header, /version 1 is obsolete/);
    await expectGgufError(encodeGgufHeader([], [], { version: 7 }).header, /version 7/);
  });

  it('names the item where a truncated header ends', async () => {
    const enc = encodeSyntheticGguf(llama);
    const cut = enc.header.length - 200;
    const err = await parseGgufHeader(bufferSource(enc.header.subarray(0, cut))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GgufError);
    expect((err as Error).message).toMatch(/^Truncated GGUF header: ended at byte \d+ while reading tensor \d+'s .+\.$/);
  });

  it('rejects absurd lengths, dimensions and types before allocating', async () => {
    const base = encodeGgufHeader([['k', str('v')]], [{ name: 't', dims: [32, 2], type: 'F32' }]).header;
    const huge = base.slice();
    new DataView(huge.buffer).setBigUint64(24, 2n ** 62n, true); // key length
    await expectGgufError(huge, /above the limit/);
    const count = base.slice();
    new DataView(count.buffer).setBigUint64(8, 2n ** 40n, true); // tensor count
    await expectGgufError(count, /tensor count is \d+, above the limit/);

    const dimsAt = 24 + 8 + 1 + 4 + 8 + 1 + 8 + 1; // kv: key len+"k"+type+len+"v"; tensor: len+"t"
    const dims = base.slice();
    new DataView(dims.buffer).setUint32(dimsAt, 5, true);
    await expectGgufError(dims, /5 dimensions/);
    const typeAt = dimsAt + 4 + 16;
    const badType = base.slice();
    new DataView(badType.buffer).setUint32(typeAt, 4, true); // removed Q4_2
    await expectGgufError(badType, /unknown ggml type id 4/);
  });

  it('stops at the reading limit', async () => {
    const enc = encodeSyntheticGguf({ ...llama, vocab: 100_000 });
    const err = await parseGgufHeader(bufferSource(enc.header), { maxBytes: 300 * 1024 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GgufError);
    expect((err as Error).message).toMatch(/reading limit/);
  });
});
