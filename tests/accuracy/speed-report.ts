// Markdown for docs/speed-accuracy.md: summaries split by phase, family, GPU count and runtime, with
// coverage (the share of eligible cases that get a figure at all), then every row.

import { quantile, type SpeedAccuracyRow } from './speed';

const pct1 = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '—');
const signed = (x: number | null) => (x == null || !Number.isFinite(x) ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)} %`);

/** Rows that should get a figure: llama.cpp runs that are not flagged as setup errors. */
const eligible = (r: SpeedAccuracyRow) => r.included || r.note.startsWith('no prediction');

export interface GroupStat {
  group: string;
  eligible: number;
  scored: number;
  coverage: number;
  median: number;
  p80: number;
  /** Median signed error: > 0 means the model is too fast for this group. */
  bias: number;
}

export function groupStats(rows: SpeedAccuracyRow[], by: (r: SpeedAccuracyRow) => string): GroupStat[] {
  const groups = new Map<string, SpeedAccuracyRow[]>();
  for (const r of rows.filter(eligible)) groups.set(by(r), [...(groups.get(by(r)) ?? []), r]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, rs]) => {
      const scored = rs.filter((r) => r.included && r.error != null);
      const abs = scored.map((r) => Math.abs(r.error!));
      return {
        group,
        eligible: rs.length,
        scored: scored.length,
        coverage: scored.length / Math.max(1, rs.length),
        median: quantile(abs, 0.5),
        p80: quantile(abs, 0.8),
        bias: quantile(
          scored.map((r) => r.error!),
          0.5,
        ),
      };
    });
}

function statTable(title: string, stats: GroupStat[]): string[] {
  return [
    `| ${title} | eligible | with a figure | coverage | median abs error | 80th pct | median signed error |`,
    '|---|---:|---:|---:|---:|---:|---:|',
    ...stats.map(
      (s) => `| ${s.group} | ${s.eligible} | ${s.scored} | ${pct1(s.coverage)} | ${pct1(s.median)} | ${pct1(s.p80)} | ${signed(s.bias)} |`,
    ),
    '',
  ];
}

const gpuGroup = (r: SpeedAccuracyRow) => (r.gpuCount > 1 ? 'several GPUs' : r.backend.toLowerCase().startsWith('cpu') ? 'CPU' : 'one GPU');

/** Summary tables for one set of rows. */
export function speedSummaryMarkdown(rows: SpeedAccuracyRow[]): string {
  return [
    ...statTable(
      'phase',
      groupStats(rows, (r) => r.metric),
    ),
    ...statTable(
      'phase × GPUs',
      groupStats(rows, (r) => `${r.metric}, ${gpuGroup(r)}`),
    ),
    ...statTable(
      'phase × family',
      groupStats(rows, (r) => `${r.metric}, ${r.family || 'unknown'}`),
    ),
    ...statTable(
      'phase × runtime',
      groupStats(rows, (r) => `${r.metric}, ${r.runtime}`),
    ),
  ].join('\n');
}

/** Every row with its prediction. */
export function speedRowsMarkdown(rows: SpeedAccuracyRow[]): string {
  const lines = [
    '| row | hardware | × | backend | model | quant | metric | measured tok/s | predicted tok/s | error | note |',
    '|---:|---|---:|---|---|---|---|---:|---:|---:|---|',
  ];
  for (const r of rows) {
    const pred = r.predicted == null ? '—' : r.predicted.toFixed(1);
    lines.push(
      `| ${r.id} | ${r.hardware} | ${r.gpuCount} | ${r.backend} | ${r.model} | ${r.quant} | ${r.metric} | ${r.measured} | ${pred} | ${signed(r.error)} | ${r.note} |`,
    );
  }
  return lines.join('\n');
}
