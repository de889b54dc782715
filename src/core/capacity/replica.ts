// One replica of a layout (tp × pp GPUs): its memory (KV pool, batch limit), its speed (step and prefill
// times) and the scheduler's prompt budget, built once and shared by the plan, the layout search and the
// layout comparison.

import { sglangGraphDefaults } from '../estimate/runtimes/sglang';
import type { ReplicaModel } from './load';
import { replicaMemory, vllmServeDefaults, type ReplicaMemory } from './memory';
import type { CapacityInput } from './plan';
import { prefillGraphTokens } from './prefill-graphs';
import { replicaSpeed, type ReplicaSpeed } from './speed';
import type { Deployment } from './types';

/** llama-server's logical batch (-b, common.h n_batch = 2048): prompt and decode tokens of all slots. */
export const LLAMA_SERVER_BATCH = 2048;

/**
 * Prompt tokens one scheduler step takes: vLLM V1's max_num_batched_tokens (its serve default by GPU, the
 * decode tokens counted against it), SGLang's chunked_prefill_size (prefill batches apart from decode),
 * llama-server's n_batch (shared with the slots' decode tokens).
 */
export function chunkBudget(c: CapacityInput, d: Deployment): { tokens: number; shared: boolean } {
  if (d.runtime === 'llama.cpp') return { tokens: d.maxBatchedTokens ?? LLAMA_SERVER_BATCH, shared: true };
  if (d.runtime === 'sglang')
    return { tokens: d.maxBatchedTokens ?? sglangGraphDefaults(c.gpu.memoryBytes, d.tp).chunkedPrefill, shared: false };
  return { tokens: d.maxBatchedTokens ?? vllmServeDefaults(c.gpu).maxBatchedTokens, shared: true };
}

export interface Replica {
  memory: ReplicaMemory;
  speed: ReplicaSpeed;
  model: ReplicaModel;
}

/** The replica of `d`'s tp × pp sized for `usersPerReplica` (llama.cpp's slot count follows it). */
export function buildReplica(c: CapacityInput, d: Deployment, usersPerReplica: number): Replica {
  const w = c.workload;
  const requestTokens = w.promptTokens + w.outputTokens;
  const memory = replicaMemory(
    { input: c.input, base: c.base, gpu: c.gpu, deployment: d, requestTokens, ...(c.estimator ? { estimator: c.estimator } : {}) },
    usersPerReplica,
  );
  const fill = (prompt: number, output: number) => Math.round(prompt + output / 2);
  const chunk = chunkBudget(c, d);
  const speed = replicaSpeed({
    runtime: d.runtime,
    memory,
    gpu: c.gpu,
    tp: d.tp,
    pp: d.pp,
    gpusPerNode: d.gpusPerNode,
    meanFill: fill(w.promptTokens, w.outputTokens),
    p95Fill: fill(w.promptP95 ?? w.promptTokens, w.outputP95 ?? w.outputTokens),
    chunkTokens: chunk.tokens,
    prefillGraphTokens: prefillGraphTokens({
      runtime: d.runtime,
      ...(d.runtimeVersion ? { release: d.runtimeVersion } : {}),
      gpu: c.gpu,
      spec: c.input.spec,
      pp: d.pp,
      chunkTokens: chunk.tokens,
    }),
    ...(c.speedCalibration ? { cal: c.speedCalibration } : {}),
  });
  const model: ReplicaModel = {
    speed,
    batchLimit: memory.fits ? memory.pool.batchLimit : 0,
    pp: d.runtime === 'llama.cpp' ? 1 : d.pp,
    chunkTokens: chunk.tokens,
    chunkSharedWithDecode: chunk.shared,
  };
  return { memory, speed, model };
}
