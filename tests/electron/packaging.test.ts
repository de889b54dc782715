// Packaging without the Electron binary: `electron-builder --dir` for Linux on the built out/, with
// electronDist pointing at a stand-in Electron folder (an executable that carries a real fuse wire), and
// every network door shut (proxies on a closed port). Checks what users actually receive: the asar's file
// list (only out/ and production dependencies), its size budget, the flipped fuses, and that every file
// the main process loads at run time is inside. A real Linux dist would differ only in the binary.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUSE, listAsar, productionPackages, readFuseWire, writeStandInElectron } from './shell-support';

const root = resolve(import.meta.dirname, '../..');
const built = existsSync(join(root, 'out/main/index.js'));
const linuxHost = process.platform === 'linux';
const skipReason = !built
  ? 'out/ is not built (npm test builds it first)'
  : !linuxHost
    ? 'the stand-in executable is a shell script; packaging is checked on Linux'
    : '';
if (skipReason) console.warn(`[packaging] skipped: ${skipReason}.`);

/** Installer payload beside Electron: the app's own files must stay this small (fonts are most of it). */
const ASAR_BUDGET_BYTES = 15 * 1000 * 1000;

describe.skipIf(!!skipReason)('electron-builder --dir (Linux, stand-in Electron, offline)', () => {
  const work = mkdtempSync(join(tmpdir(), 'vp-pack '));
  const appDir = join(work, 'out/linux-unpacked');
  let files = new Map<string, number>();
  let asarBytes = 0;
  let seconds = 0;

  beforeAll(() => {
    const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string })
      .version;
    writeStandInElectron(join(work, 'electron dist'), electronVersion);
    const started = Date.now();
    const closed = 'http://127.0.0.1:9';
    const res = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/electron-builder/cli.js'),
        '--dir',
        '--linux',
        '--publish',
        'never',
        `-c.electronDist=${join(work, 'electron dist')}`,
        `-c.directories.output=${join(work, 'out')}`,
      ],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 120_000,
        // Offline: any download attempt (Electron, app-builder tools) would hit a closed port and fail the run.
        env: {
          ...process.env,
          HTTPS_PROXY: closed,
          HTTP_PROXY: closed,
          https_proxy: closed,
          http_proxy: closed,
          ELECTRON_GET_USE_PROXY: '1',
          ELECTRON_MIRROR: `${closed}/`,
          electron_config_cache: join(work, 'cache'),
          CSC_IDENTITY_AUTO_DISCOVERY: 'false',
        },
      },
    );
    seconds = (Date.now() - started) / 1000;
    if (res.status !== 0) throw new Error(`electron-builder failed (exit ${res.status ?? res.signal}):\n${res.stdout}\n${res.stderr}`);
    const asar = join(appDir, 'resources/app.asar');
    asarBytes = statSync(asar).size;
    files = listAsar(asar);
    console.info(
      `[packaging] electron-builder --dir took ${seconds.toFixed(1)} s; app.asar ${(asarBytes / 1e6).toFixed(2)} MB, ${files.size} files.`,
    );
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('packs only out/main, out/preload, out/renderer, package.json and production dependencies', () => {
    const prod = productionPackages(root);
    expect(prod.has('systeminformation')).toBe(true);
    const stray: string[] = [];
    const packages = new Set<string>();
    for (const file of files.keys()) {
      const dep = /^\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
      if (dep) packages.add(dep[1]!);
      else if (!/^\/out\/(main|preload|renderer)\//.test(file) && file !== '/package.json') stray.push(file);
    }
    expect(stray).toEqual([]);
    expect([...packages].filter((p) => !prod.has(p))).toEqual([]);
    // Build-time only: the renderer bundle already carries the fonts it uses.
    expect([...files.keys()].filter((f) => /@fontsource|\/out\/cli\/|\.map$|\.woff$/.test(f))).toEqual([]);
    // No dead asarUnpack: nothing is left beside the archive.
    expect(existsSync(join(appDir, 'resources/app.asar.unpacked'))).toBe(false);
  });

  it(`keeps app.asar within ${ASAR_BUDGET_BYTES / 1e6} MB`, () => {
    expect(asarBytes).toBeLessThanOrEqual(ASAR_BUDGET_BYTES);
  });

  it('flips the fuses: no run-as-node, NODE_OPTIONS or --inspect; asar-only, integrity-checked, encrypted cookies', () => {
    const wire = readFuseWire(join(appDir, 'vram-planner'));
    expect(wire[FUSE.runAsNode]).toBe('0');
    expect(wire[FUSE.enableNodeOptionsEnvironmentVariable]).toBe('0');
    expect(wire[FUSE.enableNodeCliInspectArguments]).toBe('0');
    expect(wire[FUSE.onlyLoadAppFromAsar]).toBe('1');
    expect(wire[FUSE.enableEmbeddedAsarIntegrityValidation]).toBe('1');
    expect(wire[FUSE.enableCookieEncryption]).toBe('1');
    // macOS cannot be packed here: at least the config re-signs ad hoc after flipping (Apple Silicon).
    expect(readFileSync(join(root, 'electron-builder.yml'), 'utf8')).toMatch(/^\s+resetAdHocDarwinSignature: true$/m);
  });

  it('contains every file the main process loads at run time', () => {
    const main = readFileSync(join(root, 'out/main/index.js'), 'utf8');
    // The relative paths main joins to its own folder (out/main); if main stops using one, update this list.
    const loaded = ['../preload/index.cjs', '../renderer/print.html', '../renderer/index.html', './detect-worker.js'];
    for (const rel of loaded) {
      const tail = rel.split('/').pop()!;
      expect(main, `main no longer mentions ${tail}`).toContain(tail);
      expect(files.has(posix.join('/out/main', rel)), rel).toBe(true);
    }
    expect(files.has('/out/main/index.js')).toBe(true);
    // Every script, stylesheet and font the two pages reference is packed beside them.
    const referenced = new Set<string>();
    for (const page of ['index.html', 'print.html']) {
      const html = readFileSync(join(root, 'out/renderer', page), 'utf8');
      for (const m of html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)) referenced.add(`/out/renderer/${m[1]}`);
    }
    for (const css of [...files.keys()].filter((f) => f.endsWith('.css'))) {
      const text = readFileSync(join(root, css.slice(1)), 'utf8');
      for (const m of text.matchAll(/url\(\.\/([^)]+)\)/g)) referenced.add(posix.join(posix.dirname(css), m[1]!));
    }
    expect([...referenced].filter((f) => f.endsWith('.woff2')).length).toBeGreaterThanOrEqual(4);
    expect([...referenced].filter((f) => !files.has(f))).toEqual([]);
    // The bare imports of the main bundle resolve to packed packages.
    for (const m of main.matchAll(/from "([a-z@][^":]*)"/g)) {
      if (m[1] === 'electron') continue;
      expect(files.has(`/node_modules/${m[1]}/package.json`), m[1]).toBe(true);
    }
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; desktopName: string };
    expect(files.has(`/${pkg.main}`)).toBe(true);
    expect(pkg.desktopName).toBe('vram-planner.desktop');
  });

  it('runs in well under a minute', () => {
    expect(seconds).toBeLessThan(60);
  });
});
