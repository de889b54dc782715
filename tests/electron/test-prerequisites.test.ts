// `npm test` on a fresh machine without Debian's Chromium and poppler: one sentence saying exactly what to
// install, and nothing else run (no lint, no build, no wall of failed browser tests).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain .mjs script without type declarations
import { missingPrerequisites } from '../../scripts/test-prerequisites.mjs';

const root = resolve(import.meta.dirname, '../..');
const check = missingPrerequisites as (env: NodeJS.ProcessEnv) => string | null;

describe('npm test prerequisites', () => {
  it('names both missing pieces and the apt-get line in one sentence', () => {
    const sentence = check({ PATH: '', CHROMIUM_PATH: join(root, 'no-such-chromium') });
    expect(sentence).toMatch(
      /^npm test needs Chromium \(nothing at .+\) and poppler-utils \(pdftotext, pdftoppm, pdffonts, pdfinfo not on PATH\) .+"sudo apt-get install chromium poppler-utils".+CHROMIUM_PATH.+\.$/,
    );
    expect(sentence!.split('\n')).toHaveLength(1);
  });

  it('scripts/test.mjs stops at once with that sentence', () => {
    const emptyDir = mkdtempSync(join(tmpdir(), 'vp-empty-path-'));
    const started = Date.now();
    const res = spawnSync(process.execPath, [join(root, 'scripts/test.mjs')], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
      // A PATH with nothing on it: no poppler, and no npx — proof that nothing past the check was started.
      env: { ...process.env, PATH: emptyDir, CHROMIUM_PATH: join(root, 'no-such-chromium') },
    });
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('sudo apt-get install chromium poppler-utils');
    expect(Date.now() - started).toBeLessThan(10_000);
    rmSync(emptyDir, { recursive: true, force: true });
  });
});
