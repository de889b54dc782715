import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vllmProfilePeakBytes } from '../estimate/runtimes/vllm-profile';
import { estimate } from '../estimate/index';
import { GiB } from '../units';
import { catalogInputForName, compareVllmLog, vllmSettingsFromLog } from './compare-vllm';
import { parseVllmLog, type VllmLog } from './vllm-log';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../tests/fixtures/measured', name), 'utf8');

describe('catalogInputForName', () => {
  it('matches a Hugging Face repo, a local copy by folder name, and nothing else', () => {
    expect(catalogInputForName('meta-llama/Llama-3.1-8B-Instruct')?.id).toBe('llama-3.1-8b-instruct');
    expect(catalogInputForName('/data/datasets/models-hf/Qwen2.5-0.5B/')?.id).toBe('qwen2.5-0.5b');
    expect(catalogInputForName('someone/unknown-model')).toBeNull();
    expect(catalogInputForName(undefined)).toBeNull();
  });
});

describe('vllmSettingsFromLog', () => {
  it('maps dtype, quantization and the KV dtype, and notes what the log lacks', () => {
    const notes: string[] = [];
    const log = { settings: { dtype: 'float16', quantization: 'awq', kvCacheDtype: 'fp8', maxModelLen: 8192 } } as VllmLog;
    expect(vllmSettingsFromLog(log, notes)).toMatchObject({ runtime: 'vllm', quant: 'awq', kvTypeK: 'fp8', context: 8192 });
    expect(notes).toEqual(['No gpu_memory_utilization in the log; assumed 0.9.']);
  });
});

describe('compareVllmLog', () => {
  it("recomputes the plan for the log's settings and follows vLLM's pool rule (vLLM PR 10511)", () => {
    const log = parseVllmLog(fixture('vllm-10511-memory-profile.log'));
    const input = catalogInputForName('meta-llama/Meta-Llama-3-8B-Instruct')!.input;
    const settings = vllmSettingsFromLog(log, []);
    const c = compareVllmLog(log, input, settings);
    const est = estimate(input, settings);
    const row = (n: string) => c.components.find((x) => x.name === n)!;
    expect(row('weights').plannedBytes).toBe(est.weights.bytes);
    expect(row('compute').plannedBytes).toBe(est.vllm!.activationPeakBytes);
    // Pool = usable − weights − activation − non-torch, with the usable memory the log printed.
    expect(row('kvCache').plannedBytes).toBeCloseTo(
      Math.round(71.29 * GiB) - est.weights.bytes - est.vllm!.activationPeakBytes - est.vllm!.nonTorchBytes,
      0,
    );
    expect(row('weights').withinBand).toBe(true);
    expect(c.components.map((x) => x.name)).toEqual(['weights', 'compute', 'kvCache']);
    expect(c.notes.join(' ')).toMatch(/No total row/);
  });

  it('splits the weights over tensor-parallel workers and labels rows by worker (vLLM PR 14447)', () => {
    const log = parseVllmLog(fixture('vllm-14447-four-workers.log'));
    log.settings.tensorParallel = 4;
    const input = catalogInputForName('meta-llama/Llama-3.1-8B-Instruct')!.input;
    const c = compareVllmLog(log, input, vllmSettingsFromLog(log, []));
    const w = c.components.filter((x) => x.name === 'weights');
    expect(w.map((x) => x.device)).toEqual(['VllmWorkerProcess pid=521', 'VllmWorkerProcess pid=507', 'VllmWorkerProcess pid=577']);
    expect(w[0]!.plannedBytes).toBeCloseTo(estimate(input, vllmSettingsFromLog(log, [])).weights.bytes / 4, 0);
  });

  it('compares the KV pool in tokens and the concurrency vLLM printed when the GPU size is known', () => {
    const text = [fixture('vllm-10511-memory-profile.log'), fixture('vllm-17122-v1-kv-tokens.log')].join('\n');
    const log = parseVllmLog(text);
    const input = catalogInputForName('meta-llama/Llama-3.1-8B-Instruct')!.input;
    const c = compareVllmLog(log, input, vllmSettingsFromLog(log, []));
    const tokens = c.quantities.find((q) => q.name === 'kvTokens')!;
    expect(tokens.measured).toBe(158656);
    expect(tokens.planned! % 16).toBe(0);
    expect(c.quantities.find((q) => q.name === 'maxConcurrency')!.planned).toBeCloseTo(tokens.planned! / 32768, 2);
  });
});

describe('compareVllmLog at tensor parallel 8', () => {
  it("plans each worker's weights and peak as Serve does: DeepSeek-R1 FP8 keeps its MLA down-projections whole", () => {
    // S252's DeepSeek-R1-0528 on 8 × H200 (vLLM 0.19.0) logs 79.74 GiB of weights per worker.
    const log = parseVllmLog(
      [
        'INFO [api_server.py:1] vLLM API server version 0.19.0',
        "INFO [core.py:1] Initializing a V1 LLM engine (v0.19.0) with config: model='deepseek-ai/DeepSeek-R1', dtype=torch.bfloat16, max_seq_len=8192, tensor_parallel_size=8, pipeline_parallel_size=1, quantization=fp8, kv_cache_dtype=auto",
        'INFO [gpu_model_runner.py:1] Model loading took 79.74 GiB and 100.0 seconds',
      ].join('\n'),
    );
    const input = catalogInputForName('deepseek-ai/DeepSeek-R1')!.input;
    const settings = vllmSettingsFromLog(log, []);
    const c = compareVllmLog(log, input, settings);
    const weights = c.components.find((x) => x.name === 'weights')!;
    const even = estimate(input, settings).weights.bytes / 8;
    expect((weights.plannedBytes! - even) / GiB).toBeGreaterThan(1.1);
    expect(Math.abs(weights.plannedBytes! / (79.74 * GiB) - 1)).toBeLessThan(0.01);
    expect(c.notes.join(' ')).toMatch(/kept whole on every rank/);
  });
});

describe('compareVllmLog without the GPU size', () => {
  it('plans the KV tokens for the pool vLLM printed, testing the bytes per token', () => {
    const text = 'INFO [gpu_worker.py:1] Available KV cache memory: 8.11 GiB\nINFO [kv_cache_utils.py:1] GPU KV cache size: 66,432 tokens';
    const log = parseVllmLog(text);
    const input = catalogInputForName('meta-llama/Llama-3.1-8B-Instruct')!.input;
    const notes: string[] = [];
    const settings = vllmSettingsFromLog(log, notes);
    const c = compareVllmLog(log, input, settings, notes);
    const perToken = estimate(input, settings).vllm!.kvBytesPerToken;
    expect(c.quantities[0]!.planned).toBe(Math.floor(Math.round(8.11 * GiB) / perToken / 16) * 16);
    expect(notes.join(' ')).toMatch(/tests the planned bytes per token/);
  });
});

describe('compareVllmLog and the release the log names', () => {
  // Log lines in vLLM 0.2x's wording (gpu_model_runner.py / gpu_worker.py): the CUDA-graph estimate it measured
  // and took off the pool, and the banner's release.
  const lines = (applied: boolean, version = '0.23.0') =>
    [
      `INFO [api_server.py:1] vLLM API server version ${version}`,
      'INFO [core.py:1] Initializing a V1 LLM engine (v' +
        version +
        ") with config: model='meta-llama/Llama-3.1-8B-Instruct', dtype=torch.bfloat16, max_seq_len=8192, tensor_parallel_size=1, pipeline_parallel_size=1, quantization=None, kv_cache_dtype=auto",
      'INFO [gpu_worker.py:1] the current vLLM instance can use total_gpu_memory (79.19GiB) x gpu_memory_utilization (0.90) = 71.27GiB',
      'INFO [gpu_model_runner.py:1] Estimated CUDA graph memory: 0.78 GiB total',
      applied
        ? 'INFO [gpu_worker.py:1] CUDA graph memory profiling is enabled (default since v0.21.0). The current --gpu-memory-utilization=0.9000 is equivalent to --gpu-memory-utilization=0.8901 without CUDA graph memory profiling.'
        : 'INFO [gpu_worker.py:1] In v0.19, CUDA graph memory profiling will be enabled by default (VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS=1).',
      'INFO [kv_cache_utils.py:1] GPU KV cache size: 400,000 tokens',
    ].join('\n');
  const input = catalogInputForName('meta-llama/Llama-3.1-8B-Instruct')!.input;
  const planned = (text: string) => {
    const log = parseVllmLog(text);
    const notes: string[] = [];
    const c = compareVllmLog(log, input, vllmSettingsFromLog(log, notes), notes);
    return { tokens: c.quantities.find((q) => q.name === 'kvTokens')!.planned!, notes, log };
  };

  it('reads the estimate and whether vLLM applied it', () => {
    const on = parseVllmLog(lines(true));
    expect(on.ranks[0]!.cudaGraphEstimateBytes).toBeCloseTo(0.78 * GiB, -4);
    expect(on.cudaGraphEstimateApplied).toBe(true);
    expect(parseVllmLog(lines(false)).cudaGraphEstimateApplied).toBe(false);
  });

  it('takes an applied estimate off the planned pool, and says so; a printed-only one stays in', () => {
    const on = planned(lines(true));
    const off = planned(lines(false));
    const perToken = estimate(input, vllmSettingsFromLog(on.log, [])).vllm!.kvBytesPerToken;
    expect(Math.abs((off.tokens - on.tokens) * perToken - 0.78 * GiB)).toBeLessThan(16 * perToken);
    expect(on.notes.join(' ')).toMatch(/CUDA-graph estimate \(0\.78 GiB, from this log\)/);
    expect(off.notes.join(' ')).not.toMatch(/CUDA-graph estimate/);
  });

  it('prices the sampler of the release the log names: 0.13 sorts the vocabulary, 0.23 does not', () => {
    const sorted = vllmSettingsFromLog(parseVllmLog(lines(false, '0.13.0')), []);
    const kernel = vllmSettingsFromLog(parseVllmLog(lines(false, '0.23.0')), []);
    expect(sorted.vllmRelease).toBe('0.13.0');
    const gap = estimate(input, sorted).vllm!.activationPeakBytes - estimate(input, kernel).vllm!.activationPeakBytes;
    // At 256 rows the sorting sampler (38 B a logit) outweighs the forward pass; the kernels' 14 B do not.
    const s = input.spec;
    const peak = (release: string) => vllmProfilePeakBytes(s, sorted.maxBatchedTokens, sorted.maxSeqs ?? 256, 1, 2, release);
    expect(gap).toBe(peak('0.13.0') - peak('0.23.0'));
    expect(gap).toBeGreaterThan(0.5 * GiB);
  });
});
