import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../src/main/handlers';
import { testHandlers } from '../e2e/support/handlers';
import { AppError } from '../../src/main/services/errors';
import { dispatch } from '../../src/main/ipc-core';
import { createSettingsStore } from '../../src/main/services/settings';
import { createApi } from '../../src/preload/api';
import { apiChannels, channelSchemas } from '../../src/shared/ipc-contract';

async function handlers(): Promise<{ h: Handlers; dir: string }> {
  const { handlers: h, dir } = await testHandlers({
    identity: { name: 'VRAM Planner', version: '9.9.9', locale: 'ja-JP' },
    systemInfo: async () => ({
      os: { platform: 'linux', distro: 'Debian', release: '12', arch: 'x64' },
      cpu: { brand: 'Test CPU', cores: 4, threads: 8, memoryBandwidthGBps: null },
      ram: { totalBytes: 16 * 2 ** 30, availableBytes: 8 * 2 ** 30 },
    }),
  });
  return { h, dir };
}

describe('IPC contract', () => {
  it('maps every Api method to a declared channel and every channel to a method', () => {
    expect(new Set(Object.values(apiChannels))).toEqual(new Set(Object.keys(channelSchemas)));
  });

  it('wraps handler results in an ok envelope', async () => {
    const { h } = await handlers();
    const res = await dispatch(h, 'app:info', []);
    expect(res.ok).toBe(true);
    if (res.ok) expect(res.value).toMatchObject({ name: 'VRAM Planner', version: '9.9.9', locale: 'ja-JP' });
  });

  it('rejects malformed arguments with a validation error, not a throw', async () => {
    const { h } = await handlers();
    const bad = await dispatch(h, 'settings:set', [{ locale: 'fr' }]);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    if (!bad.ok) expect(bad.error.message).toMatch(/settings:set/);
    const extra = await dispatch(h, 'settings:set', [{ locale: 'en', evil: '../../etc' }]);
    expect(extra.ok).toBe(false);
    const tooMany = await dispatch(h, 'app:info', ['unexpected']);
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    const unknown = await dispatch(h, 'fs:readAnything', ['/etc/passwd']);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    // The field at fault travels in the envelope: the page never parses the message to find it.
    const profile = {
      name: 'x',
      gpus: [{ name: 'A', vramBytes: 2 ** 30, count: 0, kind: 'dedicated' }],
      createdAt: new Date().toISOString(),
    };
    const badCount = await dispatch(h, 'profiles:save', [profile]);
    expect(badCount.ok).toBe(false);
    if (!badCount.ok) {
      expect(badCount.error.field).toBe('gpus.0.count');
      expect(badCount.error.reason).toMatch(/count/i);
      expect(badCount.error.reason).not.toMatch(/profiles:save/);
    }
    const fielded = {
      ...h,
      'system:info': async () => {
        throw new AppError('bad-input', 'The name is taken.', 'name');
      },
    } as Handlers;
    expect(await dispatch(fielded, 'system:info', [])).toEqual({
      ok: false,
      error: { code: 'bad-input', message: 'The name is taken.', field: 'name', reason: 'The name is taken.' },
    });
  });

  it('turns handler failures into readable envelopes and keeps AppError codes', async () => {
    const { h } = await handlers();
    const log = vi.fn();
    const failing = {
      ...h,
      'system:info': async () => {
        throw new Error('probe exploded');
      },
    } as Handlers;
    const res = await dispatch(failing, 'system:info', [], log);
    expect(res).toEqual({ ok: false, error: { code: 'internal', message: 'Unexpected error: probe exploded' } });
    expect(log).toHaveBeenCalledOnce();
    const userError = {
      ...h,
      'system:info': async () => {
        throw new AppError('timeout', 'The CPU query timed out.');
      },
    } as Handlers;
    expect(await dispatch(userError, 'system:info', [])).toEqual({
      ok: false,
      error: { code: 'timeout', message: 'The CPU query timed out.' },
    });
  });

  it('createApi exposes exactly the contract methods and never throws across the bridge', async () => {
    const { h } = await handlers();
    const api = createApi((channel, args) => dispatch(h, channel, args));
    expect(Object.keys(api).sort()).toEqual(Object.keys(apiChannels).sort());
    expect(Object.isFrozen(api)).toBe(true);
    const info = await api.systemInfo();
    expect(info).toMatchObject({ ok: true, value: { cpu: { brand: 'Test CPU' } } });
    const broken = createApi(() => Promise.reject(new Error('channel closed')));
    expect(await broken.appInfo()).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('persists settings atomically and recovers from a corrupt file without losing it', async () => {
    const { h, dir } = await handlers();
    expect(await h['settings:get']()).toEqual({ locale: 'system', theme: 'system' });
    await h['settings:set']({ locale: 'ja' });
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ locale: 'ja' });

    await writeFile(join(dir, 'settings.json'), '{"locale": "ja", broken');
    const store = createSettingsStore(join(dir, 'settings.json'));
    expect(await store.get()).toEqual({ locale: 'system', theme: 'system' });
    expect(store.problem()).toMatch(/kept as settings\.corrupt-/);
  });
});
