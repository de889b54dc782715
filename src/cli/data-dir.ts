// The folder the desktop app keeps its files in (Electron's app.getPath('userData')), so the CLI reads and
// writes the very same evidence.json. Electron names it after package.json's productName under the OS's
// per-user application-data folder: %APPDATA% on Windows, ~/Library/Application Support on macOS,
// $XDG_CONFIG_HOME or ~/.config on Linux. VRAM_PLANNER_DATA_DIR points the CLI somewhere else (tests, a
// copy of another machine's folder).

import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import pkg from '../../package.json';

export const DATA_DIR_ENV = 'VRAM_PLANNER_DATA_DIR';

export function appDataDir(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const override = env[DATA_DIR_ENV]?.trim();
  if (override) return resolve(override);
  const name = pkg.productName;
  if (platform === 'win32') return join(env.APPDATA?.trim() || join(home, 'AppData', 'Roaming'), name);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', name);
  // XDG: a relative XDG_CONFIG_HOME is invalid and is ignored, as the spec says.
  const xdg = env.XDG_CONFIG_HOME?.trim();
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.config'), name);
}
