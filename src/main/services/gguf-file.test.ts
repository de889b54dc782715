import { mkdtemp, mkdir, rm, stat, writeFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGgufFile } from './gguf-file';
import { syntheticTotals, writeSyntheticGguf, writeSyntheticGgufSplit, type SyntheticModel } from '../../../tests/support/gguf-writer';
import { AppError } from './errors';

const model: SyntheticModel = {
  architecture: 'qwen3moe',
  layers: 4,
  hidden: 512,
  ff: 1536,
  heads: 8,
  kvHeads: 4,
  vocab: 3000,
  fileType: 'Q4_K_M',
  experts: 8,
  expertsUsed: 2,
  expertFf: 512,
};

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gguf-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('readGgufFile', () => {
  it('imports a single file and reports sizes', async () => {
    const path = join(dir, 'tiny.gguf');
    await writeSyntheticGguf(path, model);
    const r = await readGgufFile(path);
    const totals = syntheticTotals(model);
    expect(r.architecture).toBe('qwen3moe');
    expect(r.fileType).toBe('Q4_K_M');
    expect(r.parameterCount).toBe(totals.parameters);
    expect(r.weightsBytes).toBe(totals.weightsBytes);
    expect(r.files).toEqual([path]);
    expect(r.fileBytes).toBe((await stat(path)).size);
    expect(r.fileBytes).toBeGreaterThan(r.weightsBytes);
    expect(r.bytesRead).toBeGreaterThan(0);
    expect(r.bytesRead).toBeLessThanOrEqual(256 * 1024);
    expect(r.input.spec.id).toBe('gguf:tiny.gguf');
    expect(r.input.spec.moe?.experts).toBe(8);
  });

  it('reads every shard of a split set from any shard', async () => {
    const paths = await writeSyntheticGgufSplit(join(dir, 'set'), model, 3);
    expect(paths.map((p) => basename(p))).toEqual(['set-00001-of-00003.gguf', 'set-00002-of-00003.gguf', 'set-00003-of-00003.gguf']);
    const totals = syntheticTotals(model);
    for (const p of [paths[0]!, paths[2]!]) {
      const r = await readGgufFile(p);
      expect(r.files).toEqual(paths);
      expect(r.parameterCount).toBe(totals.parameters);
      expect(r.weightsBytes).toBe(totals.weightsBytes);
      expect(r.input.tensors).toHaveLength(totals.tensors);
      expect(r.warnings).toEqual([]);
    }
    await unlink(paths[1]!);
    const err = await failure(readGgufFile(paths[0]!));
    expect(err.code).toBe('not-found');
    expect(err.message).toBe('The split set is incomplete: set-00002-of-00003.gguf is missing next to "set-00001-of-00003.gguf".');
  });

  it('explains missing files, folders and non-GGUF files in one sentence', async () => {
    const missing = await failure(readGgufFile(join(dir, 'nope.gguf')));
    expect(missing.code).toBe('not-found');
    expect(missing.message).toBe('The file "nope.gguf" does not exist.');

    const folder = join(dir, 'folder.gguf');
    await mkdir(folder);
    const isDir = await failure(readGgufFile(folder));
    expect(isDir.message).toBe('"folder.gguf" is a folder, not a GGUF file.');

    const zip = join(dir, 'model.zip');
    await writeFile(zip, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]));
    const notGguf = await failure(readGgufFile(zip));
    expect(notGguf.code).toBe('bad-input');
    expect(notGguf.message).toBe("model.zip: Not a GGUF file: magic bytes are 'PK\\x03\\x04'.");
  });

  it('honours maxBytes', async () => {
    const path = join(dir, 'bigvocab.gguf');
    await writeSyntheticGguf(path, { ...model, vocab: 60_000 });
    const err = await failure(readGgufFile(path, { maxBytes: 64 * 1024 }));
    expect(err.message).toMatch(/reading limit/);
  });
});
