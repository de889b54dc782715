import { describe, expect, it } from 'vitest';
import { getModel } from '../../catalog';
import { defaultSettings, estimate, validateSettings } from '..';
import { defaultWorkspace, restoreWorkspace, settingsForRuntime } from '../../workspace/workspace';
import type { EstimateSettings } from '../types';
import { advise, planningHardwareFromCatalog } from '../../advice';
import { getGpu } from '../../hardware/gpu-catalog';

const spec = (id: string) => getModel(id)!.spec;
const mlxRun = (over: Partial<EstimateSettings>): EstimateSettings => ({ ...defaultSettings('mlx'), ...over });

describe('MLX runtime', () => {
  it('grows the KV cache in 256-token steps in the model dtype', () => {
    // Llama 3.1 8B: 32 layers × 8 KV heads × 128 × (K + V) × 2 B = 131,072 B per token.
    const e = estimate({ spec: spec('llama-3.1-8b-instruct') }, mlxRun({ context: 1000 }));
    expect(e.kvCache.contextAllocated).toBe(1024);
    expect(e.kvCache.bytes).toBe(1024 * 131072);
  });

  it('quantises the cache with --kv-bits only past --quantized-kv-start', () => {
    const s = spec('llama-3.1-8b-instruct');
    const row8 = 32 * 2 * 8 * (128 + (128 / 64) * 4); // codes + scale + bias per group of 64
    const quantised = estimate({ spec: s }, mlxRun({ context: 32768, mlx: { kvBits: 8 } }));
    expect(quantised.kvCache.bytes).toBe(32768 * row8);
    // Below the 5000-token start the cache never switches.
    const short = estimate({ spec: s }, mlxRun({ context: 4096, mlx: { kvBits: 8 } }));
    expect(short.kvCache.bytes).toBe(4096 * 131072);
    // q8_0 in the shared picker means --kv-bits 8.
    expect(estimate({ spec: s }, mlxRun({ context: 32768, kvTypeK: 'q8_0', kvTypeV: 'q8_0' })).kvCache.bytes).toBe(32768 * row8);
    // With a start of 0 and a short context the quantised cache is all there is.
    const early = estimate({ spec: s }, mlxRun({ context: 4096, mlx: { kvBits: 4, quantizedKvStart: 0 } }));
    const row4 = 32 * 2 * 8 * (64 + (128 / 64) * 4);
    expect(early.kvCache.bytes).toBe(Math.max(4096 * row4, 2048 * (131072 + row4)));
  });

  it('caps a rotating cache at --max-kv-size plus one prefill chunk', () => {
    const e = estimate({ spec: spec('llama-3.1-8b-instruct') }, mlxRun({ context: 65536, mlx: { maxKvSize: 4096 } }));
    expect(e.kvCache.contextAllocated).toBe(4096 + 2048 - 1);
    expect(e.kvCache.bytes).toBe((4096 + 2047) * 131072);
  });

  it('materialises attention scores only where no fused prefill kernel exists', () => {
    const fused = estimate({ spec: spec('llama-3.1-8b-instruct') }, mlxRun({ context: 32768 }));
    expect(fused.compute.basis).toMatch(/fused attention/);
    // Qwen3.5: head_dim 256 has no fused prefill kernel: 16 heads × 2047 × 32768 × 2 B of scores.
    const unfused = estimate({ spec: spec('qwen3.5-9b') }, mlxRun({ context: 32768 }));
    expect(unfused.compute.bytes).toBeGreaterThan(16 * 2047 * 32768 * 2);
    const smaller = estimate({ spec: spec('qwen3.5-9b') }, mlxRun({ context: 32768, mlx: { prefillStepSize: 512 } }));
    expect(smaller.compute.bytes).toBeLessThan(unfused.compute.bytes / 3);
  });

  it('counts the server prompt cache when capped, and refuses what mlx_lm refuses', () => {
    const e = estimate({ spec: spec('qwen3-4b-instruct-2507') }, mlxRun({ mlx: { promptCacheBytes: 2e9 } }));
    expect(e.overheadPerGpu.bytes).toBe(2e9);
    expect(() => validateSettings(mlxRun({ mlx: { kvBits: 7 } }))).toThrow(/--kv-bits/);
    expect(() => validateSettings(mlxRun({ mlx: { kvGroupSize: 16 } }))).toThrow(/--kv-group-size/);
    expect(() => validateSettings(mlxRun({ mlx: { maxKvSize: 0 } }))).toThrow(/--max-kv-size/);
  });

  it('keeps a memo per MLX option (a changed option is a new estimate)', () => {
    const s = spec('llama-3.1-8b-instruct');
    const a = estimate({ spec: s }, mlxRun({ context: 16384 }));
    const b = estimate({ spec: s }, mlxRun({ context: 16384, mlx: { maxKvSize: 2048 } }));
    expect(b.kvCache.bytes).toBeLessThan(a.kvCache.bytes);
  });

  it('places every byte, the token embedding included, in the memory Metal wires', () => {
    const hw = planningHardwareFromCatalog(getGpu('apple-m3-max-64gb')!, 1);
    const adv = advise({ spec: spec('llama-3.1-70b-instruct') }, mlxRun({ context: 8192 }), hw);
    expect(adv.cpuBytes).toBeLessThan(1024 * 1024);
    expect(adv.devices[0]!.usedBytes).toBeGreaterThan(adv.estimate.totalBytes - 1024 * 1024);
  });

  it('is a runtime the planner can switch to and a saved workspace keeps', () => {
    const ws = defaultWorkspace();
    const s = settingsForRuntime({ ...ws.settings, context: 8192, kvTypeK: 'q8_0', kvTypeV: 'q8_0' }, 'mlx', 4, null);
    expect(s).toMatchObject({ runtime: 'mlx', quant: 'mlx-4bit', context: 8192 });
    expect(() => validateSettings(s)).not.toThrow();
    const restored = restoreWorkspace(JSON.parse(JSON.stringify({ ...ws, settings: s })));
    expect(restored.workspace.settings.runtime).toBe('mlx');
    expect(restored.workspace.settings.quant).toBe('mlx-4bit');
  });
});
