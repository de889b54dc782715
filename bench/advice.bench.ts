// The advisor runs on every slider move: advise() without the max-context search must stay well under
// 1 ms for typical models, and the exact max-context search a few ms.

import { advise, maxContextThatFits, planningHardwareFromCatalog } from '../src/core/advice/index';
import { defaultSettings, specFromParameterCount } from '../src/core/estimate/index';
import { getGpu } from '../src/core/hardware/gpu-catalog';
import { GiB } from '../src/core/units';
import { median, type BenchRow } from './types';

function time(fn: () => void, runs: number): number {
  for (let i = 0; i < Math.min(20, runs); i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

export default async function bench(): Promise<BenchRow[]> {
  const rtx = getGpu('rtx-4090') ?? getGpu('geforce-rtx-4090');
  const a100 = getGpu('a100-pcie-80gb');
  if (!rtx || !a100) return [{ metric: 'advice bench: GPU catalog entries missing', value: NaN, unit: '' }];
  const input8b = { spec: specFromParameterCount(8e9) };
  const input70b = { spec: specFromParameterCount(70e9) };
  const one4090 = planningHardwareFromCatalog(rtx, 1, 64 * GiB);
  const two4090 = planningHardwareFromCatalog(rtx, 2, 64 * GiB);
  const twoA100 = planningHardwareFromCatalog(a100, 2, 256 * GiB);
  const ll = { ...defaultSettings('llama.cpp'), quant: 'Q4_K_M', context: 8192 };
  const vl = { ...defaultSettings('vllm'), quant: 'bf16', context: 8192 };
  const fast = { maxContextSearch: false, remedies: false } as const;

  const rows: BenchRow[] = [];
  const perCall = time(() => advise(input8b, ll, one4090, fast), 300);
  rows.push({
    metric: 'advise() 8B Q4_K_M, 1 GPU (no search, no remedies)',
    value: perCall * 1000,
    unit: 'µs',
    target: '< 1000 µs',
    ok: perCall < 1,
  });
  const offload = time(() => advise(input70b, ll, one4090, fast), 200);
  rows.push({
    metric: 'advise() 70B Q4_K_M offload, 1 GPU (no search)',
    value: offload * 1000,
    unit: 'µs',
    target: '< 1000 µs',
    ok: offload < 1,
  });
  const split = time(() => advise(input70b, ll, two4090, fast), 200);
  rows.push({
    metric: 'advise() 70B Q4_K_M, 2 GPUs layer split (no search)',
    value: split * 1000,
    unit: 'µs',
    target: '< 1000 µs',
    ok: split < 1,
  });
  const vllm = time(() => advise(input70b, vl, twoA100, fast), 200);
  rows.push({ metric: 'advise() 70B bf16 vLLM TP=2 (no search)', value: vllm * 1000, unit: 'µs', target: '< 1000 µs', ok: vllm < 1 });
  // 70B Q4_K_M on 2 × 24 GB fits only below the model's maximum context, so the search bisects.
  const search = time(() => maxContextThatFits(input70b, { ...ll, quant: 'Q3_K_M' }, two4090), 50);
  rows.push({ metric: 'maxContextThatFits() 70B Q3_K_M, 2 GPUs (bisection)', value: search, unit: 'ms', target: '< 5 ms', ok: search < 5 });
  const full = time(() => advise(input70b, ll, two4090), 30);
  rows.push({ metric: 'advise() 70B Q4_K_M, 2 GPUs, with search and remedies', value: full, unit: 'ms', target: '< 20 ms', ok: full < 20 });
  return rows;
}
