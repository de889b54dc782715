import { describe, expect, it } from 'vitest';
import { advise } from '../advice';
import { planningHardwareFromCatalog } from '../advice/hardware';
import { getModel } from '../catalog';
import { defaultSettings } from '../estimate';
import { getGpu } from '../hardware/gpu-catalog';
import { GiB, MiB } from '../units';
import { activeCalibration, applyCalibration } from './apply';
import { learnCalibration } from './learn';
import { machineKey, speedDeviceKey } from './machine';
import type { Calibration, EvidenceComponent, EvidenceRecord, EvidenceSpeed } from './types';

const hw = planningHardwareFromCatalog(getGpu('rtx-4090')!, 1, 64 * GiB);
const machine = machineKey(hw);
const gpu = speedDeviceKey(hw.devices.map((d) => d.name));
const settings = { ...defaultSettings('llama.cpp'), quant: 'Q4_K_M', context: 8192 };
const advice = advise({ spec: getModel('qwen3-8b')!.spec }, settings, hw);

function run(i: number, parts: { components?: EvidenceComponent[]; speed?: EvidenceSpeed[]; machine?: string }): EvidenceRecord {
  return {
    id: `run-${i}`,
    date: new Date(Date.UTC(2026, 0, i + 1)).toISOString(),
    machine: { ...machine, key: parts.machine ?? machine.key },
    runtime: 'llama.cpp',
    source: 'llama-bench',
    model: { id: 'qwen3-8b', name: 'Qwen3 8B' },
    settings: {},
    components: parts.components ?? [],
    speed: parts.speed ?? [],
  };
}

/** A benchmark that measured `ratio` of the planned speed (planned figures differ per run, as tests do). */
function benchRun(i: number, ratio: number, devices = gpu): EvidenceRecord {
  const tg = 120 + i * 7;
  const pp = 4000 + i * 300;
  return run(i, {
    speed: [
      { kind: 'decode', test: 'tg128', devices, plannedTokensPerSecond: tg, measuredTokensPerSecond: tg * ratio },
      { kind: 'prefill', test: 'pp512', devices, plannedTokensPerSecond: pp, measuredTokensPerSecond: pp * ratio },
    ],
  });
}

describe('calibration learned from stored runs', () => {
  it('learns a systematic 10 % speed shortfall as ≈0.90 and applies it to decode and prefill', () => {
    const runs = [benchRun(0, 0.9), benchRun(1, 0.9), benchRun(2, 0.9)];
    const c = learnCalibration(runs, machine.key)!;
    expect(c.runs).toBe(3);
    expect(c.speed[gpu]!.decode).toBeCloseTo(0.9, 6);
    expect(c.speed[gpu]!.prefill).toBeCloseTo(0.9, 6);
    const r = applyCalibration(advice.estimate, advice.speed, c, { speedDevices: gpu });
    expect(advice.speed.decodeTokensPerSecond).toBeGreaterThan(0);
    expect(r.calibrated.speed.decodeTokensPerSecond).toBeCloseTo(advice.speed.decodeTokensPerSecond! * 0.9, 6);
    expect(r.calibrated.speed.prefillTokensPerSecond).toBeCloseTo(advice.speed.prefillTokensPerSecond! * 0.9, 6);
    expect(r.uncalibrated.speed).toBe(advice.speed);
    expect(r.basis).toEqual({ runs: 3, en: 'calibrated from 3 runs on this machine', ja: 'このマシンでの実測 3 件で補正済み' });
  });

  it('takes the median, so one odd run does not move the factor', () => {
    const c = learnCalibration([benchRun(0, 0.9), benchRun(1, 0.92), benchRun(2, 0.3)], machine.key)!;
    expect(c.speed[gpu]!.decode).toBeCloseTo(0.9, 6);
  });

  it('clearing the runs restores the uncalibrated figures exactly', () => {
    const before = applyCalibration(advice.estimate, advice.speed, learnCalibration([benchRun(0, 0.9)], machine.key));
    expect(before.calibrated.speed.decodeTokensPerSecond).not.toBe(advice.speed.decodeTokensPerSecond);
    const cleared = applyCalibration(advice.estimate, advice.speed, learnCalibration([], machine.key));
    expect(cleared.applied).toBeNull();
    expect(cleared.basis).toBeNull();
    expect(cleared.calibrated.estimate).toBe(advice.estimate);
    expect(cleared.calibrated.speed).toBe(advice.speed);
    expect(cleared.calibrated.speed.decodeTokensPerSecond).toBe(advice.speed.decodeTokensPerSecond);
  });

  it('applies nothing without consent, and only runs of this machine with it', () => {
    const records = [benchRun(0, 0.9), benchRun(1, 0.5, 'Other GPU')].map((r, i) =>
      i === 1 ? { ...r, machine: { ...r.machine, key: 'x' } } : r,
    );
    expect(activeCalibration({ consent: false, records }, machine.key)).toBeNull();
    const c = activeCalibration({ consent: true, records }, machine.key)!;
    expect(c.runs).toBe(1);
    expect(Object.keys(c.speed)).toEqual([gpu]);
    const r = applyCalibration(advice.estimate, advice.speed, activeCalibration({ consent: false, records }, machine.key));
    expect(r.calibrated).toBe(r.uncalibrated);
  });

  it('never moves weights or KV cache, whatever the calibration says', () => {
    const hostile: Calibration = {
      machine: machine.key,
      runs: 9,
      overheadBytes: { CUDA0: { bytes: 3 * GiB, runs: 9 } },
      computeScale: 2,
      computeRuns: 9,
      speed: { [gpu]: { decode: 0.5, prefill: 0.5, decodeRuns: 9, prefillRuns: 9 } },
    };
    const weights = structuredClone(advice.estimate.weights);
    const kv = structuredClone(advice.estimate.kvCache);
    const r = applyCalibration(advice.estimate, advice.speed, hostile);
    expect(r.calibrated.estimate.weights).toEqual(weights);
    expect(r.calibrated.estimate.kvCache).toEqual(kv);
    expect(r.calibrated.estimate.weights.bytes).toBe(r.uncalibrated.estimate.weights.bytes);
    expect(r.calibrated.estimate.kvCache.bytes).toBe(r.uncalibrated.estimate.kvCache.bytes);
    // What did move: compute doubled, overhead +3 GiB, and the total by exactly those amounts.
    const e = advice.estimate;
    expect(r.calibrated.estimate.compute.device).toBe(Math.round(e.compute.device * 2));
    expect(r.calibrated.estimate.overheadPerGpu.bytes).toBe(e.overheadPerGpu.bytes + 3 * GiB);
    const grew = r.calibrated.estimate.compute.device - e.compute.device + (r.calibrated.estimate.compute.host - e.compute.host) + 3 * GiB;
    expect(r.calibrated.estimate.totalBytes).toBe(e.totalBytes + grew);
    // The input was not mutated.
    expect(advice.estimate.weights).toEqual(weights);
  });
});

describe('memory calibration from compared runs', () => {
  const logRun = (i: number, compute: [number, number], total?: [number, number]): EvidenceRecord =>
    run(i, {
      components: [
        { name: 'compute', device: 'all', plannedBytes: compute[0], measuredBytes: compute[1] },
        { name: 'weights', device: 'CUDA0', plannedBytes: 4 * GiB, measuredBytes: 4 * GiB + 2 * MiB },
        { name: 'kvCache', device: 'CUDA0', plannedBytes: GiB, measuredBytes: GiB },
        { name: 'compute', device: 'CUDA0', plannedBytes: compute[0], measuredBytes: compute[1] },
        ...(total ? [{ name: 'total', device: 'CUDA0', plannedBytes: total[0], measuredBytes: total[1] }] : []),
      ],
    });

  it('learns the compute scale as the median measured/planned ratio, clamped', () => {
    const c = learnCalibration(
      [logRun(0, [300 * MiB, 330 * MiB]), logRun(1, [200 * MiB, 220 * MiB]), logRun(2, [100 * MiB, 900 * MiB])],
      machine.key,
    )!;
    expect(c.computeScale).toBeCloseTo(1.1, 6);
    expect(c.computeRuns).toBe(3);
    expect(learnCalibration([logRun(0, [100 * MiB, 900 * MiB])], machine.key)!.computeScale).toBe(2);
    // Buffers alone never show the driver context: no overhead is learned from them.
    expect(c.overheadBytes).toEqual({});
  });

  it('learns the per-GPU overhead from a device total that includes the driver context', () => {
    const planned = 4 * GiB + GiB + 300 * MiB + 400 * MiB; // weights + KV + compute + planned overhead
    const measured = 4 * GiB + 2 * MiB + GiB + 300 * MiB + 650 * MiB; // nvidia-smi: 250 MiB more context than planned
    const c = learnCalibration([logRun(0, [300 * MiB, 300 * MiB], [planned, measured])], machine.key)!;
    expect(c.overheadBytes.CUDA0).toEqual({ bytes: 250 * MiB, runs: 1 });
    const r = applyCalibration(advice.estimate, advice.speed, c);
    expect(r.calibrated.estimate.overheadPerGpu.bytes - advice.estimate.overheadPerGpu.bytes).toBe(250 * MiB);
    expect(r.applied!.decodeFactor).toBe(1);
  });
});

describe('machine key', () => {
  it('names GPUs and memory, not paths, and ignores a few MiB of driver difference', () => {
    expect(machine.key).toMatch(/RTX 4090 24 GiB \| RAM 64 GiB$/);
    const nudged = { ...hw, devices: hw.devices.map((d) => ({ ...d, totalBytes: d.totalBytes - 20 * MiB })) };
    expect(machineKey(nudged).key).toBe(machine.key);
    expect(speedDeviceKey(['B', 'A', 'B'])).toBe('A + 2× B');
    expect(speedDeviceKey([])).toBe('CPU');
  });
});
