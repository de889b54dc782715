// import:adapterDialog end to end through the handler map: the argument is validated, the file main's dialog
// returned is read from its header only, a PEFT adapter is reached through its adapter_config.json, and a
// wrong or missing file is one bad-input sentence naming it.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGgufHeader, writeGgufFile, type TensorSpec } from '../../../../tests/support/gguf-writer';
import { projectorCompute } from '../../../core/multi/index';
import { SIGLIP_PROJECTOR_KV, tensorBytes as bytesOf } from '../../../../tests/support/projector-gguf';
import { createHandlers, type Services } from '../../handlers';
import { dispatch } from '../../ipc-core';

const TENSORS: TensorSpec[] = [
  { name: 'v.patch_embd.weight', dims: [14, 14, 3, 1152], type: 'F16' },
  { name: 'v.blk.0.ffn_up.weight', dims: [1152, 4304], type: 'Q8_0' },
];

let dir = '';
let picked: string | null = null;
const handlers = () =>
  createHandlers({
    dialogs: { openModelFile: async () => picked, openModelFolderOrConfig: async () => null, openFolder: async () => null },
  } as unknown as Services);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vp-adapter-'));
  await writeGgufFile(join(dir, 'mmproj.gguf'), encodeGgufHeader(SIGLIP_PROJECTOR_KV, TENSORS));
  const peft = join(dir, 'my-adapter');
  await mkdir(peft);
  await writeFile(join(peft, 'adapter_config.json'), JSON.stringify({ peft_type: 'LORA', r: 8 }));
  const header = JSON.stringify({ 'a.lora_A.weight': { dtype: 'BF16', shape: [8, 4096], data_offsets: [0, 65536] } });
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  await writeFile(join(peft, 'adapter_model.safetensors'), Buffer.concat([len, Buffer.from(header), Buffer.alloc(65536)]));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('import:adapterDialog', () => {
  it('reads a projector GGUF: tensor bytes as stored, compute by projectorCompute', async () => {
    picked = join(dir, 'mmproj.gguf');
    const r = await dispatch(handlers(), 'import:adapterDialog', [{ kind: 'mmproj' }]);
    expect(r).toMatchObject({
      ok: true,
      value: {
        kind: 'mmproj',
        name: 'mmproj.gguf',
        fixed: { weightsBytes: bytesOf(TENSORS), computeBytes: projectorCompute(4096, 1152, 4304, 16, true) },
      },
    });
  });

  it('a PEFT adapter picked through its adapter_config.json is the folder, bytes from the safetensors header', async () => {
    picked = join(dir, 'my-adapter', 'adapter_config.json');
    const r = await dispatch(handlers(), 'import:adapterDialog', [{ kind: 'lora' }]);
    expect(r).toMatchObject({
      ok: true,
      value: { kind: 'lora', name: 'my-adapter', fixed: { weightsBytes: 2 * 8 * 4096, computeBytes: 0, loraRank: 8 } },
    });
  });

  it('cancel is null; a wrong kind is refused before any dialog; wrong and missing files are one sentence', async () => {
    picked = null;
    expect(await dispatch(handlers(), 'import:adapterDialog', [{ kind: 'lora' }])).toEqual({ ok: true, value: null });
    const bad = await dispatch(handlers(), 'import:adapterDialog', [{ kind: 'model' }]);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    picked = join(dir, 'mmproj.gguf');
    expect(await dispatch(handlers(), 'import:adapterDialog', [{ kind: 'lora' }])).toEqual({
      ok: false,
      error: { code: 'bad-input', message: 'mmproj.gguf: its general.type is missing, not "adapter", so it is not a LoRA adapter GGUF.' },
    });
    picked = join(dir, 'gone.gguf');
    expect(await dispatch(handlers(), 'import:adapterDialog', [{ kind: 'mmproj' }])).toEqual({
      ok: false,
      error: { code: 'bad-input', message: 'gone.gguf does not exist.' },
    });
  });
});
