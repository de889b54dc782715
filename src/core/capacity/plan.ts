// capacity(): one deployment under one workload. The memory of a replica (memory.ts) sets the KV pool and
// the batch limit; the speed model (speed.ts) sets step and prefill times; the load model (load.ts) turns
// them into latency and throughput; sizing.ts finds the knee and the replicas needed; layouts.ts searches
// the tensor / pipeline / data-parallel layouts when the user pinned none (the fewest GPUs that meet the
// targets wins) or compares other splits of the GPUs given when they did.

import { vllmSortingRelease } from '../estimate/runtimes/vllm-profile';
import { vllmSmallNvlsApplies } from './runtime-memory';
import type { Estimator } from '../advice/advise';
import type { SpeedCalibration } from '../advice/speed-calibration';
import type { EstimateSettings, ModelInput } from '../estimate/types';
import type { GpuCatalogEntry } from '../hardware/types';
import { costOf, type CostResult } from './cost';
import { compareLayouts, searchedLayouts, searchLayouts } from './layouts';
import { uncached, type ReplicaModel } from './load';
import { DEFAULT_PRICES, type PriceTable } from './prices';
import { buildReplica, type Replica } from './replica';
import { kneeUsers, loadOn, MAX_REPLICAS, replicasNeeded, scaledSpeed } from './sizing';
import type { ReplicaBand } from './speed';
import type { CapacityResult, CapacityText, Deployment, Layout, LayoutChoice, LoadPoint, Workload } from './types';

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
  /** What the ranges of TTFT, TPOT, throughput and GPUs needed are, and what they were read from. */
  band: ReplicaBand;
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
  if (w.arrival === 'burst' && w.users === undefined)
    throw new CapacityInputError('Burst arrivals describe users who all start at once; a request rate arrives steadily.');
  if (w.promptsPerRun !== undefined) {
    if (w.arrival !== 'burst')
      throw new CapacityInputError('Prompts per run describe a burst run; steady users and a rate have no first wave.');
    if (!Number.isInteger(w.promptsPerRun) || w.promptsPerRun < 1)
      throw new CapacityInputError(`Prompts per run must be a whole number of at least 1, not ${String(w.promptsPerRun)}.`);
  }
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

interface Sized {
  d: Deployment;
  replicas: number;
  replica: Replica;
  need: number | null;
  layouts: Layout[];
  choice: LayoutChoice;
}

/** GPUs offered by the deployment, in whole replicas of its layout. */
const replicasOffered = (d: Deployment) => Math.max(1, Math.floor((d.gpusPerNode * d.nodes) / (d.tp * d.pp)));

/** The layout the plan sizes: the user's (tp or pp pinned), or the searched one needing the fewest GPUs. */
function sizeLayout(c: CapacityInput): Sized {
  const d = c.deployment;
  const w = c.workload;
  if (d.searchLayouts) {
    const { rows, best } = searchLayouts(c);
    const layouts = c.layouts === false ? [] : searchedLayouts(c, rows, best);
    if (best && best.need != null) {
      const chosen: Deployment = { ...d, tp: best.tp, pp: best.pp, nodes: Math.max(1, Math.ceil((best.tp * best.pp) / d.gpusPerNode)) };
      // llama.cpp sizes its slots per replica: rebuild for the users each of the replicas now carries.
      const replica = d.runtime === 'llama.cpp' ? buildReplica(c, chosen, (w.users ?? 64) / best.need) : best.replica;
      const params = { tp: best.tp, pp: best.pp, count: rows.length, gpus: best.gpus ?? 0 };
      return {
        d: chosen,
        replicas: best.need,
        replica,
        need: best.need,
        layouts,
        choice: { tp: best.tp, pp: best.pp, searched: true, reason: { key: 'capacity.layout.searched', params } },
      };
    }
    const replicas = replicasOffered(d);
    const replica = buildReplica(c, d, w.users !== undefined ? w.users / replicas : 64);
    const params = { max: MAX_REPLICAS, tp: d.tp, pp: d.pp };
    return {
      d,
      replicas,
      replica,
      need: null,
      layouts,
      choice: { tp: d.tp, pp: d.pp, searched: true, reason: { key: 'capacity.layout.none', params } },
    };
  }
  const replicas = replicasOffered(d);
  const replica = buildReplica(c, d, w.users !== undefined ? w.users / replicas : 64);
  const need = replicasNeeded(replica.model, w);
  const reason = {
    key: need != null ? 'capacity.layout.pinned' : 'capacity.layout.pinnedNone',
    params: { tp: d.tp, pp: d.pp, replicas: need ?? 0 },
  };
  return {
    d,
    replicas,
    replica,
    need,
    layouts: c.layouts === false ? [] : compareLayouts(c),
    choice: { tp: d.tp, pp: d.pp, searched: false, reason },
  };
}

const EMPTY_BAND = { value: 0, low: 0, high: 0 };
function emptyLoad(w: Workload): LoadPoint {
  return {
    users: w.users ?? 0,
    batch: 0,
    arrival: w.rate !== undefined ? 'steady' : (w.arrival ?? 'steady'),
    ttftMs: EMPTY_BAND,
    ttftP95Ms: 0,
    tpotMs: EMPTY_BAND,
    tpotP95Ms: 0,
    perUserTokensPerSecond: 0,
    outputTokensPerSecond: EMPTY_BAND,
    requestsPerSecond: 0,
    queueSeconds: 0,
    saturated: true,
    meetsTargets: false,
  };
}

export function capacity(c: CapacityInput): CapacityPlan {
  check(c.workload, c.deployment);
  const w = c.workload;
  const { d, replicas, replica, need, layouts, choice } = sizeLayout(c);
  const { memory, speed, model } = replica;
  const requestTokens = w.promptTokens + w.outputTokens;
  const atLoad = loadOn(model, w, replicas) ?? emptyLoad(w);
  const needAt = (factor: number) => replicasNeeded({ ...model, speed: scaledSpeed(speed, factor) }, w);
  const perReplica = d.tp * d.pp;
  const gpus = (r: number | null) => (r == null ? null : r * perReplica);
  // Utilisation: the load's output rate against what the replicas deliver with every slot busy.
  const peak = loadOn(model, { ...w, rate: undefined, users: model.batchLimit * replicas }, replicas);
  const utilisation =
    peak && peak.outputTokensPerSecond.value > 0 ? atLoad.outputTokensPerSecond.value / peak.outputTokensPerSecond.value : 0;
  const notes: CapacityText[] = [];
  if (!memory.fits) notes.push({ key: 'capacity.note.noFit', params: { perReplica, gpu: c.gpu.name, tokens: requestTokens } });
  if (memory.pool.replicatedKv) notes.push({ key: 'capacity.note.replicatedKv', params: { tp: d.tp } });
  if (d.runtime === 'vllm' && d.runtimeVersion && vllmSortingRelease(d.runtimeVersion))
    notes.push({ key: 'capacity.note.vllmRelease', params: { release: d.runtimeVersion } });
  if (d.runtime === 'vllm' && vllmSmallNvlsApplies(c.gpu, d.tp, d.runtimeVersion))
    notes.push({ key: 'capacity.note.vllmReleaseNvls', params: { release: d.runtimeVersion!, tp: d.tp } });
  const eager = speed.firstTokenSeconds(uncached(w, w.promptTokens));
  if (eager > 0)
    notes.push({
      key: `capacity.note.eagerPrefill.${d.runtime === 'sglang' ? 'sglang' : 'vllm'}`,
      params: { ms: Math.round(eager * 1000) },
    });
  const nodesFor = (g: number | null) =>
    g == null ? null : perReplica > d.gpusPerNode ? Math.ceil(perReplica / d.gpusPerNode) * (g / perReplica) : Math.ceil(g / d.gpusPerNode);
  return {
    runtime: d.runtime,
    workload: w,
    deployment: {
      tp: d.tp,
      pp: d.pp,
      nodes: nodesFor(replicas * perReplica) ?? d.nodes,
      gpusPerNode: d.gpusPerNode,
      replicas,
      gpusPerReplica: perReplica,
    },
    estimate: memory.estimate,
    perDevice: [memory.perDevice],
    pool: memory.pool,
    atLoad,
    kneeUsers: kneeUsers(model, w, replicas),
    gpusNeeded: gpus(need),
    replicasNeeded: need,
    nodesNeeded: nodesFor(gpus(need)),
    gpusNeededBand: { low: gpus(needAt(1 / speed.band.output)), high: gpus(needAt(speed.band.output)) },
    band: speed.band,
    layouts,
    layoutChoice: choice,
    cost: costOf(c.gpu.id, replicas * perReplica, atLoad.outputTokensPerSecond.value, utilisation, c.prices ?? DEFAULT_PRICES),
    notModelled: NOT_MODELLED[d.runtime].map((key) => ({ key, params: {} })),
    notes,
    warnings: [...memory.estimate.warnings],
    model,
  };
}

const COMMON = ['capacity.notModelled.spec', 'capacity.notModelled.cache', 'capacity.notModelled.disagg'];
const NOT_MODELLED: Record<Deployment['runtime'], string[]> = {
  vllm: [...COMMON, 'capacity.notModelled.vllm', 'capacity.notModelled.kernels'],
  sglang: [...COMMON, 'capacity.notModelled.sglang', 'capacity.notModelled.kernels'],
  'llama.cpp': [...COMMON, 'capacity.notModelled.llama'],
};
