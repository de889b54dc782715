// `plan -o` and the app's exports write through writeFileAtomic (issue 13 items 7 and 16): a symlink is
// written through to its target and stays a link; a FIFO, socket or device node is refused and left as
// it is (never test against /dev: the special files here live in a temp folder); a legal 250-byte name
// works; errors are one sentence and exit code 2.

import { execFileSync } from 'node:child_process';
import { lstat, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index';
import { writeFileAtomic } from '../../src/main/services/export';
import { createTally } from '../support/tally';

const tally = createTally('output');
const linux = process.platform === 'linux';
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vp-out-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  tally.write();
});

describe.runIf(linux)('writeFileAtomic and special files (item 7)', () => {
  it('writes through a symlink to its target and keeps the link', async () => {
    const target = path.join(dir, 'real.md');
    const link = path.join(dir, 'link.md');
    await writeFile(target, 'old');
    await symlink('real.md', link);
    await writeFileAtomic(link, 'new');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe('real.md');
    expect(await readFile(target, 'utf8')).toBe('new');
    tally.add('symlink as -o target', 'handled');
  });

  it('writes through a dangling symlink, creating its target', async () => {
    const link = path.join(dir, 'link.md');
    await symlink('made.md', link);
    await writeFileAtomic(link, 'x');
    expect(await readFile(path.join(dir, 'made.md'), 'utf8')).toBe('x');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    tally.add('dangling symlink as -o target', 'handled');
  });

  it('refuses a FIFO and leaves it a FIFO', async () => {
    const fifo = path.join(dir, 'pipe.md');
    execFileSync('mkfifo', [fifo]);
    await expect(writeFileAtomic(fifo, 'x')).rejects.toMatchObject({ code: 'ENOTREG' });
    expect((await lstat(fifo)).isFIFO()).toBe(true);
    expect(await readdir(dir)).toEqual(['pipe.md']);
    tally.add('FIFO as -o target', 'handled');
  });

  it('refuses a socket, also behind a symlink', async () => {
    const sock = path.join(dir, 's.sock');
    const server = net.createServer().listen(sock);
    await new Promise((r) => server.once('listening', r));
    try {
      await symlink('s.sock', path.join(dir, 'plan.md'));
      await expect(writeFileAtomic(path.join(dir, 'plan.md'), 'x')).rejects.toMatchObject({ code: 'ENOTREG' });
      expect((await lstat(sock)).isSocket()).toBe(true);
    } finally {
      server.close();
    }
    tally.add('socket behind a symlink as -o target', 'handled');
  });

  it.runIf(process.getuid?.() === 0)('refuses a character device node made in a temp folder (the /dev/full case)', async () => {
    const dev = path.join(dir, 'full');
    // Same major/minor as /dev/full, but a private node in our temp folder.
    execFileSync('mknod', [dev, 'c', '1', '7']);
    await expect(writeFileAtomic(dev, 'x')).rejects.toMatchObject({ code: 'ENOTREG' });
    expect((await lstat(dev)).isCharacterDevice()).toBe(true);
    tally.add('character device as -o target', 'handled');
  });

  it('a legal 250-byte name works (the temp name is short)', async () => {
    const file = path.join(dir, `${'a'.repeat(247)}.md`);
    await writeFileAtomic(file, 'x');
    expect(await readFile(file, 'utf8')).toBe('x');
    tally.add('250-byte output name', 'handled');
  });
});

describe.runIf(linux)('plan -o errors: one sentence, exit code 2 (item 16)', () => {
  it.each([
    [
      'a FIFO',
      async (p: string) => execFileSync('mkfifo', [p]),
      /because it is a device or other special file, not a regular file; nothing was changed there\.$/,
    ],
    ['a folder', async (p: string) => execFileSync('mkdir', [p]), /because it is a folder; nothing was changed there\.$/],
    ['a missing folder', async () => undefined, /because its folder does not exist/],
  ] as const)('-o to %s', async (_what, make, message) => {
    const target = _what === 'a missing folder' ? path.join(dir, 'nope', 'plan.md') : path.join(dir, 'plan.md');
    await make(target);
    const err: string[] = [];
    const out: string[] = [];
    const code = await runCli(['plan', '--params', '7B', '--vram', '24', '-o', target], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    expect(code).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(message);
    expect(err[0]).not.toMatch(/\.tmp|ENOTREG|EISDIR/);
    tally.add(`plan -o to ${_what}`, 'handled');
  });
});
