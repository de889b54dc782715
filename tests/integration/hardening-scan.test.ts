// The local model scan under hostile folders (issue 13 item 15): a folder with thousands of entries
// cannot eat the budget of the sources after it, a symlink to `/` is not walked, and a walk never
// crosses onto another file system.

import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanLocalModelsDetailed } from '../../src/main/services/import/local-scan';
import { writeSyntheticGguf, type SyntheticModel } from '../support/gguf-writer';
import { createTally } from '../support/tally';

const MODEL: SyntheticModel = {
  architecture: 'llama',
  layers: 2,
  hidden: 256,
  ff: 512,
  heads: 4,
  kvHeads: 2,
  vocab: 300,
  fileType: 'Q4_K_M',
};
const tally = createTally('scan');
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(os.tmpdir(), 'vp-scan-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  tally.write();
});

describe.runIf(process.platform === 'linux')('local scan budgets and boundaries', () => {
  it('a crowded LM Studio folder does not starve the Hugging Face cache', async () => {
    const home = join(root, 'home1');
    const crowded = join(home, '.lmstudio', 'models', 'junk');
    await mkdir(crowded, { recursive: true });
    await Promise.all(Array.from({ length: 3000 }, (_, i) => writeFile(join(crowded, `f${i}.txt`), '')));
    const snap = join(home, '.cache', 'huggingface', 'hub', 'models--org--tiny', 'snapshots', 'a'.repeat(40));
    await mkdir(snap, { recursive: true });
    await writeSyntheticGguf(join(snap, 'tiny.Q4_K_M.gguf'), MODEL);
    const report = await scanLocalModelsDetailed({ home, env: {}, maxEntries: 2500, maxEntriesPerSource: 1000 });
    const found = report.models.some((m) => m.source === 'hf-cache');
    tally.add('3000-entry folder before the HF cache', found ? 'handled' : 'lost-file');
    expect(found).toBe(true);
    expect(report.problems.join(' ')).toMatch(/Stopped scanning .*lmstudio.* after 1000 folder entries/);
  }, 20_000);

  it('a symlink to / inside a user folder is not walked', async () => {
    const folder = join(root, 'with-root-link');
    await mkdir(folder, { recursive: true });
    await symlink('/', join(folder, 'everything'));
    const started = performance.now();
    const report = await scanLocalModelsDetailed({ home: join(root, 'nohome'), env: {}, roots: [folder] });
    const ms = performance.now() - started;
    expect(report.problems.join(' ')).toMatch(/it leads to \/, which is not a models folder/);
    expect(report.models).toEqual([]);
    expect(ms).toBeLessThan(2000);
    tally.add('symlink to / in a user folder', 'handled', { ms: Math.round(ms) });
  });

  it('a symlink to /proc inside a user folder is not walked', async () => {
    const folder = join(root, 'with-proc-link');
    await mkdir(folder, { recursive: true });
    await symlink('/proc', join(folder, 'proc'));
    const report = await scanLocalModelsDetailed({ home: join(root, 'nohome'), env: {}, roots: [folder] });
    expect(report.problems.join(' ')).toMatch(/it leads to \/proc, which is not a models folder/);
    tally.add('symlink to /proc in a user folder', 'handled');
  });

  const shm = '/dev/shm';
  const otherFs = existsSync(shm) && statSync(shm).dev !== statSync(os.tmpdir()).dev;
  it.runIf(otherFs)('a walk does not cross onto another file system', async () => {
    const folder = await mkdtemp(join(shm, 'vp-scan-'));
    try {
      const elsewhere = join(root, 'elsewhere');
      await mkdir(elsewhere, { recursive: true });
      await writeSyntheticGguf(join(elsewhere, 'far.gguf'), MODEL);
      await symlink(elsewhere, join(folder, 'link'));
      const report = await scanLocalModelsDetailed({ home: join(root, 'nohome'), env: {}, roots: [folder] });
      expect(report.models).toEqual([]);
      expect(report.problems.join(' ')).toMatch(/is on another file system than/);
      tally.add('symlink onto another file system', 'handled');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
