import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { killAll, survivors } from '../../../../tests/support/processes';
import { runTool } from './exec';

const node = process.execPath;
const posix = process.platform !== 'win32';

describe('runTool', () => {
  it('returns stdout of a successful tool', async () => {
    const r = await runTool(node, ['-e', 'process.stdout.write("0, GPU, 1\\n")'], { timeoutMs: 5000 });
    expect(r).toMatchObject({ ok: true, stdout: '0, GPU, 1\n', exitCode: 0, reason: null });
  });

  it('names the exit code and the first line of stderr', async () => {
    const r = await runTool(
      node,
      ['-e', 'console.error("NVIDIA-SMI has failed because it could not talk to the driver\\nmore"); process.exit(9)'],
      {
        timeoutMs: 5000,
      },
    );
    expect(r.ok).toBe(false);
    expect(r.exitCode).toBe(9);
    expect(r.reason).toMatch(/exited with code 9: NVIDIA-SMI has failed because it could not talk to the driver$/);
  });

  it('reports a missing executable as missing', async () => {
    const r = await runTool('definitely-not-a-real-tool-xyz', [], { timeoutMs: 5000 });
    expect(r).toMatchObject({ ok: false, missing: true });
    expect(r.reason).toMatch(/not installed/);
  });

  it.runIf(posix)('kills a hung tool and its children at the deadline', async () => {
    const started = performance.now();
    // The grandchild keeps the pipe open: only a process-group kill lets this return promptly.
    const r = await runTool('/bin/sh', ['-c', 'sleep 30 & wait'], { timeoutMs: 300 });
    const ms = performance.now() - started;
    expect(r.timedOut).toBe(true);
    expect(r.reason).toMatch(/timed out after 0\.3 s/);
    expect(ms).toBeLessThan(3000);
  });

  it.runIf(posix)('answers as soon as the tool exits and ends the helper it forked (issue 13 item 1)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vp-exec-'));
    const pidFile = path.join(dir, 'pid');
    try {
      const started = performance.now();
      // The helper inherits stdout and outlives the tool: before the fix this waited the full 20 s.
      const r = await runTool('/bin/sh', ['-c', `sleep 20 & echo $! > "${pidFile}"; echo done`], { timeoutMs: 5000 });
      const ms = performance.now() - started;
      expect(r).toMatchObject({ ok: true, timedOut: false });
      expect(r.stdout).toBe('done\n');
      expect(ms).toBeLessThan(2000);
      const pid = Number(readFileSync(pidFile, 'utf8'));
      const left = await survivors([pid]);
      killAll(left);
      expect(left).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(posix)("ends a hung tool's grandchild at the deadline (issue 13 item 1)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vp-exec-'));
    const pidFile = path.join(dir, 'pid');
    try {
      const r = await runTool('/bin/sh', ['-c', `sleep 20 & echo $! > "${pidFile}"; wait`], { timeoutMs: 300 });
      expect(r.timedOut).toBe(true);
      const pid = Number(readFileSync(pidFile, 'utf8'));
      const left = await survivors([pid]);
      killAll(left);
      expect(left).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cuts a flood at maxBytes and answers at once', async () => {
    const started = performance.now();
    const r = await runTool(node, ['-e', 'const b = Buffer.alloc(65536, 120); for (;;) require("fs").writeSync(1, b)'], {
      timeoutMs: 5000,
      maxBytes: 1 << 20,
    });
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/printed more than 1024 KiB/);
    expect(performance.now() - started).toBeLessThan(4000);
  });

  it('does not pass arguments through a shell', async () => {
    const r = await runTool(node, ['-e', 'process.stdout.write(process.argv[1])', '$(echo injected); echo x'], { timeoutMs: 5000 });
    expect(r.stdout).toBe('$(echo injected); echo x');
  });
});
