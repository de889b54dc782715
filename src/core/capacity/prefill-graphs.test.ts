import { describe, expect, it } from 'vitest';
import { SPEED_CALIBRATION } from '../advice/speed-calibration';
import { getModel } from '../catalog';
import { defaultSettings } from '../estimate/index';
import { getGpu } from '../hardware/gpu-catalog';
import { capacity } from './plan';
import { prefillGraphTokens, VLLM_GRAPH_TOKENS, type PrefillGraphSetup } from './prefill-graphs';
import { eagerPrefill } from './speed';

const h100 = getGpu('h100-sxm')!;
const mi300x = getGpu('instinct-mi300x')!;
const arc = getGpu('arc-pro-b60')!;
const qwen32b = getModel('qwen3-32b')!.spec;
const r1 = getModel('deepseek-r1')!.spec;
const next = getModel('qwen3-next-80b-a3b-instruct')!.spec;
const nemotron = getModel('nemotron-3-nano-30b-a3b')!.spec;

const setup = (over: Partial<PrefillGraphSetup>): PrefillGraphSetup => ({
  runtime: 'sglang',
  gpu: h100,
  spec: qwen32b,
  pp: 1,
  chunkTokens: 8192,
  ...over,
});

describe('prefill CUDA graphs by runtime and release', () => {
  it('vLLM V1 replays passes of up to 512 tokens; V0, XPU and builds before 0.8 run every prefill eager', () => {
    expect(prefillGraphTokens(setup({ runtime: 'vllm' }))).toBe(VLLM_GRAPH_TOKENS);
    expect(prefillGraphTokens(setup({ runtime: 'vllm', release: '0.8.5' }))).toBe(512);
    expect(prefillGraphTokens(setup({ runtime: 'vllm', release: '0.7.3' }))).toBe(0);
    expect(prefillGraphTokens(setup({ runtime: 'vllm', release: 'V0 (2024-12)' }))).toBe(0);
    expect(prefillGraphTokens(setup({ runtime: 'vllm', release: 'n/a (2025-02)' }))).toBe(0);
    expect(prefillGraphTokens(setup({ runtime: 'vllm', release: 'n/a (2025-10)' }))).toBe(512);
    expect(prefillGraphTokens(setup({ runtime: 'vllm', gpu: arc }))).toBe(0);
  });

  it('SGLang replays up to its chunk from 0.5.10 on NVIDIA, but not on ROCm, with PP, or for the listed models', () => {
    expect(prefillGraphTokens(setup({ release: '0.5.9' }))).toBe(0);
    expect(prefillGraphTokens(setup({ release: '0.5.10.post1' }))).toBe(8192);
    expect(prefillGraphTokens(setup({ release: '0.5.14', chunkTokens: 16384 }))).toBe(16384);
    expect(prefillGraphTokens(setup({ release: 'n/a (2025-12)' }))).toBe(0);
    expect(prefillGraphTokens(setup({}))).toBe(8192);
    expect(prefillGraphTokens(setup({ gpu: mi300x }))).toBe(0);
    expect(prefillGraphTokens(setup({ pp: 2 }))).toBe(0);
    expect(prefillGraphTokens(setup({ spec: r1 }))).toBe(0);
    expect(prefillGraphTokens(setup({ spec: next }))).toBe(0);
    // Mamba-2 hybrids are not on SGLang's list.
    expect(prefillGraphTokens(setup({ spec: nemotron }))).toBe(8192);
    expect(prefillGraphTokens(setup({ runtime: 'llama.cpp' }))).toBe(0);
  });

  it('a prompt is eager where one of its passes is wider than the graphs', () => {
    expect(eagerPrefill(400, 8192, 512)).toBe(false);
    expect(eagerPrefill(600, 8192, 512)).toBe(true);
    expect(eagerPrefill(20000, 8192, 8192)).toBe(false);
    expect(eagerPrefill(600, 8192, 0)).toBe(true);
    expect(eagerPrefill(0, 8192, 0)).toBe(false);
  });

  it('a one-user TTFT pays the eager cost on SGLang 0.5.9 and not on 0.5.14, the GPU work alike', () => {
    const at = (release: string) =>
      capacity({
        input: { spec: qwen32b },
        base: { ...defaultSettings('sglang') },
        gpu: h100,
        workload: { users: 1, promptTokens: 600, outputTokens: 200 },
        deployment: { runtime: 'sglang', gpusPerNode: 1, tp: 1, pp: 1, nodes: 1, runtimeVersion: release },
        layouts: false,
      });
    const eager = at('0.5.9');
    const graphed = at('0.5.14');
    const cost = SPEED_CALIBRATION.servingFirstTokenSeconds['nvidia-hbm']! * 1000;
    expect(eager.atLoad.ttftMs.value - graphed.atLoad.ttftMs.value).toBeCloseTo(cost, 1);
    expect(eager.atLoad.tpotMs.value).toBeCloseTo(graphed.atLoad.tpotMs.value, 6);
  });
});
