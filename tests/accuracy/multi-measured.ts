// Issue 19's measured rows (tests/fixtures/multi/measured.json, sources in SOURCES.md) against the set
// planner, component by component. Every measured figure is parsed from the quoted log line, and every
// planned one comes from the code the app uses: estimateSet for the members, projectorFromHf for a
// catalog VLM's projector. A component the log does not show is left out, never filled in.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlanningHardware } from '../../src/core/advice/types';
import { getModel } from '../../src/core/catalog';
import { CATALOG_DATA } from '../../src/core/catalog/data';
import { defaultSettings, estimate } from '../../src/core/estimate/index';
import type { EstimateSettings } from '../../src/core/estimate/types';
import { estimateSet, makeMember } from '../../src/core/multi/index';
import { projectorFromHf, visionTowerFromHfConfig, type ProjectorType, type VisionTower } from '../../src/core/multi/projector-hf';

const here = dirname(fileURLToPath(import.meta.url));
export const MULTI_FIXTURE = join(here, '..', 'fixtures', 'multi', 'measured.json');

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Tolerances, stated once: the grid's compute target, and 1 % for weights read from a whole-file figure. */
export const MULTI_TOLERANCE = { computeRelative: 0.1, computeAbsolute: 64 * MiB, weightsRelative: 0.01 } as const;

/**
 * Comparisons that are off today, with why: each is reported in the doc and asserted to be off, so the
 * day it is fixed the test says to drop it here. Keyed "row component".
 */
export const KNOWN_OFF: Record<string, string> = {};

export interface MeasuredRow {
  id: string;
  kind: 'vision' | 'speculative' | 'reranker' | 'embedding';
  source: string;
  locator: string;
  runtime: string;
  hardware: string;
  model: string;
  quant?: string;
  projectorType?: string;
  draft?: string;
  draftQuant?: string;
  context?: number;
  batch?: number;
  ubatch?: number;
  flashAttention?: boolean;
  /** The checkpoint's vision_config (copied from its config.json), used when the catalog entry has none. */
  visionConfig?: { source: string; mm_tokens_per_image?: number; vision_config: Record<string, unknown> };
  lines: Record<string, string>;
  /** What explains a gap, checked where it can be (e.g. the same shapes through today's llama.cpp). */
  note?: string;
}

export interface Comparison {
  row: string;
  component: string;
  /** The quoted line the measured figure comes from. */
  line: string;
  measured: number;
  planned: number;
  /** (planned − measured) / measured. */
  error: number;
  tolerance: number;
  pass: boolean;
}

export interface RowResult {
  row: MeasuredRow;
  comparisons: Comparison[];
  /** Why the row, or part of it, is not compared. */
  skipped: string[];
}

export function loadMeasuredRows(path = MULTI_FIXTURE): MeasuredRow[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { rows: MeasuredRow[] }).rows;
}

/** The size a llama.cpp log line states, in bytes: "… = 121.25 MiB", "2.31 GiB", "model size: 811.79 MiB". */
export function lineBytes(line: string): { bytes: number; precision: number } {
  const m = /([\d.]+)\s*(MiB|GiB)\b/.exec(line);
  if (!m) throw new Error(`no MiB/GiB figure in: ${line}`);
  const unit = m[2] === 'GiB' ? GiB : MiB;
  const decimals = m[1]!.split('.')[1]?.length ?? 0;
  return { bytes: Math.round(Number(m[1]) * unit), precision: Math.ceil((0.5 * unit) / 10 ** decimals) };
}

function compare(row: string, component: string, line: string, planned: number, tolerance: (measured: number) => number): Comparison {
  const { bytes, precision } = lineBytes(line);
  const tol = Math.max(tolerance(bytes), precision);
  return {
    row,
    component,
    line,
    measured: bytes,
    planned,
    error: (planned - bytes) / bytes,
    tolerance: tol,
    pass: Math.abs(planned - bytes) <= tol,
  };
}

const exact = () => 0;
const weightsTol = (m: number) => MULTI_TOLERANCE.weightsRelative * m;
const computeTol = (m: number) => Math.max(MULTI_TOLERANCE.computeRelative * m, MULTI_TOLERANCE.computeAbsolute);

/** Placement does not change what each member allocates; a roomy GPU keeps every member on it. */
const ONE_GPU: PlanningHardware = {
  devices: [
    {
      id: 'gpu0',
      name: 'GPU',
      vendor: 'nvidia',
      source: 'user',
      kind: 'dedicated',
      totalBytes: 192 * GiB,
      usedBytes: 0,
      bandwidthGBps: 1000,
      fp16Tflops: 100,
    },
  ],
  ramBytes: 256 * GiB,
  ramAvailableBytes: 200 * GiB,
  ramBandwidthGBps: 60,
};

function settingsOf(r: MeasuredRow, quant: string, backend: EstimateSettings['backend']): EstimateSettings {
  return {
    ...defaultSettings('llama.cpp'),
    quant,
    ...(r.context !== undefined ? { context: r.context } : {}),
    ...(r.batch !== undefined ? { batch: r.batch } : {}),
    ...(r.ubatch !== undefined ? { ubatch: r.ubatch } : {}),
    ...(r.flashAttention !== undefined ? { flashAttention: r.flashAttention } : {}),
    kvTypeK: 'f16',
    kvTypeV: 'f16',
    ...(backend ? { backend } : {}),
  };
}

/** The catalog's tower, else the one the importer reads from the checkpoint's config with the quoted vision_config. */
function towerOf(r: MeasuredRow): VisionTower | null {
  const own = getModel(r.model)?.spec.vision;
  if (own) return own;
  const data = CATALOG_DATA.find((d) => d.id === r.model);
  if (!data || !r.visionConfig) return null;
  const { source: _source, ...extra } = r.visionConfig;
  return visionTowerFromHfConfig({ ...data.config, ...extra });
}

function visionRow(r: MeasuredRow): RowResult {
  const spec = getModel(r.model)?.spec;
  const tower = towerOf(r);
  if (!spec || !tower) return { row: r, comparisons: [], skipped: [`${r.model} has no vision tower to plan a projector from`] };
  const main = estimate({ spec }, settingsOf(r, r.quant!, 'cuda'));
  // The warmup image the log names sets the patch count; FA as the log says clip.cpp ran it.
  const p = projectorFromHf(tower, {
    runtime: 'llama.cpp',
    type: (r.projectorType ?? 'f16') as ProjectorType,
    flashAttention: /enabled/.test(r.lines['flashAttention'] ?? ''),
  });
  return {
    row: r,
    comparisons: [
      compare(r.id, 'text model weights', r.lines['mainFileSize']!, main.weights.fileBytes ?? main.weights.bytes, weightsTol),
      compare(r.id, 'projector weights', r.lines['projectorWeights']!, p.weightsBytes, weightsTol),
      compare(r.id, 'projector compute (device)', r.lines['projectorCompute']!, p.computeBytes, computeTol),
    ],
    skipped: ["the text model's KV and compute lines are not in the quoted log"],
  };
}

function speculativeRow(r: MeasuredRow): RowResult {
  const backend = /ROCm/.test(r.hardware) ? 'rocm' : /CPU only/.test(r.hardware) ? 'cpu' : 'cuda';
  const mainSpec = getModel(r.model)?.spec;
  const draftSpec = getModel(r.draft!)?.spec;
  if (!mainSpec || !draftSpec) return { row: r, comparisons: [], skipped: [`${r.model} or ${r.draft} is not in the catalog`] };
  const settings = settingsOf(r, r.quant ?? 'Q4_K_M', backend);
  const set = estimateSet(
    [
      makeMember(r.model, 'main', { spec: mainSpec }, settings),
      makeMember(`${r.draft!}-draft`, 'draft', { spec: draftSpec }, settings, r.draftQuant ? { quant: r.draftQuant } : {}),
    ],
    ONE_GPU,
  );
  const [main, draft] = [set.members[0]!.estimate, set.members[1]!.estimate];
  const c: Comparison[] = [];
  const skipped: string[] = [];
  const l = r.lines;
  if (l['mainKv']) c.push(compare(r.id, 'main KV', l['mainKv'], main.kvCache.bytes, exact));
  if (l['mainCompute']) c.push(compare(r.id, 'main compute', l['mainCompute'], main.compute.device, computeTol));
  if (l['mainOutput']) c.push(compare(r.id, 'main output', l['mainOutput'], main.outputBuffer.bytes, exact));
  if (l['draftKv']) c.push(compare(r.id, 'draft KV', l['draftKv'], draft.kvCache.bytes, exact));
  if (l['draftCompute']) c.push(compare(r.id, 'draft compute (device)', l['draftCompute'], draft.compute.device, computeTol));
  if (l['draftOutput']) c.push(compare(r.id, 'draft output', l['draftOutput'], draft.outputBuffer.bytes, exact));
  if (!l['draftKv']) skipped.push("the draft model's buffer lines are not in the quoted log");
  if (!l['mainKv']) skipped.push("the main model's buffer lines are not in the quoted log");
  return { row: r, comparisons: c, skipped };
}

function retrievalRow(r: MeasuredRow): RowResult {
  const spec = getModel(r.model)?.spec;
  if (!spec) return { row: r, comparisons: [], skipped: [`${r.model} is not in the catalog yet`] };
  const role = r.kind === 'reranker' ? 'reranker' : 'embedding';
  const base = settingsOf(r, r.quant ?? 'Q8_0', 'cpu');
  const set = estimateSet([makeMember(r.model, role, { spec }, base, r.quant ? { quant: r.quant } : {})], ONE_GPU);
  const est = set.members[0]!.estimate;
  return {
    row: r,
    comparisons: [compare(r.id, 'weights', r.lines['weights']!, est.weights.fileBytes ?? est.weights.bytes, weightsTol)],
    skipped: ['context and compute lines are not in the quoted log'],
  };
}

export function compareMeasuredRows(rows = loadMeasuredRows()): RowResult[] {
  return rows.map((r) => (r.kind === 'vision' ? visionRow(r) : r.kind === 'speculative' ? speculativeRow(r) : retrievalRow(r)));
}

const mib = (b: number) => (b / MiB).toFixed(2);
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;

/** docs/multi-accuracy.md's table rows. */
export function measuredTable(results: RowResult[]): string[] {
  const out = ['| row | component | measured MiB | planned MiB | error | tolerance MiB | within |', '|---|---|---|---|---|---|---|'];
  for (const r of results) {
    for (const c of r.comparisons)
      out.push(
        `| ${r.row.id} | ${c.component} | ${mib(c.measured)} | ${mib(c.planned)} | ${pct(c.error)} | ${mib(c.tolerance)} | ${c.pass ? 'yes' : 'no'} |`,
      );
    for (const s of r.skipped) out.push(`| ${r.row.id} | — | — | — | — | — | not compared: ${s} |`);
  }
  return out;
}
