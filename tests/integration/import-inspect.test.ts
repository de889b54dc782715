// inspectPath decides what a path is (GGUF file, HF folder or config.json, folder of GGUFs);
// customModelFromParameters turns "70B" into a generic model.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countParameters } from '../../src/core/model/params';
import { customModelFromParameters, inspectPath } from '../../src/main/services/import/index';
import { syntheticTotals, writeSyntheticGguf, writeSyntheticGgufSplit, type SyntheticModel } from '../support/gguf-writer';
import { elementsOf, makeTempDir, tensorBytes, tinyLlamaConfig, tinyLlamaTensors, writeHfFolder } from './import-support';

const MODEL: SyntheticModel = {
  architecture: 'llama',
  layers: 3,
  hidden: 256,
  ff: 512,
  heads: 4,
  kvHeads: 2,
  vocab: 512,
  fileType: 'Q4_K_M',
};

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir('inspect')));
afterAll(() => cleanup());

describe('inspectPath', () => {
  it('reads a GGUF file from its header', async () => {
    const file = join(dir, 'model-Q4_K_M.gguf');
    await writeSyntheticGguf(file, MODEL);
    const r = await inspectPath(file);
    const totals = syntheticTotals(MODEL);
    expect(r).toMatchObject({ kind: 'gguf', architecture: 'llama', layers: 3, fileType: 'Q4_K_M', format: null });
    expect(r.parameterCount).toBe(totals.parameters);
    expect(r.weightsBytes).toBe(totals.weightsBytes);
    expect(r.input.tensors).toHaveLength(totals.tensors);
  });

  it('opens the one GGUF model in a folder (a split set counts once) and refuses to guess between several', async () => {
    const one = join(dir, 'one-split');
    await mkdir(one, { recursive: true });
    const shards = await writeSyntheticGgufSplit(join(one, 'big'), MODEL, 2);
    await writeSyntheticGguf(join(one, 'mmproj-big-f16.gguf'), MODEL);
    const r = await inspectPath(one);
    expect(r.kind).toBe('gguf');
    expect(r.files).toEqual(shards);
    expect(r.parameterCount).toBe(syntheticTotals(MODEL).parameters);

    const many = join(dir, 'many');
    await mkdir(many, { recursive: true });
    await writeSyntheticGguf(join(many, 'a.gguf'), MODEL);
    await writeSyntheticGguf(join(many, 'b.gguf'), MODEL);
    await expect(inspectPath(many)).rejects.toThrow(/holds 2 GGUF models \(a\.gguf, b\.gguf\); pick one file/);
  });

  it('reads an HF folder or its config.json', async () => {
    const folder = join(dir, 'hf');
    const tensors = tinyLlamaTensors();
    await writeHfFolder(folder, tinyLlamaConfig(), tensors, 2);
    for (const path of [folder, join(folder, 'config.json')]) {
      const r = await inspectPath(path);
      expect(r.kind).toBe('hf');
      expect(r.parameterCount).toBe(elementsOf(tensors));
      expect(r.weightsBytes).toBe(tensors.reduce((s, t) => s + tensorBytes(t), 0));
      expect(r.layers).toBe(2);
      expect(r.format).toBe('bf16');
      expect(r.fileType).toBeNull();
    }
  });

  it('says what is wrong with paths that are not models', async () => {
    await expect(inspectPath(join(dir, 'nothing-here'))).rejects.toThrow(/No file or folder at/);
    const text = join(dir, 'notes.txt');
    await writeFile(text, 'hello');
    await expect(inspectPath(text)).rejects.toThrow(/neither a GGUF file nor a config\.json/);
    const fake = join(dir, 'fake.gguf');
    await writeFile(fake, 'GGML but not really');
    await expect(inspectPath(fake)).rejects.toThrow(/does not start with the GGUF magic/);
    const emptyDir = join(dir, 'empty');
    await mkdir(emptyDir, { recursive: true });
    await expect(inspectPath(emptyDir)).rejects.toThrow(/holds no config\.json and no \.gguf file/);
    const truncated = join(dir, 'trunc.gguf');
    const { readFile } = await import('node:fs/promises');
    await writeSyntheticGguf(join(dir, 'whole.gguf'), MODEL);
    await writeFile(truncated, (await readFile(join(dir, 'whole.gguf'))).subarray(0, 200));
    const error: unknown = await inspectPath(truncated).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });
});

describe('customModelFromParameters', () => {
  it('accepts 70B, 8.03e9, 405M and 1.5T', () => {
    const seventy = customModelFromParameters('70B');
    expect(seventy.spec.basis).toBe('parameters');
    expect(seventy.spec.name).toBe('Custom 70.0B model');
    // The generic model lands within 1 % of the asked count.
    expect(Math.abs(countParameters(seventy.spec).total - 70e9) / 70e9).toBeLessThan(0.01);
    expect(Math.abs(countParameters(customModelFromParameters('8.03e9').spec).total - 8.03e9) / 8.03e9).toBeLessThan(0.01);
    expect(customModelFromParameters(' 8.03e9 ').spec).toBeDefined();
    expect(customModelFromParameters('405M').spec).toBeDefined();
    expect(customModelFromParameters('1.5T').spec).toBeDefined();
  });

  it('rejects negative, absurd and garbage input with a clear sentence', () => {
    expect(() => customModelFromParameters('-7B')).toThrow(/negative/);
    expect(() => customModelFromParameters('5000T')).toThrow(/outside the accepted range/);
    expect(() => customModelFromParameters('20T')).toThrow(/1M to 10T/);
    expect(() => customModelFromParameters('12')).toThrow(/outside the accepted range/);
    expect(() => customModelFromParameters('seventy billion')).toThrow(/not a parameter count/);
    expect(() => customModelFromParameters('')).toThrow(/Enter a parameter count/);
    expect(() => customModelFromParameters('1e400')).toThrow(/not a parameter count/);
  });
});
