// capacity(): one deployment under one workload. The memory of a replica (memory.ts) sets the KV pool and
// the batch limit; the speed model (speed.ts) sets step and prefill times; the load model (load.ts) turns
// them into latency and throughput; sizing.ts finds the knee and the replicas needed; layouts.ts compares
// other tensor / pipeline / data-parallel splits of the same GPUs.

import type { Estimator } from '../advice/advise';
import type { SpeedCalibration } from '../advice/speed-calibration';
import type { EstimateSettings, ModelInput } from '../estimate/types';
import type { GpuCatalogEntry } from '../hardware/types';
import { costOf, type CostResult } from './cost';
import { compareLayouts } from './layouts';
import type { ReplicaModel } from './load';
import { replicaMemory } from './memory';
import { DEFAULT_PRICES, type PriceTable } from './prices';
import { kneeUsers, loadOn, replicasNeeded, scaledSpeed } from './sizing';
import { replicaSpeed } from './speed';
import type { CapacityResult, CapacityText, Deployment, Workload } from './types';

export class CapacityInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CapacityInputError';
  }
}

export interface CapacityInput {
  input: ModelInput;
  base: EstimateSettings;
  gpu: GpuCatalogEntry;
  workload: Workload;
  deployment: Deployment;
  prices?: PriceTable;
  /** Compare other layouts of the same GPUs (a few more estimates; off for the sliders' hot path). */
  layouts?: boolean;
  estimator?: Estimator;
  /** The speed model's constants (default: the shipped fit); the serving fit varies them. */
  speedCalibration?: SpeedCalibration;
}

export interface CapacityPlan extends CapacityResult {
  cost: CostResult;
  gpusNeededBand: { low: number | null; high: number | null };
  /** The replica model, for sweeps (charts, bench) without rebuilding memory and speed. */
  model: ReplicaModel;
}

function check(w: Workload, d: Deployment): void {
  const pos = (x: number | undefined, name: string) => {
    if (x !== undefined && !(Number.isFinite(x) && x > 0))
      throw new CapacityInputError(`${name} must be a positive number, not ${String(x)}.`);
  };
  if ((w.users === undefined) === (w.rate === undefined)) throw new CapacityInputError('Give either a number of users or a request rate.');
  pos(w.users, 'Users');
  pos(w.rate, 'Request rate');
  pos(w.promptTokens, 'Prompt tokens');
  pos(w.outputTokens, 'Output tokens');
  pos(w.ttftP95S, 'TTFT target');
  pos(w.tpotP95Ms, 'TPOT target');
  if (w.sharedPrefix !== undefined && !(w.sharedPrefix >= 0 && w.sharedPrefix < 1))
    throw new CapacityInputError('The shared prefix is a share from 0 to below 1.');
  for (const [k, v] of [
    ['tp', d.tp],
    ['pp', d.pp],
    ['nodes', d.nodes],
    ['GPUs per node', d.gpusPerNode],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new CapacityInputError(`${k} must be a whole number of at least 1, not ${String(v)}.`);
  }
  if (d.tp * d.pp > d.gpusPerNode * d.nodes) {
    throw new CapacityInputError(`tp ${d.tp} × pp ${d.pp} needs ${d.tp * d.pp} GPUs; the plan has ${d.gpusPerNode * d.nodes}.`);
  }
  if (d.runtime === 'llama.cpp' && d.tp > 1)
    throw new CapacityInputError('llama.cpp has no tensor parallelism here; split layers with --pp (RPC across nodes).');
}

export function capacity(c: CapacityInput): CapacityPlan {
  const { workload: w, deployment: d } = c;
  check(w, d);
  const replicas = Math.floor((d.gpusPerNode * d.nodes) / (d.tp * d.pp));
  const requestTokens = w.promptTokens + w.outputTokens;
  const usersPerReplica = w.users !== undefined ? w.users / replicas : 64;
  const memory = replicaMemory(
    { input: c.input, base: c.base, gpu: c.gpu, deployment: d, requestTokens, ...(c.estimator ? { estimator: c.estimator } : {}) },
    usersPerReplica,
  );
  const fill = (prompt: number, output: number) => Math.round(prompt + output / 2);
  const speed = replicaSpeed({
    runtime: d.runtime,
    memory,
    gpu: c.gpu,
    tp: d.tp,
    pp: d.pp,
    gpusPerNode: d.gpusPerNode,
    meanFill: fill(w.promptTokens, w.outputTokens),
    p95Fill: fill(w.promptP95 ?? w.promptTokens, w.outputP95 ?? w.outputTokens),
    ...(c.speedCalibration ? { cal: c.speedCalibration } : {}),
  });
  const model: ReplicaModel = { speed, batchLimit: memory.fits ? memory.pool.batchLimit : 0, pp: d.runtime === 'llama.cpp' ? 1 : d.pp };
  const empty = { value: 0, low: 0, high: 0 };
  const atLoad = loadOn(model, w, replicas) ?? {
    users: w.users ?? 0,
    batch: 0,
    ttftMs: empty,
    ttftP95Ms: 0,
    tpotMs: empty,
    tpotP95Ms: 0,
    perUserTokensPerSecond: 0,
    outputTokensPerSecond: empty,
    requestsPerSecond: 0,
    queueSeconds: 0,
    saturated: true,
    meetsTargets: false,
  };
  const need = replicasNeeded(model, w);
  const needAt = (factor: number) => replicasNeeded({ ...model, speed: scaledSpeed(speed, factor) }, w);
  const perReplica = d.tp * d.pp;
  const gpus = (r: number | null) => (r == null ? null : r * perReplica);
  // Utilisation: the load's output rate against what the replicas deliver with every slot busy.
  const peak = loadOn(model, { ...w, rate: undefined, users: model.batchLimit * replicas }, replicas);
  const utilisation =
    peak && peak.outputTokensPerSecond.value > 0 ? atLoad.outputTokensPerSecond.value / peak.outputTokensPerSecond.value : 0;
  const warnings = [...memory.estimate.warnings];
  const notes: CapacityText[] = [];
  if (!memory.fits) notes.push({ key: 'capacity.note.noFit', params: { perReplica, gpu: c.gpu.name, tokens: requestTokens } });
  if (memory.pool.replicatedKv) notes.push({ key: 'capacity.note.replicatedKv', params: { tp: d.tp } });
  const nodesFor = (g: number | null) =>
    g == null ? null : perReplica > d.gpusPerNode ? Math.ceil(perReplica / d.gpusPerNode) * (g / perReplica) : Math.ceil(g / d.gpusPerNode);
  return {
    runtime: d.runtime,
    workload: w,
    deployment: { tp: d.tp, pp: d.pp, nodes: d.nodes, gpusPerNode: d.gpusPerNode, replicas, gpusPerReplica: perReplica },
    estimate: memory.estimate,
    perDevice: [memory.perDevice],
    pool: memory.pool,
    atLoad,
    kneeUsers: kneeUsers(model, w, replicas),
    gpusNeeded: gpus(need),
    replicasNeeded: need,
    nodesNeeded: nodesFor(gpus(need)),
    gpusNeededBand: { low: gpus(needAt(1 - speed.band.decode)), high: gpus(needAt(1 + speed.band.decode)) },
    layouts: c.layouts === false ? [] : compareLayouts(c, requestTokens),
    cost: costOf(c.gpu.id, replicas * perReplica, atLoad.outputTokensPerSecond.value, utilisation, c.prices ?? DEFAULT_PRICES),
    notModelled: NOT_MODELLED[d.runtime].map((key) => ({ key, params: {} })),
    notes,
    warnings,
    model,
  };
}

const COMMON = ['capacity.notModelled.spec', 'capacity.notModelled.cache', 'capacity.notModelled.disagg'];
const NOT_MODELLED: Record<Deployment['runtime'], string[]> = {
  vllm: [...COMMON, 'capacity.notModelled.vllm'],
  sglang: [...COMMON, 'capacity.notModelled.sglang'],
  'llama.cpp': [...COMMON, 'capacity.notModelled.llama'],
};
