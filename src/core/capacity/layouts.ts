// The ways to split GPUs into replicas: tensor parallel inside a node (fewer, faster replicas; all-reduces
// over NVLink or PCIe; KV heads replicated once tp exceeds them), pipeline parallel across nodes (more
// memory per replica, a network hop per stage), and data-parallel replicas of whatever fits.
//  searchLayouts: when the user pinned neither tp nor pp, every layout a node allows is sized for the
//   workload (replicas needed within the targets) and the plan takes the one needing the fewest GPUs; ties
//   go to the lower TPOT (the faster replica for the same money).
//  compareLayouts: the other splits of the GPUs the user gave, scored by their goodput (output tokens/s at
//   the most users served within the targets, or with every slot busy).

import { buildReplica, type Replica } from './replica';
import type { CapacityInput } from './plan';
import { kneeUsers, loadOn, MAX_REPLICAS, replicasNeeded } from './sizing';
import type { Deployment, Layout } from './types';

/** GPUs per node when the user named a GPU without a count: an HGX / DGX-class server board. */
export const DEFAULT_NODE_GPUS = 8;
/** Pipeline stages tried across nodes when no layout of one node holds the model. */
const MAX_PP_NODES = 8;

function powersOfTwo(max: number): number[] {
  const out: number[] = [];
  for (let n = 1; n <= max; n *= 2) out.push(n);
  return out;
}

export interface SearchRow {
  tp: number;
  pp: number;
  replica: Replica;
  need: number | null;
  gpus: number | null;
  tpotMs: number | null;
}

function deploymentFor(c: CapacityInput, tp: number, pp: number): Deployment {
  const d = c.deployment;
  return { ...d, tp, pp, nodes: Math.max(1, Math.ceil((tp * pp) / d.gpusPerNode)) };
}

function evaluateLayout(c: CapacityInput, tp: number, pp: number): SearchRow {
  const w = c.workload;
  const replica = buildReplica(c, deploymentFor(c, tp, pp), w.users ?? 64);
  if (!replica.memory.fits) return { tp, pp, replica, need: null, gpus: null, tpotMs: null };
  const need = replicasNeeded(replica.model, w);
  const at = need != null ? loadOn(replica.model, w, need) : null;
  return { tp, pp, replica, need, gpus: need != null ? need * tp * pp : null, tpotMs: at?.tpotMs.value ?? null };
}

/** Within a node: tp 1, 2, 4, 8 (vLLM, SGLang) or a layer split over 1…n GPUs (llama.cpp). */
function nodeLayouts(c: CapacityInput): Array<[number, number]> {
  const n = c.deployment.gpusPerNode;
  if (c.deployment.runtime === 'llama.cpp') return Array.from({ length: n }, (_, i): [number, number] => [1, i + 1]);
  return powersOfTwo(n).map((tp): [number, number] => [tp, 1]);
}

/** Across nodes (only when no layout of one node holds the model): a node per pipeline stage. */
function crossNodeLayouts(c: CapacityInput): Array<[number, number]> {
  const n = c.deployment.gpusPerNode;
  const out: Array<[number, number]> = [];
  for (let nodes = 2; nodes <= MAX_PP_NODES; nodes++) out.push(c.deployment.runtime === 'llama.cpp' ? [1, n * nodes] : [n, nodes]);
  return out;
}

const better = (a: SearchRow, b: SearchRow): boolean =>
  a.gpus! < b.gpus! || (a.gpus === b.gpus && (a.tpotMs ?? Infinity) < (b.tpotMs ?? Infinity));

/** Every layout sized for the workload, and the one needing the fewest GPUs (null: none meets it). */
export function searchLayouts(c: CapacityInput): { rows: SearchRow[]; best: SearchRow | null } {
  const rows = nodeLayouts(c).map(([tp, pp]) => evaluateLayout(c, tp, pp));
  if (!rows.some((r) => r.replica.memory.fits)) {
    for (const [tp, pp] of crossNodeLayouts(c)) {
      const r = evaluateLayout(c, tp, pp);
      rows.push(r);
      if (r.replica.memory.fits) break;
    }
  }
  let best: SearchRow | null = null;
  for (const r of rows) if (r.gpus != null && (best === null || better(r, best))) best = r;
  return { rows, best };
}

function notesOf(c: CapacityInput, r: Replica, tp: number, pp: number): string {
  const notes: string[] = [];
  if (r.memory.pool.replicatedKv) notes.push('KV heads replicated');
  if (tp > c.deployment.gpusPerNode) notes.push('tensor parallel across nodes');
  if (pp > 1) notes.push(tp * pp > c.deployment.gpusPerNode ? 'pipeline across nodes' : 'pipeline within a node');
  return notes.join('; ');
}

/** Output tokens/s of `replicas` replicas at the most users they serve within the targets (or all slots busy). */
function goodput(c: CapacityInput, r: Replica, replicas: number): number {
  const cap = r.model.batchLimit * replicas;
  const users = kneeUsers(r.model, c.workload, replicas, Math.max(1, cap)) ?? cap;
  const at = users > 0 ? loadOn(r.model, { ...c.workload, rate: undefined, users }, replicas) : null;
  return at?.outputTokensPerSecond.value ?? 0;
}

/** The searched layouts as the plan lists them, the chosen one first. */
export function searchedLayouts(c: CapacityInput, rows: SearchRow[], best: SearchRow | null): Layout[] {
  const out = rows.map((s): Layout => {
    const fits = s.replica.memory.fits;
    return {
      tp: s.tp,
      pp: s.pp,
      replicas: s.need ?? 0,
      gpus: s.gpus ?? 0,
      fits,
      kvPoolTokens: s.replica.memory.pool.kvPoolTokens,
      maxConcurrency: s.replica.memory.pool.maxConcurrency,
      goodputTokensPerSecond: fits && s.need != null ? goodput(c, s.replica, s.need) : 0,
      gpusNeeded: s.gpus,
      replicasNeeded: s.need,
      tpotMsAtNeed: s.tpotMs,
      chosen: s === best,
      note: notesOf(c, s.replica, s.tp, s.pp),
    };
  });
  const key = (l: Layout) => (l.chosen ? -1 : (l.gpusNeeded ?? MAX_REPLICAS * 64));
  return out.sort((a, b) => key(a) - key(b));
}

function layoutOf(c: CapacityInput, tp: number, pp: number): Layout {
  const d = c.deployment;
  const replicas = Math.floor((d.gpusPerNode * d.nodes) / (tp * pp));
  const r = buildReplica(c, { ...d, tp, pp }, (c.workload.users ?? 64) / replicas);
  const fits = r.memory.fits;
  const need = fits ? replicasNeeded(r.model, c.workload) : null;
  const at = need != null ? loadOn(r.model, c.workload, need) : null;
  return {
    tp,
    pp,
    replicas,
    gpus: replicas * tp * pp,
    fits,
    kvPoolTokens: r.memory.pool.kvPoolTokens,
    maxConcurrency: r.memory.pool.maxConcurrency,
    goodputTokensPerSecond: fits ? goodput(c, r, replicas) : 0,
    gpusNeeded: need != null ? need * tp * pp : null,
    replicasNeeded: need,
    tpotMsAtNeed: at?.tpotMs.value ?? null,
    chosen: tp === d.tp && pp === d.pp,
    note: fits ? notesOf(c, r, tp, pp) : '',
  };
}

/** Up to 12 layouts of the deployment's GPUs, best goodput first. */
export function compareLayouts(c: CapacityInput): Layout[] {
  const d = c.deployment;
  const total = d.gpusPerNode * d.nodes;
  const tps = d.runtime === 'llama.cpp' ? [1] : powersOfTwo(d.gpusPerNode);
  const pps = [...new Set([1, ...powersOfTwo(d.runtime === 'llama.cpp' ? total : Math.max(1, d.nodes)), d.pp])].sort((a, b) => a - b);
  const out: Layout[] = [];
  for (const tp of tps) {
    for (const pp of pps) {
      if (tp * pp > total || out.length >= 12) continue;
      out.push(layoutOf(c, tp, pp));
    }
  }
  return out.sort((a, b) => b.goodputTokensPerSecond - a.goodputTokensPerSecond);
}
