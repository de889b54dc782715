// Every blind row as it was first priced: by the planner of the commit its round was frozen at, before anyone read
// the row. Later rules were often read from a round's misses, so today's figures on those rows no longer say how the
// planner does on a run it has not seen; these do, pooled over every round (docs/capacity-accuracy.md, README).
//
// tests/fixtures/serving/frozen.csv holds each row's frozen prices and the measured figure they were compared with.
// `npx tsx tests/accuracy/capacity-frozen.ts --write` rebuilds it: it checks out each round's commit into a git
// worktree (needs the repository's history and an installed node_modules) and prices the round's rows from today's
// serving.csv with that commit's own harness and planner. After a new blind round: add it to BLIND_ROUNDS and rerun.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BLIND_ROUNDS, median, relError, type CapacityCase } from './capacity-cases';
import { medianErrors } from './capacity-fit';
import { parseCsv } from './csv';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const FROZEN_PATH = join(ROOT, 'tests/fixtures/serving/frozen.csv');
const SERVING_PATH = join(ROOT, 'tests/fixtures/serving/serving.csv');

export type LoadMetric = 'ttftMs' | 'tpotMs' | 'outputTps';
export const FROZEN_METRICS: LoadMetric[] = ['ttftMs', 'tpotMs', 'outputTps'];

/**
 * The tree each round was priced on. It is the frozen commit, except where the commit that scored the round also
 * taught the harness a kind of row it could not read before, with the planner unchanged: round 1's runs of fewer
 * prompts than users (4fcec36 caps the users in flight at the prompts) and round 4's request-rate rows (dc59dbc).
 * Round 1 has been fit and check rows since dddbd3d, so BLIND_ROUNDS no longer lists it.
 */
export function pricedRounds(): { round: number; commit: string; sources: string[] }[] {
  const scoredBy: Record<number, string> = { 4: 'dc59dbc' };
  return [
    { round: 1, commit: '4fcec36', sources: ['S50', 'S51', 'S70', 'S71', 'S72', 'S73'] },
    ...BLIND_ROUNDS.map((b) => ({ round: b.round, commit: scoredBy[b.round] ?? b.frozen, sources: b.sources })),
  ];
}

export interface FrozenRow {
  id: string;
  kind: 'load' | 'pool';
  round: number;
  commit: string;
  gpu: string;
  predicted: Partial<Record<FrozenMetric, number>>;
  measured: Partial<Record<FrozenMetric, number>>;
}

/** A load row's three measures, or a pool row's KV tokens. */
type FrozenMetric = LoadMetric | 'kvTokens';
const ALL_METRICS: FrozenMetric[] = [...FROZEN_METRICS, 'kvTokens'];

const COLUMNS = ['id', 'kind', 'round', 'priced_at', 'gpu'] as const;
const METRIC_COLUMNS: Record<FrozenMetric, [string, string]> = {
  ttftMs: ['ttft_ms', 'measured_ttft_ms'],
  tpotMs: ['tpot_ms', 'measured_tpot_ms'],
  outputTps: ['output_tps', 'measured_output_tps'],
  kvTokens: ['kv_tokens', 'measured_kv_tokens'],
};

export function frozenRows(text = readFileSync(FROZEN_PATH, 'utf8')): FrozenRow[] {
  return parseCsv(text).map((r) => {
    const predicted: FrozenRow['predicted'] = {};
    const measured: FrozenRow['measured'] = {};
    for (const k of ALL_METRICS) {
      const [p, m] = METRIC_COLUMNS[k];
      if (r[p] && r[m]) {
        predicted[k] = Number(r[p]);
        measured[k] = Number(r[m]);
      }
    }
    const kind = r.kind === 'pool' ? 'pool' : 'load';
    return { id: r.id!, kind, round: Number(r.round), commit: r.priced_at!, gpu: r.gpu!, predicted, measured };
  });
}

/** Pool rows as first priced: median |error| and how many lie within 5 % of the logged pool. */
export function frozenPools(rows: FrozenRow[]): { median: number; within5: number; n: number } {
  const e = rows
    .filter((r) => r.kind === 'pool' && r.measured.kvTokens !== undefined)
    .map((r) => Math.abs(relError(r.predicted.kvTokens!, r.measured.kvTokens!)));
  return { median: e.length ? median(e) : NaN, within5: e.filter((x) => x <= 0.05).length, n: e.length };
}

/** Median |error| of each load measure over `rows` (NaN and 0 rows where none compares it). */
export function frozenMedians(rows: FrozenRow[]): Record<LoadMetric, { median: number; n: number }> {
  return medianErrors(frozenCases(rows));
}

/** Frozen load rows in the shape servingBandsFrom reads (only `row.gpu`, `predicted` and `measured` are used). */
export function frozenCases(rows: FrozenRow[]): CapacityCase[] {
  return rows
    .filter((r) => r.kind === 'load')
    .map(
      (r) =>
        ({
          id: r.id,
          kind: 'load',
          row: { id: r.id, gpu: r.gpu },
          predicted: r.predicted,
          measured: r.measured,
        }) as unknown as CapacityCase,
    );
}

/** Prices `sources`' load and pool rows of today's serving.csv with the harness and planner checked out at `tree`. */
async function priceWith(tree: string, round: number, commit: string, sources: string[]): Promise<string[]> {
  const cases = (await import(pathToFileURL(join(tree, 'tests/accuracy/capacity-cases.ts')).href)) as {
    runCase: (row: Record<string, string>) => CapacityCase;
  };
  const want = new Set(sources);
  const lines: string[] = [];
  for (const row of parseCsv(readFileSync(SERVING_PATH, 'utf8'))) {
    if ((row.kind !== 'load' && row.kind !== 'pool') || !want.has(row.source!)) continue;
    let c: CapacityCase;
    try {
      c = cases.runCase(row);
    } catch (err) {
      // The planner of that commit could not price the row (a format or model it did not know yet): the row is
      // kept with no price, as its round was scored without it.
      console.error(`${row.id}: not priced at ${commit}: ${(err as Error).message}`);
      lines.push([row.id, row.kind, round, commit, row.gpu, ...ALL_METRICS.flatMap(() => ['', ''])].join(','));
      continue;
    }
    const cells = ALL_METRICS.flatMap((k) => {
      const m = c.measured[k];
      return m === undefined || !Number.isFinite(m) ? ['', ''] : [String(Number(c.predicted[k].toPrecision(6))), String(m)];
    });
    lines.push([row.id, row.kind, round, commit, row.gpu, ...cells].join(','));
  }
  return lines;
}

function write(): void {
  const work = mkdtempSync(join(tmpdir(), 'frozen-'));
  const lines = [[...COLUMNS, ...ALL_METRICS.flatMap((k) => METRIC_COLUMNS[k])].join(',')];
  try {
    for (const r of pricedRounds()) {
      const tree = join(work, r.commit);
      if (!existsSync(tree)) {
        const add = spawnSync('git', ['worktree', 'add', '--detach', tree, r.commit], { cwd: ROOT, stdio: 'inherit' });
        if (add.status !== 0) throw new Error(`git worktree add ${r.commit} failed`);
        symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
      }
      // A child per tree: each commit's modules load under their own paths, never mixed with today's.
      const child = spawnSync(
        'npx',
        ['tsx', fileURLToPath(import.meta.url), '--price', tree, String(r.round), r.commit, r.sources.join(',')],
        { cwd: tree, encoding: 'utf8', maxBuffer: 64 << 20 },
      );
      if (child.status !== 0) throw new Error(`round ${r.round} at ${r.commit}: ${child.stderr}`);
      const rows = child.stdout.trim().split('\n').filter(Boolean);
      console.log(`round ${r.round} (${r.commit}): ${rows.length} rows${child.stderr ? `\n${child.stderr.trim()}` : ''}`);
      lines.push(...rows);
    }
  } finally {
    for (const r of pricedRounds()) spawnSync('git', ['worktree', 'remove', '--force', join(work, r.commit)], { cwd: ROOT });
    rmSync(work, { recursive: true, force: true });
  }
  writeFileSync(FROZEN_PATH, lines.join('\n') + '\n');
  console.log(`wrote ${FROZEN_PATH}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--price');
  if (at >= 0) {
    const [tree, round, commit, sources] = process.argv.slice(at + 1);
    void priceWith(tree!, Number(round), commit!, sources!.split(',')).then((l) => console.log(l.join('\n')));
  } else if (process.argv.includes('--write')) write();
  else {
    const m = frozenMedians(frozenRows());
    console.log(FROZEN_METRICS.map((k) => `${k} ${(m[k].median * 100).toFixed(1)} % (${m[k].n})`).join(', '));
  }
}
