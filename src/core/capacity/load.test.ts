import { describe, expect, it } from 'vitest';
import { closedLoop, type ReplicaModel } from './load';
import { loadOn } from './sizing';
import type { ReplicaSpeed } from './speed';

// A replica whose every cost is stated: a 10 ms decode step, a prefill pass of 40 ms (weights, experts and
// launches) plus 20 µs a prompt token, of which a prompt riding in a shared pass pays only the per-token part.
const speed: ReplicaSpeed = {
  stepSeconds: () => 0.01,
  prefillSeconds: (tokens) => (tokens > 0 ? 0.04 + tokens * 20e-6 : 0),
  batchedPrefillSeconds: (tokens) => tokens * 20e-6,
  firstTokenSeconds: () => 0,
  band: { ttft: 1.3, tpot: 1.2, output: 1.2, rows: 0, firstPriced: 0, source: 'speed', key: 'default' },
};
const workload = { promptTokens: 500, outputTokens: 500, users: 8 };

describe('prefill work under load', () => {
  it('prices a prompt that shares the decode step (vLLM) at its own GEMM time', () => {
    const m: ReplicaModel = { speed, batchLimit: 64, pp: 1, chunkTokens: 8192, chunkSharedWithDecode: true };
    const p = closedLoop(m, workload, 8)!;
    const rho = p.requestsPerSecond * 500 * 20e-6;
    expect(p.tpotMs.value).toBeCloseTo(10 / (1 - rho), 6);
  });

  it('prices SGLang’s prefill batch, a forward pass of its own, whole: a lone prompt pays the pass', () => {
    const m: ReplicaModel = { speed, batchLimit: 64, pp: 1, chunkTokens: 8192, chunkSharedWithDecode: false };
    const p = closedLoop(m, workload, 8)!;
    // At 8 users far fewer than one prompt arrives per step, so each prefill batch carries one: 40 ms + 10 ms.
    const rho = p.requestsPerSecond * (0.04 + 500 * 20e-6);
    expect(p.tpotMs.value).toBeCloseTo(10 / (1 - rho), 6);
    // A burst of 8 shares one pass's fixed cost among eight prompts (8 × 500 tokens fit one 8192-token pass).
    const burst = closedLoop(m, { ...workload, arrival: 'burst' }, 8)!;
    const shared = burst.requestsPerSecond * ((0.04 + 4000 * 20e-6) / 8);
    expect(burst.outputTokensPerSecond.value).toBeCloseTo((8 * 500) / (500 * 0.01 + 0.04 + 4000 * 20e-6), 6);
    // SGLang runs the wave's prefill batches before its next decode step: the i-th of 8 prompts prefilled
    // waits through the 8 − i after it, on average 7/16 of the wave's prefill time, not all of it.
    const stall = (10 * shared) / (1 - shared);
    expect(burst.tpotMs.value).toBeCloseTo(10 + (stall * 7) / 16, 6);
  });
});

describe('a lockstep burst', () => {
  const wave = { ...workload, arrival: 'burst' as const };

  it('keeps the whole prefill stall on every token where prefill chunks ride in the decode steps (vLLM)', () => {
    const m: ReplicaModel = { speed, batchLimit: 64, pp: 1, chunkTokens: 8192, chunkSharedWithDecode: true };
    const p = closedLoop(m, wave, 8)!;
    const rho = p.requestsPerSecond * 500 * 20e-6;
    expect(p.tpotMs.value).toBeCloseTo(10 / (1 - rho), 6);
  });

  it('gives a lone SGLang request no stall of others, and the p95 request nearly the whole wave', () => {
    const m: ReplicaModel = { speed, batchLimit: 64, pp: 1, chunkTokens: 8192, chunkSharedWithDecode: false };
    expect(closedLoop(m, wave, 1)!.tpotMs.value).toBeCloseTo(10, 6);
    const p = closedLoop(m, wave, 32)!;
    expect(p.tpotP95Ms).toBeGreaterThan(p.tpotMs.value);
    const rho = p.requestsPerSecond * ((0.04 + 8000 * 20e-6) / 16);
    expect(p.tpotMs.value).toBeLessThan(10 / (1 - rho));
  });

  it('gives every prompt of a one-pass wave the whole pass, in the first wave and every later one', () => {
    const m: ReplicaModel = { speed, batchLimit: 64, pp: 1, chunkTokens: 8192, chunkSharedWithDecode: true };
    // 8 × 500 tokens fit one pass: the step in progress (5 ms), the pass's fixed 40 ms and 4000 tokens at 20 µs.
    const first = closedLoop(m, wave, 8)!;
    expect(first.queueSeconds).toBe(0);
    expect(first.ttftMs.value).toBeCloseTo(5 + 40 + 80, 6);
    // Forced to one length they finish together and return to an idle engine: a long run prices the same.
    expect(closedLoop(m, { ...wave, promptsPerRun: 800 }, 8)!.ttftMs.value).toBeCloseTo(125, 6);
  });

  it('prefills a wave wider than the budget pass by pass, and keeps later groups one pass apart', () => {
    const m: ReplicaModel = { speed, batchLimit: 64, pp: 1, chunkTokens: 2048, chunkSharedWithDecode: true };
    // 16 × 500 tokens in 2048-token passes: four prompts end with each of four passes (the last holds 1856).
    const ends = [1, 2, 3, 4].map((g) => g * 40 + Math.min(8000, g * 2048) * 0.02);
    const firstWave = 5 + ends.reduce((a, b) => a + b, 0) / 4;
    expect(closedLoop(m, wave, 16)!.ttftMs.value).toBeCloseTo(firstWave, 6);
    // A later group returns while the group before it has its pass (2048 less 16 decode tokens) and then has
    // its own: two full passes. A run of 64 prompts has a quarter of them in the first wave.
    const later = 2 * (40 + 2032 * 0.02);
    expect(closedLoop(m, { ...wave, promptsPerRun: 64 }, 16)!.ttftMs.value).toBeCloseTo(0.25 * firstWave + 0.75 * later, 6);
  });

  it('splits a burst run’s prompts over its replicas with its users: each replica’s first wave is the same share', () => {
    const m: ReplicaModel = { speed, batchLimit: 64, pp: 1, chunkTokens: 2048, chunkSharedWithDecode: true };
    const one = closedLoop(m, { ...wave, promptsPerRun: 64 }, 16)!;
    const two = loadOn(m, { ...wave, users: 32, promptsPerRun: 128 }, 2)!;
    expect(two.ttftMs.value).toBeCloseTo(one.ttftMs.value, 9);
  });

  it('still spends each queued user’s cycle: TTFT + output × TPOT = users / requests per second', () => {
    const m: ReplicaModel = { speed, batchLimit: 16, pp: 1, chunkTokens: 8192, chunkSharedWithDecode: false };
    const p = closedLoop(m, wave, 64)!;
    expect(p.queueSeconds).toBeGreaterThan(0);
    expect(p.ttftMs.value / 1000 + 500 * (p.tpotMs.value / 1000)).toBeCloseTo(64 / p.requestsPerSecond, 6);
  });
});
