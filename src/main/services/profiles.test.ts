import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HardwareProfile } from '../../core/hardware/profile';
import { createProfileStore, ProfileError, PROFILES_FILE } from './profiles';

const GiB = 1024 ** 3;
const profile = (name: string, count = 2): HardwareProfile => ({
  name,
  gpus: [{ catalogId: 'rtx-3090', name: 'GeForce RTX 3090', vramBytes: 24 * GiB, count, kind: 'dedicated' }],
  ramBytes: 64 * GiB,
  createdAt: '2026-11-22T04:00:00.000Z',
});

describe('profile store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'profiles-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('saves, lists sorted, replaces by name and removes', async () => {
    const store = createProfileStore(dir);
    expect(await store.list()).toEqual([]);
    await store.save(profile('Workstation'));
    await store.save(profile('Cluster node', 8));
    await store.save({ ...profile('  workstation '), ramBytes: 128 * GiB });
    const list = await store.list();
    expect(list.map((p) => p.name)).toEqual(['Cluster node', 'workstation']);
    expect(list[1]!.ramBytes).toBe(128 * GiB);
    // A second store reads what the first wrote.
    expect((await createProfileStore(dir).load()).profiles).toEqual(list);
    expect(await store.remove('CLUSTER NODE')).toBe(true);
    expect(await store.remove('nope')).toBe(false);
    expect((await store.list()).map((p) => p.name)).toEqual(['workstation']);
  });

  it('rejects invalid profiles with one clear sentence', async () => {
    const store = createProfileStore(dir);
    await expect(store.save({ ...profile('x'), gpus: [{ name: 'A', vramBytes: -1, count: 1, kind: 'dedicated' }] })).rejects.toThrow(
      ProfileError,
    );
    await expect(store.save({ ...profile('x'), gpus: [{ name: 'A', vramBytes: 1, count: 0, kind: 'dedicated' }] })).rejects.toThrow(
      /count must be at least 1/,
    );
    await expect(store.save({ ...profile('') })).rejects.toThrow(/needs a name/);
    await expect(store.save('not an object')).rejects.toThrow(ProfileError);
    await expect(store.remove('')).rejects.toThrow(/name of the profile/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps a damaged file aside, reports it, and starts fresh', async () => {
    await writeFile(path.join(dir, PROFILES_FILE), '{"version": 1, "profiles": [ {"name": 3} ]}');
    const store = createProfileStore(dir);
    const loaded = await store.load();
    expect(loaded.profiles).toEqual([]);
    expect(loaded.problem).toMatch(/kept as hardware-profiles\.corrupt-/);
    expect(store.problem()).toBe(loaded.problem);
    await store.save(profile('New'));
    const files = await readdir(dir);
    expect(files.some((f) => f.startsWith('hardware-profiles.corrupt-'))).toBe(true);
    expect(files).toContain(PROFILES_FILE);
  });

  it('does not lose a save when two happen at once', async () => {
    const store = createProfileStore(dir);
    await Promise.all([store.save(profile('A')), store.save(profile('B')), store.save(profile('C'))]);
    expect((await createProfileStore(dir).list()).map((p) => p.name)).toEqual(['A', 'B', 'C']);
  });
});
