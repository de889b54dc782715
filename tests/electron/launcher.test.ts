// `npm start` / `npm run dev` on a machine without the Electron binary: scripts/ensure-electron.mjs must end
// with one sentence and the way out (no stack trace, no build), and must use ELECTRON_OVERRIDE_DIST_PATH.
// Runs everywhere: the "no binary" case uses a copy of the electron package with no dist/ and a mirror on
// a closed local port, so it behaves the same on a machine that has the real binary.

import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'vp launcher テスト #'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The environment of a newcomer: nothing Electron-specific set. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const key of [
    'ELECTRON_OVERRIDE_DIST_PATH',
    'ELECTRON_EXEC_PATH',
    'ELECTRON_RUN_AS_NODE',
    'ELECTRON_MIRROR',
    'ELECTRON_CUSTOM_DIR',
  ]) {
    if (!(key in extra)) delete env[key];
  }
  return env;
}

describe('scripts/ensure-electron.mjs (npm start / npm run dev)', () => {
  it('without a binary and without a network, ends with one sentence and the way out, before any build', () => {
    const project = join(work, 'fresh clone');
    const pkg = join(project, 'node_modules/electron');
    mkdirSync(pkg, { recursive: true });
    mkdirSync(join(project, 'scripts'));
    cpSync(join(root, 'scripts/ensure-electron.mjs'), join(project, 'scripts/ensure-electron.mjs'));
    // The electron package as npm installs it: no dist/, no path.txt.
    for (const f of ['install.js', 'package.json', 'checksums.json', 'index.js'])
      cpSync(join(root, 'node_modules/electron', f), join(pkg, f));
    const res = spawnSync(process.execPath, ['scripts/ensure-electron.mjs', 'electron-vite', 'preview'], {
      cwd: project,
      encoding: 'utf8',
      timeout: 60_000,
      env: cleanEnv({
        // install.js finds @electron/get in the real tree; the download goes to a port nobody listens on.
        NODE_PATH: join(root, 'node_modules'),
        ELECTRON_MIRROR: 'http://127.0.0.1:9/',
        electron_config_cache: join(work, 'cache'),
      }),
    });
    expect(res.status).toBe(1);
    const lines = res.stderr.trim().split('\n');
    expect(lines, res.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Could not download the Electron \d+\.\d+\.\d+ binary \(.+\): set ELECTRON_MIRROR .+ELECTRON_OVERRIDE_DIST_PATH .+\.$/,
    );
    expect(res.stderr).not.toMatch(/^\s+at /m);
    // Nothing was built or started.
    expect(existsSync(join(project, 'out'))).toBe(false);
  });

  it('says which file is missing when ELECTRON_OVERRIDE_DIST_PATH points at an empty folder', () => {
    const empty = join(work, 'empty dist');
    mkdirSync(empty, { recursive: true });
    const res = spawnSync(process.execPath, [join(root, 'scripts/ensure-electron.mjs')], {
      encoding: 'utf8',
      env: cleanEnv({ ELECTRON_OVERRIDE_DIST_PATH: empty }),
    });
    expect(res.status).toBe(1);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('ELECTRON_OVERRIDE_DIST_PATH is set to');
  });

  it.skipIf(process.platform === 'win32' || !existsSync(join(root, 'out/main/index.js')))(
    'with ELECTRON_OVERRIDE_DIST_PATH, npm start runs that binary on the built app, building nothing more',
    () => {
      const dist = join(work, 'stand-in dist #1');
      mkdirSync(dist, { recursive: true });
      const record = join(work, 'launched.json');
      const exe = process.platform === 'darwin' ? join(dist, 'Electron.app/Contents/MacOS/Electron') : join(dist, 'electron');
      mkdirSync(join(exe, '..'), { recursive: true });
      // A stand-in Electron: records how it was started and exits.
      writeFileSync(
        exe,
        `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd() }));\n`,
      );
      chmodSync(exe, 0o755);
      const started = Date.now();
      // The npm start command line, with --skipBuild: npm test has already built out/ (the real `npm start`
      // lets electron-vite preview build once itself).
      const res = spawnSync(
        process.execPath,
        [join(root, 'scripts/ensure-electron.mjs'), 'npx', 'electron-vite', 'preview', '--skipBuild'],
        {
          cwd: root,
          encoding: 'utf8',
          timeout: 90_000,
          env: cleanEnv({ ELECTRON_OVERRIDE_DIST_PATH: dist }),
        },
      );
      expect(res.status, res.stderr).toBe(0);
      const launched = JSON.parse(readFileSync(record, 'utf8')) as { argv: string[]; cwd: string };
      expect(launched.argv[0]).toBe('.');
      expect(resolve(launched.cwd)).toBe(root);
      expect(Date.now() - started).toBeLessThan(90_000);
    },
  );

  it('npm start builds once: electron-vite preview builds by itself, so no separate build step runs first', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['start']).toBe('node scripts/ensure-electron.mjs electron-vite preview');
    expect(pkg.scripts['dev']).toBe('node scripts/ensure-electron.mjs electron-vite dev');
  });
});
