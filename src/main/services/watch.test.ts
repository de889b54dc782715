import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyCandidate } from './hardware/parsers/common';
import type { ProbeOutcome } from './hardware/probes';
import { createWatchService, FLAT_MS, RISE_BYTES } from './watch';

const MiB = 2 ** 20;

function gpu(index: number, usedMiB: number): ProbeOutcome['gpus'][number] {
  return {
    ...emptyCandidate('nvidia-smi', 'nvidia'),
    name: `NVIDIA GeForce RTX 4090 #${index}`,
    vramTotalBytes: 24564 * MiB,
    vramUsedBytes: usedMiB * MiB,
    vramFreeBytes: (24564 - usedMiB) * MiB,
    index,
  };
}

/** A probe that answers with `usedMiB(call)` on two GPUs, like nvidia-smi while a runtime loads. */
function loadingProbe(usedMiB: (call: number) => number) {
  let call = 0;
  return vi.fn(async (): Promise<ProbeOutcome> => {
    const u = usedMiB(call++);
    return { gpus: [gpu(0, u), gpu(1, u / 2)], status: 'ok', note: null };
  });
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('watch service', () => {
  it('samples once a second, keeps the peak, and stops once memory is flat after the load', async () => {
    // Idle 300 MiB, load to 20 000 MiB over 5 s, a 21 000 MiB peak while the graph is reserved, then steady.
    const probe = loadingProbe((i) => (i < 3 ? 300 : i < 8 ? 300 + (i - 2) * 4000 : i === 8 ? 21000 : 20000));
    const w = createWatchService({ probe, now: () => Date.now() });
    w.start({ maxMinutes: 5 });
    await vi.advanceTimersByTimeAsync(10_500);
    const mid = w.read(0);
    expect(mid.running).toBe(true);
    expect(mid.samples.length).toBe(11);
    expect(mid.samples[1]!.t - mid.samples[0]!.t).toBe(1000);
    const next = mid.next;
    await vi.advanceTimersByTimeAsync(FLAT_MS + 5000);
    const done = w.read(next);
    expect(done.running).toBe(false);
    expect(done.stopped).toBe('flat');
    expect(done.samples[0]!.t).toBeGreaterThan(mid.samples[mid.samples.length - 1]!.t);
    expect(done.peaks).toEqual([
      { index: 0, name: 'NVIDIA GeForce RTX 4090 #0', usedBytes: 21000 * MiB },
      { index: 1, name: 'NVIDIA GeForce RTX 4090 #1', usedBytes: 10500 * MiB },
    ]);
    const calls = probe.mock.calls.length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(probe.mock.calls.length).toBe(calls);
  });

  it('does not call an idle GPU flat: it needs a rise first, and stops on time instead', async () => {
    const w = createWatchService({ probe: loadingProbe(() => 300), now: () => Date.now() });
    w.start({ maxMinutes: 1 });
    await vi.advanceTimersByTimeAsync(45_000);
    expect(w.read(0).running).toBe(true);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(w.read(0)).toMatchObject({ running: false, stopped: 'time' });
    expect(RISE_BYTES).toBeGreaterThan(300 * MiB);
  });

  it('stops on the Stop button', async () => {
    const w = createWatchService({ probe: loadingProbe(() => 300), now: () => Date.now() });
    w.start({ maxMinutes: 5 });
    await vi.advanceTimersByTimeAsync(3000);
    expect(w.stop()).toMatchObject({ running: false, stopped: 'user' });
  });

  it('skips a hung probe after its timeout and keeps the window answering', async () => {
    let call = 0;
    const probe = vi.fn((): Promise<ProbeOutcome> =>
      call++ === 2 ? new Promise<ProbeOutcome>(() => undefined) : Promise.resolve({ gpus: [gpu(0, 500)], status: 'ok', note: null }),
    );
    const w = createWatchService({ probe, now: () => Date.now(), probeTimeoutMs: 3000 });
    w.start({ maxMinutes: 5 });
    await vi.advanceTimersByTimeAsync(2500);
    // The hung call is out: read still answers at once with what is there.
    expect(w.read(0).samples.length).toBe(3 - 1);
    await vi.advanceTimersByTimeAsync(4000);
    const s = w.read(0);
    expect(s.running).toBe(true);
    expect(s.skipped).toBe(1);
    expect(s.message).toMatch(/did not answer within 3 s/);
    expect(s.samples.length).toBeGreaterThanOrEqual(3);
    w.stop();
  });

  it('says there is no GPU when nvidia-smi is missing', async () => {
    const w = createWatchService({ probe: async () => ({ gpus: [], status: 'missing', note: null }), now: () => Date.now() });
    w.start({ maxMinutes: 5 });
    await vi.advanceTimersByTimeAsync(10);
    expect(w.read(0)).toMatchObject({ running: false, stopped: 'no-gpu', samples: [] });
  });

  it('stops with the reason when the probe keeps failing from the start', async () => {
    const probe = vi.fn(async (): Promise<ProbeOutcome> => {
      throw new Error('nvidia-smi exited with code 9: NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver');
    });
    const w = createWatchService({ probe, now: () => Date.now() });
    w.start({ maxMinutes: 5 });
    await vi.advanceTimersByTimeAsync(5000);
    const s = w.read(0);
    expect(s).toMatchObject({ running: false, stopped: 'error', skipped: 3 });
    expect(s.message).toMatch(/could not communicate with the NVIDIA driver/);
    expect(probe).toHaveBeenCalledTimes(3);
  });
});
