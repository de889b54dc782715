import { describe, expect, it } from 'vitest';
import type { TrainingEstimate } from '../train/types';
import { peakSegments, tightestDevice } from './train-plan';

const GiB = 2 ** 30;

function estimate(bytes: TrainingEstimate['bytes'], phase?: 'forward' | 'backward'): TrainingEstimate {
  const e = { bytes, devices: [] } as unknown as TrainingEstimate;
  return phase ? ({ ...e, peak: { phase, formula: '' } } as TrainingEstimate) : e;
}

describe('peak segments of the training bar', () => {
  const bytes = {
    weights: 16 * GiB,
    gradients: 16 * GiB,
    optimizer: 32 * GiB,
    activations: 10 * GiB,
    logits: 4 * GiB,
    overhead: 1 * GiB,
    total: 0,
  };

  it('sums to the step peak, not to the sum of every component', () => {
    // Forward peak: weights + optimizer + overhead + activations + logits = 63 GiB; gradients not yet resident.
    const fwd = peakSegments(estimate({ ...bytes, total: 63 * GiB }, 'forward'));
    expect(fwd.reduce((s, x) => s + x.bytes, 0)).toBe(63 * GiB);
    expect(fwd.find((x) => x.key === 'gradients')!.bytes).toBe(0);
    expect(fwd.find((x) => x.key === 'activations')!.bytes).toBe(10 * GiB);
  });

  it('puts gradients first when the peak is in backward, and clips what is freed by then', () => {
    // Backward peak: 49 GiB fixed + 16 GiB gradients + 0.5 GiB of one layer's activations.
    const bwd = peakSegments(estimate({ ...bytes, total: 65.5 * GiB }, 'backward'));
    expect(bwd.map((x) => x.key)).toEqual(['weights', 'optimizer', 'overhead', 'gradients', 'activations', 'logits']);
    expect(bwd.find((x) => x.key === 'gradients')!.bytes).toBe(16 * GiB);
    expect(bwd.find((x) => x.key === 'activations')!.bytes).toBe(0.5 * GiB);
    expect(bwd.find((x) => x.key === 'logits')!.bytes).toBe(0);
  });

  it('shows every component when the total is their sum', () => {
    const all = peakSegments(estimate({ ...bytes, total: 79 * GiB }));
    for (const s of all) expect(s.bytes).toBe(bytes[s.key]);
  });
});

describe('tightest device', () => {
  it('is the GPU with the least free memory, or none without hardware', () => {
    const e = {
      devices: [
        { name: 'a', totalBytes: 24, usedBytes: 10, freeBytes: 14 },
        { name: 'b', totalBytes: 16, usedBytes: 10, freeBytes: 6 },
      ],
    } as unknown as TrainingEstimate;
    expect(tightestDevice(e)?.name).toBe('b');
    expect(tightestDevice({ devices: [] } as unknown as TrainingEstimate)).toBeNull();
  });
});
