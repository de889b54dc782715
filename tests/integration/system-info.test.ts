// system:info runs on Electron's main thread: it must not wait on any subprocess. With a `hostname`
// that takes 3 s (broken DNS makes `hostname -f` do that), systeminformation.osInfo() froze the thread
// for the full 3 s; the reader now spawns nothing on Linux (issue 13 item 4).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meminfoAvailable, osRelease, physicalCores } from '../../src/main/services/host-facts';
import { readSystemInfo } from '../../src/main/services/system-info';
import { createFakeTools, type FakeTools } from '../support/fake-tools/index';

describe.runIf(process.platform === 'linux')('system info without blocking the main thread', () => {
  let tools: FakeTools;
  const saved = { ...process.env };
  beforeAll(async () => {
    tools = await createFakeTools();
  });
  afterAll(async () => {
    process.env = saved;
    await tools.cleanup();
  });

  it('answers promptly and keeps the event loop turning while `hostname` hangs', async () => {
    process.env = tools.env({ hostname: { sleep: 3 } });
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 10);
    const started = performance.now();
    const info = await readSystemInfo();
    const ms = performance.now() - started;
    clearInterval(ticker);
    process.env = saved;
    expect(ms).toBeLessThan(1500);
    expect(info.ram.totalBytes).toBeGreaterThan(0);
    expect(info.cpu.threads).toBeGreaterThan(0);
    expect(info.os.platform).toBe('linux');
    expect(info.os.distro.length).toBeGreaterThan(0);
    // The loop ran during the call, or at least the call was short; a blocked thread gives neither.
    expect(ticks > 0 || ms < 50).toBe(true);
  });
});

describe('host facts from /proc and /etc text', () => {
  it('reads MemAvailable, os-release and physical cores', () => {
    expect(meminfoAvailable('MemTotal:       1000 kB\nMemAvailable:    512 kB\n')).toBe(512 * 1024);
    expect(meminfoAvailable('garbage')).toBeNull();
    expect(osRelease('NAME="Debian GNU/Linux"\nVERSION_ID="12"\n')).toEqual({ name: 'Debian GNU/Linux', version: '12' });
    expect(physicalCores('physical id\t: 0\ncore id\t: 0\nphysical id\t: 0\ncore id\t: 1\nphysical id\t: 0\ncore id\t: 0\n')).toBe(2);
    expect(physicalCores('')).toBeNull();
  });
});
