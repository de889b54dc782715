// Peak FP32 throughput of a CPU for CPU-only prefill, from what detection knows: the brand string and
// the core count. peak = cores × FP32 FLOPs per cycle per core (SIMD lanes × 2 for a fused multiply-add
// × FMA pipes) × sustained clock. Detection reports no clock, so the clock is a stated assumption per
// family; the calibration's prefillEfficiencyCpu (fitted on measured CPU prompt processing) absorbs what
// the assumptions get wrong on average, and the ± band says how far single machines stray.

export interface CpuPeak {
  tflops: number;
  /** Which ISA row and clock were used, for the basis text and the docs. */
  basis: string;
}

interface IsaRow {
  test: RegExp;
  /** FP32 FLOPs per cycle per core. */
  flopsPerCycle: number;
  /** Sustained all-core clock assumed, GHz. */
  ghz: number;
  basis: string;
}

// Ordered: the first matching row wins.
const ISA: IsaRow[] = [
  // Apple M-series performance cores: four 128-bit NEON FMA pipes (4 × 4 lanes × 2). Clocks: the P-core
  // maximum of each generation as Apple and the chips' reviews state it (M1 3.2, M2 3.5, M3 4.05,
  // M4 4.4 GHz); efficiency cores are counted like performance cores, which the fitted efficiency absorbs.
  { test: /apple m1/i, flopsPerCycle: 32, ghz: 3.2, basis: 'Apple M1: 4 × 128-bit FMA, 3.2 GHz' },
  { test: /apple m2/i, flopsPerCycle: 32, ghz: 3.5, basis: 'Apple M2: 4 × 128-bit FMA, 3.5 GHz' },
  { test: /apple m3/i, flopsPerCycle: 32, ghz: 4.05, basis: 'Apple M3: 4 × 128-bit FMA, 4.05 GHz' },
  { test: /apple m\d/i, flopsPerCycle: 32, ghz: 4.4, basis: 'Apple M4 or later: 4 × 128-bit FMA, 4.4 GHz' },
  // Two full-width 512-bit FMA units (2 × 16 × 2): Intel Xeon Scalable (Gold / Platinum) and AMD Zen 5
  // (Ryzen 9000, EPYC 9005), which executes AVX-512 at full width; Zen 4 splits it into two 256-bit halves.
  {
    test: /xeon.*(gold|platinum)|ryzen\s*(ai\s*)?\S*\s*9\d{3}|epyc\s*9\d{2}5/i,
    flopsPerCycle: 64,
    ghz: 3.0,
    basis: 'AVX-512: 2 × 512-bit FMA, 3.0 GHz assumed',
  },
  // Every other x86-64 core since Haswell / Zen: two 256-bit FMA units (2 × 8 × 2).
  {
    test: /intel|amd|x86|core|ryzen|xeon|epyc|threadripper/i,
    flopsPerCycle: 32,
    ghz: 3.0,
    basis: 'AVX2: 2 × 256-bit FMA, 3.0 GHz assumed',
  },
  // Other Arm cores (Neoverse, Snapdragon, Cortex-A): two 128-bit FMA pipes (2 × 4 × 2).
  { test: /arm|neoverse|snapdragon|cortex|ampere|graviton/i, flopsPerCycle: 16, ghz: 2.8, basis: 'Arm: 2 × 128-bit FMA, 2.8 GHz assumed' },
];

const FALLBACK: IsaRow = ISA[ISA.length - 2]!;

/** Peak FP32 TFLOPS of a CPU; null without a core count. Unknown brands count as AVX2 desktops. */
export function cpuPeak(cpu: { brand: string; cores: number }): CpuPeak | null {
  if (!(cpu.cores > 0)) return null;
  const row = ISA.find((r) => r.test.test(cpu.brand)) ?? FALLBACK;
  return { tflops: (cpu.cores * row.flopsPerCycle * row.ghz) / 1000, basis: `${cpu.cores} cores × ${row.basis}` };
}

export function cpuPeakTflops(cpu: { brand: string; cores: number }): number | null {
  return cpuPeak(cpu)?.tflops ?? null;
}

/**
 * The CPU a plan assumes when none was detected (catalog hardware): 8 cores of AVX2 at 3 GHz, 0.77
 * TFLOPS, the same kind of common desktop floor PLANNING_DEFAULTS takes for RAM bandwidth.
 */
export const DEFAULT_CPU_TFLOPS = cpuPeakTflops({ brand: 'x86', cores: 8 })!;
