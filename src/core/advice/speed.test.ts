// The speed model's mechanics, independent of the fitted numbers: how devices combine per split mode,
// what a micro-batch does to prefill, and what batching does to decode.

import { describe, expect, it } from 'vitest';
import type { GpuLink } from '../hardware/types';
import { allReduceSeconds, pipelinedSeconds, predictSpeed, SPEED_CALIBRATION, type SpeedInputs, type SpeedSegment } from './speed';
import { defaultSettings, estimate, specFromParameterCount } from '../estimate/index';
import type { EstimateSettings } from '../estimate/types';
import { getGpu } from '../hardware/gpu-catalog';
import { quantForBits } from '../quant';
import { GiB } from '../units';
import { evaluate } from './evaluate';
import { planningHardwareFromCatalog } from './hardware';
import { batchedDecode } from './speed-batch';
import { batchedSpeedFor, speedFor } from './speed-plan';

const cal = SPEED_CALIBRATION;
const pcie: GpuLink = { kind: 'pcie', gbps: 32 };
const nvlink: GpuLink = { kind: 'nvlink', gbps: 450 };

/** An 8B-class dense model at Q4 (4.3 GB streamed per token) split evenly over n GPUs. */
function split(n: number, link = pcie, extra: Partial<SpeedSegment> = {}): SpeedSegment[] {
  return Array.from({ length: n }, () => ({
    backend: 'cuda' as const,
    family: 'nvidia-gddr' as const,
    streamedBytes: 4.3e9 / n,
    kvBytes: 0.2e9 / n,
    weightBytes: 4.3e9 / n,
    params: 7.5e9 / n,
    attentionFlops: 1e9 / n,
    bandwidthGBps: 1008,
    tflops: 330,
    quantized: true,
    link,
    ...extra,
  }));
}

const inputs = (segments: SpeedSegment[], over: Partial<SpeedInputs> = {}): SpeedInputs => ({
  segments,
  layers: 32,
  gpuCount: segments.length,
  prefillBatchTokens: 512,
  hiddenSize: 4096,
  ...over,
});

describe('layer-split prefill pipelines its micro-batches', () => {
  const cal = { ...SPEED_CALIBRATION, pipelineOverlap: 1 };

  it('reaches only the share ω of the ideal overlap: ω = 0 runs the micro-batches one after another', () => {
    const none = { ...cal, pipelineOverlap: 0 };
    expect(pipelinedSeconds([1, 1, 1, 1], 512, 2048, none)).toBeCloseTo(4, 9);
    const half = { ...cal, pipelineOverlap: 0.5 };
    // Each extra micro-batch costs 4 − 0.5 × (4 − 1) = 2.5 stage times.
    expect(pipelinedSeconds([1, 1, 1, 1], 512, 2048, half)).toBeCloseTo((4 + 3 * 2.5) / 4, 9);
  });

  it('overlaps m micro-batches on n GPUs: Σ stages + (m − 1) × the slowest, per micro-batch', () => {
    const stages = [1, 1, 1, 1];
    // 2048 prompt tokens in micro-batches of 512 over four equal stages: (4 + 3) / 4 stage times each.
    expect(pipelinedSeconds(stages, 512, 2048, cal)).toBeCloseTo(7 / 4, 9);
    // One micro-batch cannot overlap with anything: the stages run one after another.
    expect(pipelinedSeconds(stages, 512, 512, cal)).toBeCloseTo(4, 9);
    // Prompts beyond n_batch are handed over in n_batch chunks, so the overlap stops growing there.
    expect(pipelinedSeconds(stages, 512, 8192, cal)).toBeCloseTo(pipelinedSeconds(stages, 512, 2048, cal), 9);
  });

  it('is paced by the slowest stage, and by Σ ÷ copies when there are more GPUs than micro-batches in flight', () => {
    expect(pipelinedSeconds([1, 3], 512, 2048, cal)).toBeCloseTo((4 + 3 * 3) / 4, 9);
    const eight = Array.from({ length: 8 }, () => 1);
    expect(pipelinedSeconds(eight, 512, 2048, cal)).toBeCloseTo((8 + 3 * (8 / cal.pipelineCopies)) / 4, 9);
  });

  it('makes a long prompt on several GPUs faster than on one of them, and leaves one GPU alone', () => {
    const one = predictSpeed(inputs(split(1), { promptTokens: 2048 }), cal).prefillSecondsPerToken!;
    const oneShort = predictSpeed(inputs(split(1), { promptTokens: 512 }), cal).prefillSecondsPerToken!;
    const four = predictSpeed(inputs(split(4), { promptTokens: 2048 }), cal).prefillSecondsPerToken!;
    expect(one).toBeCloseTo(oneShort, 12);
    expect(four).toBeLessThan(one * 0.6);
  });
});

describe('vLLM per-step host time', () => {
  it('adds a fixed time per step to single-sequence decode, and more with tensor parallelism', () => {
    const withStep = {
      ...cal,
      vllm: {
        stepSeconds: 4e-3,
        tensorParallelStepSeconds: 1e-3,
        overlappedStepSeconds: 0,
        currentLayerShare: 1,
        batchedStreamEfficiency: 1,
      },
    };
    const noStep = {
      ...cal,
      vllm: { stepSeconds: 0, tensorParallelStepSeconds: 0, overlappedStepSeconds: 0, currentLayerShare: 1, batchedStreamEfficiency: 1 },
    };
    const one = (c: typeof cal) => predictSpeed(inputs(split(1), { runtime: 'vllm', split: 'tensor' }), c).decodeSeconds!;
    const two = (c: typeof cal) => predictSpeed(inputs(split(2, nvlink), { runtime: 'vllm', split: 'tensor' }), c).decodeSeconds!;
    expect(one(withStep) - one(noStep)).toBeCloseTo(4e-3, 9);
    expect(two(withStep) - two(noStep)).toBeCloseTo(5e-3, 9);
    // llama.cpp does not pay it.
    const llama = (c: typeof cal) => predictSpeed(inputs(split(1)), c).decodeSeconds!;
    expect(llama(withStep)).toBeCloseTo(llama(noStep), 12);
  });

  it('is amortised over a batch: 32 sequences pay it once per step', () => {
    const inp = inputs(split(1), { runtime: 'vllm', split: 'tensor' });
    const b1 = batchedDecode(inp, 1)!;
    const b32 = batchedDecode(inp, 32)!;
    expect(b32.aggregateTokensPerSecond / b1.aggregateTokensPerSecond).toBeGreaterThan(8);
  });
});

describe('layer split (pipeline)', () => {
  it('costs one hop per boundary, not a cost per layer per GPU: eight GPUs stay within a few per cent of one', () => {
    const one = predictSpeed(inputs(split(1))).decodeSeconds!;
    const two = predictSpeed(inputs(split(2))).decodeSeconds!;
    const eight = predictSpeed(inputs(split(8))).decodeSeconds!;
    const hop = cal.hopLatency + (4096 * 4) / 32e9;
    expect(two - one).toBeCloseTo(hop, 9);
    expect(eight - one).toBeCloseTo(7 * hop, 9);
    expect(one / eight).toBeGreaterThan(0.9);
  });

  it('adds the devices up: a slow card in the chain slows the whole token by its share', () => {
    const fast = split(2);
    const mixed = [fast[0]!, { ...fast[1]!, bandwidthGBps: 504 }];
    const t = predictSpeed(inputs(mixed)).gpuSeconds;
    const eta = cal.efficiency['nvidia-gddr']!.decode;
    expect(t).toBeCloseTo(2.15e9 / (eta * 1008e9) + 2.15e9 / (eta * 504e9), 9);
  });
});

describe('tensor parallelism', () => {
  it('streams the shares at once, so decode gets faster with more GPUs until the all-reduces dominate', () => {
    const t1 = predictSpeed(inputs(split(1), { split: 'tensor' })).decodeSeconds!;
    const t2 = predictSpeed(inputs(split(2, nvlink), { split: 'tensor' })).decodeSeconds!;
    const t4 = predictSpeed(inputs(split(4, nvlink), { split: 'tensor' })).decodeSeconds!;
    expect(t2).toBeLessThan(t1);
    expect(t4).toBeLessThan(t2);
  });

  it('prices two all-reduces per layer by the link: NVLink beats PCIe', () => {
    const p = predictSpeed(inputs(split(2, pcie), { split: 'tensor' })).commSeconds;
    const n = predictSpeed(inputs(split(2, nvlink), { split: 'tensor' })).commSeconds;
    expect(p).toBeCloseTo(32 * 2 * allReduceSeconds(2, 4096 * 2, pcie), 12);
    expect(n).toBeLessThan(p);
  });

  it('a ring all-reduce moves 2(n−1)/n of the message and pays the link latency once', () => {
    const bytes = 1e6;
    expect(allReduceSeconds(1, bytes, pcie)).toBe(0);
    expect(allReduceSeconds(4, bytes, pcie)).toBeCloseTo(cal.allReduceLatency.pcie + (1.5 * bytes) / 32e9, 12);
  });
});

describe('prefill', () => {
  it('is a roofline over the micro-batch: one token at a time is as slow as decode, big batches are compute-bound', () => {
    const one = predictSpeed(inputs(split(1), { prefillBatchTokens: 1 }));
    const big = predictSpeed(inputs(split(1), { prefillBatchTokens: 512 }));
    expect(one.prefillSecondsPerToken!).toBeCloseTo(one.decodeSeconds!, 6);
    const compute = (2 * 7.5e9 + 1e9) / (cal.efficiency['nvidia-gddr']!.prefill * 330e12);
    expect(big.prefillSecondsPerToken!).toBeGreaterThanOrEqual(compute);
    expect(big.prefillSecondsPerToken!).toBeLessThan(compute * 1.5);
  });

  it('counts attention FLOPs: a long context slows prefill', () => {
    const short = predictSpeed(inputs(split(1))).prefillSecondsPerToken!;
    const long = predictSpeed(inputs(split(1, pcie, { attentionFlops: 30e9 }))).prefillSecondsPerToken!;
    expect(long).toBeGreaterThan(short * 2);
  });

  it('names no figure when a device lacks its FP16 throughput', () => {
    const p = predictSpeed(inputs(split(2).map((s, i) => (i === 1 ? { ...s, tflops: null } : s))));
    expect(p.prefillSecondsPerToken).toBeNull();
    expect(p.decodeSeconds).not.toBeNull();
  });
});

describe('batched decode', () => {
  it('is memory-bound at small B (aggregate grows almost linearly) and compute-bound at large B (aggregate flattens)', () => {
    // A short context (1 MB of KV per sequence), so that weights, not KV, are what batching shares.
    const inp = inputs(split(1, pcie, { streamedBytes: 4.1e9 + 1e6, kvBytes: 1e6 }));
    const b1 = batchedDecode(inp, 1)!;
    const b8 = batchedDecode(inp, 8)!;
    const b512 = batchedDecode(inp, 512)!;
    const b1024 = batchedDecode(inp, 1024)!;
    expect(b1.aggregateTokensPerSecond).toBeCloseTo(1 / predictSpeed(inp).decodeSeconds!, 6);
    expect(b8.bound).toBe('memory');
    expect(b8.aggregateTokensPerSecond).toBeGreaterThan(4 * b1.aggregateTokensPerSecond);
    expect(b8.perSequenceTokensPerSecond).toBeLessThan(b1.perSequenceTokensPerSecond);
    expect(b1024.bound).toBe('compute');
    expect(b1024.aggregateTokensPerSecond / b512.aggregateTokensPerSecond).toBeLessThan(1.1);
  });

  it('reads each sequence’s KV: longer contexts lower the memory-bound aggregate', () => {
    const short = batchedDecode(inputs(split(1)), 16)!;
    const long = batchedDecode(inputs(split(1, pcie, { streamedBytes: 4.3e9 + 1e9, kvBytes: 1.2e9 })), 16)!;
    expect(long.aggregateTokensPerSecond).toBeLessThan(short.aggregateTokensPerSecond);
  });

  it('has no figure without a bandwidth', () => {
    expect(batchedDecode(inputs(split(1, pcie, { bandwidthGBps: null })), 4)).toBeNull();
  });
});

describe('batched decode for a plan', () => {
  it('matches the advice at B = 1 and grows the aggregate with B on an 8B model on one RTX 4090', () => {
    const settings: EstimateSettings = { ...defaultSettings('llama.cpp'), quant: quantForBits(4, 'llama.cpp').id, context: 8192 };
    const est = estimate({ spec: specFromParameterCount(8e9) }, settings);
    const hw = planningHardwareFromCatalog(getGpu('rtx-4090')!, 1, 64 * GiB);
    const { placement } = evaluate(est, hw);
    const single = speedFor(est, placement, hw, 2048);
    const b1 = batchedSpeedFor(est, placement, hw, 1, 2048)!;
    const b16 = batchedSpeedFor(est, placement, hw, 16, 2048)!;
    expect(b1.aggregateTokensPerSecond).toBeCloseTo(single.decodeTokensPerSecond!, 6);
    expect(b16.aggregateTokensPerSecond).toBeGreaterThan(5 * b1.aggregateTokensPerSecond);
    expect(b16.perSequenceTokensPerSecond).toBeLessThan(b1.perSequenceTokensPerSecond);
  });
});

describe('families without measurements', () => {
  it('borrow the η and ε of the family that shares their memory or kernels, and follow its fit', () => {
    const one = (family: SpeedSegment['family'], c = cal) => predictSpeed(inputs(split(1, pcie, { family })), c).decodeSeconds!;
    expect(one('amd-cdna')).toBeCloseTo(one('nvidia-hbm'), 12);
    expect(one('amd-apu')).toBeCloseTo(one('amd-rdna'), 12);
    expect(one('nvidia-unified')).toBeCloseTo(one('nvidia-gddr'), 12);
    const refit = { ...cal, efficiency: { ...cal.efficiency, 'nvidia-hbm': { decode: 0.3, prefill: 0.1 } } };
    expect(one('amd-cdna', refit)).toBeCloseTo(one('nvidia-hbm', refit), 12);
    expect(one('amd-cdna', refit)).not.toBeCloseTo(one('amd-cdna'), 6);
  });
});

describe('what the figure rests on', () => {
  it('names vLLM its own basis (fitted host time), llama.cpp calibrated, other runtimes extrapolated', () => {
    const hw = planningHardwareFromCatalog(getGpu('rtx-4090')!, 1, 64 * GiB);
    const keyFor = (runtime: 'llama.cpp' | 'vllm' | 'transformers') => {
      const est = estimate({ spec: specFromParameterCount(8e9) }, { ...defaultSettings(runtime), context: 4096 });
      return speedFor(est, evaluate(est, hw).placement, hw, 2048).basis.key;
    };
    expect(keyFor('llama.cpp')).toBe('advice.speed.basis.calibrated');
    expect(keyFor('vllm')).toBe('advice.speed.basis.vllm');
    expect(keyFor('transformers')).toBe('advice.speed.basis.extrapolated');
  });
});
