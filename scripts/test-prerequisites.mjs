// What `npm test` needs beyond npm packages: Debian's Chromium (browser E2E; Playwright cannot download
// browsers here) and poppler's PDF tools (plan PDF checks). Checked before anything runs, so a newcomer
// gets one sentence saying what to install instead of a wall of failed browser tests.

import { existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const POPPLER_TOOLS = ['pdftotext', 'pdftoppm', 'pdffonts', 'pdfinfo'];

function onPath(tool, env) {
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const file = join(dir, tool + ext);
      try {
        if (statSync(file).isFile()) return true;
      } catch {
        // not here
      }
    }
  }
  return false;
}

/** null when everything is there; otherwise one sentence naming what is missing and how to get it. */
export function missingPrerequisites(env = process.env) {
  const chromium = env.CHROMIUM_PATH || '/usr/bin/chromium';
  const missing = [];
  if (!existsSync(chromium)) missing.push(`Chromium (nothing at ${chromium})`);
  const tools = POPPLER_TOOLS.filter((t) => !onPath(t, env));
  if (tools.length > 0) missing.push(`poppler-utils (${tools.join(', ')} not on PATH)`);
  if (missing.length === 0) return null;
  return (
    `npm test needs ${missing.join(' and ')} for its browser and PDF tests: on Debian or Ubuntu run ` +
    '"sudo apt-get install chromium poppler-utils" (on macOS "brew install poppler" and any Chrome or Chromium), ' +
    'and set CHROMIUM_PATH when the browser lives anywhere but /usr/bin/chromium.'
  );
}
