// What `npm test` needs beyond npm packages: Debian's Chromium (browser E2E; Playwright cannot download
// browsers here), a font for it (without one, headless pages lay text out with no glyphs), and poppler's
// PDF tools (plan PDF checks). Checked before anything runs, so a newcomer gets one sentence saying what
// to install instead of a wall of failed browser tests.

import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const POPPLER_TOOLS = ['pdftotext', 'pdftoppm', 'pdffonts', 'pdfinfo'];

function onPath(tool, env) {
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const ext of exts) {
      try {
        if (statSync(join(dir, tool + ext)).isFile()) return true;
      } catch {
        // not here
      }
    }
  }
  return false;
}

/** Linux only, and only when fontconfig is there to ask: does any usable Latin font exist? */
function fontMissing(env) {
  if (process.platform !== 'linux' || !onPath('fc-list', env)) return false;
  const res = spawnSync('fc-list', [':lang=en', 'family'], { env, encoding: 'utf8', timeout: 10_000 });
  return res.status === 0 && res.stdout.trim() === '';
}

/** null when everything is there; otherwise one sentence naming what is missing and how to get it. */
export function missingPrerequisites(env = process.env) {
  const chromium = env.CHROMIUM_PATH || '/usr/bin/chromium';
  const missing = [];
  const apt = [];
  if (!existsSync(chromium)) {
    missing.push(`Chromium (nothing at ${chromium})`);
    apt.push('chromium');
  }
  const tools = POPPLER_TOOLS.filter((t) => !onPath(t, env));
  if (tools.length > 0) {
    missing.push(`poppler-utils (${tools.join(', ')} not on PATH)`);
    apt.push('poppler-utils');
  }
  if (fontMissing(env)) {
    missing.push('a font for Chromium (fc-list finds none)');
    apt.push('fonts-liberation');
  }
  if (missing.length === 0) return null;
  const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
  return (
    `npm test needs ${list} for its browser and PDF tests: on Debian or Ubuntu run ` +
    `"sudo apt-get install ${apt.join(' ')}" (on macOS "brew install poppler" and any Chrome or Chromium), ` +
    'and set CHROMIUM_PATH when the browser lives anywhere but /usr/bin/chromium.'
  );
}
