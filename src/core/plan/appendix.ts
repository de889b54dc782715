// The plan's appendix "Planned vs measured": a run the user checked in the Check view and attached to the
// plan. Data only here (the plan carries it as JSON to the print view); the section renders it in the
// plan's language for both Markdown and PDF.

import type { ComponentComparison, QuantityComparison } from '../measured/index';
import { MiB } from '../units';
import { dash, type Block, type Ctx } from './document-blocks';
import { formatNum } from './text';
import { localizeMeasuredText } from '../i18n/measured-text';

/** The run's own settings as its log printed them; null where the log does not say. */
export interface MeasuredSettings {
  model: string | null;
  quant: string | null;
  /** n_ctx: all slots together. */
  context: number | null;
  slots: number | null;
  kvTypeK: string | null;
  kvTypeV: string | null;
  flashAttention: boolean | 'auto' | null;
  layers: { gpu: number; total: number } | null;
  devices: string[];
}

export interface MeasuredSpeed {
  test: string;
  kind: 'prefill' | 'decode' | 'mixed';
  /** llama-bench's model and backend columns, as printed. */
  model: string;
  backend: string;
  measuredTokensPerSecond: number;
  /** null when no model or hardware was given, or the test has no single planned figure. */
  plannedTokensPerSecond: number | null;
  differenceTokensPerSecond: number | null;
  withinBand: boolean | null;
}

export type MeasuredSource =
  'llama.cpp-log' | 'llama-bench' | 'batched-bench' | 'vllm-bench' | 'vllm-log' | 'ollama-log' | 'nvidia-smi' | 'rocm-smi';

export interface MeasuredRun {
  /** "llama.cpp", "vllm", "ollama", or the tool that read the GPUs ("nvidia-smi", "rocm-smi"). */
  runtime: string;
  /** What was pasted: a start-up log, llama-bench output or GPU readings. */
  source: MeasuredSource;
  modelSource: string | null;
  bandRelative: number | null;
  settings: MeasuredSettings | null;
  components: ComponentComparison[];
  /** Counts that are not bytes (vLLM's KV pool in tokens, its maximum concurrency); absent in older plans. */
  quantities?: QuantityComparison[];
  speed: MeasuredSpeed[];
  /** The comparison's notes, in English as core writes them. */
  notes: string[];
}

function mib(locale: Ctx['locale'], bytes: number | null, signed = false): string {
  if (bytes === null || !Number.isFinite(bytes)) return dash;
  const v = formatNum(locale, Math.round((bytes / MiB) * 100) / 100, 2);
  return `${signed && bytes > 0 ? '+' : ''}${v} MiB`;
}

function tps(locale: Ctx['locale'], v: number | null, signed = false): string {
  if (v === null || !Number.isFinite(v)) return dash;
  return `${signed && v > 0 ? '+' : ''}${formatNum(locale, Math.round(v * 10) / 10, 1)} tok/s`;
}

function settingsRows(x: Ctx, s: MeasuredSettings): string[][] {
  const { t, locale } = x;
  const num = (n: number | null) => (n === null ? dash : formatNum(locale, n, 0));
  const fa =
    s.flashAttention === null
      ? dash
      : s.flashAttention === 'auto'
        ? 'auto'
        : t(s.flashAttention ? 'plan.appendix.on' : 'plan.appendix.off');
  const rows: Array<[string, string]> = [
    ['model', s.model ?? dash],
    ['quant', s.quant ?? dash],
    ['context', num(s.context)],
    ['slots', num(s.slots)],
    ['kvTypes', s.kvTypeK || s.kvTypeV ? `${s.kvTypeK ?? dash} / ${s.kvTypeV ?? dash}` : dash],
    ['flashAttention', fa],
    ['layers', s.layers ? `${s.layers.gpu} / ${s.layers.total}` : dash],
    ['devices', s.devices.length > 0 ? s.devices.join(', ') : dash],
  ];
  return rows.map(([k, v]) => [t(`plan.appendix.setting.${k}`), v]);
}

function componentRows(x: Ctx, rows: ComponentComparison[]): string[][] {
  const { t, locale } = x;
  return rows.map((r) => [
    t(`plan.appendix.component.${r.name}`),
    r.device === 'all' ? t('plan.appendix.device.all') : r.device,
    mib(locale, r.plannedBytes),
    mib(locale, r.measuredBytes),
    mib(locale, r.differenceBytes, true),
    r.withinBand === null ? dash : r.withinBand ? '✓' : '✗',
  ]);
}

/** The appendix, or nothing when no run is attached. */
export function sectionMeasured(x: Ctx): Block[] {
  const run = x.plan.measured;
  if (!run) return [];
  const { t, locale } = x;
  const blocks: Block[] = [{ type: 'heading', level: 2, text: t('plan.appendix.title'), id: 'measured' }];
  blocks.push({ type: 'paragraph', text: t(`plan.appendix.source.${run.source}`) });
  if (run.modelSource) blocks.push({ type: 'paragraph', text: t('plan.appendix.modelSource', { source: run.modelSource }) });
  if (run.settings)
    blocks.push({
      type: 'table',
      id: 'measured-settings',
      headers: [t('plan.appendix.setting'), t('plan.appendix.value')],
      rows: settingsRows(x, run.settings),
      numeric: [false, false],
    });
  if (run.components.length > 0) {
    if (run.bandRelative !== null) blocks.push({ type: 'paragraph', text: t('plan.appendix.band', { share: run.bandRelative }) });
    blocks.push({
      type: 'table',
      id: 'measured-components',
      headers: ['component', 'device', 'planned', 'measured', 'difference', 'withinBand'].map((h) => t(`plan.appendix.col.${h}`)),
      rows: componentRows(x, run.components),
      numeric: [false, false, true, true, true, false],
    });
  }
  const quantities = run.quantities ?? [];
  if (quantities.length > 0)
    blocks.push({
      type: 'table',
      id: 'measured-quantities',
      headers: ['quantity', 'planned', 'measured', 'difference', 'withinBand'].map((h) => t(`plan.appendix.col.${h}`)),
      rows: quantities.map((q) => [
        t(`plan.appendix.quantity.${q.name}`),
        q.planned === null ? dash : formatNum(locale, q.planned, 2),
        formatNum(locale, q.measured, 2),
        q.difference === null ? dash : `${q.difference > 0 ? '+' : ''}${formatNum(locale, Math.round(q.difference * 100) / 100, 2)}`,
        q.withinBand === null ? dash : q.withinBand ? '✓' : '✗',
      ]),
      numeric: [false, true, true, true, false],
    });
  if (run.speed.length > 0)
    blocks.push({
      type: 'table',
      id: 'measured-speed',
      headers: ['test', 'planned', 'measured', 'difference', 'withinBand'].map((h) => t(`plan.appendix.col.${h}`)),
      rows: run.speed.map((r) => [
        r.test,
        tps(locale, r.plannedTokensPerSecond),
        tps(locale, r.measuredTokensPerSecond),
        tps(locale, r.differenceTokensPerSecond, true),
        r.withinBand === null ? dash : r.withinBand ? '✓' : '✗',
      ]),
      numeric: [false, true, true, true, false],
    });
  // Core writes its notes in English; the Japanese plan says that it quotes them.
  if (run.notes.length > 0) {
    blocks.push({ type: 'paragraph', text: t('plan.appendix.notes') });
    blocks.push({ type: 'list', items: run.notes.map((n) => localizeMeasuredText(locale, n)) });
  }
  return blocks;
}
