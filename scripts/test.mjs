#!/usr/bin/env node
// `npm test`: everything CI checks, in order — prerequisites (Chromium, poppler), lint (layer rules),
// type-check, build (app + CLI), then every vitest project (unit, browser E2E in Chromium, the Electron
// shell without the binary — main contract, launcher, packaging — the real-binary E2E or its skip, and
// the llama.cpp accuracy grid).
// Ends with one plain summary line that counts what really ran.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { missingPrerequisites } from './test-prerequisites.mjs';

// Before anything else: without Chromium and poppler the browser suite can only fail, noisily.
const missing = missingPrerequisites();
if (missing) {
  console.error(missing);
  process.exit(1);
}

const steps = [
  ['format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']],
  ['lint', 'npx', ['eslint', '.']],
  ['typecheck', 'npm', ['run', '-s', 'typecheck']],
  ['build', 'npx', ['electron-vite', 'build']],
  ['build:cli', 'npm', ['run', '-s', 'build:cli']],
];

function run(name, cmd, args) {
  const started = Date.now();
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (res.status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${res.status ?? res.signal}) after ${secs} s`);
    process.exit(res.status || 1);
  }
  console.log(`✓ ${name} (${secs} s)`);
}

for (const [name, cmd, args] of steps) run(name, cmd, args);

mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
const vitest = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: process.env,
  },
);

let passed = 0;
let failed = 0;
let skipped = 0;
const perProject = {};
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  for (const file of json.testResults ?? []) {
    // 'electron' is the real-binary suite (skips without a binary); 'shell' proves main, launcher and
    // packaging without the binary.
    const project = file.name.includes('/tests/e2e/')
      ? 'e2e'
      : file.name.endsWith('/tests/electron/app.test.ts')
        ? 'electron'
        : file.name.includes('/tests/electron/')
          ? 'shell'
          : file.name.includes('/tests/accuracy/')
            ? 'accuracy'
            : file.name.includes('/tests/integration/')
              ? 'integr.'
              : 'unit';
    perProject[project] ??= { passed: 0, failed: 0, skipped: 0 };
    for (const t of file.assertionResults ?? []) {
      const bucket = t.status === 'passed' ? 'passed' : t.status === 'failed' ? 'failed' : 'skipped';
      perProject[project][bucket] += 1;
      if (bucket === 'passed') passed += 1;
      else if (bucket === 'failed') failed += 1;
      else skipped += 1;
    }
  }
}
console.log('');
for (const [project, c] of Object.entries(perProject)) {
  console.log(`  ${project.padEnd(9)} ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
}
if ((perProject.e2e?.passed ?? 0) === 0) {
  console.error('✗ No browser E2E test passed: the Chromium suite did not really run.');
  failed += failed === 0 ? 1 : 0;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(vitest.status !== 0 || failed > 0 ? 1 : 0);
