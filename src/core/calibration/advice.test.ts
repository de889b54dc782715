import { describe, expect, it } from 'vitest';
import { advise } from '../advice';
import { planningHardwareFromCatalog } from '../advice/hardware';
import { getModel } from '../catalog';
import { defaultSettings } from '../estimate';
import { getGpu } from '../hardware/gpu-catalog';
import { GiB } from '../units';
import { calibrateAdvice } from './advice';
import { machineKey, speedDeviceKey } from './machine';
import type { EvidenceRecord } from './types';

const hw = planningHardwareFromCatalog(getGpu('rtx-3090')!, 1, 64 * GiB);
const other = planningHardwareFromCatalog(getGpu('rtx-4090')!, 1, 64 * GiB);
const input = { spec: getModel('qwen3-8b')!.spec };
const settings = { ...defaultSettings('llama.cpp'), quant: 'Q4_K_M', context: 8192 };
const gpu = speedDeviceKey(hw.devices.map((d) => d.name));

const runs: EvidenceRecord[] = [0, 1, 2].map((i) => ({
  id: `run-${i}`,
  date: new Date(Date.UTC(2026, 1, i + 1)).toISOString(),
  machine: machineKey(hw),
  runtime: 'llama.cpp',
  source: 'llama-bench',
  model: { id: null, name: 'qwen3 8B Q4_K - Medium' },
  settings: {},
  components: [],
  speed: [
    { kind: 'decode', test: 'tg128', devices: gpu, plannedTokensPerSecond: 110 + i, measuredTokensPerSecond: (110 + i) * 0.9 },
    { kind: 'prefill', test: 'pp512', devices: gpu, plannedTokensPerSecond: 3000 + i, measuredTokensPerSecond: (3000 + i) * 0.9 },
  ],
}));

describe("the planner's calibration hook", () => {
  const plain = advise(input, settings, hw);

  it('applies the learned 0.90 to the advice on this machine when the user consented', () => {
    const { advice, calibration } = calibrateAdvice(plain, hw, { consent: true, records: runs });
    expect(advice.speed.decodeTokensPerSecond).toBeCloseTo(plain.speed.decodeTokensPerSecond! * 0.9, 6);
    expect(advice.speed.prefillTokensPerSecond).toBeCloseTo(plain.speed.prefillTokensPerSecond! * 0.9, 6);
    expect(calibration!.uncalibrated.speed).toBe(plain.speed);
    expect(calibration!.basis!.en).toBe('calibrated from 3 runs on this machine');
    expect(advice.estimate.weights).toBe(plain.estimate.weights);
    expect(advice.estimate.kvCache).toBe(plain.estimate.kvCache);
    expect(advice.verdict).toBe(plain.verdict);
  });

  it('applies nothing with consent off, on another machine, or once the runs are cleared', () => {
    for (const [h, doc] of [
      [hw, { consent: false, records: runs }],
      [other, { consent: true, records: runs }],
      [hw, { consent: true, records: [] }],
    ] as const) {
      const a = advise(input, settings, h);
      const r = calibrateAdvice(a, h, doc);
      expect(r.advice).toBe(a);
      expect(r.calibration).toBeNull();
    }
  });
});
