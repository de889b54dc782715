import { describe, expect, it } from 'vitest';
import { runTool } from './exec';

const node = process.execPath;
const posix = process.platform !== 'win32';

describe('runTool', () => {
  it('returns stdout of a successful tool', async () => {
    const r = await runTool(node, ['-e', 'process.stdout.write("0, GPU, 1\\n")'], { timeoutMs: 5000 });
    expect(r).toMatchObject({ ok: true, stdout: '0, GPU, 1\n', exitCode: 0, reason: null });
  });

  it('names the exit code and the first line of stderr', async () => {
    const r = await runTool(node, ['-e', 'console.error("NVIDIA-SMI has failed because it could not talk to the driver\\nmore"); process.exit(9)'], { timeoutMs: 5000 });
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

  it('does not pass arguments through a shell', async () => {
    const r = await runTool(node, ['-e', 'process.stdout.write(process.argv[1])', '$(echo injected); echo x'], { timeoutMs: 5000 });
    expect(r.stdout).toBe('$(echo injected); echo x');
  });
});
