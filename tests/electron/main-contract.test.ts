// Main-process contract test: the BUILT out/main/index.js, loaded under plain Node with a recording
// stand-in for the `electron` module (module-resolution hooks in ./main-contract/), from install paths
// with spaces, Japanese characters and `#` — a real copy on this machine, plus a Windows drive and a macOS
// bundle served virtually so main's import.meta.url is what it would be there.
//
// This is a contract test of OUR USE of Electron's API (start-up order, options, channels, sender check),
// not a substitute for Electron: it cannot show that Chromium renders, that the sandbox engages or that the
// preload runs. tests/electron/app.test.ts does that wherever a real binary exists.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { channelSchemas } from '../../src/shared/ipc-contract';

const root = resolve(import.meta.dirname, '../..');
const here = join(root, 'tests/electron/main-contract');
const built = existsSync(join(root, 'out/main/index.js'));
// The virtual Windows and macOS installs are posix-shaped file URLs that Node on Windows cannot map to paths.
const skipReason = !built
  ? 'out/ is not built (npm test builds it first)'
  : process.platform === 'win32'
    ? 'the simulated installs need a posix host'
    : '';
if (skipReason) console.warn(`[main contract] skipped: ${skipReason}.`);

interface LogEntry {
  what: string;
  ready: boolean;
  detail: Record<string, unknown> | null;
}
interface Sender {
  url: string;
  iframe?: boolean;
  expect: boolean;
  why: string;
}
interface Run {
  error: string | null;
  log: LogEntry[];
  results: {
    permissions: { media: boolean; notifications: boolean };
    windowOpen: { action: string };
    navigationPrevented: boolean;
    channels: string[];
    senders: Array<Sender & { ok: boolean; code: string | null; sandboxed: boolean | null }>;
    hfDialog: { ok: boolean; value: unknown };
    hfConfigDialog: { ok: boolean; value: unknown };
    pdf: { ok: boolean; value?: { fileName: string; bytes: number }; error?: unknown };
  };
}

const work = mkdtempSync(join(tmpdir(), 'vp-main '));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The app folder as electron-builder lays it out (out/ + package.json), under an awkward name. */
const installDir = join(work, 'VRAM Planner テスト #1', 'resources', 'app');
if (!skipReason) {
  for (const part of ['main', 'preload', 'renderer']) cpSync(join(root, 'out', part), join(installDir, 'out', part), { recursive: true });
  cpSync(join(root, 'package.json'), join(installDir, 'package.json'));
}
const realBase = `${pathToFileURL(installDir).href}/`;

function runMain(
  name: string,
  opts: { virtualBase?: string; platform?: NodeJS.Platform; senders: (base: string) => Sender[]; extraArgs?: string[] },
): { run: Run; base: string; toReal: (p: string) => string } {
  const base = opts.virtualBase ?? realBase;
  const dir = join(work, name);
  const userData = join(dir, 'user data');
  mkdirSync(userData, { recursive: true });
  // A window saved on a monitor that is gone (x 5000): main must bring it back onto the 1920×1040 work area.
  writeFileSync(
    join(userData, 'settings.json'),
    JSON.stringify({
      locale: 'system',
      theme: 'system',
      scanFolders: [],
      window: { x: 5000, y: 3000, width: 1280, height: 860, maximized: false },
    }),
  );
  const record = join(dir, 'record.json');
  const env = {
    ...process.env,
    ELECTRON_RENDERER_URL: '',
    VP_SMOKE: JSON.stringify({
      mainUrl: `${base}out/main/index.js`,
      platform: opts.platform,
      extraArgs: opts.extraArgs ?? [],
      userData,
      documents: dir,
      savePath: join(dir, 'plan.pdf'),
      record,
      senders: opts.senders(base),
      hooks: {
        fakeElectronUrl: pathToFileURL(join(here, 'fake-electron.mjs')).href,
        projectUrl: pathToFileURL(join(root, 'package.json')).href,
        virtualBase: opts.virtualBase ?? null,
        realBase,
      },
    }),
  };
  delete (env as Record<string, string | undefined>)['ELECTRON_RENDERER_URL'];
  const res = spawnSync(process.execPath, ['--import', pathToFileURL(join(here, 'register.mjs')).href, join(here, 'driver.mjs')], {
    encoding: 'utf8',
    env,
    timeout: 60_000,
  });
  if (!existsSync(record)) throw new Error(`the driver wrote nothing (exit ${res.status ?? res.signal}):\n${res.stderr}`);
  const run = JSON.parse(readFileSync(record, 'utf8')) as Run;
  if (run.error) throw new Error(`main failed under the stand-in: ${run.error}\n${res.stderr}`);
  // Paths main computed under a virtual install → the copied files that back them.
  const toReal = (p: string): string => join(installDir, relative(fileURLToPath(base), p));
  return { run, base, toReal };
}

const index = (run: Run, what: string): number => run.log.findIndex((e) => e.what === what);
const entries = (run: Run, what: string): LogEntry[] => run.log.filter((e) => e.what === what);

function checkContract(run: Run, toReal: (p: string) => string): void {
  // Start-up order: sandbox and single-instance lock while main is being evaluated, before ready.
  const ready = index(run, 'app:ready');
  expect(index(run, 'app.enableSandbox')).toBeGreaterThanOrEqual(0);
  expect(index(run, 'app.enableSandbox')).toBeLessThan(index(run, 'driver:evaluated'));
  expect(index(run, 'app.requestSingleInstanceLock')).toBeLessThan(ready);
  // Permission handlers are installed after ready and before the first window exists; they deny.
  const firstWindow = index(run, 'BrowserWindow.new');
  expect(index(run, 'session.setPermissionRequestHandler')).toBeGreaterThan(ready);
  expect(index(run, 'session.setPermissionRequestHandler')).toBeLessThan(firstWindow);
  expect(index(run, 'session.setPermissionCheckHandler')).toBeLessThan(firstWindow);
  expect(run.results.permissions).toEqual({ media: false, notifications: false });

  // Every contract channel is registered, exactly once, before the page loads.
  expect([...run.results.channels].sort()).toEqual(Object.keys(channelSchemas).sort());
  const lastHandle = run.log.map((e) => e.what).lastIndexOf('ipcMain.handle');
  expect(lastHandle).toBeLessThan(index(run, 'BrowserWindow.loadFile'));

  // The main window: hidden until ready, sandboxed, isolated, no Node, a preload that exists, on screen.
  const options = entries(run, 'BrowserWindow.new')[0]!.detail!['options'] as Record<string, unknown> & {
    webPreferences: Record<string, unknown>;
  };
  expect(options['show']).toBe(false);
  expect(options.webPreferences).toMatchObject({
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
  });
  const preload = options.webPreferences['preload'] as string;
  expect(preload).toMatch(/out[\\/]preload[\\/]index\.cjs$/);
  expect(existsSync(toReal(preload)), preload).toBe(true);
  expect(options['x']).toBeGreaterThanOrEqual(0);
  expect(Number(options['x']) + Number(options['width'])).toBeLessThanOrEqual(1920);
  expect(Number(options['y']) + Number(options['height'])).toBeLessThanOrEqual(1040);
  const loaded = entries(run, 'BrowserWindow.loadFile')[0]!.detail!['path'] as string;
  expect(loaded).toMatch(/out[\\/]renderer[\\/]index\.html$/);
  expect(existsSync(toReal(loaded))).toBe(true);

  // No new windows, no browser, no navigation away.
  expect(run.results.windowOpen).toEqual({ action: 'deny' });
  expect(entries(run, 'shell.openExternal')).toEqual([]);
  expect(run.results.navigationPrevented).toBe(true);

  // The sender check.
  for (const s of run.results.senders) {
    expect({ url: s.url, why: s.why, ok: s.ok }).toEqual({ url: s.url, why: s.why, ok: s.expect });
    if (!s.expect) expect(s.code).toBe('forbidden-sender');
  }

  // The PDF window: hidden, sandboxed, no preload, never throttled; prints print.html and is destroyed.
  expect(run.results.pdf.ok, JSON.stringify(run.results.pdf)).toBe(true);
  expect(run.results.pdf.value?.fileName).toBe('plan.pdf');
  const pdfWindow = entries(run, 'BrowserWindow.new')[1]!.detail as {
    id: number;
    options: Record<string, unknown> & { webPreferences: Record<string, unknown> };
  };
  expect(pdfWindow.options['show']).toBe(false);
  expect(pdfWindow.options.webPreferences).toMatchObject({
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    webSecurity: true,
    backgroundThrottling: false,
  });
  expect(pdfWindow.options.webPreferences['preload']).toBeUndefined();
  const printPage = entries(run, 'BrowserWindow.loadFile').find((e) => e.detail!['id'] === pdfWindow.id)!.detail!['path'] as string;
  expect(printPage).toMatch(/out[\\/]renderer[\\/]print\.html$/);
  expect(existsSync(toReal(printPage))).toBe(true);
  expect(entries(run, 'webContents.printToPDF')[0]!.detail!['options']).toMatchObject({ pageSize: 'A4', printBackground: true });
  expect(entries(run, 'BrowserWindow.destroy').map((e) => e.detail!['id'])).toContain(pdfWindow.id);
}

const dialogOptions = (run: Run): Array<Record<string, unknown>> =>
  entries(run, 'dialog.showOpenDialog').map((e) => e.detail!['options'] as Record<string, unknown>);

describe.skipIf(!!skipReason)('built main process against a recording stand-in for electron', () => {
  it('Linux: installed under "VRAM Planner テスト #1", honours the whole contract', () => {
    const { run, toReal } = runMain('linux', {
      platform: 'linux',
      senders: (base) => [
        { url: `${base}out/renderer/index.html`, expect: true, why: 'our page, as Chromium escapes it (%20, %23, UTF-8)' },
        { url: `${base}out/renderer/index.html#/plan`, expect: true, why: 'our page with a route fragment' },
        { url: `${base}out/renderer/print.html`, expect: true, why: 'the print view' },
        { url: `${base}out/renderer/index.html`, iframe: true, expect: false, why: 'a frame inside our page' },
        {
          url: `file://${fileURLToPath(`${base}out/renderer/index.html`)}`,
          expect: false,
          why: 'unescaped: "#1/…" is a fragment, the path is elsewhere',
        },
        { url: `${base}out/renderer-evil/index.html`, expect: false, why: 'a sibling folder' },
        { url: 'https://example.com/', expect: false, why: 'the web' },
      ],
    });
    checkContract(run, toReal);
    expect(run.results.senders[0]!.sandboxed).toBe(true);
    expect(entries(run, 'app.setAppUserModelId')).toEqual([]);
    // Linux dialogs pick a file or a folder: separate choices for the folder and config.json.
    const [folder, config] = dialogOptions(run);
    expect(folder!['properties']).toEqual(['openDirectory']);
    expect(config!['properties']).toEqual(['openFile']);
  });

  it("Windows: installed on drive c: (lower case in import.meta.url), called from Chromium's C: URL", () => {
    const { run, toReal } = runMain('windows', {
      platform: 'win32',
      virtualBase: 'file:///c:/Program%20Files/VRAM%20Planner%20%23%E3%83%86%E3%82%B9%E3%83%88/resources/app.asar/',
      senders: () => [
        {
          url: 'file:///C:/Program%20Files/VRAM%20Planner%20%23%E3%83%86%E3%82%B9%E3%83%88/resources/app.asar/out/renderer/index.html',
          expect: true,
          why: 'drive letter upper-cased by Chromium',
        },
        {
          url: 'file:///C:/PROGRAM%20FILES/VRAM%20Planner%20%23%E3%83%86%E3%82%B9%E3%83%88/resources/app.asar/out/renderer/index.html',
          expect: true,
          why: 'NTFS is case-insensitive',
        },
        {
          url: 'file:///D:/Program%20Files/VRAM%20Planner%20%23%E3%83%86%E3%82%B9%E3%83%88/resources/app.asar/out/renderer/index.html',
          expect: false,
          why: 'another drive',
        },
        { url: 'file://server/share/out/renderer/index.html', expect: false, why: 'a UNC share' },
      ],
    });
    checkContract(run, toReal);
    // main really ran from the virtual location: its paths are the Windows install's (posix-joined here).
    expect(entries(run, 'BrowserWindow.loadFile')[0]!.detail!['path']).toMatch(
      /^\/c:\/Program Files\/VRAM Planner #テスト\/resources\/app\.asar\/out\/renderer\/index\.html$/,
    );
    const appId = /^appId:\s*(\S+)$/m.exec(readFileSync(join(root, 'electron-builder.yml'), 'utf8'))![1];
    expect(entries(run, 'app.setAppUserModelId').map((e) => e.detail!['id'])).toEqual([appId]);
    expect(dialogOptions(run).map((o) => o['properties'])).toEqual([['openDirectory'], ['openFile']]);
  });

  it('macOS: inside "VRAM Planner テスト.app", with --no-sandbox the app reports itself unsandboxed', () => {
    const { run, toReal } = runMain('macos', {
      platform: 'darwin',
      extraArgs: ['--no-sandbox'],
      virtualBase: 'file:///Applications/VRAM%20Planner%20%E3%83%86%E3%82%B9%E3%83%88.app/Contents/Resources/app.asar/',
      senders: (base) => [
        { url: `${base}out/renderer/index.html`, expect: true, why: 'our page' },
        {
          url: `${base.replace('Applications', 'applications')}out/renderer/index.html`,
          expect: false,
          why: 'another folder (case kept on macOS)',
        },
      ],
    });
    checkContract(run, toReal);
    expect(run.results.senders[0]!.sandboxed).toBe(false);
    // macOS panels pick files and folders at once: the folder choice also takes config.json there.
    expect(dialogOptions(run)[0]!['properties']).toEqual(['openFile', 'openDirectory']);
  });
});
