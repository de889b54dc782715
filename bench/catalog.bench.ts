// Catalog look-ups run on every keystroke in the model and GPU pickers, so each must stay far below
// a frame: target under 5 ms per search.

import { MODEL_CATALOG, searchModels } from '../src/core/catalog';
import { findGpus, matchGpuCatalog } from '../src/core/hardware/gpu-catalog';
import { median, type BenchRow } from './types';

const MODEL_QUERIES = ['', 'llama', '70b', 'qwen coder', 'r1 distill', 'gemma 3 27b', 'moe', 'zzz-no-match', 'q', '8x7b'];
const GPU_QUERIES = ['', '4090', 'a100 80gb', 'm4 max', 'radeon', 'h100 sxm', 'arc'];
const DEVICES = [
  { name: 'NVIDIA GeForce RTX 4090', pciId: '10de:2684', memoryBytes: 24564 * 2 ** 20 },
  { name: 'NVIDIA H100 80GB HBM3', pciId: null, memoryBytes: 81559 * 2 ** 20 },
  { name: 'AMD Radeon Graphics', pciId: '1002:744c', memoryBytes: 24 * 2 ** 30 },
  { name: 'Apple M4 Max', pciId: null, memoryBytes: 128 * 2 ** 30 },
];

/** Median milliseconds per call of `fn` over `rounds` rounds of `perRound` calls. */
function time(fn: () => void, rounds = 25, perRound = 20): number {
  for (let i = 0; i < perRound; i++) fn(); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < perRound; i++) fn();
    samples.push((performance.now() - t0) / perRound);
  }
  return median(samples);
}

export default async function bench(): Promise<BenchRow[]> {
  const target = 5;
  let q = 0;
  const search = time(() => {
    searchModels(MODEL_QUERIES[q++ % MODEL_QUERIES.length]!, {}, 'params');
  });
  let g = 0;
  const gpu = time(() => {
    findGpus(GPU_QUERIES[g++ % GPU_QUERIES.length]!);
  });
  let d = 0;
  const match = time(() => {
    matchGpuCatalog(DEVICES[d++ % DEVICES.length]!);
  });
  return [
    { metric: `searchModels per query (${MODEL_CATALOG.length} models)`, value: search, unit: 'ms', target: '< 5 ms', ok: search < target },
    { metric: 'findGpus per query', value: gpu, unit: 'ms', target: '< 5 ms', ok: gpu < target },
    { metric: 'matchGpuCatalog per device', value: match, unit: 'ms', target: '< 5 ms', ok: match < target },
  ];
}
