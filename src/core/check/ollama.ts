// Ollama's own memory report set against the plan, shared by the Check view and the CLI's `check`. The
// new engine prints what it placed per device ("model weights", "kv cache", "compute graph"); older
// runners forward llama.cpp's buffer lines instead (those go through compareLlamaLog, not here). Ollama
// plans with llama.cpp's rules, so the run is re-planned with them for the runner's own settings:
// Ollama's --ctx-size is the total over its --parallel slots.

import { defaultSettings, estimate } from '../estimate/index';
import type { EstimateSettings, ModelInput } from '../estimate/types';
import { componentRow } from '../measured/compare-rows';
import { quantFromFileType, type ComponentComparison } from '../measured/compare';
import type { OllamaLog } from '../measured/ollama-log';
import { GiB } from '../units';

/** Ollama prints one decimal of GiB or MiB: 0.05 GiB of rounding per line at most. */
const ROUNDING = 0.05 * GiB;

type Row = [ComponentComparison['name'], string, number];

export interface OllamaComparison {
  components: ComponentComparison[];
  /** null when no model was given: the rows are Ollama's figures alone. */
  settings: EstimateSettings | null;
  bandRelative: number | null;
  notes: string[];
}

/** What Ollama reported, per device where it said so, else its pre-load estimate. */
function reportedRows(log: OllamaLog, notes: string[]): Row[] {
  const rows: Row[] = [];
  for (const d of log.devices) {
    if (d.weightsBytes > 0) rows.push(['weights', d.device, d.weightsBytes]);
    if (d.kvCacheBytes > 0) rows.push(['kvCache', d.device, d.kvCacheBytes]);
    if (d.computeBytes > 0) rows.push(['compute', d.device, d.computeBytes]);
  }
  if (rows.length === 0 && log.estimate) {
    const e = log.estimate;
    if (e.weightsTotalBytes !== undefined) rows.push(['weights', 'all', e.weightsTotalBytes]);
    if (e.requiredKvBytes !== undefined) rows.push(['kvCache', 'all', e.requiredKvBytes]);
    if (e.graphFullBytes !== undefined) rows.push(['compute', 'all', e.graphFullBytes]);
    notes.push("These are Ollama's own estimate before loading (msg=offload), not allocations.");
  }
  if (log.totalBytes !== undefined) rows.push(['total', 'all', log.totalBytes]);
  return rows;
}

/** `model` null: Ollama's figures alone. `fallbackQuant` is used when the log names no file type. */
export function compareOllamaReport(log: OllamaLog, model: ModelInput | null, fallbackQuant: string | null): OllamaComparison {
  const notes: string[] = [];
  const rows = reportedRows(log, notes);
  if (!model) return { components: rows.map(([n, d, b]) => componentRow(n, d, null, b, 0, 0)), settings: null, bandRelative: null, notes };
  const s = defaultSettings('llama.cpp');
  const quant = quantFromFileType(log.settings.fileType) ?? fallbackQuant;
  if (quant) s.quant = quant;
  s.parallel = log.settings.parallel ?? 1;
  if (log.settings.ctxSize) s.context = Math.max(1, Math.floor(log.settings.ctxSize / s.parallel));
  else notes.push(`No --ctx-size in the runner's command line; assumed ${s.context} tokens.`);
  if (log.settings.flashAttention !== undefined) s.flashAttention = log.settings.flashAttention;
  const est = estimate(model, s);
  const band = est.band.relative;
  const gpus = new Set(rows.filter(([, d]) => d !== 'CPU' && d !== 'all').map(([, d]) => d)).size || 1;
  const planned: Record<string, number> = {
    weights: est.weights.bytes,
    kvCache: est.kvCache.bytes,
    compute: est.compute.device * gpus + est.compute.host,
  };
  planned['total'] = planned['weights']! + planned['kvCache']! + planned['compute']!;
  const sums = new Map<ComponentComparison['name'], number>();
  for (const [n, , b] of rows) if (n !== 'total') sums.set(n, (sums.get(n) ?? 0) + b);
  const components = [...sums].map(([n, b]) => componentRow(n, 'all', planned[n] ?? null, b, band, ROUNDING));
  const total = rows.find(([n]) => n === 'total');
  if (total) components.push(componentRow('total', 'all', planned['total'], total[2], band, ROUNDING));
  notes.push("Planned with llama.cpp's rules for the runner's settings; per-device rows are Ollama's report, compared as sums.");
  return { components, settings: s, bandRelative: band, notes };
}
