// Column definitions for the Check view's planned-vs-measured tables (bytes per component, counts, speed):
// one table component draws all three, so they share cells, alignment and the within-band mark.

import type { ComponentComparison, QuantityComparison } from '$core/measured';
import type { MeasuredSpeed } from '$core/plan/appendix';
import { formatNum, formatNumber } from '$core/i18n';
import { lang, t } from '../../lib/i18n.svelte';

/** A text or number cell; `wrap` lets long free text (llama-bench's model names) break instead of widening the table. */
export interface ValueColumn<Row> {
  key: string;
  label: () => string;
  num?: boolean;
  wrap?: boolean;
  value: (row: Row) => string;
}
/** The within-band mark: ✓, ✗, or — where there is no planned figure to hold the measurement against. */
export interface BandColumn<Row> {
  key: string;
  label: () => string;
  band: (row: Row) => boolean | null;
}
export type Column<Row> = ValueColumn<Row> | BandColumn<Row>;

export interface TableSpec<Row> {
  testid: string;
  rowTestid: string;
  columns: Column<Row>[];
  rowKey: (row: Row, index: number) => string | number;
  /** data-* attributes tests and the appendix find rows by. */
  rowData: (row: Row) => Record<string, string>;
  /** Rows drawn as separate bodies (a rule between them); one body when absent. */
  groups?: (rows: Row[]) => Row[][];
  strong?: (row: Row) => boolean;
}

/** "—" for a figure that is missing; a "+" on a positive difference so its direction reads at a glance. */
export function figure(v: number | null, signed: boolean, format: (v: number) => string): string {
  if (v === null || !Number.isFinite(v)) return '—';
  return `${signed && v > 0 ? '+' : ''}${format(v)}`;
}

const mib = (v: number) => `${formatNumber(lang.current, v / 2 ** 20, 2)} MiB`;
const count = (v: number) => formatNum(lang.current, Math.round(v * 100) / 100, 2);
const tps = (v: number) => `${formatNumber(lang.current, v, 1)} tok/s`;

const planned = () => t('plan.appendix.col.planned');
const measured = () => t('plan.appendix.col.measured');
const difference = () => t('plan.appendix.col.difference');
const within = <Row>(band: (row: Row) => boolean | null): BandColumn<Row> => ({
  key: 'within',
  label: () => t('plan.appendix.col.withinBand'),
  band,
});

/** Bytes per component: the sums over every buffer first, then each device the runtime reported. */
export const componentTable: TableSpec<ComponentComparison> = {
  testid: 'check-table',
  rowTestid: 'check-row',
  columns: [
    { key: 'component', label: () => t('plan.appendix.col.component'), value: (r) => t(`plan.appendix.component.${r.name}`) },
    {
      key: 'device',
      label: () => t('plan.appendix.col.device'),
      value: (r) => (r.device === 'all' ? t('plan.appendix.device.all') : r.device),
    },
    { key: 'planned', label: planned, num: true, value: (r) => figure(r.plannedBytes, false, mib) },
    { key: 'measured', label: measured, num: true, value: (r) => figure(r.measuredBytes, false, mib) },
    { key: 'difference', label: difference, num: true, value: (r) => figure(r.differenceBytes, true, mib) },
    within((r) => r.withinBand),
  ],
  rowKey: (r) => r.name,
  rowData: (r) => ({ 'data-name': r.name, 'data-device': r.device }),
  groups: (rows) => [...new Set(rows.map((r) => r.device))].map((d) => rows.filter((r) => r.device === d)),
  strong: (r) => r.name === 'total',
};

/** Counts that are not bytes: vLLM's KV pool in tokens and its maximum concurrency. */
export const quantityTable: TableSpec<QuantityComparison> = {
  testid: 'check-quantities',
  rowTestid: 'check-quantity',
  columns: [
    { key: 'quantity', label: () => t('plan.appendix.col.quantity'), value: (q) => t(`plan.appendix.quantity.${q.name}`) },
    { key: 'planned', label: planned, num: true, value: (q) => figure(q.planned, false, count) },
    { key: 'measured', label: measured, num: true, value: (q) => figure(q.measured, false, count) },
    { key: 'difference', label: difference, num: true, value: (q) => figure(q.difference, true, count) },
    within((q) => q.withinBand),
  ],
  rowKey: (q) => q.name,
  rowData: (q) => ({ 'data-name': q.name }),
};

/** Benchmark speed per llama-bench test (planned only once the model is picked and hardware chosen). */
export const speedTable: TableSpec<MeasuredSpeed> = {
  testid: 'check-speed',
  rowTestid: 'check-speed-row',
  columns: [
    { key: 'test', label: () => t('plan.appendix.col.test'), wrap: true, value: (r) => r.test },
    { key: 'model', label: () => t('check.col.model'), wrap: true, value: (r) => r.model },
    { key: 'backend', label: () => t('check.col.backend'), wrap: true, value: (r) => r.backend },
    { key: 'planned', label: planned, num: true, value: (r) => figure(r.plannedTokensPerSecond, false, tps) },
    { key: 'measured', label: measured, num: true, value: (r) => figure(r.measuredTokensPerSecond, false, tps) },
    { key: 'difference', label: difference, num: true, value: (r) => figure(r.differenceTokensPerSecond, true, tps) },
    within((r) => r.withinBand),
  ],
  rowKey: (_r, i) => i,
  rowData: (r) => ({ 'data-test': r.test }),
};
