// Permission errors when the tests run as root (CI containers) cannot be made with chmod, so here the
// read of one chosen file fails with EACCES/EIO through a mocked open(): the store must keep the file
// and refuse to write over it (issue 13 item 6).

import type * as FsPromises from 'node:fs/promises';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toErrorInfo } from '../../src/main/ipc-core';
import { createProfileStore, PROFILES_FILE } from '../../src/main/services/profiles';
import { createSettingsStore } from '../../src/main/services/settings';
import { createTally } from '../support/tally';

const failing = new Map<string, string>();
let failRenameAside = false;
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  const open = (async (
    file: Parameters<typeof real.open>[0],
    flags?: Parameters<typeof real.open>[1],
    mode?: Parameters<typeof real.open>[2],
  ) => {
    const code = failing.get(String(file));
    if (code && (typeof flags === 'number' || flags === undefined || flags === 'r'))
      throw Object.assign(new Error(`${code}: simulated, open '${String(file)}'`), { code });
    return real.open(file, flags, mode);
  }) as typeof real.open;
  const rename = (async (from: Parameters<typeof real.rename>[0], to: Parameters<typeof real.rename>[1]) => {
    if (failRenameAside && String(to).includes('.corrupt-')) throw Object.assign(new Error('EACCES: simulated rename'), { code: 'EACCES' });
    return real.rename(from, to);
  }) as typeof real.rename;
  return { ...real, default: { ...real, open, rename }, open, rename };
});

const tally = createTally('eacces');
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vp-eacces-'));
});
afterEach(async () => {
  failing.clear();
  failRenameAside = false;
  await rm(dir, { recursive: true, force: true });
  tally.write();
});

describe('unreadable is not absent', () => {
  it.each(['EACCES', 'EPERM', 'EIO'])('%s on the profiles file: kept, and saves refused with one sentence', async (code) => {
    const file = path.join(dir, PROFILES_FILE);
    const original = JSON.stringify({ version: 1, profiles: [] });
    await writeFile(file, original);
    failing.set(file, code);
    const store = createProfileStore(dir);
    const load = await store.load();
    expect(load.problem).toMatch(
      /^Could not read hardware-profiles\.json because .+; it was left as it is, and changes will not be saved until it can be read\.$/,
    );
    expect(load.problem).not.toMatch(/simulated|EACCES|EPERM/);
    const info = toErrorInfo(
      await store.save({ name: 'New', gpus: [], ramBytes: 1024 ** 3, createdAt: '2026-11-22T04:00:00.000Z' }).catch((e: unknown) => e),
    );
    expect(info.code).toBe('io-error');
    const kept = await readFile(file, 'utf8');
    tally.add(`${code} reading profiles, then save`, kept === original ? 'handled' : 'lost-file');
    expect(kept).toBe(original);
  });

  it('a corrupt file that cannot be moved aside is not said to be "kept as", and is not overwritten (item 16)', async () => {
    const file = path.join(dir, PROFILES_FILE);
    await writeFile(file, '{ damaged');
    failRenameAside = true;
    const store = createProfileStore(dir);
    const load = await store.load();
    expect(load.problem).not.toMatch(/kept as/);
    expect(load.problem).toMatch(/could not be moved aside, so it was left as it is/);
    await expect(
      store.save({
        name: 'New',
        gpus: [{ name: 'GPU', vramBytes: 1024 ** 3, count: 1, kind: 'dedicated' }],
        ramBytes: 1024 ** 3,
        createdAt: '2026-11-22T04:00:00.000Z',
      }),
    ).rejects.toThrow(/could not be moved aside/);
    const kept = await readFile(file, 'utf8');
    tally.add('corrupt file that cannot be moved aside, then save', kept === '{ damaged' ? 'handled' : 'lost-file');
    expect(kept).toBe('{ damaged');
  });

  it('EACCES on settings.json: kept, update refused', async () => {
    const file = path.join(dir, 'settings.json');
    await writeFile(file, '{"locale":"ja"}');
    failing.set(file, 'EACCES');
    const store = createSettingsStore(file);
    expect(await store.get()).toEqual({ locale: 'system', theme: 'system' });
    await expect(store.update({ theme: 'dark' })).rejects.toThrow(/^Could not read settings\.json because permission was denied/);
    const kept = await readFile(file, 'utf8');
    tally.add('EACCES reading settings, then update', kept === '{"locale":"ja"}' ? 'handled' : 'lost-file');
    expect(kept).toBe('{"locale":"ja"}');
  });
});
