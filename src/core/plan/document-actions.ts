// The action sections of the plan document: remedies, speed, the article's four steps, launch recipes
// and the assumptions behind every figure.

import { trText } from './text';
import { gib, speed, verdictText, type Block, type Ctx } from './document-blocks';
import { localizeEngineText } from '../i18n/engine-text';
import { localHardwareLabel } from '../advice/choice';

export function sectionRemedies(x: Ctx): Block[] {
  const { plan, locale, t } = x;
  const blocks: Block[] = [];
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
  return blocks;
}

export function sectionSpeed(x: Ctx): Block[] {
  const { locale, t, s, sp } = x;
  const blocks: Block[] = [];
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
  return blocks;
}

export function sectionSteps(x: Ctx): Block[] {
  const { plan, locale, t } = x;
  const blocks: Block[] = [];
  blocks.push({ type: 'heading', level: 2, text: t('plan.section.steps'), id: 'steps' });
  for (const step of plan.checklist) {
    blocks.push({ type: 'heading', level: 3, text: `${step.step}. ${trText(locale, step.title)}` });
    blocks.push({ type: 'checklist', items: step.items.map((i) => trText(locale, i)) });
    if (step.commands.length > 0) blocks.push({ type: 'code', language: 'bash', content: step.commands.join('\n') });
  }
  return blocks;
}

export function sectionRecipes(x: Ctx): Block[] {
  const { plan, locale, t } = x;
  const blocks: Block[] = [];
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
  return blocks;
}

export function sectionAssumptions(x: Ctx): Block[] {
  const { plan, locale, t, c } = x;
  const blocks: Block[] = [];
  blocks.push({ type: 'heading', level: 2, text: t('plan.section.assumptions'), id: 'assumptions' });
  // The hardware label is core's English "CPU only" when there are no GPUs; say it in the plan's language.
  const local = (a: (typeof plan.assumptions)[number]) =>
    typeof a.params['label'] === 'string' ? { ...a, params: { ...a.params, label: localHardwareLabel(locale, a.params['label']) } } : a;
  blocks.push({ type: 'list', items: plan.assumptions.map((a) => trText(locale, local(a))) });
  const engine = [c.basis.weights, c.basis.kvCache, c.basis.compute, c.basis.outputBuffer, c.basis.overheadPerGpu, ...plan.warnings].filter(
    (x) => x.trim() !== '',
  );
  if (engine.length > 0) {
    blocks.push({ type: 'paragraph', text: t('plan.assumptions.engine') });
    // The engine writes these in English; the plan says them in its own language.
    blocks.push({ type: 'list', items: engine.map((e) => localizeEngineText(locale, e)) });
  }
  blocks.push({ type: 'paragraph', text: t('plan.footer', { totalBytes: c.total, totalBytesGB: c.total }) });
  return blocks;
}
