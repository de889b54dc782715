// A published run through the whole path: llama.cpp's log → comparison → stored run → calibration →
// a later estimate. The log is tests/fixtures/measured/ik-llama-562-vulkan-llama31-8b.log (source in
// that folder's SOURCES.md): Llama 3.1 8B Q4_0 on an RTX 4080 (Vulkan), 16384 context.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getModel } from '../catalog';
import { estimate } from '../estimate';
import { compareLlamaLog, parseLlamaLog, settingsFromLog } from '../measured';
import { planningHardwareFromCatalog } from '../advice/hardware';
import { advise } from '../advice';
import { getGpu } from '../hardware/gpu-catalog';
import { GiB } from '../units';
import { applyCalibration } from './apply';
import { evidenceFromComparison } from './evidence';
import { learnCalibration } from './learn';
import { machineKey } from './machine';

const text = readFileSync(join(__dirname, '../../../tests/fixtures/measured/ik-llama-562-vulkan-llama31-8b.log'), 'utf8');

describe('calibration from a published llama.cpp run', () => {
  it('learns the compute buffer ratio the log shows and applies it, leaving weights and KV exact', () => {
    const log = parseLlamaLog(text);
    const input = { spec: getModel('llama-3.1-8b-instruct')!.spec };
    const settings = settingsFromLog(log, null, []);
    const comparison = compareLlamaLog(log, input, settings, 'library model');
    const compute = comparison.components.find((c) => c.name === 'compute' && c.device === 'all')!;
    const hw = planningHardwareFromCatalog(getGpu('rtx-4080')!, 1, 32 * GiB);
    const machine = machineKey(hw);
    const run = evidenceFromComparison(
      { ...comparison, source: 'llama.cpp-log', settings: { nCtx: settings.context }, speed: [] },
      { id: 'run-ik562', date: '2026-01-01T00:00:00.000Z', machine, gpuNames: hw.devices.map((d) => d.name) },
    );
    const c = learnCalibration([run], machine.key)!;
    // The log's compute buffers (Vulkan0 + Vulkan_Host) against the plan's: the only ratio there is.
    expect(c.computeScale).toBe(compute.measuredBytes / compute.plannedBytes!);
    expect(c.computeScale!).toBeGreaterThan(1);
    expect(c.overheadBytes).toEqual({});

    const later = advise(input, settings, hw);
    const r = applyCalibration(later.estimate, later.speed, c);
    expect(r.calibrated.estimate.compute.device).toBe(Math.round(later.estimate.compute.device * c.computeScale!));
    const fresh = estimate(input, settings);
    expect(r.calibrated.estimate.weights.bytes).toBe(fresh.weights.bytes);
    expect(r.calibrated.estimate.kvCache.bytes).toBe(fresh.kvCache.bytes);
    expect(r.calibrated.speed).toEqual(later.speed);
    expect(r.basis?.en).toBe('calibrated from 1 run on this machine');
  });
});
