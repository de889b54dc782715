import { describe, expect, it } from 'vitest';
import { getModel } from '../catalog';
import { defaultSettings, estimate } from '../estimate/index';
import type { EstimateSettings } from '../estimate/types';
import { getGpu } from '../hardware/gpu-catalog';
import { GiB } from '../units';
import { evaluate } from './evaluate';
import { planningHardwareFromCatalog } from './hardware';
import { speedInputsFor } from './speed-plan';

function inputs(modelId: string, gpuId: string, settings: Partial<EstimateSettings>, fill: number) {
  const runtime = settings.runtime ?? 'vllm';
  const est = estimate({ spec: getModel(modelId)!.spec }, { ...defaultSettings(runtime), ...settings });
  const hw = planningHardwareFromCatalog(getGpu(gpuId)!, 1, 256 * GiB);
  return speedInputsFor(est, evaluate(est, hw).placement, hw, fill);
}

describe('speed segments', () => {
  it('runs an FP8 checkpoint’s GEMMs at the FP8 peak under vLLM where the GPU has FP8 tensor cores', () => {
    const h100 = inputs('llama-3.1-8b-instruct', 'h100-sxm', { quant: 'fp8', context: 4096 }, 1024).segments[0]!;
    expect(h100.tflops).toBe(989);
    expect(h100.gemmTflops).toBe(1979);
    // Ampere has no FP8 tensor cores: vLLM dequantises (Marlin FP8) and the 16-bit peak holds.
    const a100 = inputs('llama-3.1-8b-instruct', 'a100-sxm4-80gb', { quant: 'fp8', context: 4096 }, 1024).segments[0]!;
    expect(a100.gemmTflops).toBeUndefined();
    const bf16 = inputs('llama-3.1-8b-instruct', 'h100-sxm', { quant: 'bf16', context: 4096 }, 1024).segments[0]!;
    expect(bf16.gemmTflops).toBeUndefined();
    const gguf = inputs('llama-3.1-8b-instruct', 'h100-sxm', { runtime: 'llama.cpp', quant: 'Q8_0', context: 4096 }, 1024).segments[0]!;
    expect(gguf.gemmTflops).toBeUndefined();
  });

  it('moves a recurrent layer’s whole state twice per token, at any fill, and gives it no attention FLOPs', () => {
    const settings = { quant: 'fp8', context: 8192 } as const;
    const short = inputs('nemotron-3-nano-30b-a3b', 'h200', settings, 256).segments[0]!;
    const long = inputs('nemotron-3-nano-30b-a3b', 'h200', settings, 8192).segments[0]!;
    const est = estimate({ spec: getModel('nemotron-3-nano-30b-a3b')!.spec }, { ...defaultSettings('vllm'), ...settings });
    const stateLayers = est.model.recurrent!.layers;
    const state = stateLayers.reduce((a, i) => a + est.kvCache.perLayer[i]!, 0);
    const kv = est.kvCache.bytes - state;
    expect(state).toBeGreaterThan(0);
    // 23 Mamba-2 layers read and write their state in full; the 6 attention layers read KV up to the fill.
    expect(short.kvBytes).toBeCloseTo(2 * state + (kv * 256) / 8192, 0);
    expect(long.kvBytes).toBeCloseTo(2 * state + kv, 0);
    // Attention FLOPs per prompt token: only the attention layers, 2 · (fill/2) · heads · (d_k + d_v) each.
    const m = est.model;
    const attentionLayers = m.layers - stateLayers.length - m.moe!.layers!.length;
    expect(long.attentionFlops).toBeCloseTo(attentionLayers * 2 * 4096 * m.heads * (m.headDimK + m.headDimV), 0);
  });
});
