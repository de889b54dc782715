// Real-Electron E2E: runs wherever an Electron binary exists, skips with the reason elsewhere.
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiChannels } from '../../src/shared/ipc-contract';
import { electronBinary } from './support';

const root = resolve(import.meta.dirname, '../..');
const binary = electronBinary();
if (!binary.path) console.warn(`[electron e2e] skipped: ${binary.reason}.`);

// Chromium refuses to start as root with its OS sandbox (CI containers), and Ubuntu ≥ 23.10 blocks it for
// an unpacked binary; there the run goes without it and the app must SAY so. Elsewhere it runs sandboxed.
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
/** Ubuntu ≥ 23.10 (and GitHub's ubuntu-24.04 runners) block user namespaces; then only a setuid helper works. */
function linuxSandboxBlocked(): boolean {
  if (process.platform !== 'linux' || !binary.path) return false;
  try {
    if (readFileSync('/proc/sys/kernel/apparmor_restrict_unprivileged_userns', 'utf8').trim() !== '1') return false;
  } catch {
    return false;
  }
  try {
    const helper = statSync(join(dirname(binary.path), 'chrome-sandbox'));
    return !(helper.uid === 0 && (helper.mode & 0o4000) !== 0);
  } catch {
    return true;
  }
}
const withoutOsSandbox = isRoot || linuxSandboxBlocked() || process.env['VP_E2E_NO_SANDBOX'] === '1';

describe.skipIf(!binary.path)('Electron app (real binary)', () => {
  let app: ElectronApplication;
  beforeAll(async () => {
    const userData = await mkdtemp(join(tmpdir(), 'vp-electron-'));
    app = await electron.launch({
      executablePath: binary.path!,
      args: [root, `--user-data-dir=${userData}`, ...(withoutOsSandbox ? ['--no-sandbox'] : []), '--disable-gpu'],
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
    });
    // The E2E must never reach the real system browser: record instead of opening, whatever the policy says.
    await app.evaluate(({ shell }) => {
      const opened: string[] = [];
      (globalThis as { __vpOpened?: string[] }).__vpOpened = opened;
      Object.defineProperty(shell, 'openExternal', {
        configurable: true,
        writable: true,
        value: async (url: string) => void opened.push(url),
      });
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
    const globalsInPage = await page.evaluate(() => [
      typeof (globalThis as { require?: unknown }).require,
      typeof (globalThis as { process?: unknown }).process,
    ]);
    expect(globalsInPage).toEqual(['undefined', 'undefined']);
    // app.enableSandbox() really ran: Electron records it as the --enable-sandbox switch of this process,
    // which makes every renderer (and its preload) sandboxed.
    expect(await app.evaluate(({ app: electronApp }) => electronApp.commandLine.hasSwitch('enable-sandbox'))).toBe(true);
    // The OS sandbox: off only when we turned it off, and then the app says so on screen.
    const os = await app.evaluate(({ app: electronApp }) => ({
      // process.argv, not commandLine: app.enableSandbox() strips --no-sandbox from Chromium's command line.
      noSandbox: process.argv.includes('--no-sandbox'),
      // macOS and Windows report the OS-level sandbox per process; Linux leaves it undefined.
      renderers: electronApp
        .getAppMetrics()
        .filter((m) => m.type === 'Tab')
        .map((m) => m.sandboxed ?? null),
    }));
    expect(os.noSandbox).toBe(withoutOsSandbox);
    if (!withoutOsSandbox) expect(os.renderers.filter((s) => s === false)).toEqual([]);
    await page.getByTestId('system-info').waitFor();
    expect(await page.getByTestId('unsandboxed-notice').count()).toBe(withoutOsSandbox ? 1 : 0);
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
    // Nothing went to the system browser (recorded by the stub installed in beforeAll).
    expect(await app.evaluate(() => (globalThis as { __vpOpened?: string[] }).__vpOpened ?? null)).toEqual([]);
    expect(app.windows()).toHaveLength(1);
  });
});
