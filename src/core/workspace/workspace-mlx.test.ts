import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../estimate/settings';
import { defaultWorkspace, restoreWorkspace } from './workspace';

function stored(settings: Record<string, unknown>): unknown {
  return JSON.parse(JSON.stringify({ ...defaultWorkspace(), settings }));
}

const mlxSettings = { ...defaultSettings('mlx') };

describe('workspace: MLX options', () => {
  it('keeps every mlx_lm option through a save and a restore', () => {
    const mlx = { kvBits: 4, kvGroupSize: 32, quantizedKvStart: 0, maxKvSize: 4096, prefillStepSize: 512, promptCacheBytes: 2 ** 30 };
    const { workspace, dropped } = restoreWorkspace(stored({ ...mlxSettings, mlx }));
    expect(dropped).toEqual([]);
    expect(workspace.settings.runtime).toBe('mlx');
    expect(workspace.settings.mlx).toEqual(mlx);
  });

  it.each([
    ['a bit width mlx does not have', { kvBits: 7 }],
    ['a group size mlx does not have', { kvGroupSize: 48 }],
    ['a rotating cache of no tokens', { maxKvSize: 0 }],
    ['a fractional prefill step', { prefillStepSize: 100.5 }],
    ['a field mlx_lm does not know', { kvBits: 8, cacheLimit: 3 }],
    ['a number written as text', { kvBits: '8' }],
    ['not an object', [8]],
  ])('drops and names options with %s', (_why, mlx) => {
    const { workspace, dropped } = restoreWorkspace(stored({ ...mlxSettings, context: 4096, mlx }));
    expect(dropped).toEqual(['settings.mlx']);
    expect(workspace.settings.mlx).toBeUndefined();
    // The rest of the settings still restore.
    expect(workspace.settings.context).toBe(4096);
  });

  it('drops MLX options stored with another runtime', () => {
    const { workspace, dropped } = restoreWorkspace(stored({ ...defaultSettings('llama.cpp'), mlx: { kvBits: 8 } }));
    expect(dropped).toEqual(['settings.mlx']);
    expect(workspace.settings.mlx).toBeUndefined();
  });
});
