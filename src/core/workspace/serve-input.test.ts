import { describe, expect, it } from 'vitest';
import { capacity, sweepGrid, sweepUsers } from '../capacity/index';
import { getModel } from '../catalog';
import { defaultSettings } from '../estimate';
import { defaultServeSettings } from './workspace-serve';
import { serveDeployment, serveGpu, serveInput, serveWorkload } from './serve-input';

const h100 = Array.from({ length: 8 }, () => ({ catalogId: 'h100-sxm' }));

describe('Serve inputs', () => {
  it('take the catalog GPU and its count from the planned devices', () => {
    const hw = serveGpu([{ catalogId: null }, ...h100]);
    expect(hw?.gpu.id).toBe('h100-sxm');
    expect(hw?.count).toBe(8);
    expect(serveGpu([{ catalogId: null }])).toBeNull();
  });

  it('search layouts as the CLI does when neither TP nor PP is pinned; a pinned one keeps the other at its default', () => {
    const s = defaultServeSettings();
    expect(serveDeployment(s, 8)).toEqual({ runtime: 'vllm', gpusPerNode: 8, tp: 8, pp: 1, nodes: 1, searchLayouts: true });
    expect(serveDeployment({ ...s, nodes: 2 }, 8)).toMatchObject({ tp: 8, pp: 2, searchLayouts: true });
    expect(serveDeployment({ ...s, runtime: 'llama.cpp', nodes: 2 }, 4)).toMatchObject({ tp: 1, pp: 8, searchLayouts: true });
    expect(serveDeployment({ ...s, tp: 4, pp: 2 }, 8)).toEqual({ runtime: 'vllm', gpusPerNode: 8, tp: 4, pp: 2, nodes: 1 });
    expect(serveDeployment({ ...s, tp: 4 }, 8)).toEqual({ runtime: 'vllm', gpusPerNode: 8, tp: 4, pp: 1, nodes: 1 });
    expect(serveDeployment({ ...s, pp: 2, nodes: 2 }, 8)).toEqual({ runtime: 'vllm', gpusPerNode: 8, tp: 8, pp: 2, nodes: 2 });
  });

  it('hand a burst run its prompt count (0 = one wave), never fewer prompts than users, and nothing to steady users', () => {
    const s = { ...defaultServeSettings(), users: 64 };
    expect(serveWorkload({ ...s, arrival: 'burst', promptsPerRun: 0 })).not.toHaveProperty('promptsPerRun');
    expect(serveWorkload({ ...s, arrival: 'burst', promptsPerRun: 640 }).promptsPerRun).toBe(640);
    expect(serveWorkload({ ...s, arrival: 'burst', promptsPerRun: 10 }).promptsPerRun).toBe(64);
    expect(serveWorkload({ ...s, arrival: 'steady', promptsPerRun: 640 })).not.toHaveProperty('promptsPerRun');
    expect(serveWorkload({ ...s, load: 'rate', arrival: 'burst', promptsPerRun: 640 })).not.toHaveProperty('promptsPerRun');
  });

  it('price vLLM 0.11.1–0.16 when the user picks it: a smaller pool, and the plan says which release', () => {
    const s = defaultServeSettings();
    expect(serveDeployment({ ...s, vllmRelease: 'sorting' }, 8)).toMatchObject({ runtimeVersion: '0.16.0' });
    expect(serveDeployment({ ...s, vllmRelease: 'sorting', runtime: 'sglang' }, 8)).not.toHaveProperty('runtimeVersion');
    expect(serveDeployment(s, 8)).not.toHaveProperty('runtimeVersion');
    const spec = getModel('llama-3.1-70b-instruct')!.spec;
    const plan = (vllmRelease: 'newest' | 'sorting') =>
      capacity({
        ...serveInput({ spec }, { ...defaultSettings('llama.cpp'), context: 8192 }, { ...s, tp: 4, vllmRelease }, serveGpu(h100)!, {
          bits: 8,
          quant: null,
        }),
        layouts: false,
      });
    const [newest, sorting] = [plan('newest'), plan('sorting')];
    // H100's default 1,024 sequences × Llama's 128,256-entry vocabulary × 24 B more, per GPU, less the smaller
    // non-torch share those releases profile at TP 4 over NVLink (2.1 − 0.7 GiB).
    const gib = (1024 * 128256 * 24) / 1024 ** 3 - 1.4;
    expect((newest.pool.kvPoolBytesPerGpu - sorting.pool.kvPoolBytesPerGpu) / 1024 ** 3).toBeCloseTo(gib, 1);
    expect(sorting.notes.map((n) => n.key)).toEqual(expect.arrayContaining(['capacity.note.vllmRelease', 'capacity.note.vllmReleaseNvls']));
    expect(newest.notes.map((n) => n.key)).not.toContain('capacity.note.vllmRelease');
    expect(newest.notes.map((n) => n.key)).not.toContain('capacity.note.vllmReleaseNvls');
  });

  it('send users or a rate, never both, and keep p95 at or above the mean', () => {
    const s = defaultServeSettings();
    expect(serveWorkload(s)).toMatchObject({
      users: 64,
      arrival: 'steady',
      promptTokens: 1024,
      outputTokens: 256,
      ttftP95S: 2,
      tpotP95Ms: 60,
    });
    expect(serveWorkload({ ...s, arrival: 'burst' }).arrival).toBe('burst');
    const r = serveWorkload({ ...s, load: 'rate', rate: 3, promptP95: 100, arrival: 'burst' });
    expect(r.users).toBeUndefined();
    expect(r.arrival).toBeUndefined();
    expect(r.rate).toBe(3);
    expect(r.promptP95).toBe(1024);
  });

  it('give the CLI example capacity on 8 × H100, and a 1–512 user sweep within the 50 ms budget', () => {
    const spec = getModel('llama-3.1-70b-instruct')!.spec;
    const hw = serveGpu(h100)!;
    const input = serveInput({ spec }, { ...defaultSettings('llama.cpp'), context: 8192 }, defaultServeSettings(), hw, {
      bits: 16,
      quant: null,
    });
    expect(input.base.runtime).toBe('vllm');
    expect(input.base.quant).toBe('bf16');
    const plan = capacity({ ...input, layouts: false });
    expect(plan.layoutChoice.searched).toBe(true);
    expect(plan.deployment.tp * plan.deployment.pp).toBeLessThanOrEqual(8);
    expect(plan.pool.maxConcurrency).toBeGreaterThan(64);
    const grid = sweepGrid(512);
    const t0 = performance.now();
    const points = sweepUsers(plan.model, input.workload, plan.deployment.replicas, grid);
    const ms = performance.now() - t0;
    expect(points.every((p) => p !== null)).toBe(true);
    // The charts follow the sliders: issue 17's budget for a 1–512 user sweep (measured here: under 1 ms).
    expect(ms).toBeLessThan(50);
  });
});
