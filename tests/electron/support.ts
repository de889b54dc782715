// Finds a runnable Electron binary. The npm package only knows a path; on machines where the binary
// could not be downloaded (our build machines) that path does not exist and the suite skips.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export function electronBinary(): { path: string | null; reason: string } {
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const exe =
      process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : process.platform === 'win32' ? 'electron.exe' : 'electron';
    const path = join(override, exe);
    return existsSync(path)
      ? { path, reason: '' }
      : { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${path} does not exist` };
  }
  try {
    const require = createRequire(import.meta.url);
    const pkgDir = join(require.resolve('electron/package.json'), '..');
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) {
      return {
        path: null,
        reason:
          'the Electron binary was never downloaded (node_modules/electron/path.txt missing); set ELECTRON_OVERRIDE_DIST_PATH to an Electron dist folder to run these tests',
      };
    }
    const path = require('electron') as string;
    return existsSync(path) ? { path, reason: '' } : { path: null, reason: `the Electron binary is missing at ${path}` };
  } catch (error) {
    return { path: null, reason: `the electron package is not installed (${(error as Error).message})` };
  }
}
