// The Serve view redraws its load chart on every slider move: one capacity() (memory, speed, knee, GPUs
// needed, no layout comparison) plus a sweep of every user count from 1 to 512 must stay within 50 ms.
// With TP/PP left to the planner (the view's default) capacity() also searches the layouts: timed apart.

import { capacity, sweepUsers } from '../src/core/capacity/index';
import { getModel } from '../src/core/catalog';
import { defaultSettings } from '../src/core/estimate/index';
import { getGpu } from '../src/core/hardware/gpu-catalog';
import { median, type BenchRow } from './types';

function time(fn: () => void, runs: number): number {
  for (let i = 0; i < 3; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

export default async function bench(): Promise<BenchRow[]> {
  const model = getModel('llama-3.1-70b-instruct');
  const gpu = getGpu('h100-sxm');
  if (!model || !gpu) return [{ metric: 'capacity bench: catalog entries missing', value: NaN, unit: '' }];
  const users = Array.from({ length: 512 }, (_, i) => i + 1);
  const run =
    (runtime: 'vllm' | 'llama.cpp', searchLayouts = false) =>
    () => {
      const plan = capacity({
        input: { spec: model.spec },
        base: { ...defaultSettings(runtime), quant: runtime === 'vllm' ? 'bf16' : 'Q4_K_M' },
        gpu,
        workload: { users: 64, promptTokens: 1024, outputTokens: 256, ttftP95S: 2, tpotP95Ms: 60 },
        deployment: {
          runtime,
          gpusPerNode: runtime === 'vllm' ? 4 : 2,
          tp: runtime === 'vllm' ? 4 : 1,
          pp: runtime === 'vllm' ? 1 : 2,
          nodes: 1,
          ...(searchLayouts ? { gpusPerNode: 8, searchLayouts: true } : {}),
        },
        layouts: false,
      });
      sweepUsers(plan.model, plan.workload, plan.deployment.replicas, users);
    };
  const vllm = time(run('vllm'), 15);
  const llama = time(run('llama.cpp'), 15);
  const searched = time(run('vllm', true), 15);
  return [
    { metric: 'capacity() + sweep 1–512 users, 70B vLLM TP 4', value: vllm, unit: 'ms', target: '≤ 50 ms', ok: vllm <= 50 },
    { metric: 'capacity() + sweep 1–512 users, 70B llama.cpp 2 GPUs', value: llama, unit: 'ms', target: '≤ 50 ms', ok: llama <= 50 },
    {
      metric: 'capacity() with layout search + sweep, 70B vLLM on 8-GPU nodes',
      value: searched,
      unit: 'ms',
      target: '≤ 50 ms',
      ok: searched <= 50,
    },
  ];
}
