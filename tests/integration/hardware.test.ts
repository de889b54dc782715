// Runs the real detection (our probes, systeminformation, the worker thread) against stand-in tools put
// first on PATH. POSIX only: the stand-ins are /bin/sh scripts.

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHardware, createHardwareService } from '../../src/main/services/hardware/index';
import { detectHardwareOffThread } from '../../src/main/services/hardware/worker';
import { createFakeTools, FIXTURES, type FakeTools } from '../support/fake-tools/index';

const MiB = 1024 * 1024;
const posix = process.platform !== 'win32';
const sysfs = (name: string): string => path.join(FIXTURES, 'sysfs', name);

describe.runIf(posix)('hardware detection with stand-in tools', () => {
  let tools: FakeTools;
  beforeAll(async () => {
    tools = await createFakeTools();
  });
  afterAll(async () => {
    await tools.cleanup();
  });

  it('single NVIDIA GPU', async () => {
    const hw = await detectHardware({
      platform: 'linux',
      sysfsRoot: sysfs('empty'),
      env: tools.env({ 'nvidia-smi': { file: 'nvidia-smi/1gpu-rtx4090.csv' } }),
    });
    expect(hw.gpus).toHaveLength(1);
    expect(hw.gpus[0]).toMatchObject({
      vendor: 'nvidia',
      name: 'NVIDIA GeForce RTX 4090',
      vramTotalBytes: 24564 * MiB,
      vramFreeBytes: 22129 * MiB,
      source: 'nvidia-smi',
      kind: 'dedicated',
      computeCapability: '8.9',
    });
    expect(hw.ram.totalBytes).toBeGreaterThan(0);
    expect(hw.cpu.threads).toBeGreaterThan(0);
    expect(hw.notes.filter((n) => /Could not read/.test(n))).toEqual([]);
  });

  it('eight H100s at 81559 MiB each', async () => {
    const hw = await detectHardware({
      platform: 'linux',
      sysfsRoot: sysfs('empty'),
      env: tools.env({ 'nvidia-smi': { file: 'nvidia-smi/8gpu-h100-sxm.csv' } }),
    });
    expect(hw.gpus.map((g) => g.vramTotalBytes)).toEqual(Array(8).fill(81559 * MiB));
    expect(hw.gpus.map((g) => g.catalogId)).toEqual(Array(8).fill('h100-sxm'));
  });

  it('mixed NVIDIA + AMD + Intel iGPU from four sources, each GPU once', async () => {
    const hw = await detectHardware({
      platform: 'linux',
      sysfsRoot: sysfs('mixed'),
      env: tools.env({
        'nvidia-smi': { file: 'nvidia-smi/1gpu-rtx4090.csv' },
        lspci: { file: 'lspci/mixed-D-vnn.txt' },
        'rocm-smi': { file: 'rocm-smi/rx7900xtx.json' },
      }),
    });
    expect(hw.gpus.map((g) => g.vendor).sort()).toEqual(['amd', 'intel', 'nvidia']);
    const amd = hw.gpus.find((g) => g.vendor === 'amd')!;
    expect(amd).toMatchObject({ vramTotalBytes: 25753026560, source: 'sysfs', name: 'AMD Radeon RX 7900 XTX' });
    const intel = hw.gpus.find((g) => g.vendor === 'intel')!;
    expect(intel).toMatchObject({ kind: 'shared', vramTotalBytes: 0 });
  });

  it('retries without compute_cap for an older driver', async () => {
    const hw = await detectHardware({
      platform: 'linux',
      sysfsRoot: sysfs('empty'),
      env: tools.env({ 'nvidia-smi': { legacy: 'nvidia-smi/legacy-no-compute-cap.csv' } }),
    });
    expect(hw.gpus).toHaveLength(1);
    expect(hw.gpus[0]!.vramTotalBytes).toBe(11178 * MiB);
    expect(hw.gpus[0]!.computeCapability).toBeNull();
  });

  it('a hung nvidia-smi cannot hang detection', async () => {
    const started = performance.now();
    const hw = await detectHardware({
      platform: 'linux',
      sysfsRoot: sysfs('empty'),
      deadlineMs: 2000,
      env: tools.env({ 'nvidia-smi': 'hang' }),
    });
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(2600);
    expect(hw.notes.join(' ')).toMatch(/nvidia-smi timed out after|NVIDIA GPUs did not finish before the detection deadline/);
    expect(hw.ram.totalBytes).toBeGreaterThan(0);
    expect(hw.gpus).toEqual([]);
  });

  it('garbage from nvidia-smi becomes a clear note', async () => {
    const hw = await detectHardware({ platform: 'linux', sysfsRoot: sysfs('empty'), env: tools.env({ 'nvidia-smi': 'garbage' }) });
    expect(hw.notes.join(' ')).toMatch(/Could not read NVIDIA GPUs: nvidia-smi printed output that was not understood/);
    expect(hw.gpus).toEqual([]);
  });

  it('a failing nvidia-smi is reported with its exit code and message', async () => {
    const hw = await detectHardware({
      platform: 'linux',
      sysfsRoot: sysfs('empty'),
      env: tools.env({ 'nvidia-smi': { fail: 9, file: 'nvidia-smi/driver-failure.stdout' } }),
    });
    expect(hw.notes).toContain(
      "Could not read NVIDIA GPUs: nvidia-smi exited with code 9: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.",
    );
  });

  it('garbage from rocm-smi becomes a clear note and sysfs still gives the AMD size', async () => {
    const hw = await detectHardware({
      platform: 'linux',
      sysfsRoot: sysfs('mixed'),
      env: tools.env({ 'rocm-smi': 'garbage', lspci: { file: 'lspci/mixed-D-vnn.txt' } }),
    });
    expect(hw.notes.join(' ')).toMatch(/Could not read AMD GPUs with rocm-smi: the output held no JSON/);
    expect(hw.gpus.find((g) => g.vendor === 'amd')!.vramTotalBytes).toBe(25753026560);
    // nvidia-smi "not installed" while lspci saw an NVIDIA card: say why its size is missing.
    expect(hw.notes.join(' ')).toMatch(/nvidia-smi is not installed/);
    // Only lspci and sysfs saw it: the catalog supplies the size, flagged as such.
    expect(hw.gpus.find((g) => g.vendor === 'nvidia')).toMatchObject({
      vramTotalBytes: 24564 * MiB,
      source: 'catalog',
      confidence: 'low',
      catalogId: 'rtx-4090',
    });
  });

  it('no GPU at all still returns RAM, CPU and OS', async () => {
    const hw = await detectHardware({
      platform: 'linux',
      sysfsRoot: sysfs('empty'),
      env: tools.env({ lspci: { file: 'lspci/no-gpu-D-vnn.txt' } }),
    });
    expect(hw.gpus).toEqual([]);
    expect(hw.ram.totalBytes).toBeGreaterThan(0);
    expect(hw.cpu.threads).toBeGreaterThan(0);
    expect(hw.os.arch.length).toBeGreaterThan(0);
    expect(hw.notes).toContain('No GPU was found; estimates will use system RAM only.');
  });

  it('off the main thread: systeminformation runs with the stand-ins too, and the answer matches', async () => {
    const env = tools.env({ 'nvidia-smi': { file: 'nvidia-smi/2gpu-a40.csv' }, lspci: { file: 'lspci/no-gpu-D-vnn.txt' } });
    const hw = await detectHardwareOffThread({ platform: 'linux', sysfsRoot: sysfs('empty'), env, deadlineMs: 6000 });
    expect(hw.ranIn).toBe('worker');
    expect(hw.gpus.map((g) => g.vramTotalBytes)).toEqual([46068 * MiB, 46068 * MiB]);
    expect(hw.ram.totalBytes).toBeGreaterThan(0);
  });

  it('off the main thread: no GPU runs systeminformation.graphics() as the last resort', async () => {
    const env = tools.env({ lspci: { file: 'lspci/no-gpu-D-vnn.txt' } });
    const hw = await detectHardwareOffThread({ platform: 'linux', sysfsRoot: sysfs('empty'), env });
    expect(hw.ranIn).toBe('worker');
    expect(hw.gpus).toEqual([]);
    expect(hw.cpu.threads).toBeGreaterThan(0);
  });

  it('off the main thread: a hung tool still returns within the deadline', async () => {
    const started = performance.now();
    const hw = await detectHardwareOffThread({
      platform: 'linux',
      sysfsRoot: sysfs('empty'),
      deadlineMs: 3000,
      env: tools.env({ 'nvidia-smi': 'hang' }),
    });
    // Worker start-up counts against the deadline; the outer guard adds at most 1 s.
    expect(performance.now() - started).toBeLessThan(4500);
    // Under heavy load the whole-detection guard can fire a few ms before the tool's own timeout.
    expect(hw.notes.join(' ')).toMatch(
      /nvidia-smi timed out|NVIDIA GPUs did not finish before the detection deadline|did not finish within/,
    );
    expect(hw.gpus).toEqual([]);
  });

  it('falls back to in-process detection when asked', async () => {
    const hw = await detectHardwareOffThread({
      platform: 'linux',
      sysfsRoot: sysfs('empty'),
      env: tools.env({ 'nvidia-smi': { file: 'nvidia-smi/1gpu-rtx4090.csv' } }),
      forceInProcess: true,
    });
    expect(hw.ranIn).toBe('in-process');
    expect(hw.gpus).toHaveLength(1);
  });

  it('Apple Silicon: unified memory with the default working-set share, overridable', async () => {
    const env = tools.env({
      system_profiler: { file: 'macos/m2-max-64gb.system_profiler.json' },
      sysctl: { file: 'macos/m2-max-64gb.sysctl.txt' },
    });
    const hw = await detectHardware({ platform: 'darwin', env });
    expect(hw.gpus).toHaveLength(1);
    expect(hw.gpus[0]).toMatchObject({
      vendor: 'apple',
      kind: 'unified',
      name: 'Apple M2 Max',
      vramTotalBytes: 48 * 1024 * MiB,
      unifiedMemoryBytes: 64 * 1024 * MiB,
      source: 'system_profiler',
      confidence: 'medium',
    });
    expect(hw.gpus[0]!.warnings.join(' ')).toMatch(/75 % of unified memory/);
    const user = await detectHardware({ platform: 'darwin', env, appleWorkingSetFraction: 0.9 });
    expect(user.gpus[0]!.vramTotalBytes).toBe(Math.floor(64 * 1024 * MiB * 0.9));
    const wired = await detectHardware({
      platform: 'darwin',
      env: tools.env({
        system_profiler: { file: 'macos/m2-max-64gb.system_profiler.json' },
        sysctl: { file: 'macos/m2-max-64gb-wired-limit.sysctl.txt' },
      }),
    });
    expect(wired.gpus[0]).toMatchObject({ vramTotalBytes: 56 * 1024 * MiB, confidence: 'high' });
  });

  it('Intel Mac: sysctl fails on the iogpu oid yet the dGPU and iGPU are read', async () => {
    const hw = await detectHardware({
      platform: 'darwin',
      env: tools.env({
        system_profiler: { file: 'macos/intel-mac-560x.system_profiler.json' },
        sysctl: { fail: 1, file: 'macos/intel-mac-16gb.sysctl.txt' },
      }),
    });
    expect(hw.gpus.map((g) => [g.name, g.kind, g.vramTotalBytes])).toEqual([
      ['Intel UHD Graphics 630', 'shared', 0],
      ['Radeon Pro 560X', 'dedicated', 4096 * MiB],
    ]);
  });

  it('caches detection until refresh', async () => {
    let calls = 0;
    const service = createHardwareService({
      platform: 'linux',
      sysfsRoot: sysfs('empty'),
      env: tools.env({ 'nvidia-smi': { file: 'nvidia-smi/1gpu-rtx4090.csv' } }),
      detector: async (o) => {
        calls += 1;
        return detectHardware(o);
      },
    });
    const [a, b] = await Promise.all([service.detect(), service.detect()]);
    expect(a).toBe(b);
    expect(await service.detect()).toBe(a);
    expect(calls).toBe(1);
    const c = await service.detect(true);
    expect(c).not.toBe(a);
    expect(calls).toBe(2);
  });
});
