// The exported plan carries the figures the screen shows: composePlan's `adjust` step runs the same
// consented calibration over the chosen advice and the 16/8/4-bit columns.

import { describe, expect, it } from 'vitest';
import { planningHardwareFromCatalog } from '../advice/hardware';
import { getModel } from '../catalog';
import { defaultSettings } from '../estimate';
import { getGpu } from '../hardware/gpu-catalog';
import { composePlan, planHardware } from '../plan/compose';
import { GiB } from '../units';
import { calibrateAdvice } from './advice';
import { machineKey, speedDeviceKey } from './machine';
import type { EvidenceRecord } from './types';

const hw = planningHardwareFromCatalog(getGpu('rtx-4090')!, 1, 64 * GiB);
const gpu = speedDeviceKey(hw.devices.map((d) => d.name));
const run: EvidenceRecord = {
  id: 'run-1',
  date: '2026-02-01T00:00:00.000Z',
  machine: machineKey(hw),
  runtime: 'llama.cpp',
  source: 'llama-bench',
  model: { id: null, name: 'qwen3 8B Q4_K - Medium' },
  settings: {},
  components: [],
  speed: [{ kind: 'decode', test: 'tg128', devices: gpu, plannedTokensPerSecond: 120, measuredTokensPerSecond: 108 }],
};

function plan(consent: boolean) {
  return composePlan({
    input: { spec: getModel('qwen3-8b')!.spec },
    settings: { ...defaultSettings('llama.cpp'), quant: 'Q4_K_M', context: 8192 },
    hw,
    hardware: planHardware({ hw, label: '1 × RTX 4090', origin: 'manual', ramSource: 'user', ramBandwidthAssumed: true }),
    appVersion: '0.1.0',
    date: '2026-02-02T00:00:00Z',
    adjust: (a) => calibrateAdvice(a, hw, { consent, records: [run] }).advice,
  });
}

describe('calibration in the exported plan', () => {
  it('scales decode speed of the plan and of every column by the learned factor, and nothing without consent', () => {
    const off = plan(false);
    const on = plan(true);
    expect(off.speed.decodeTokensPerSecond).toBeGreaterThan(0);
    expect(on.speed.decodeTokensPerSecond).toBeCloseTo(off.speed.decodeTokensPerSecond! * 0.9, 6);
    on.comparison.forEach((row, i) => {
      const before = off.comparison[i]!.decodeTokensPerSecond;
      if (before !== null) expect(row.decodeTokensPerSecond).toBeCloseTo(before * 0.9, 6);
    });
    expect(on.components.weights).toBe(off.components.weights);
    expect(on.components.kvCache).toBe(off.components.kvCache);
  });
});
