import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GiB } from '../units';
import { parseVllmBench } from './vllm-bench';
import { parseVllmLog } from './vllm-log';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../tests/fixtures/measured', name), 'utf8');
const gib = (x: number) => Math.round(x * GiB);

describe('parseVllmLog on real logs', () => {
  it('reads the V0 memory profile table (vLLM PR 10511, Llama 3 8B on 80 GB)', () => {
    const log = parseVllmLog(fixture('vllm-10511-memory-profile.log'));
    expect(log.ranks).toEqual([
      {
        worker: 'main',
        totalGpuBytes: gib(79.22),
        usableBytes: gib(71.29),
        weightsBytes: gib(14.96),
        nonTorchBytes: gib(1.79),
        activationPeakBytes: gib(1.26),
        kvCacheBytes: gib(53.29),
      },
    ]);
    expect(log.settings.gpuMemoryUtilization).toBe(0.9);
    expect(log.recognised).toEqual(['weights', 'peak activation', 'non-torch memory', 'KV cache memory']);
    expect(log.missing).toEqual(['engine config line', 'KV cache size', 'maximum concurrency']);
  });

  it('keeps each tensor-parallel worker apart (vLLM PR 14447, four workers)', () => {
    const log = parseVllmLog(fixture('vllm-14447-four-workers.log'));
    expect(log.ranks.map((r) => r.worker)).toEqual(['VllmWorkerProcess pid=521', 'VllmWorkerProcess pid=507', 'VllmWorkerProcess pid=577']);
    expect(log.ranks[1]).toEqual({
      worker: 'VllmWorkerProcess pid=507',
      totalGpuBytes: gib(23.58),
      usableBytes: gib(23.35),
      weightsBytes: gib(21.21),
      nonTorchBytes: gib(0.2),
      activationPeakBytes: gib(0.37),
      kvCacheBytes: gib(1.57),
    });
    expect(log.settings.gpuMemoryUtilization).toBe(0.99);
    expect(log.recognised).toContain('3 workers');
  });

  it('reads V1 GPU blocks and the concurrency line, "GB" meaning GiB (vLLM PR 12569)', () => {
    const log = parseVllmLog(fixture('vllm-12569-v1-concurrency.log'));
    expect(log.ranks[0]!.weightsBytes).toBe(gib(67.7229));
    expect(log.gpuBlocks).toBe(1381);
    expect(log.maxConcurrency).toEqual({ tokensPerRequest: 2048, requests: 10.79 });
    expect(log.missing).toContain('peak activation');
  });

  it('reads the KV pool in tokens with thousands separators (vLLM PR 17122)', () => {
    const log = parseVllmLog(fixture('vllm-17122-v1-kv-tokens.log'));
    expect(log.kvCacheTokens).toBe(158656);
    expect(log.maxConcurrency).toEqual({ tokensPerRequest: 32768, requests: 4.84 });
    expect(log.ranks[0]!.weightsBytes).toBe(gib(14.9889));
    expect(log.recognised).toContain('KV cache size in tokens');
  });

  it('reads settings from the non-default args and a config line cut short (vLLM PR 24162, TP 2)', () => {
    const log = parseVllmLog(fixture('vllm-24162-v1-tp2-truncated.log'));
    expect(log.version).toBe('0.10.2.dev378+g4d7fe40fc.d20250829');
    expect(log.settings).toMatchObject({
      model: '/data/datasets/models-hf/Qwen2.5-0.5B/',
      architecture: 'Qwen2ForCausalLM',
      dtype: 'bfloat16',
      tensorParallel: 2,
      pipelineParallel: 1,
      maxModelLen: 32768,
    });
    expect(log.missing).toEqual(expect.arrayContaining(['weights', 'KV cache size']));
  });

  it('reads warnings interleaved, Windows line ends and a decimal comma', () => {
    const text = [
      'WARNING 04-12 08:21:10 [config.py:1] Casting torch.bfloat16 to torch.float16.',
      'INFO 04-12 08:21:19 [worker.py:267] model weights take 21,21GiB; non_torch_memory takes 0,20GiB; PyTorch activation peak memory takes 0,37GiB; the rest of the memory reserved for KV Cache is 1,57GiB.',
      'WARNING 04-12 08:21:19 [utils.py:1] something unrelated',
    ].join('\r\n');
    const log = parseVllmLog(text);
    expect(log.ranks[0]).toMatchObject({ weightsBytes: gib(21.21), kvCacheBytes: gib(1.57) });
  });

  it('reads "MB" of the first builds as MiB and the V0 config with # CPU blocks (vLLM PR 3120)', () => {
    const log = parseVllmLog(fixture('vllm-3120-v0-mb.log'));
    expect(log.ranks[0]!.weightsBytes).toBe(Math.round(244.61 * 1024 * 1024));
    expect(log).toMatchObject({ gpuBlocks: 76240, cpuBlocks: 7281 });
    expect(log.settings).toMatchObject({
      model: 'facebook/opt-125m',
      dtype: 'float16',
      maxModelLen: 2048,
      quantization: 'None',
      kvCacheDtype: 'auto',
    });
  });

  it('reads an AWQ config line whose paste was cut and wrapped (vLLM issue 8031)', () => {
    const log = parseVllmLog(fixture('vllm-8031-awq-wrapped.log'));
    expect(log.version).toBe('0.8.3');
    expect(log.settings).toMatchObject({ quantization: 'awq', dtype: 'float16', maxModelLen: 8192, tensorParallel: 1 });
  });

  it('reads the one-line "Actual usage" summary of newer workers (vllm-ascend PR 8289)', () => {
    const log = parseVllmLog(fixture('vllm-ascend-8289-actual-usage.log'));
    expect(log.ranks).toEqual([
      {
        worker: 'EngineCore pid=2884597',
        weightsBytes: gib(1.14),
        activationPeakBytes: gib(0.22),
        nonTorchBytes: gib(0.13),
        cudaGraphBytes: gib(0.04),
      },
    ]);
    expect(log.settings.gpuMemoryUtilization).toBe(0.9);
  });

  it('says so when nothing is vLLM', () => {
    const log = parseVllmLog('hello\nworld');
    expect(log.recognised).toEqual([]);
    expect(log.problems[0]).toMatch(/No vLLM start-up line/);
    expect(parseVllmLog(42).problems).toEqual(['The input is not text.']);
  });
});

describe('parseVllmBench on real output', () => {
  it('reads a complete result block with failed requests and ITL (tt-inference-server PR 2119)', () => {
    const b = parseVllmBench(fixture('vllm-bench-tt-2119.txt'));
    expect(b).toMatchObject({
      format: 'text',
      successfulRequests: 999,
      failedRequests: 1,
      maxConcurrency: 64,
      durationSeconds: 1.33,
      outputTokensPerSecond: 96480.56,
      totalTokensPerSecond: 192958.09,
      ttft: { mean: 63.96, median: 67.37, p99: 88.68 },
      tpot: { mean: 0.1, median: 0.05, p99: 0.41 },
      itl: { mean: 0.1, median: 0, p99: 5.26 },
    });
    expect(b.missing).toEqual([]);
  });

  it('reads a block cut short, skipping P90/P95 lines (vLLM PR 7062)', () => {
    const b = parseVllmBench(fixture('vllm-7062-bench-percentiles.txt'));
    expect(b.ttft).toEqual({ mean: 157.75, median: 118.73, p99: 532.92 });
    expect(b.tpot).toEqual({ mean: 218.36, median: 223.08 });
    expect(b.missing).toEqual(['ITL', 'concurrency']);
  });

  it("reads SGLang's layout with backend, measured concurrency and E2E latency (SGLang issue 8285)", () => {
    const b = parseVllmBench(fixture('sglang-8285-bench.txt'));
    expect(b).toMatchObject({ backend: 'sglang', requestRate: 330, maxConcurrency: 330, measuredConcurrency: 315.98 });
    expect(b.e2el).toEqual({ mean: 26530.12, median: 26001.41 });
  });

  it('reads the saved-result JSON with Infinity as Python writes it (SGLang issue 12389)', () => {
    const b = parseVllmBench(fixture('sglang-12389-bench.json'));
    expect(b.format).toBe('json');
    expect(b).toMatchObject({
      requestRate: Infinity,
      maxConcurrency: 16,
      successfulRequests: 300,
      outputTokensPerSecond: 3267.0925907959777,
    });
    expect(b.tpot.mean).toBe(4.76496783658543);
  });

  it('reads "not set" concurrency as null and rejects other text', () => {
    const b = parseVllmBench('============ Serving Benchmark Result ============\nMax request concurrency:                not set   \n');
    expect(b.maxConcurrency).toBeNull();
    expect(parseVllmBench('Mean TTFT (ms): 3').format).toBe('none');
  });
});
