// Settings and profile stores under concurrency and hostile files (issue 13 items 5, 6, 8, 16, 17):
// no update lost (one process or two), no file overwritten that could not be read, no hang on a FIFO,
// every failure one sentence without a temp file's name. Counts go to docs/hardening.md.

import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HardwareProfile } from '../../src/core/hardware/profile';
import { toErrorInfo } from '../../src/main/ipc-core';
import { createProfileStore, PROFILES_FILE } from '../../src/main/services/profiles';
import { createSettingsStore } from '../../src/main/services/settings';
import { createTally } from '../support/tally';

const run = promisify(execFile);
const GiB = 1024 ** 3;
const tally = createTally('stores');
const root = process.getuid?.() === 0;
const posix = process.platform !== 'win32';
const profile = (name: string): HardwareProfile => ({
  name,
  gpus: [{ name: 'GPU', vramBytes: 24 * GiB, count: 1, kind: 'dedicated' }],
  ramBytes: 64 * GiB,
  createdAt: '2026-11-22T04:00:00.000Z',
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vp-stores-'));
});
afterEach(async () => {
  await chmod(dir, 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});
afterAll(() => tally.write());

describe('in one process: one serialized writer per store (item 8)', () => {
  it('two settings:set before the first load keep both', async () => {
    const store = createSettingsStore(path.join(dir, 'settings.json'));
    await Promise.all([store.update({ locale: 'ja' }), store.update({ theme: 'dark' })]);
    const fresh = createSettingsStore(path.join(dir, 'settings.json'));
    const got = await fresh.get();
    tally.add('two settings:set before load', got.locale === 'ja' && got.theme === 'dark' ? 'handled' : 'lost-file');
    expect(got).toEqual({ locale: 'ja', theme: 'dark' });
  });

  it('four writers in one tick lose nothing', async () => {
    const file = path.join(dir, 'settings.json');
    const store = createSettingsStore(file);
    await Promise.all([
      store.update({ locale: 'en' }),
      store.update({ theme: 'light' }),
      store.saveLastExportFolder('/exports'),
      store.saveWindowBounds({ width: 800, height: 600, maximized: false }),
    ]);
    const saved = JSON.parse(await readFile(file, 'utf8'));
    const ok = saved.locale === 'en' && saved.theme === 'light' && saved.lastExportFolder === '/exports' && saved.window?.width === 800;
    tally.add('four settings writers in one tick', ok ? 'handled' : 'lost-file');
    expect(ok).toBe(true);
  });

  it('twenty profile saves at once keep all twenty', async () => {
    const store = createProfileStore(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save(profile(`P${i}`))));
    const n = (await createProfileStore(dir).list()).length;
    tally.add('20 concurrent profile saves', n === 20 ? 'handled' : 'lost-file', { kept: n });
    expect(n).toBe(20);
  });

  it('two stores on the same file (two windows) keep both saves', async () => {
    const a = createProfileStore(dir);
    const b = createProfileStore(dir);
    await a.list();
    await b.list();
    await Promise.all([a.save(profile('From A')), b.save(profile('From B'))]);
    const names = (await createProfileStore(dir).list()).map((p) => p.name);
    tally.add('two stores, stale caches', names.length === 2 ? 'handled' : 'lost-file');
    expect(names).toEqual(['From A', 'From B']);
  });
});

describe.runIf(posix)('in two processes: the lock file (item 8)', () => {
  it('the app and the CLI saving profiles at once keep every profile', async () => {
    const script = path.resolve('tests/support/store-writer.ts');
    const started = performance.now();
    await Promise.all([
      run(process.execPath, ['--import', 'tsx', script, dir, 'profiles', 'A', '15'], { timeout: 25_000 }),
      run(process.execPath, ['--import', 'tsx', script, dir, 'profiles', 'B', '15'], { timeout: 25_000 }),
    ]);
    const names = (await createProfileStore(dir).list()).map((p) => p.name);
    tally.add('two processes × 15 profile saves', names.length === 30 ? 'handled' : 'lost-file', {
      kept: names.length,
      ms: Math.round(performance.now() - started),
    });
    expect(names).toHaveLength(30);
    expect(existsSync(path.join(dir, `${PROFILES_FILE}.lock`))).toBe(false);
  }, 30_000);

  it('kill -9 during writes: the file always parses, and leftovers are cleaned at the next start (item 17)', async () => {
    const script = path.resolve('tests/support/store-writer.ts');
    const rounds = 5;
    let leftoverTemps = 0;
    for (let round = 0; round < rounds; round += 1) {
      const child = spawn(process.execPath, ['--import', 'tsx', script, dir, 'profiles', `R${round}`, '100000'], { stdio: 'ignore' });
      // tsx needs a few hundred ms to start; then the writer saves as fast as it can.
      await new Promise((r) => setTimeout(r, 700 + round * 60));
      // The lock it may hold is stale now; one written half (empty) must not stop the next writer.
      // The child may have ended already (then 'exit' has fired and would never come again).
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
      leftoverTemps += (await readdir(dir)).filter((n) => n.endsWith('.tmp')).length;
      const store = createProfileStore(dir);
      const load = await store.load();
      expect(load.problem).toBeNull();
      await store.save(profile(`after-${round}`));
      expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    }
    const names = (await createProfileStore(dir).list()).map((p) => p.name);
    const kept = names.filter((n) => n.startsWith('after-')).length;
    tally.add(`kill -9 rounds (${rounds}), temps left by the killed writer: ${leftoverTemps}`, kept === rounds ? 'handled' : 'lost-file', {
      leftoverTemps,
      profiles: names.length,
    });
    expect(kept).toBe(rounds);
  }, 30_000);

  it('an empty lock (writer killed before writing its pid) does not block saves for long', async () => {
    const lock = path.join(dir, `${PROFILES_FILE}.lock`);
    await writeFile(lock, '');
    const past = new Date(Date.now() - 5000);
    await utimes(lock, past, past);
    const started = performance.now();
    await createProfileStore(dir).save(profile('After empty lock'));
    tally.add('empty lock file', 'handled');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('a lock left by a killed process is taken over, not waited on forever', async () => {
    await writeFile(path.join(dir, `${PROFILES_FILE}.lock`), '999999999\n0\n');
    const started = performance.now();
    await createProfileStore(dir).save(profile('After crash'));
    tally.add('stale lock from a dead pid', 'handled');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe.runIf(posix)('hostile files', () => {
  it('a FIFO in place of settings.json does not block start-up (item 5)', async () => {
    const file = path.join(dir, 'settings.json');
    await run('mkfifo', [file]);
    const store = createSettingsStore(file);
    const started = performance.now();
    const got = await store.get();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(got).toEqual({ locale: 'system', theme: 'system' });
    expect(store.problem()).toMatch(/settings\.json because it is not a regular file; it was left as it is/);
    await expect(store.update({ locale: 'ja' })).rejects.toThrow(/not a regular file/);
    tally.add('FIFO as settings.json', 'handled');
  });

  it('a FIFO in place of the profiles file does not block either (item 5)', async () => {
    await run('mkfifo', [path.join(dir, PROFILES_FILE)]);
    const store = createProfileStore(dir);
    expect((await store.load()).problem).toMatch(/not a regular file/);
    tally.add('FIFO as profiles file', 'handled');
  });

  it.skipIf(root)('an unreadable profiles file is kept and never overwritten (item 6)', async () => {
    const file = path.join(dir, PROFILES_FILE);
    const original = JSON.stringify({ version: 1, profiles: [profile('Precious')] });
    await writeFile(file, original);
    chmodSync(file, 0o000);
    const store = createProfileStore(dir);
    const load = await store.load();
    expect(load.problem).toMatch(/^Could not read hardware-profiles\.json because permission was denied; it was left as it is/);
    const error = await store.save(profile('New')).catch((e: unknown) => e);
    expect(toErrorInfo(error)).toMatchObject({ code: 'io-error' });
    chmodSync(file, 0o644);
    const kept = await readFile(file, 'utf8');
    tally.add('unreadable profiles file, then a save', kept === original ? 'handled' : 'lost-file');
    expect(kept).toBe(original);
  });

  it.skipIf(root)('an unreadable settings file is kept and never overwritten (item 6)', async () => {
    const file = path.join(dir, 'settings.json');
    await writeFile(file, '{"locale":"ja"}');
    chmodSync(file, 0o000);
    const store = createSettingsStore(file);
    await store.get();
    await expect(store.update({ theme: 'dark' })).rejects.toThrow(/permission was denied/);
    chmodSync(file, 0o644);
    const kept = await readFile(file, 'utf8');
    tally.add('unreadable settings file, then a save', kept === '{"locale":"ja"}' ? 'handled' : 'lost-file');
    expect(kept).toBe('{"locale":"ja"}');
  });

  it.skipIf(root)('a folder that cannot be written gives one sentence naming the file, not a temp (item 16)', async () => {
    const sub = path.join(dir, 'ro');
    mkdirSync(sub);
    chmodSync(sub, 0o555);
    const error = await createProfileStore(sub)
      .save(profile('X'))
      .catch((e: unknown) => e);
    const info = toErrorInfo(error);
    expect(info.code).toBe('io-error');
    expect(info.message).not.toMatch(/\.tmp|EACCES/);
    expect(info.message).toMatch(/^Could not save hardware-profiles\.json because permission was denied/);
    tally.add('read-only folder on save', 'handled');
  });

  it('the 201st profile is a clear invalid-argument, not "internal" (item 16)', async () => {
    const many = Array.from({ length: 200 }, (_, i) => profile(`P${String(i).padStart(3, '0')}`));
    await writeFile(path.join(dir, PROFILES_FILE), JSON.stringify({ version: 1, profiles: many }));
    const error = await createProfileStore(dir)
      .save(profile('One more'))
      .catch((e: unknown) => e);
    expect(toErrorInfo(error)).toEqual({ code: 'invalid-argument', message: 'At most 200 profiles can be saved; remove one first.' });
    tally.add('201st profile', 'handled');
  });

  it.each([
    ['NUL', 'GPU\u0000box'],
    ['bidi override', 'evil\u202Eexe.txt'],
    ['escape', '\u001b[31mred'],
    ['carriage return', 'a\rb'],
  ])('refuses a profile name with %s (item 17)', async (_what, name) => {
    const error = await createProfileStore(dir)
      .save(profile(name))
      .catch((e: unknown) => e);
    expect(toErrorInfo(error)).toEqual({
      code: 'invalid-argument',
      message: 'A profile name cannot contain control or text-direction characters.',
    });
    tally.add(`profile name with ${_what}`, 'handled');
  });

  it("temp files left by killed writers are removed at start, live writers' are kept (item 17)", async () => {
    const dead = path.join(dir, `.${PROFILES_FILE}.999999999.abcdef.tmp`);
    const live = path.join(dir, `.${PROFILES_FILE}.${process.pid}.abcdef.tmp`);
    await writeFile(dead, '{');
    await writeFile(live, '{');
    await createProfileStore(dir).list();
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
    tally.add('stale .tmp files at start', 'handled');
  });

  it('"kept as" is said only when a copy was really made (item 16)', async () => {
    await writeFile(path.join(dir, PROFILES_FILE), '{ not json');
    const load = await createProfileStore(dir).load();
    expect(load.problem).toMatch(/kept as hardware-profiles\.corrupt-.*\.json/);
    const copies = (await readdir(dir)).filter((n) => n.includes('.corrupt-'));
    expect(copies).toHaveLength(1);
    tally.add('corrupt profiles file', 'handled');
  });

  it('settings.json with a UTF-8 BOM is read (item 17)', async () => {
    const file = path.join(dir, 'settings.json');
    await writeFile(file, '\uFEFF{"locale":"ja","theme":"dark"}');
    expect(await createSettingsStore(file).get()).toEqual({ locale: 'ja', theme: 'dark' });
    tally.add('settings.json with BOM', 'handled');
  });
});
