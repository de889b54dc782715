// Hostile model files and IPC payloads (issue 13 items 10–13, 17): a huge tensor list, model_type
// names that are Object built-ins, 3000-deep IPC arguments, a million duplicate keys, a BOM.

import { mkdtemp, rm, writeFile, mkdir, copyFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGgufHeader, bufferSource } from '../../src/core/model/gguf/parse';
import { ggufToModelInput } from '../../src/core/model/gguf/to-spec';
import { specFromHfConfig } from '../../src/core/model/from-hf-config';
import type { Handlers } from '../../src/main/handlers';
import { dispatch } from '../../src/main/ipc-core';
import { inspectPath } from '../../src/main/services/import/index';
import { createTally } from '../support/tally';

const tally = createTally('inputs');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vp-inputs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  tally.write();
});

/** A safetensors file: 8-byte little-endian header length, then the JSON header. */
function safetensors(header: string, dataBytes = 0): Buffer {
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(Buffer.byteLength(header)));
  return Buffer.concat([len, Buffer.from(header), Buffer.alloc(dataBytes)]);
}

describe('a safetensors folder with 150 k tensors (item 10)', () => {
  it('is inspected without "Maximum call stack size exceeded"', async () => {
    const folder = path.join(dir, 'huge');
    await mkdir(folder);
    await copyFile(path.resolve('tests/fixtures/hf/Llama-3.1-8B-Instruct/config.json'), path.join(folder, 'config.json'));
    const parts: string[] = [];
    for (let i = 0; i < 150_000; i += 1) parts.push(`"t${i}":{"dtype":"F16","shape":[1],"data_offsets":[${i * 2},${i * 2 + 2}]}`);
    // 150 k is enough: push(...list) overflowed the stack from about that many tensors.
    await writeFile(path.join(folder, 'model.safetensors'), safetensors(`{${parts.join(',')}}`, 150_000 * 2));
    const outcome = await inspectPath(folder).then(
      () => 'handled' as const,
      (e: unknown) => (e instanceof RangeError || /call stack/.test(String(e)) ? ('crash' as const) : ('handled' as const)),
    );
    await expect(inspectPath(folder)).resolves.toBeTruthy();
    tally.add('safetensors with 150k tensors', outcome);
    expect(outcome).toBe('handled');
  }, 30_000);
});

describe('a 1 MB tensor name in a bad safetensors entry (item 16)', () => {
  it('gives a short one-line error', async () => {
    const folder = path.join(dir, 'longname');
    await mkdir(folder);
    await copyFile(path.resolve('tests/fixtures/hf/Llama-3.1-8B-Instruct/config.json'), path.join(folder, 'config.json'));
    const name = `${'n'.repeat(1_000_000)}\u001b[2J\n`;
    await writeFile(
      path.join(folder, 'model.safetensors'),
      safetensors(JSON.stringify({ [name]: { dtype: 'F16', shape: [1], data_offsets: [0, 99] } })),
    );
    const error = await inspectPath(folder).catch((e: unknown) => e);
    expect(String(error)).toMatch(/tensor "n{80}/);
    const message = error instanceof Error ? error.message : String(error);
    expect(message.length).toBeLessThan(2000);
    expect(message).not.toMatch(/\n/);
    expect(message.includes('\u001b')).toBe(false);
    tally.add('1 MB tensor name in a safetensors error', 'handled');
  });
});

describe('model_type naming an Object built-in (item 11)', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])('"%s" is an unknown type, sized as generic', (type) => {
    const config = JSON.parse(
      `{"model_type":"${type}","hidden_size":4096,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":8,"intermediate_size":14336,"vocab_size":128256}`,
    );
    const r = specFromHfConfig(config);
    expect(typeof r.spec.architecture).toBe('string');
    expect(r.spec.architecture).toBe('llama');
    expect(r.warnings.join(' ')).toMatch(/Unknown model_type/);
    expect(() => structuredClone(r)).not.toThrow();
    tally.add(`model_type "${type}"`, 'handled');
  });
});

describe('a config value of 1e400 (item 16)', () => {
  it('is called too large, not "null"', () => {
    const config = JSON.parse(
      '{"model_type":"llama","hidden_size":1e400,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":8,"intermediate_size":14336,"vocab_size":128256}',
    );
    expect(() => specFromHfConfig(config)).toThrow('The config field "hidden_size" is too large to be a real size.');
    tally.add('config value 1e400', 'handled');
  });
});

describe('safetensors dtypes named like Object built-ins (item 11)', () => {
  it.each(['constructor', '__proto__', 'toString'])('dtype "%s" does not become the format', async (dtype) => {
    const folder = path.join(dir, `dtype-${dtype.replace(/_/g, 'u')}`);
    await mkdir(folder);
    const config = {
      model_type: 'llama',
      hidden_size: 64,
      num_hidden_layers: 1,
      num_attention_heads: 4,
      num_key_value_heads: 4,
      intermediate_size: 128,
      vocab_size: 100,
    };
    await writeFile(path.join(folder, 'config.json'), JSON.stringify(config));
    const header = JSON.stringify({ 'model.layers.0.mlp.up_proj.weight': { dtype, shape: [128, 64], data_offsets: [0, 16384] } });
    await writeFile(path.join(folder, 'model.safetensors'), safetensors(header, 16384));
    const r = await inspectPath(folder).catch((e: unknown) => e);
    if (r instanceof Error) {
      expect(r.message).not.toMatch(/function|native code/);
    } else {
      expect(() => structuredClone(r)).not.toThrow();
      expect(JSON.stringify(r)).not.toMatch(/native code/);
    }
    tally.add(`safetensors dtype "${dtype}"`, 'handled');
  });
});

describe('IPC arguments nested 3000 deep (item 12)', () => {
  const handlers = new Proxy({}, { get: () => async () => 'ran' }) as unknown as Handlers;
  it.each(['settings:set', 'profiles:save', 'export:markdown', 'import:parameters'])(
    '%s answers an invalid-argument envelope',
    async (channel) => {
      let deep: unknown = {};
      for (let i = 0; i < 3000; i += 1) deep = { a: deep, b: [deep] };
      const res = await dispatch(handlers, channel, [deep, deep]);
      expect(res).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      tally.add(`3000-deep argument to ${channel}`, 'handled');
    },
  );
});

describe('IPC inputs that cannot even be inspected (item 12)', () => {
  const handlers = new Proxy({}, { get: () => async () => 'ran' }) as unknown as Handlers;
  it('a revoked proxy as arguments answers an envelope', async () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const res = await dispatch(handlers, 'settings:set', proxy);
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    tally.add('revoked proxy as IPC arguments', 'handled');
  });
  it('a null-prototype object as the channel answers an envelope', async () => {
    const res = await dispatch(handlers, Object.create(null), []);
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: 'Unknown IPC channel "object".' } });
    tally.add('null-prototype channel', 'handled');
  });
  it('a throwing logger does not make a failing handler throw', async () => {
    const failing = new Proxy(
      {},
      {
        get: () => async () => {
          throw new RangeError('Maximum call stack size exceeded');
        },
      },
    ) as unknown as Handlers;
    const res = await dispatch(failing, 'settings:get', [], () => {
      throw new Error('log failed');
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'internal' } });
    tally.add('throwing logger', 'handled');
  });
});

describe('a GGUF repeating one key a million times (item 13)', () => {
  it('lists 20 warnings and counts the rest', async () => {
    const n = 1_000_000;
    const key = Buffer.from('general.name');
    const value = Buffer.from('x');
    const entry = Buffer.alloc(8 + key.length + 4 + 8 + value.length);
    let o = 0;
    entry.writeBigUInt64LE(BigInt(key.length), o);
    o += 8;
    key.copy(entry, o);
    o += key.length;
    entry.writeUInt32LE(8, o); // string
    o += 4;
    entry.writeBigUInt64LE(BigInt(value.length), o);
    o += 8;
    value.copy(entry, o);
    const head = Buffer.alloc(24);
    head.write('GGUF', 0, 'latin1');
    head.writeUInt32LE(3, 4);
    head.writeBigUInt64LE(0n, 8);
    head.writeBigUInt64LE(BigInt(n), 16);
    const bytes = Buffer.concat([head, Buffer.alloc(entry.length * n, 0)]);
    for (let i = 0; i < n; i += 1) entry.copy(bytes, 24 + i * entry.length);
    const header = await parseGgufHeader(bufferSource(new Uint8Array(bytes)), { maxBytes: bytes.length + 1024 });
    expect(header.warnings.length).toBeLessThanOrEqual(22);
    expect(header.warnings).toContain(`…and ${n - 1 - 20} more metadata keys appear more than once.`);
    expect(JSON.stringify(header.warnings).length).toBeLessThan(10_000);
    void ggufToModelInput;
    tally.add('GGUF with 1M duplicate keys', 'handled');
  }, 30_000);
});

describe('config.json with a UTF-8 BOM (item 17)', () => {
  it('is read', async () => {
    const folder = path.join(dir, 'bom');
    await mkdir(folder);
    const text = await import('node:fs/promises').then((f) =>
      f.readFile(path.resolve('tests/fixtures/hf/Llama-3.1-8B-Instruct/config.json'), 'utf8'),
    );
    await writeFile(path.join(folder, 'config.json'), `\uFEFF${text}`);
    const r = await inspectPath(path.join(folder, 'config.json'));
    expect(r.input.spec.layers).toBe(32);
    tally.add('config.json with BOM', 'handled');
  });
});
