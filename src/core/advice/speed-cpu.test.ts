// CPU peak FLOPS from the detected CPU, and CPU-only plans getting a prefill figure from it.

import { describe, expect, it } from 'vitest';
import { defaultSettings, estimate, specFromParameterCount } from '../estimate/index';
import { quantForBits } from '../quant';
import { GiB } from '../units';
import { evaluate } from './evaluate';
import { DEFAULT_CPU_TFLOPS, cpuPeak, cpuPeakTflops } from './speed-cpu';
import { speedFor } from './speed-plan';
import type { PlanningHardware } from './types';

describe('cpuPeak', () => {
  it('is cores × FLOPs per cycle × clock for each ISA row', () => {
    // 16 AVX2 cores (2 × 256-bit FMA = 32 FP32 FLOPs per cycle) at the assumed 3 GHz.
    expect(cpuPeakTflops({ brand: 'AMD Ryzen 9 5950X 16-Core Processor', cores: 16 })).toBeCloseTo((16 * 32 * 3.0) / 1000, 9);
    // Zen 5 runs AVX-512 at full width: twice the FLOPs per cycle.
    expect(cpuPeakTflops({ brand: 'AMD Ryzen 9 9950X 16-Core Processor', cores: 16 })).toBeCloseTo((16 * 64 * 3.0) / 1000, 9);
    expect(cpuPeakTflops({ brand: 'Apple M3 Max', cores: 16 })).toBeCloseTo((16 * 32 * 4.05) / 1000, 9);
    expect(cpuPeak({ brand: 'Apple M1 Max', cores: 10 })!.basis).toMatch(/10 cores × Apple M1/);
  });

  it('has no figure without cores and treats an unknown brand as an AVX2 desktop', () => {
    expect(cpuPeakTflops({ brand: 'Intel Core i7', cores: 0 })).toBeNull();
    expect(cpuPeakTflops({ brand: 'Mystery CPU', cores: 8 })).toBeCloseTo(DEFAULT_CPU_TFLOPS, 9);
  });
});

describe('CPU-only prefill', () => {
  const settings = { ...defaultSettings('llama.cpp'), quant: quantForBits(4, 'llama.cpp').id, context: 4096 };
  const est = estimate({ spec: specFromParameterCount(8e9) }, settings);
  const noGpu = (cpuTflops: number | null): PlanningHardware => ({
    devices: [],
    ramBytes: 64 * GiB,
    ramAvailableBytes: null,
    ramBandwidthGBps: null,
    cpuTflops,
  });

  it('gets a figure from the detected CPU, and faster CPUs prefill faster', () => {
    const slow = noGpu(cpuPeakTflops({ brand: 'Intel Core i5', cores: 6 }));
    const fast = noGpu(cpuPeakTflops({ brand: 'AMD EPYC 9655', cores: 96 }));
    const a = speedFor(est, evaluate(est, slow).placement, slow, 1024);
    const b = speedFor(est, evaluate(est, fast).placement, fast, 1024);
    expect(a.prefillTokensPerSecond).not.toBeNull();
    expect(b.prefillTokensPerSecond! / a.prefillTokensPerSecond!).toBeGreaterThan(10);
  });

  it('falls back to the default desktop CPU when none was detected', () => {
    const hw = noGpu(null);
    expect(speedFor(est, evaluate(est, hw).placement, hw, 1024).prefillTokensPerSecond).not.toBeNull();
  });
});
