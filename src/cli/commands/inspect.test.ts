// `vram-planner inspect` in-process: JSON fields scripts rely on, a readable summary, and user mistakes
// as CliError sentences.

import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticTotals, writeSyntheticGguf, type SyntheticModel } from '../../../tests/support/gguf-writer';
import { makeTempDir } from '../../../tests/integration/import-support';
import { CliError } from '../types';
import { inspect } from './inspect';

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
const FIXTURES = resolve(__dirname, '../../../tests/fixtures/hf');

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir('cli-inspect')));
afterAll(() => cleanup());

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('vram-planner inspect', () => {
  it('--json carries architecture, parameterCount, layers, weightsBytes, fileType, files, warnings', async () => {
    const file = join(dir, 'cli.gguf');
    await writeSyntheticGguf(file, MODEL);
    const { io, out } = capture();
    expect(await inspect([file, '--json'], io)).toBe(0);
    const json = JSON.parse(out.join('\n'));
    expect(json).toMatchObject({
      kind: 'gguf',
      architecture: 'llama',
      parameterCount: syntheticTotals(MODEL).parameters,
      layers: 3,
      weightsBytes: syntheticTotals(MODEL).weightsBytes,
      fileType: 'Q4_K_M',
      files: [file],
    });
    expect(Array.isArray(json.warnings)).toBe(true);
  });

  it('prints a readable summary for an HF config', async () => {
    const { io, out } = capture();
    expect(await inspect([join(FIXTURES, 'Qwen3-30B-A3B')], io)).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/Architecture\s+qwen3moe/);
    expect(text).toMatch(/Layers\s+48/);
    expect(text).toMatch(/Experts\s+128 \(8 active per token\)/);
    expect(text).toMatch(/config\.json only/);
    expect(text).not.toMatch(/undefined|NaN/);
  });

  it('turns user mistakes into CliError sentences', async () => {
    const { io } = capture();
    await expect(inspect([], io)).rejects.toBeInstanceOf(CliError);
    await expect(inspect(['a', 'b'], io)).rejects.toThrow(/one file or folder/);
    await expect(inspect(['--frob', 'x'], io)).rejects.toThrow(/Unknown option --frob/);
    const missing = (await inspect([join(dir, 'missing.gguf')], io).catch((e: unknown) => e)) as CliError;
    expect(missing).toBeInstanceOf(CliError);
    expect(missing.message).toMatch(/No file or folder at/);
    expect(missing.exitCode).toBe(2);
  });
});
