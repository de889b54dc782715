import { describe, expect, it } from 'vitest';
import { closedLoop, type ReplicaModel } from './load';
import type { ReplicaSpeed } from './speed';

// A replica whose every cost is stated: a 10 ms decode step, a prefill pass of 40 ms (weights, experts and
// launches) plus 20 µs a prompt token, of which a prompt riding in a shared pass pays only the per-token part.
const speed: ReplicaSpeed = {
  stepSeconds: () => 0.01,
  prefillSeconds: (tokens) => (tokens > 0 ? 0.04 + tokens * 20e-6 : 0),
  batchedPrefillSeconds: (tokens) => tokens * 20e-6,
  firstTokenSeconds: () => 0,
  band: { ttft: 1.3, tpot: 1.2, output: 1.2, rows: 0, source: 'speed', key: 'default' },
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

  it('still spends each queued user’s cycle: TTFT + output × TPOT = users / requests per second', () => {
    const m: ReplicaModel = { speed, batchLimit: 16, pp: 1, chunkTokens: 8192, chunkSharedWithDecode: false };
    const p = closedLoop(m, wave, 64)!;
    expect(p.queueSeconds).toBeGreaterThan(0);
    expect(p.ttftMs.value / 1000 + 500 * (p.tpotMs.value / 1000)).toBeCloseTo(64 / p.requestsPerSecond, 6);
  });
});
