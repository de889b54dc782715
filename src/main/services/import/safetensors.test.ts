import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, tensorBytes, writeSafetensors, type TensorDef } from '../../../../tests/integration/import-support';
import { ImportError } from './errors';
import { readJsonFile, readSafetensorsHeader } from './safetensors';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir('st')));
afterAll(() => cleanup());

function rawFile(header: string, dataBytes: number, declared?: bigint): Buffer {
  const prefix = Buffer.alloc(8);
  prefix.writeBigUInt64LE(declared ?? BigInt(Buffer.byteLength(header)));
  return Buffer.concat([prefix, Buffer.from(header), Buffer.alloc(dataBytes)]);
}

describe('readSafetensorsHeader', () => {
  it('reads dtypes, shapes and exact byte sizes without reading the data', async () => {
    const tensors: TensorDef[] = [
      { name: 'a', dtype: 'BF16', shape: [3, 5] },
      { name: 'b', dtype: 'F32', shape: [7] },
      { name: 'c', dtype: 'F8_E4M3', shape: [4, 4] },
      { name: 'q', dtype: 'I32', shape: [8, 2] },
    ];
    const path = join(dir, 'ok.safetensors');
    const size = await writeSafetensors(path, tensors, { format: 'pt' });
    const header = await readSafetensorsHeader(path);
    expect(header.fileBytes).toBe(size);
    expect(header.metadata).toEqual({ format: 'pt' });
    expect(header.tensors.map((t) => [t.name, t.dtype, t.bytes, t.elements])).toEqual(
      tensors.map((t) => [t.name, t.dtype, tensorBytes(t), t.shape.reduce((x, y) => x * y, 1)]),
    );
    // Only the 8-byte prefix and the JSON were read.
    expect(header.headerBytes).toBeLessThan(size);
    expect(header.headerBytes + tensors.reduce((s, t) => s + tensorBytes(t), 0)).toBe(size);
  });

  it('rejects a truncated file with a sentence naming it', async () => {
    const path = join(dir, 'trunc.safetensors');
    await writeSafetensors(path, [{ name: 'w', dtype: 'F16', shape: [64, 64] }]);
    const fh = await open(path, 'r+');
    await fh.truncate(100);
    await fh.close();
    await expect(readSafetensorsHeader(path)).rejects.toThrow(/truncated|outside the file/);
  });

  it('rejects an absurd header length before allocating it', async () => {
    const path = join(dir, 'huge.safetensors');
    await writeFile(path, rawFile('{}', 0, 1n << 40n));
    await expect(readSafetensorsHeader(path)).rejects.toThrow(/header/);
    await expect(readSafetensorsHeader(path, { maxHeaderBytes: 1024 })).rejects.toBeInstanceOf(ImportError);
  });

  it('rejects a header that is not JSON, a dtype/shape/offset mismatch and a short file', async () => {
    const notJson = join(dir, 'nj.safetensors');
    await writeFile(notJson, rawFile('{"a": ', 0));
    await expect(readSafetensorsHeader(notJson)).rejects.toThrow(/not valid JSON/);

    const mismatch = join(dir, 'mm.safetensors');
    await writeFile(mismatch, rawFile(JSON.stringify({ w: { dtype: 'F32', shape: [4], data_offsets: [0, 8] } }), 8));
    await expect(readSafetensorsHeader(mismatch)).rejects.toThrow(/needs 16/);

    const outside = join(dir, 'out.safetensors');
    await writeFile(outside, rawFile(JSON.stringify({ w: { dtype: 'U8', shape: [32], data_offsets: [0, 32] } }), 4));
    await expect(readSafetensorsHeader(outside)).rejects.toThrow(/outside the file/);

    const tiny = join(dir, 'tiny.safetensors');
    await writeFile(tiny, Buffer.from([1, 2, 3]));
    await expect(readSafetensorsHeader(tiny)).rejects.toThrow(/too short/);

    await expect(readSafetensorsHeader(join(dir, 'missing.safetensors'))).rejects.toThrow(/No file or folder/);
  });
});

describe('readJsonFile', () => {
  it('turns a truncated or empty JSON file into one sentence', async () => {
    const truncated = join(dir, 'config.json');
    await writeFile(truncated, '{"hidden_size": 4096, "num_hidden');
    await expect(readJsonFile(truncated)).rejects.toThrow(/config\.json is not valid JSON \(/);
    const empty = join(dir, 'empty.json');
    await writeFile(empty, '');
    await expect(readJsonFile(empty)).rejects.toThrow(/it is empty/);
    await expect(readJsonFile(truncated, 10)).rejects.toThrow(/larger than the 10 bytes/);
  });
});
