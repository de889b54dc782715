#!/usr/bin/env node
// `npm start` / `npm run dev` go through here: make sure an Electron binary exists, then run the given
// command (electron-vite) with ELECTRON_EXEC_PATH pointing at it.
//
// Why: Electron ≥ 42 has no install script and downloads its binary lazily, but electron-vite reads
// node_modules/electron/path.txt itself and dies with "Error: Electron uninstall" on a fresh install. It
// also ignores ELECTRON_OVERRIDE_DIST_PATH. So we run Electron's own `install-electron` (it returns at once
// when the binary is there, and honours ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR, electron_config_cache and
// the npm_config_* forms), and when that is impossible we say so in one sentence with the way out.
//
//   node scripts/ensure-electron.mjs [command args…]   e.g. node scripts/ensure-electron.mjs electron-vite preview

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where Electron keeps its executable inside an unpacked dist folder. */
export function executableInDist(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** The first line of a failed install's stderr that says what went wrong (not a stack frame). */
export function failureReason(stderr) {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('at ') && !/^[\^~\s]*$/.test(l));
  const line = lines.find((l) => /error|failed|ENOTFOUND|ECONN|EAI_AGAIN|404|403|timed? ?out/i.test(l)) ?? lines[0] ?? 'no reason given';
  return line.replace(/\.$/, '').slice(0, 160);
}

/**
 * Finds or installs the binary. Returns { path } or { error } where error is one sentence with the way out.
 * Never throws: a newcomer must see the sentence, not a stack trace.
 */
export function ensureElectron(env = process.env) {
  const require = createRequire(import.meta.url);
  let pkgDir;
  let version = '';
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
    version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  } catch {
    return { error: 'The electron package is not installed: run npm ci (or npm install) in the project folder first.' };
  }
  const exe = executableInDist();

  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const path = join(override, exe);
    if (existsSync(path)) return { path };
    return {
      error: `ELECTRON_OVERRIDE_DIST_PATH is set to ${override}, which has no ${exe}: point it at an unpacked Electron ${version} folder (the one that holds ${exe}), or unset it to download Electron.`,
    };
  }

  const installer = join(pkgDir, 'install.js');
  if (!existsSync(installer)) {
    return {
      error: `node_modules/electron has no install.js: reinstall it with npm ci, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron ${version} folder.`,
    };
  }
  const res = spawnSync(process.execPath, [installer], {
    env,
    // Its progress goes to stdout; its stderr on failure is a stack trace we replace with a sentence.
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  const pathFile = join(pkgDir, 'path.txt');
  if (res.status === 0 && existsSync(pathFile)) {
    const path = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    if (existsSync(path)) return { path };
  }
  let reason = res.error ? res.error.message : failureReason(res.stderr ?? '');
  // Electron's package and its downloader declare Node ≥ 22.12; older Node may be why it failed.
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 12))
    reason += `; Electron's downloader wants Node 22.12 or newer, this is Node ${process.versions.node}`;
  return {
    error: `Could not download the Electron ${version} binary (${reason}): set ELECTRON_MIRROR to a mirror you can reach, or ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron ${version} folder, then run the command again.`,
  };
}

function main(argv) {
  const found = ensureElectron();
  if (found.error) {
    console.error(found.error);
    return process.exit(1);
  }
  if (argv.length === 0) {
    console.log(found.path);
    return undefined;
  }
  // npm run puts node_modules/.bin on PATH; Windows needs a shell to run its .cmd shims.
  const child = spawn(argv[0], argv.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_EXEC_PATH: found.path },
    shell: process.platform === 'win32',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(
      `Could not run ${argv[0]} (${error.message}): run it through npm (npm start, npm run dev) so node_modules/.bin is on PATH.`,
    );
    process.exit(1);
  });
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return undefined;
}

// Run only as a script; tests import the functions.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main(process.argv.slice(2));
