import { describe, expect, it } from 'vitest';
import { planningHardwareFromCatalog } from '../advice/hardware';
import { advise } from '../advice';
import { applyCalibration } from '../calibration/apply';
import { evidenceFromComparison } from '../calibration/evidence';
import { learnCalibration } from '../calibration/learn';
import { machineKey } from '../calibration/machine';
import { getModel } from '../catalog';
import { defaultSettings } from '../estimate';
import { getGpu } from '../hardware/gpu-catalog';
import { GiB, MiB } from '../units';
import { comparePeaks } from './peaks';

const hw = planningHardwareFromCatalog(getGpu('rtx-4090')!, 2, 64 * GiB);
const machine = machineKey(hw);
const advice = advise({ spec: getModel('qwen3-8b')!.spec }, { ...defaultSettings('llama.cpp'), quant: 'Q4_K_M' }, hw);
const planned = [
  { index: 0, name: 'NVIDIA GeForce RTX 4090', bytes: 6 * GiB, monitorBytes: 6.5 * GiB },
  { index: 1, name: 'NVIDIA GeForce RTX 4090', bytes: 5 * GiB, monitorBytes: 5.2 * GiB },
];

function keptPeak(i: number, extra: [number, number]) {
  const c = comparePeaks(
    [
      { index: 0, name: 'NVIDIA GeForce RTX 4090', usedBytes: 6.5 * GiB + extra[0] },
      { index: 1, name: 'NVIDIA GeForce RTX 4090', usedBytes: 5.2 * GiB + extra[1] },
      // A GPU the plan does not use is not compared.
      { index: 2, name: 'NVIDIA GeForce RTX 3060', usedBytes: 300 * MiB },
    ],
    planned,
    0.1,
  )!;
  return evidenceFromComparison(c, {
    id: `peak-${i}`,
    date: `2026-01-0${i + 1}T00:00:00.000Z`,
    machine,
    gpuNames: ['RTX 4090', 'RTX 4090'],
  });
}

describe("the watch's peak kept as a run", () => {
  it('sets each planned GPU against what the plan says its monitor shows', () => {
    const c = comparePeaks([{ index: 1, name: 'RTX 4090', usedBytes: 5.5 * GiB }], planned, 0.1)!;
    expect(c.components).toEqual([
      {
        name: 'total',
        device: 'GPU1',
        plannedBytes: 5.2 * GiB,
        measuredBytes: 5.5 * GiB,
        differenceBytes: 5.5 * GiB - 5.2 * GiB,
        withinBand: true,
      },
    ]);
    expect(comparePeaks([{ index: 3, name: 'x', usedBytes: GiB }], planned, 0.1)).toBeNull();
  });

  it('gives the calibration its measured total row: the per-GPU overhead is learned and applied', () => {
    // Three watched runs: GPU0 shows 300, 320 and 900 MiB more than planned (median 320), GPU1 200 MiB.
    const runs = [keptPeak(0, [300 * MiB, 200 * MiB]), keptPeak(1, [320 * MiB, 200 * MiB]), keptPeak(2, [900 * MiB, 200 * MiB])];
    const c = learnCalibration(runs, machine.key)!;
    expect(c.overheadBytes).toEqual({ GPU0: { bytes: 320 * MiB, runs: 3 }, GPU1: { bytes: 200 * MiB, runs: 3 } });
    // Peaks teach nothing about compute or speed.
    expect(c.computeScale).toBeNull();
    const r = applyCalibration(advice.estimate, advice.speed, c);
    // One overhead governs every GPU: the largest learned residual keeps each GPU safe.
    expect(r.calibrated.estimate.overheadPerGpu.bytes - advice.estimate.overheadPerGpu.bytes).toBe(320 * MiB);
    expect(r.calibrated.estimate.weights.bytes).toBe(advice.estimate.weights.bytes);
    expect(r.calibrated.estimate.kvCache.bytes).toBe(advice.estimate.kvCache.bytes);
  });
});
