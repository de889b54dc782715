import { describe, expect, it } from 'vitest';
import { capacity } from '../capacity/index';
import { getModel } from '../catalog';
import { defaultSettings } from '../estimate';
import { getGpu } from '../hardware/gpu-catalog';
import { layoutNote } from './layout-notes';

describe('layout notes', () => {
  it('says every note the layout comparison writes in Japanese', () => {
    const p = capacity({
      input: { spec: getModel('llama-3.1-70b-instruct')!.spec },
      base: defaultSettings('vllm'),
      gpu: getGpu('h100-sxm')!,
      workload: { users: 64, promptTokens: 1024, outputTokens: 256 },
      deployment: { runtime: 'vllm', gpusPerNode: 8, tp: 8, pp: 2, nodes: 2 },
    });
    const notes = p.layouts.map((l) => l.note).filter(Boolean);
    expect(notes.length).toBeGreaterThan(0);
    for (const n of notes) expect(layoutNote('ja', n), n).not.toMatch(/[a-z]{3,}/);
    expect(layoutNote('en', 'KV heads replicated; pipeline across nodes')).toBe('KV heads replicated; pipeline across nodes');
    expect(layoutNote('ja', 'something new')).toBe('something new');
  });
});
