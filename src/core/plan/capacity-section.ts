// The Capacity section of the plan (EN/JA): the KV pool and what it holds, latency and throughput at the
// workload's load, the knee, the GPUs needed, other layouts, cost and power, and the launch commands.
// Built as plan-document blocks so Markdown (and later the PDF) render it like every other section.

import { arrivalKey, bandText, runText, type CapacityPlan } from '../capacity/index';

/** The section reads the figures only, never the replica model (a stored plan has none). */
type Figures = Omit<CapacityPlan, 'model'>;
import { isKnownQuant, resolveQuant } from '../quant/formats';
import type { Block } from './document-blocks';
import { layoutNote } from './layout-notes';
import { escapeCell, escapeInline } from './markdown';
import type { ServeRecipe } from './recipes-serve';
import { formatNum, tr, type PlanLocale } from './text';

/**
 * The weight format as a reader names it: the GGUF file type ("Q4_K_M") or the Hugging Face format's name
 * without its packing details ("AWQ 4-bit", "FP8"); an id the planner does not know is shown as it is.
 */
export function quantName(id: string): string {
  if (!isKnownQuant(id)) return id;
  const f = resolveQuant(id);
  return f.family === 'gguf' ? f.id : (f.label.split(' (')[0] ?? f.id);
}

const RUNTIME_NAME: Record<Figures['runtime'], string> = { vllm: 'vLLM', sglang: 'SGLang', 'llama.cpp': 'llama.cpp' };

/** The runtime as its project spells it (the CLI's ids are lower-case). */
export const runtimeName = (r: Figures['runtime']): string => RUNTIME_NAME[r];

/** The load the workload states: concurrent users (closed loop) or a request rate (open loop). */
export function loadText(p: Figures, l: PlanLocale): string {
  const w = p.workload;
  return w.rate !== undefined
    ? tr(l, 'capacity.load.rate', { rate: formatNum(l, w.rate, w.rate < 10 ? 2 : 0) })
    : tr(l, 'capacity.load.users', { users: formatNum(l, w.users ?? Math.round(p.atLoad.users)) });
}

const money = (x: number | null | undefined) =>
  x == null || !Number.isFinite(x) ? '—' : x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(x >= 1 ? 2 : 3);

function loadRows(p: Figures, l: PlanLocale): string[][] {
  const a = p.atLoad;
  const n = (x: number, d = 1) => formatNum(l, Math.round(x * 10 ** d) / 10 ** d, d);
  const range = (b: { low: number; high: number }, unit: string) => `${n(b.low)}–${n(b.high)} ${unit}`;
  return [
    [tr(l, 'capacity.row.ttft'), `${n(a.ttftMs.value, 0)} / ${n(a.ttftP95Ms, 0)} ms`, range(a.ttftMs, 'ms')],
    [tr(l, 'capacity.row.tpot'), `${n(a.tpotMs.value)} / ${n(a.tpotP95Ms)} ms`, range(a.tpotMs, 'ms')],
    [tr(l, 'capacity.row.perUser'), `${n(a.perUserTokensPerSecond)} tok/s`, ''],
    [tr(l, 'capacity.row.output'), `${n(a.outputTokensPerSecond.value, 0)} tok/s`, range(a.outputTokensPerSecond, 'tok/s')],
    [tr(l, 'capacity.row.requests'), n(a.requestsPerSecond, 2), ''],
    [tr(l, 'capacity.row.queue'), `${n(a.queueSeconds, 2)} s`, ''],
  ];
}

function summary(p: Figures, l: PlanLocale): string[] {
  const out: string[] = [];
  const w = p.workload;
  const any = w.ttftP95S !== undefined || w.tpotP95Ms !== undefined || w.ttftP50S !== undefined || w.tpotP50Ms !== undefined;
  if (p.atLoad.saturated) out.push(tr(l, 'capacity.saturated'));
  out.push(tr(l, any ? (p.atLoad.meetsTargets ? 'capacity.targets.met' : 'capacity.targets.missed') : 'capacity.targets.none'));
  if (p.kneeUsers != null) out.push(tr(l, 'capacity.knee', { knee: p.kneeUsers }));
  if (p.gpusNeeded != null) {
    out.push(
      tr(l, 'capacity.needed', {
        gpus: p.gpusNeeded,
        low: p.gpusNeededBand.low ?? '—',
        high: p.gpusNeededBand.high ?? '—',
        replicas: p.replicasNeeded ?? '—',
        nodes: p.nodesNeeded ?? '—',
      }),
    );
  } else out.push(tr(l, 'capacity.needed.none'));
  return out;
}

function costLines(p: Figures, l: PlanLocale, gpuName: string): string[] {
  const c = p.cost;
  if (c.missing) return [tr(l, 'capacity.cost.missing', { gpu: gpuName })];
  const side = (key: string, s: typeof c.own) =>
    s ? [tr(l, key, { perHour: money(s.usdPerHour), perMonth: money(s.usdPerMonth), perMillion: money(s.usdPerMillionOutputTokens) })] : [];
  return [
    ...side('capacity.cost.own', c.own),
    ...side('capacity.cost.cloud', c.cloud),
    tr(l, 'capacity.cost.power', { watts: Math.round(c.powerW), utilisation: `${Math.round(c.utilisation * 100)} %` }),
    tr(l, 'capacity.cost.note', { date: c.asOf }),
  ];
}

/** Heading, what is served on what, and the KV pool it leaves. */
function headBlocks(p: Figures, l: PlanLocale, names: { model: string; gpu: string }): Block[] {
  const d = p.deployment;
  return [
    { type: 'heading', level: 2, text: tr(l, 'capacity.title'), id: 'capacity' },
    {
      type: 'paragraph',
      text: tr(l, 'capacity.intro', {
        model: names.model,
        quant: quantName(p.estimate.settings.quant),
        replicas: d.replicas,
        perReplica: d.gpusPerReplica,
        gpu: names.gpu,
        runtime: runtimeName(p.runtime),
        tp: d.tp,
        pp: d.pp,
        nodes: d.nodes,
        load: loadText(p, l),
        prompt: formatNum(l, p.workload.promptTokens),
        output: formatNum(l, p.workload.outputTokens),
      }),
    },
    {
      type: 'paragraph',
      text: tr(l, 'capacity.pool', {
        tokens: p.pool.kvPoolTokens,
        poolBytes: p.pool.kvPoolBytesPerGpu,
        concurrency: p.pool.maxConcurrency,
        logged: p.pool.maxConcurrencyAtMaxModelLen,
        maxLen: p.pool.maxModelLen,
      }),
    },
  ];
}

export function capacityBlocks(p: Figures, recipes: ServeRecipe[], l: PlanLocale, names: { model: string; gpu: string }): Block[] {
  const dev = p.perDevice[0];
  const blocks = headBlocks(p, l, names);
  if (dev) {
    const { name: _name, ...bytes } = dev;
    blocks.push({ type: 'paragraph', text: tr(l, bytes.stateBytes > 0 ? 'capacity.memory.states' : 'capacity.memory', bytes) });
  }
  blocks.push({ type: 'paragraph', text: tr(l, 'capacity.pool.basis', { basis: tr(l, p.pool.basis.key, p.pool.basis.params) }) });
  // Why this layout, and the arrival pattern the first-token time was priced for (users only: a rate is steady).
  const why = [tr(l, p.layoutChoice.reason.key, p.layoutChoice.reason.params)];
  if (p.workload.users !== undefined) why.push(tr(l, arrivalKey(p.atLoad.arrival, p.runtime)));
  const run = runText(p.workload, p.atLoad.users);
  if (run) why.push(tr(l, run.key, run.params));
  blocks.push({ type: 'paragraph', text: why.join(' ') });
  blocks.push({ type: 'heading', level: 3, text: tr(l, 'capacity.load.heading', { users: Math.round(p.atLoad.users) }) });
  blocks.push({
    type: 'table',
    id: 'capacity-load',
    headers: [tr(l, 'capacity.col.metric'), tr(l, 'capacity.col.value'), tr(l, 'capacity.col.range')],
    rows: loadRows(p, l),
    numeric: [false, true, true],
  });
  const range = bandText(p.band);
  blocks.push({ type: 'paragraph', text: tr(l, range.key, range.params) });
  const said = (t: { key: string; params: Record<string, string | number> }) => tr(l, t.key, t.params);
  // The plan's own notes (no fit, replicated KV, the vLLM release priced) belong with its figures.
  blocks.push({ type: 'list', items: [...summary(p, l), ...p.notes.map(said)] });
  if (p.layouts.length > 1) {
    blocks.push({ type: 'heading', level: 3, text: tr(l, 'capacity.layouts.heading') });
    blocks.push({
      type: 'table',
      id: 'capacity-layouts',
      headers: [
        tr(l, 'capacity.layouts.layout'),
        tr(l, 'capacity.layouts.replicas'),
        tr(l, 'capacity.layouts.pool'),
        tr(l, 'capacity.layouts.goodput'),
        tr(l, 'capacity.layouts.needed'),
      ],
      rows: p.layouts.map((x) => [
        `TP ${x.tp} × PP ${x.pp}${x.note ? ` (${layoutNote(l, x.note)})` : ''}`,
        String(x.replicas),
        x.fits ? formatNum(l, x.kvPoolTokens) : tr(l, 'capacity.layouts.noFit'),
        x.fits ? formatNum(l, Math.round(x.goodputTokensPerSecond)) : '—',
        `${x.gpusNeeded ?? '—'}${x.chosen ? ` (${tr(l, 'capacity.layouts.chosen')})` : ''}`,
      ]),
      numeric: [false, true, true, true, true],
    });
  }
  blocks.push({ type: 'heading', level: 3, text: tr(l, 'capacity.cost.heading') });
  blocks.push({ type: 'list', items: costLines(p, l, names.gpu) });
  blocks.push({ type: 'heading', level: 3, text: tr(l, 'capacity.recipes.heading') });
  for (const r of recipes)
    blocks.push({
      type: 'code',
      language: r.id === 'k8s-lws' ? 'yaml' : 'sh',
      content: r.text,
      caption: tr(l, r.label.key, r.label.params),
    });
  blocks.push({ type: 'heading', level: 3, text: tr(l, 'capacity.notModelled.heading') });
  blocks.push({ type: 'list', items: [...p.notModelled.map(said), ...p.warnings] });
  return blocks;
}

function fence(content: string): string {
  const longest = Math.max(0, ...Array.from(content.matchAll(/`+/g), (m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** The section as Markdown, rendered the way plan/markdown.ts renders the plan's other blocks. */
export function capacityMarkdown(blocks: Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === 'heading') out.push(`${'#'.repeat(b.level)} ${escapeInline(b.text)}`);
    else if (b.type === 'paragraph') out.push(escapeInline(b.text));
    else if (b.type === 'list') out.push(b.items.map((i) => `- ${escapeInline(i)}`).join('\n'));
    else if (b.type === 'table') {
      const row = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
      out.push([row(b.headers), `|${b.numeric.map((x) => (x ? ' ---: ' : ' --- ')).join('|')}|`, ...b.rows.map(row)].join('\n'));
    } else if (b.type === 'code') {
      const f = fence(b.content);
      out.push(`${b.caption ? `${escapeInline(b.caption)}:\n\n` : ''}${f}${b.language}\n${b.content}\n${f}`);
    }
  }
  return `${out.join('\n\n')}\n`;
}
