import { describe, expect, it } from 'vitest';
import { defaultWorkspace, restoreWorkspace, settingsForRuntime } from './workspace';
import { defaultSettings } from '../estimate/settings';

describe('workspace restore', () => {
  it('round-trips a full workspace unchanged', () => {
    const ws = defaultWorkspace();
    ws.model = { kind: 'catalog', id: 'qwen3-8b' };
    ws.selectedBits = 8;
    ws.selectedQuant = 'Q6_K';
    ws.section = 'compare';
    ws.hardware = {
      mode: 'custom',
      customGpus: [{ catalogId: 'rtx-4090', vramGiB: 24, count: 2, source: 'catalog' }],
      customRamGiB: 128,
      ramBandwidthGBps: 90,
      profileName: 'box',
      useFreeMemory: false,
    };
    ws.settings = { ...ws.settings, context: 32768, parallel: 4, kvTypeK: 'q8_0', kvTypeV: 'q8_0', flashAttention: false };
    const { workspace, dropped } = restoreWorkspace(JSON.parse(JSON.stringify(ws)));
    expect(dropped).toEqual([]);
    expect(workspace).toEqual(ws);
  });

  it('keeps the valid fields of a damaged file and names the dropped ones', () => {
    const { workspace, dropped } = restoreWorkspace({
      version: 99,
      model: { kind: 'catalog', id: 'gemma-3-27b-it' },
      selectedBits: 5,
      section: 'nowhere',
      hardware: { mode: 'custom', customGpus: [{ catalogId: null, vramGiB: 24, count: 0 }], useFreeMemory: true },
      settings: { runtime: 'llama.cpp', context: -5, parallel: 2, kvTypeK: 'fp8', quant: 'Q5_K_M' },
    });
    expect(workspace.model).toEqual({ kind: 'catalog', id: 'gemma-3-27b-it' });
    expect(workspace.selectedBits).toBe(4);
    expect(workspace.section).toBe('hardware');
    expect(workspace.hardware.mode).toBe('custom');
    expect(workspace.hardware.customGpus).toEqual([]);
    expect(workspace.settings.parallel).toBe(2);
    expect(workspace.settings.quant).toBe('Q5_K_M');
    expect(workspace.settings.context).toBe(8192);
    expect(workspace.settings.kvTypeK).toBe('f16');
    expect(dropped).toEqual(
      expect.arrayContaining(['selectedBits', 'section', 'hardware.customGpus', 'settings.context', 'settings.kvTypeK']),
    );
  });

  it('treats garbage as the defaults', () => {
    expect(restoreWorkspace('nonsense').workspace).toEqual(defaultWorkspace());
    expect(restoreWorkspace(null).dropped).toEqual([]);
  });

  it('drops a quant that does not run on the stored runtime', () => {
    const r = restoreWorkspace({ settings: { runtime: 'vllm', quant: 'Q4_K_M' }, selectedQuant: 'Q4_K_M' });
    expect(r.workspace.settings.quant).toBe('bf16');
    expect(r.workspace.selectedQuant).toBeNull();
    expect(r.dropped).toEqual(expect.arrayContaining(['settings.quant', 'selectedQuant']));
  });
});

describe('switching runtime', () => {
  it('keeps what still applies and resets the rest', () => {
    const cur = { ...defaultSettings('llama.cpp'), context: 32768, parallel: 3, kvTypeK: 'q8_0' as const, flashAttention: false };
    const next = settingsForRuntime(cur, 'vllm', 8, 'Q6_K');
    expect(next.runtime).toBe('vllm');
    expect(next.context).toBe(32768);
    expect(next.parallel).toBe(3);
    expect(next.flashAttention).toBe(false);
    expect(next.kvTypeK).toBe('bf16');
    expect(next.quant).not.toBe('Q6_K');
    const back = settingsForRuntime({ ...next, kvTypeK: 'fp8' }, 'llama.cpp', 8, null);
    expect(back.kvTypeK).toBe('f16');
    expect(back.quant).toBe('Q8_0');
  });
});
