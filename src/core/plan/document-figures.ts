// The figures sections of the plan document: summary, hardware, memory, the article's formula, the
// 16/8/4-bit comparison, devices and the largest context.

import { formatNum, trText } from './text';
import { comparisonRow, dash, gib, layerText, speed, verdictText, type Block, type Ctx } from './document-blocks';
import { localHardwareLabel } from '../advice/choice';

export function sectionSummary(x: Ctx): Block[] {
  const { plan, locale, t, s, c, sp } = x;
  const blocks: Block[] = [];
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
      [
        t('plan.summary.hardware'),
        t('plan.summary.hardwareValue', { label: localHardwareLabel(x.locale, plan.hardware.label), origin: plan.hardware.source }),
      ],
      [
        t('plan.summary.model'),
        t('plan.summary.modelValue', { model: plan.model.name, parameters: plan.model.parameterCount, basis: plan.model.basis }),
      ],
      [t('plan.summary.runtime'), plan.runtime],
      [t('plan.summary.quant'), t('plan.summary.quantValue', { quant: plan.quant.label, bpw: plan.quant.bitsPerWeight })],
      [t('plan.summary.context'), t('plan.summary.contextValue', { context: s.context, parallel: s.parallel })],
      [t('plan.summary.kv'), t('plan.summary.kvValue', { k: s.kvTypeK, v: s.kvTypeV, fa: s.flashAttention ? 'on' : 'off' })],
      [t('plan.summary.gpuLayers'), `${plan.gpuLayers} / ${plan.totalLayers}`],
      [t('plan.summary.maxContext'), plan.maxContext === null ? dash : formatNum(locale, plan.maxContext)],
      [
        t('plan.summary.total'),
        t('plan.summary.totalValue', { totalBytes: c.total, lowBytes: c.band.lowBytes, highBytes: c.band.highBytes }),
      ],
      [t('plan.summary.speed'), speed(locale, sp.decodeTokensPerSecond, sp.band.decode)],
    ],
  });
  return blocks;
}

export function sectionHardware(x: Ctx): Block[] {
  const { plan, locale, t } = x;
  const blocks: Block[] = [];
  blocks.push({ type: 'heading', level: 2, text: t('plan.section.hardware'), id: 'hardware' });
  blocks.push({
    type: 'paragraph',
    text: t('plan.hardware.intro', { label: localHardwareLabel(x.locale, plan.hardware.label), origin: plan.hardware.source }),
  });
  const hwRows = plan.hardware.devices.map((d) => [
    d.name,
    d.kind ? t(`plan.value.kind.${d.kind}`) : dash,
    gib(d.totalBytes),
    d.source === 'user' || d.source === 'catalog' ? t(`plan.value.source.${d.source}`) : d.source,
    d.bandwidthGBps == null
      ? dash
      : `${formatNum(locale, d.bandwidthGBps, 0)} GB/s${d.bandwidthSource ? ` (${d.bandwidthSource === 'catalog' ? t('plan.value.source.catalog') : d.bandwidthSource})` : ''}`,
  ]);
  if (plan.hardware.ramBytes != null)
    hwRows.push([
      t('plan.hardware.ram'),
      t('plan.value.kind.ram'),
      gib(plan.hardware.ramBytes),
      t(`plan.value.ramSource.${plan.hardware.ramSource}`),
      dash,
    ]);
  blocks.push({
    type: 'table',
    id: 'hardware',
    headers: [t('plan.col.device'), t('plan.col.kind'), t('plan.col.memory'), t('plan.col.source'), t('plan.col.bandwidth')],
    numeric: [false, false, true, false, true],
    rows: hwRows,
  });
  return blocks;
}

export function sectionMemoryEstimate(x: Ctx): Block[] {
  const { plan, t, s, c } = x;
  const blocks: Block[] = [];
  blocks.push({ type: 'heading', level: 2, text: t('plan.section.memory'), id: 'memory' });
  blocks.push({
    type: 'table',
    id: 'components',
    headers: [t('plan.col.component'), t('plan.col.size'), t('plan.col.what')],
    numeric: [false, true, false],
    rows: [
      [
        t('plan.component.weights'),
        gib(c.weights),
        t('plan.component.weightsWhat', { quant: plan.quant.id, bpw: plan.quant.bitsPerWeight, parameters: plan.model.parameterCount }),
      ],
      [
        t('plan.component.kv'),
        gib(c.kvCache),
        t('plan.component.kvWhat', { context: s.context, parallel: s.parallel, k: s.kvTypeK, v: s.kvTypeV }),
      ],
      [
        t('plan.component.compute'),
        gib(c.compute),
        t('plan.component.computeWhat', { fa: s.flashAttention ? 'on' : 'off', ubatch: s.ubatch }),
      ],
      [t('plan.component.output'), gib(c.outputBuffer), t('plan.component.outputWhat')],
      [t('plan.component.overhead'), gib(c.overheadPerGpu), t('plan.component.overheadWhat')],
      [
        t('plan.component.total'),
        gib(c.total),
        t('plan.component.totalWhat', {
          lowBytes: c.band.lowBytes,
          highBytes: c.band.highBytes,
          relative: Math.round(c.band.relative * 100),
        }),
      ],
    ],
  });
  return blocks;
}

export function sectionSeedFormula(x: Ctx): Block[] {
  const { plan, locale, t } = x;
  const blocks: Block[] = [];
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
  return blocks;
}

export function sectionComparison(x: Ctx): Block[] {
  const { plan, locale, t } = x;
  const blocks: Block[] = [];
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
  return blocks;
}

export function sectionDevices(x: Ctx): Block[] {
  const { plan, t } = x;
  const blocks: Block[] = [];
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
    devRows.push([
      t('plan.devices.cpu'),
      `${plan.totalLayers - plan.gpuLayers}`,
      dash,
      dash,
      dash,
      dash,
      gib(plan.cpu.bytes),
      gib(plan.cpu.ramBudgetBytes),
      gib(plan.cpu.ramBudgetBytes - plan.cpu.bytes),
    ]);
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
  return blocks;
}

export function sectionMaxContext(x: Ctx): Block[] {
  const { plan, t, s } = x;
  const blocks: Block[] = [];
  blocks.push({ type: 'heading', level: 2, text: t('plan.section.maxContext'), id: 'max-context' });
  blocks.push({
    type: 'paragraph',
    text:
      plan.maxContext === null
        ? t('plan.maxContext.none')
        : t('plan.maxContext.value', {
            maxContext: plan.maxContext,
            modelMax: plan.model.maxContext,
            context: s.context,
            parallel: s.parallel,
          }),
  });
  if (plan.vllm) {
    blocks.push({
      type: 'paragraph',
      text: t('plan.maxContext.vllm', {
        kvTokens: plan.vllm.kvTokens,
        concurrency: plan.vllm.maxConcurrency,
        kvPoolBytes: plan.vllm.kvPoolBytes,
      }),
    });
  }
  return blocks;
}
