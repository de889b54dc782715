import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunOutput } from './read';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../tests/fixtures/measured', name), 'utf8');

describe('readRunOutput detects the format', () => {
  it.each([
    ['ik-llama-562-vulkan-llama31-8b.log', 'llama-log'],
    ['llama-cpp-6122-two-gpu.log', 'llama-log'],
    ['llama-bench-25547.md', 'llama-bench'],
    ['llama-bench-12994.json', 'llama-bench'],
    ['llama-bench-12994-derived.csv', 'llama-bench'],
    ['vllm-10511-memory-profile.log', 'vllm-log'],
    ['vllm-14447-four-workers.log', 'vllm-log'],
    ['vllm-12569-v1-concurrency.log', 'vllm-log'],
    ['vllm-17122-v1-kv-tokens.log', 'vllm-log'],
    ['vllm-24162-v1-tp2-truncated.log', 'vllm-log'],
    ['vllm-3120-v0-mb.log', 'vllm-log'],
    ['vllm-8031-awq-wrapped.log', 'vllm-log'],
    ['vllm-ascend-8289-actual-usage.log', 'vllm-log'],
    ['vllm-bench-tt-2119.txt', 'vllm-bench'],
    ['sglang-8285-bench.txt', 'vllm-bench'],
    ['sglang-12389-bench.json', 'vllm-bench'],
    ['llama-batched-bench-3545.md', 'batched-bench'],
    ['llama-batched-bench-16894.md', 'batched-bench'],
    ['llama-fit-params-16653-two-gpu.log', 'fit-params'],
    ['llama-fit-print-22171.txt', 'fit-params'],
    ['llama-fit-21489-no-changes.log', 'fit-params'],
    ['ollama-9181-four-gpu-offload.log', 'ollama-log'],
    ['ollama-12000-journal-projector.log', 'ollama-log'],
    ['ollama-8447-docker-warnings.log', 'ollama-log'],
    ['ollama-11090-new-engine-two-gpu.log', 'ollama-log'],
    ['ollama-12027-kv-total-reload.log', 'ollama-log'],
    ['ollama-python-490-ps.txt', 'ollama-ps'],
    ['ollama-faq-ps-tabs.txt', 'ollama-ps'],
    ['ollama-6160-ps-single-spaces.txt', 'ollama-ps'],
    ['lmstudio-1360-partial-offload.log', 'lmstudio-log'],
    ['lmstudio-900-cpu-kv.log', 'lmstudio-log'],
    ['nvidia-smi-club3090-96-two-gpu-truncated.txt', 'nvidia-smi'],
    ['nvidia-smi-ollama-11676-processes.txt', 'nvidia-smi'],
    ['nvidia-smi-gist-collapsed.txt', 'nvidia-smi'],
    ['nvidia-smi-compute-apps-derived.csv', 'nvidia-smi'],
    ['rocm-smi-1909-meminfo.txt', 'rocm-smi'],
    ['rocm-smi-60-showpids.txt', 'rocm-smi'],
    ['rocm-smi-4405-showpids-details.txt', 'rocm-smi'],
    ['rocm-smi-166-unknown-warnings.txt', 'rocm-smi'],
    ['rocm-smi-marimo-9237.csv', 'rocm-smi'],
    ['rocm-smi-marimo-9237.json', 'rocm-smi'],
    ['rocm-smi-73-errors.txt', 'rocm-smi'],
    ['ollama-16031-memory-breakdown.log', 'llama-log'],
    ['llama-cpp-14043-four-gpu-truncated.log', 'llama-log'],
  ])('%s → %s', (name, kind) => {
    const r = readRunOutput(fixture(name));
    expect(r.kind).toBe(kind);
    expect(r.recognised.length).toBeGreaterThan(10);
  });

  it('summarises what a vLLM log has and lacks', () => {
    const r = readRunOutput(fixture('vllm-12569-v1-concurrency.log'));
    expect(r.recognised).toBe(
      'vLLM start-up log: weights, GPU blocks, maximum concurrency; no engine config line, no peak activation, no non-torch memory, no KV cache memory',
    );
  });

  it('says what it could not recognise', () => {
    const r = readRunOutput('just some words\nand more');
    expect(r.kind).toBe('unknown');
    expect(r.recognised).toMatch(/^Unrecognised text: no output of llama\.cpp start-up log/);
    expect(readRunOutput('').recognised).toMatch(/empty/);
    expect(readRunOutput(null as unknown as string).kind).toBe('unknown');
  });
});
