// Issue 19 against real llama.cpp: a model + draft model pair loaded together, and a projector's weights.
// Skips with a message when the harness (node-llama-cpp) is not installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeHarness, HARNESS_INSTALL_HINT, isHarnessInstalled } from './llama-harness';
import { measureLoras, measurePairs, measureProjectors, partPasses, type LoraRow, type PairRow, type ProjectorRow } from './multi-harness';

const installed = isHarnessInstalled();
if (!installed) console.warn(`[accuracy] multi skipped: ${HARNESS_INSTALL_HINT}`);

const MiB = 1024 * 1024;
const mib = (b: number) => (b / MiB).toFixed(2);

describe.skipIf(!installed)('several models against llama.cpp (CPU backend)', () => {
  let pairs: PairRow[];
  let projectors: ProjectorRow[];
  let loras: LoraRow[];

  beforeAll(async () => {
    pairs = await measurePairs();
    projectors = await measureProjectors();
    loras = await measureLoras();
    console.table(
      pairs.map((r) => ({
        case: r.case,
        'main KV MiB': `${mib(r.main.kv.measured)} / ${mib(r.main.kv.estimated)}`,
        'main compute MiB': `${mib(r.main.compute.measured)} / ${mib(r.main.compute.estimated)}`,
        'draft KV MiB': `${mib(r.draft.kv.measured)} / ${mib(r.draft.kv.estimated)}`,
        'draft compute MiB': `${mib(r.draft.compute.measured)} / ${mib(r.draft.compute.estimated)}`,
        'total MiB': `${mib(r.total.measured)} / ${mib(r.total.estimated)}`,
      })),
    );
    console.table(projectors);
    console.table(loras);
  }, 300_000);

  afterAll(async () => {
    await disposeHarness();
  });

  it('loads both models and both contexts in every case', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(3);
    for (const r of pairs) {
      expect(r.ok, `${r.case}: ${r.error ?? ''}`).toBe(true);
      // Every buffer was read from the log: an empty figure would pass the 64 MiB compute floor unseen.
      for (const p of [r.main, r.draft]) for (const v of Object.values(p)) expect(v.measured).toBeGreaterThan(0);
    }
  });

  it('each member of the pair: weights exact, KV at the log precision, compute within 10 % or 64 MiB', () => {
    for (const r of pairs)
      for (const [who, p] of [
        ['main', r.main],
        ['draft', r.draft],
      ] as const)
        for (const [part, v] of Object.entries(p))
          expect(partPasses(v), `${r.case} ${who} ${part}: llama.cpp ${v.measured} B, planner ${v.estimated} B`).toBe(true);
  });

  it('the pair total is within the sum of the parts’ tolerances', () => {
    for (const r of pairs)
      expect(partPasses(r.total), `${r.case}: llama.cpp ${r.total.measured} B, planner ${r.total.estimated} B`).toBe(true);
  });

  it('a projector GGUF reports the bytes llama.cpp allocates for the same tensors, to the byte', () => {
    expect(projectors.map((p) => p.fileType)).toEqual(['F16', 'BF16', 'F32', 'Q8_0']);
    for (const p of projectors) {
      expect(p.llamaBytes, p.fileType).toBeGreaterThan(0);
      expect(p.projectorBytes, p.fileType).toBe(p.llamaBytes);
    }
  });

  it('a LoRA adapter GGUF reports the bytes llama.cpp allocates when it loads it (--lora)', () => {
    expect(loras.length).toBeGreaterThanOrEqual(2);
    for (const l of loras) {
      expect(l.llamaBytes, l.case).toBeGreaterThan(0);
      expect(
        Math.abs(l.loraBytes - l.llamaBytes),
        `${l.case}: llama.cpp ${l.llamaBytes} B, loraFromGguf ${l.loraBytes} B`,
      ).toBeLessThanOrEqual(l.precision);
    }
  });
});
