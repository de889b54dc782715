import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
