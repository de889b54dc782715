// Plan → a language-specific document of plain blocks. Markdown (markdown.ts) and the PDF print view
// (src/renderer/print) both render these blocks, so the two exports always say the same thing.

import { formatGB, formatGiB } from '../units';
import { formatNum, tr, trText, type PlanLocale } from './text';
import type { Plan, PlanComparisonRow, PlanDevice } from './types';

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string; id?: string }
  | { type: 'paragraph'; text: string }
  | { type: 'table'; id: string; headers: string[]; rows: string[][]; numeric: boolean[]; highlight?: number[] }
  | { type: 'list'; items: string[] }
  | { type: 'checklist'; items: string[] }
  | { type: 'code'; language: string; content: string; caption?: string }
  /** The per-device memory chart; Markdown omits it (its table carries the same numbers). */
  | { type: 'chart'; id: 'devices' };

export interface PlanDocument {
  locale: PlanLocale;
  title: string;
  blocks: Block[];
}

const dash = '—';

function gib(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return dash;
  // A few hundred KiB would read as "0.00 GiB", which looks like nothing at all.
  if (bytes > 0 && bytes < 0.005 * 2 ** 30) return '< 0.01 GiB';
  return formatGiB(bytes, 2);
}

function speed(locale: PlanLocale, tps: number | null, band: number): string {
  if (tps === null || !Number.isFinite(tps)) return dash;
  return tr(locale, 'plan.speed.value', { tps: tps >= 100 ? Math.round(tps) : Math.round(tps * 10) / 10, band: Math.round(band * 100) });
}

function verdictText(locale: PlanLocale, verdict: string): string {
  return tr(locale, `plan.verdict.${verdict}`);
}

function comparisonRow(locale: PlanLocale, r: PlanComparisonRow): string[] {
  return [
    `${tr(locale, 'plan.bits.value', { bits: r.bits })}${r.chosen ? ` ${tr(locale, 'plan.comparison.chosen')}` : ''}`,
    r.quant,
    formatNum(locale, r.bitsPerWeight),
    formatGB(r.seedBytes, 1),
    gib(r.weightsBytes),
    gib(r.kvCacheBytes),
    gib(r.totalBytes),
    verdictText(locale, r.verdict),
    `${r.gpuLayers} / ${r.totalLayers}`,
    r.maxContext === null ? dash : formatNum(locale, r.maxContext),
    r.decodeTokensPerSecond === null || r.verdict === 'no-fit' ? dash : formatNum(locale, Math.round(r.decodeTokensPerSecond * 10) / 10, 1),
  ];
}

function layerText(d: PlanDevice): string {
  if (d.layerRange) return `${d.layers} (${d.layerRange[0]}–${d.layerRange[1]}${d.holdsOutput ? ' + out' : ''})`;
  return `${d.layers}${d.holdsOutput ? ' + out' : ''}`;
}

export function planDocument(plan: Plan, locale: PlanLocale): PlanDocument {
  const t = (key: string, params: Record<string, string | number> = {}) => tr(locale, key, params);
  const s = plan.settings;
  const c = plan.components;
  const blocks: Block[] = [];
  // A plan that does not fit has no speed to promise.
  const fits = plan.verdict !== 'no-fit';
  const sp = fits ? plan.speed : { ...plan.speed, decodeTokensPerSecond: null, decodeAtFullContextTokensPerSecond: null, prefillTokensPerSecond: null };
  const title = t('plan.title', { model: plan.model.name });

  blocks.push({ type: 'heading', level: 1, text: title });
  blocks.push({ type: 'paragraph', text: t('plan.created', { date: plan.date.slice(0, 10), version: plan.appVersion }) });

  // Summary
  blocks.push({ type: 'heading', level: 2, text: t('plan.section.summary'), id: 'summary' });
  const verdictLine =
    plan.verdict === 'fits' || plan.verdict === 'tight'
      ? t('plan.summary.verdictMargin', { verdict: verdictText(locale, plan.verdict), marginBytes: plan.marginBytes })
      : verdictText(locale, plan.verdict);
  blocks.push({
    type: 'table',
    id: 'summary',
    headers: [t('plan.col.item'), t('plan.col.value')],
    numeric: [false, false],
    rows: [
      [t('plan.summary.verdict'), verdictLine],
      [t('plan.summary.hardware'), t('plan.summary.hardwareValue', { label: plan.hardware.label, origin: plan.hardware.source })],
      [t('plan.summary.model'), t('plan.summary.modelValue', { model: plan.model.name, parameters: plan.model.parameterCount, basis: plan.model.basis })],
      [t('plan.summary.runtime'), plan.runtime],
      [t('plan.summary.quant'), t('plan.summary.quantValue', { quant: plan.quant.label, bpw: plan.quant.bitsPerWeight })],
      [t('plan.summary.context'), t('plan.summary.contextValue', { context: s.context, parallel: s.parallel })],
      [t('plan.summary.kv'), t('plan.summary.kvValue', { k: s.kvTypeK, v: s.kvTypeV, fa: s.flashAttention ? 'on' : 'off' })],
      [t('plan.summary.gpuLayers'), `${plan.gpuLayers} / ${plan.totalLayers}`],
      [t('plan.summary.maxContext'), plan.maxContext === null ? dash : formatNum(locale, plan.maxContext)],
      [t('plan.summary.total'), t('plan.summary.totalValue', { totalBytes: c.total, lowBytes: c.band.lowBytes, highBytes: c.band.highBytes })],
      [t('plan.summary.speed'), speed(locale, sp.decodeTokensPerSecond, sp.band.decode)],
    ],
  });

  // Hardware
  blocks.push({ type: 'heading', level: 2, text: t('plan.section.hardware'), id: 'hardware' });
  blocks.push({ type: 'paragraph', text: t('plan.hardware.intro', { label: plan.hardware.label, origin: plan.hardware.source }) });
  const hwRows = plan.hardware.devices.map((d) => [
    d.name,
    d.kind ? t(`plan.value.kind.${d.kind}`) : dash,
    gib(d.totalBytes),
    d.source === 'user' || d.source === 'catalog' ? t(`plan.value.source.${d.source}`) : d.source,
    d.bandwidthGBps == null ? dash : `${formatNum(locale, d.bandwidthGBps, 0)} GB/s${d.bandwidthSource ? ` (${d.bandwidthSource === 'catalog' ? t('plan.value.source.catalog') : d.bandwidthSource})` : ''}`,
  ]);
  if (plan.hardware.ramBytes != null) hwRows.push([t('plan.hardware.ram'), t('plan.value.kind.ram'), gib(plan.hardware.ramBytes), t(`plan.value.ramSource.${plan.hardware.ramSource}`), dash]);
  blocks.push({
    type: 'table',
    id: 'hardware',
    headers: [t('plan.col.device'), t('plan.col.kind'), t('plan.col.memory'), t('plan.col.source'), t('plan.col.bandwidth')],
    numeric: [false, false, true, false, true],
    rows: hwRows,
  });

  // Memory estimate
  blocks.push({ type: 'heading', level: 2, text: t('plan.section.memory'), id: 'memory' });
  blocks.push({
    type: 'table',
    id: 'components',
    headers: [t('plan.col.component'), t('plan.col.size'), t('plan.col.what')],
    numeric: [false, true, false],
    rows: [
      [t('plan.component.weights'), gib(c.weights), t('plan.component.weightsWhat', { quant: plan.quant.id, bpw: plan.quant.bitsPerWeight, parameters: plan.model.parameterCount })],
      [t('plan.component.kv'), gib(c.kvCache), t('plan.component.kvWhat', { context: s.context, parallel: s.parallel, k: s.kvTypeK, v: s.kvTypeV })],
      [t('plan.component.compute'), gib(c.compute), t('plan.component.computeWhat', { fa: s.flashAttention ? 'on' : 'off', ubatch: s.ubatch })],
      [t('plan.component.output'), gib(c.outputBuffer), t('plan.component.outputWhat')],
      [t('plan.component.overhead'), gib(c.overheadPerGpu), t('plan.component.overheadWhat')],
      [t('plan.component.total'), gib(c.total), t('plan.component.totalWhat', { lowBytes: c.band.lowBytes, highBytes: c.band.highBytes, relative: Math.round(c.band.relative * 100) })],
    ],
  });

  // Seed formula
  const sf = plan.seedFormula;
  blocks.push({ type: 'heading', level: 2, text: t('plan.section.seed'), id: 'seed' });
  blocks.push({
    type: 'paragraph',
    text: t('plan.seed.formula', {
      p: formatNum(locale, Math.round((sf.parameters / 1e9) * 100) / 100),
      q: sf.bits,
      seedBytesGB: sf.bytes,
    }),
  });
  blocks.push({
    type: 'paragraph',
    text: t('plan.seed.detailed', {
      detailedBytes: sf.detailedBytes,
      detailedBytesGB: sf.detailedBytes,
      diffBytesGB: sf.differenceBytes,
      sign: sf.differenceBytes >= 0 ? '+' : '−',
      diffAbsBytesGB: Math.abs(sf.differenceBytes),
      percent: sf.bytes > 0 ? Math.round((Math.abs(sf.differenceBytes) / sf.bytes) * 100) : 0,
    }),
  });
  blocks.push({ type: 'list', items: sf.reasons.map((r) => trText(locale, r)) });

  // Comparison
  blocks.push({ type: 'heading', level: 2, text: t('plan.section.comparison'), id: 'comparison' });
  if (plan.comparison.length > 0) {
    blocks.push({
      type: 'table',
      id: 'comparison',
      headers: [
        t('plan.col.bits'),
        t('plan.col.quant'),
        t('plan.col.bpw'),
        t('plan.col.seed'),
        t('plan.col.weights'),
        t('plan.col.kv'),
        t('plan.col.total'),
        t('plan.col.verdict'),
        t('plan.col.gpuLayers'),
        t('plan.col.maxContext'),
        t('plan.col.decode'),
      ],
      numeric: [false, false, true, true, true, true, true, false, true, true, true],
      rows: plan.comparison.map((r) => comparisonRow(locale, r)),
      highlight: plan.comparison.flatMap((r, i) => (r.chosen ? [i] : [])),
    });
    blocks.push({ type: 'paragraph', text: t('plan.comparison.note') });
  } else {
    blocks.push({ type: 'paragraph', text: t('plan.comparison.none') });
  }

  // Devices
  blocks.push({ type: 'heading', level: 2, text: t('plan.section.devices'), id: 'devices' });
  if (plan.devices.length > 0) blocks.push({ type: 'chart', id: 'devices' });
  const devRows = plan.devices.map((d) => [
    d.name,
    layerText(d),
    gib(d.weightsBytes),
    gib(d.kvBytes),
    gib(d.computeBytes),
    gib(d.overheadBytes),
    gib(d.usedBytes),
    gib(d.capacityBytes),
    gib(d.marginBytes),
  ]);
  if (plan.cpu.bytes > 0) {
    devRows.push([t('plan.devices.cpu'), `${plan.totalLayers - plan.gpuLayers}`, dash, dash, dash, dash, gib(plan.cpu.bytes), gib(plan.cpu.ramBudgetBytes), gib(plan.cpu.ramBudgetBytes - plan.cpu.bytes)]);
  }
  blocks.push({
    type: 'table',
    id: 'devices',
    headers: [
      t('plan.col.device'),
      t('plan.col.layers'),
      t('plan.col.weights'),
      t('plan.col.kv'),
      t('plan.col.compute'),
      t('plan.col.reserve'),
      t('plan.col.used'),
      t('plan.col.usable'),
      t('plan.col.margin'),
    ],
    numeric: [false, true, true, true, true, true, true, true, true],
    rows: devRows,
  });
  blocks.push({ type: 'paragraph', text: t('plan.devices.note') });
  if (plan.tensorSplit) blocks.push({ type: 'paragraph', text: t('plan.devices.split', { split: plan.tensorSplit.join(',') }) });

  // Max context
  blocks.push({ type: 'heading', level: 2, text: t('plan.section.maxContext'), id: 'max-context' });
  blocks.push({
    type: 'paragraph',
    text:
      plan.maxContext === null
        ? t('plan.maxContext.none')
        : t('plan.maxContext.value', { maxContext: plan.maxContext, modelMax: plan.model.maxContext, context: s.context, parallel: s.parallel }),
  });
  if (plan.vllm) {
    blocks.push({ type: 'paragraph', text: t('plan.maxContext.vllm', { kvTokens: plan.vllm.kvTokens, concurrency: plan.vllm.maxConcurrency, kvPoolBytes: plan.vllm.kvPoolBytes }) });
  }

  // Remedies
  blocks.push({ type: 'heading', level: 2, text: t('plan.section.remedies'), id: 'remedies' });
  if (plan.remedies.length > 0) {
    blocks.push({
      type: 'table',
      id: 'remedies',
      headers: [t('plan.col.remedy'), t('plan.col.saves'), t('plan.col.verdictAfter'), t('plan.col.gpuLayers'), t('plan.col.cost')],
      numeric: [false, true, false, true, false],
      rows: plan.remedies.map((r) => [
        trText(locale, r.label),
        gib(r.savesBytes),
        verdictText(locale, r.resultingVerdict),
        `${r.resultingGpuLayers} / ${plan.totalLayers}`,
        r.cost.speedFactor != null && Math.abs(r.cost.speedFactor - 1) >= 0.005
          ? t('plan.cost.withSpeed', { cost: t(`plan.value.cost.${r.cost.kind}`), factor: Math.round(r.cost.speedFactor * 100) / 100 })
          : t(`plan.value.cost.${r.cost.kind}`),
      ]),
    });
  } else {
    blocks.push({ type: 'paragraph', text: t(plan.verdict === 'fits' ? 'plan.remedies.notNeeded' : 'plan.remedies.none') });
  }

  // Speed
  blocks.push({ type: 'heading', level: 2, text: t('plan.section.speed'), id: 'speed' });
  blocks.push({
    type: 'list',
    items: [
      t('plan.speed.decode', { tokens: sp.contextTokens, value: speed(locale, sp.decodeTokensPerSecond, sp.band.decode) }),
      t('plan.speed.decodeFull', { context: s.context, value: speed(locale, sp.decodeAtFullContextTokensPerSecond, sp.band.decode) }),
      t('plan.speed.prefill', { value: speed(locale, sp.prefillTokensPerSecond, sp.band.prefill) }),
      t('plan.speed.bytesPerToken', { perTokenBytes: sp.bytesPerToken }),
    ],
  });

  // Four steps
  blocks.push({ type: 'heading', level: 2, text: t('plan.section.steps'), id: 'steps' });
  for (const step of plan.checklist) {
    blocks.push({ type: 'heading', level: 3, text: `${step.step}. ${trText(locale, step.title)}` });
    blocks.push({ type: 'checklist', items: step.items.map((i) => trText(locale, i)) });
    if (step.commands.length > 0) blocks.push({ type: 'code', language: 'bash', content: step.commands.join('\n') });
  }

  // Recipes
  blocks.push({ type: 'heading', level: 2, text: t('plan.section.recipes'), id: 'recipes' });
  if (plan.recipes.length === 0) blocks.push({ type: 'paragraph', text: t('plan.recipes.none', { runtime: plan.runtime }) });
  for (const r of plan.recipes) {
    blocks.push({ type: 'heading', level: 3, text: r.title });
    if (r.settings.length > 0) {
      blocks.push({
        type: 'table',
        id: `recipe-${r.id}`,
        headers: [t('plan.col.setting'), t('plan.col.value')],
        numeric: [false, true],
        rows: r.settings.map((x) => [trText(locale, x.label), x.value]),
      });
    }
    for (const f of r.files) blocks.push({ type: 'code', language: f.language, content: f.content.replace(/\n$/, ''), caption: f.name });
    if (r.commands.length > 0) blocks.push({ type: 'code', language: 'bash', content: r.commands.join('\n') });
    if (r.notes.length > 0) blocks.push({ type: 'list', items: r.notes.map((n) => trText(locale, n)) });
  }

  // Assumptions
  blocks.push({ type: 'heading', level: 2, text: t('plan.section.assumptions'), id: 'assumptions' });
  blocks.push({ type: 'list', items: plan.assumptions.map((a) => trText(locale, a)) });
  const engine = [c.basis.weights, c.basis.kvCache, c.basis.compute, c.basis.outputBuffer, c.basis.overheadPerGpu, ...plan.warnings].filter((x) => x.trim() !== '');
  if (engine.length > 0) {
    blocks.push({ type: 'paragraph', text: t('plan.assumptions.engine') });
    blocks.push({ type: 'list', items: engine });
  }
  blocks.push({ type: 'paragraph', text: t('plan.footer', { totalBytes: c.total, totalBytesGB: c.total }) });

  return { locale, title, blocks };
}
