import { describe, expect, it } from 'vitest';
import { advise, planningHardwareFromCatalog } from '../../advice/index';
import { getModel } from '../../catalog';
import { getGpu } from '../../hardware/gpu-catalog';
import { defaultSettings, estimate } from '../index';
import { sglangGraphDefaults, sglangMemFractionStatic } from './sglang';

const MiB = 1024 * 1024;
const llama8b = getModel('llama-3.1-8b-instruct')!;

describe('SGLang runtime', () => {
  it('chunked prefill and CUDA-graph batch follow the device memory like server_args.py', () => {
    expect(sglangGraphDefaults(16 * 1024 * MiB, 1)).toEqual({ chunkedPrefill: 2048, cudaGraphMaxBs: 8 });
    expect(sglangGraphDefaults(24 * 1024 * MiB, 4)).toEqual({ chunkedPrefill: 2048, cudaGraphMaxBs: 80 });
    expect(sglangGraphDefaults(40 * 1024 * MiB, 1)).toEqual({ chunkedPrefill: 4096, cudaGraphMaxBs: 32 });
    expect(sglangGraphDefaults(141 * 1024 * MiB, 8)).toEqual({ chunkedPrefill: 8192, cudaGraphMaxBs: 512 });
    expect(sglangGraphDefaults(180 * 1024 * MiB, 8)).toEqual({ chunkedPrefill: 16384, cudaGraphMaxBs: 512 });
    // Above 60 GiB at least 10 GiB is kept back; at TP 8 the parallel term grows by 1 GiB.
    expect(sglangMemFractionStatic(81559 * MiB, 8, 1)).toBe(Math.round(((81559 - (512 + 12288 + 1024 + 1024)) / 81559) * 1000) / 1000);
  });

  it('estimates the same KV row as vLLM, with no activation term in the pool arithmetic', () => {
    const s = { ...defaultSettings('sglang'), context: 8192 };
    const e = estimate({ spec: llama8b.spec }, s);
    const v = estimate({ spec: llama8b.spec }, { ...defaultSettings('vllm'), context: 8192 });
    expect(e.vllm!.kvBytesPerToken).toBe(v.vllm!.kvBytesPerToken);
    expect(e.vllm!.activationPeakBytes).toBe(0);
    expect(e.vllm!.blockSize).toBe(1);
    expect(e.kvCache.basis).toMatch(/^SGLang token pool/);
  });

  it('the advisor places it like vLLM: the pool is fraction × memory − context − weights', () => {
    const gpu = getGpu('h100-sxm')!;
    const s = { ...defaultSettings('sglang'), context: 8192, gpuMemoryUtilization: 0.835 };
    const a = advise({ spec: llama8b.spec }, s, planningHardwareFromCatalog(gpu, 1), { maxContextSearch: false, remedies: false });
    const e = a.estimate;
    const pool = Math.floor(gpu.memoryBytes * 0.835 - e.overheadPerGpu.bytes) - e.weights.bytes;
    expect(a.vllm!.kvPoolBytes).toBeCloseTo(pool, -3);
    expect(a.vllm!.kvTokens).toBe(Math.floor(pool / e.vllm!.kvBytesPerToken));
    expect(a.verdict).toBe('fits');
  });
});
