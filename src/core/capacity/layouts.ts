// The same GPUs split other ways: tensor parallel inside a node (fewer, faster replicas; all-reduces over
// NVLink or PCIe; KV heads replicated once tp exceeds them), pipeline parallel across nodes (more memory per
// replica, a network hop per stage), and data-parallel replicas of whatever fits. Each layout is scored by
// its goodput: output tokens/s at the most users it serves within the targets (or with every slot busy).

import type { Layout } from './types';
import type { ReplicaModel } from './load';
import { replicaMemory } from './memory';
import type { CapacityInput } from './plan';
import { kneeUsers, loadOn } from './sizing';
import { replicaSpeed } from './speed';

function powersOfTwo(max: number): number[] {
  const out: number[] = [];
  for (let n = 1; n <= max; n *= 2) out.push(n);
  return out;
}

function layoutOf(c: CapacityInput, requestTokens: number, tp: number, pp: number): Layout {
  const d = c.deployment;
  const total = d.gpusPerNode * d.nodes;
  const replicas = Math.floor(total / (tp * pp));
  const deployment = { ...d, tp, pp };
  const w = c.workload;
  const memory = replicaMemory(
    { input: c.input, base: c.base, gpu: c.gpu, deployment, requestTokens, ...(c.estimator ? { estimator: c.estimator } : {}) },
    (w.users ?? 64) / replicas,
  );
  const base: Layout = {
    tp,
    pp,
    replicas,
    gpus: replicas * tp * pp,
    fits: memory.fits,
    kvPoolTokens: memory.pool.kvPoolTokens,
    maxConcurrency: memory.pool.maxConcurrency,
    goodputTokensPerSecond: 0,
    note: '',
  };
  if (!memory.fits) return base;
  const speed = replicaSpeed({
    runtime: d.runtime,
    memory,
    gpu: c.gpu,
    tp,
    pp,
    gpusPerNode: d.gpusPerNode,
    meanFill: Math.round(w.promptTokens + w.outputTokens / 2),
    p95Fill: Math.round((w.promptP95 ?? w.promptTokens) + (w.outputP95 ?? w.outputTokens) / 2),
    ...(c.speedCalibration ? { cal: c.speedCalibration } : {}),
  });
  const model: ReplicaModel = { speed, batchLimit: memory.pool.batchLimit, pp: d.runtime === 'llama.cpp' ? 1 : pp };
  const cap = model.batchLimit * replicas;
  const knee = kneeUsers(model, w, replicas, Math.max(1, cap));
  const users = knee ?? cap;
  const at = users > 0 ? loadOn(model, { ...w, rate: undefined, users }, replicas) : null;
  const notes: string[] = [];
  if (memory.pool.replicatedKv) notes.push('KV heads replicated');
  if (tp > d.gpusPerNode) notes.push('tensor parallel across nodes');
  if (pp > 1) notes.push(pp > d.nodes ? 'pipeline within a node' : 'pipeline across nodes');
  return { ...base, goodputTokensPerSecond: at?.outputTokensPerSecond.value ?? 0, note: notes.join('; ') };
}

/** Up to 12 layouts of the deployment's GPUs, best goodput first. */
export function compareLayouts(c: CapacityInput, requestTokens: number): Layout[] {
  const d = c.deployment;
  const total = d.gpusPerNode * d.nodes;
  const tps = d.runtime === 'llama.cpp' ? [1] : powersOfTwo(d.gpusPerNode);
  const pps = [...new Set([1, ...powersOfTwo(d.runtime === 'llama.cpp' ? total : Math.max(1, d.nodes)), d.pp])].sort((a, b) => a - b);
  const out: Layout[] = [];
  for (const tp of tps) {
    for (const pp of pps) {
      if (tp * pp > total || out.length >= 12) continue;
      out.push(layoutOf(c, requestTokens, tp, pp));
    }
  }
  return out.sort((a, b) => b.goodputTokensPerSecond - a.goodputTokensPerSecond);
}
