// Plan → a language-specific document of plain blocks. Markdown (markdown.ts) and the PDF print view
// (src/renderer/print) both render these blocks, so the two exports always say the same thing. Each
// section is a function of its own (document-figures.ts, document-actions.ts).

import { sectionMeasured } from './appendix';
import { sectionCapacity } from './capacity-plan';
import { sectionAssumptions, sectionRecipes, sectionRemedies, sectionSpeed, sectionSteps } from './document-actions';
import type { Block, Ctx, PlanDocument } from './document-blocks';
import {
  sectionComparison,
  sectionDevices,
  sectionHardware,
  sectionMaxContext,
  sectionMemoryEstimate,
  sectionSeedFormula,
  sectionSummary,
} from './document-figures';
import { multiBlocks } from './multi-section';
import { sectionTraining } from './train-section';
import { planTitleKey, sectionInferencePart } from './train-summary';
import { tr, type PlanLocale } from './text';
import type { Plan } from './types';

export type { Block, PlanDocument } from './document-blocks';

const SECTIONS: Array<(x: Ctx) => Block[]> = [
  sectionTraining,
  sectionInferencePart,
  sectionSummary,
  sectionHardware,
  sectionMemoryEstimate,
  sectionSeedFormula,
  sectionComparison,
  sectionDevices,
  sectionMaxContext,
  sectionRemedies,
  sectionSpeed,
  sectionSteps,
  sectionRecipes,
  sectionCapacity,
  (x) => (x.plan.multi ? multiBlocks(x.plan.multi, x.locale) : []),
  sectionAssumptions,
  sectionMeasured,
];

export function planDocument(plan: Plan, locale: PlanLocale): PlanDocument {
  const t = (key: string, params: Record<string, string | number> = {}) => tr(locale, key, params);
  // A plan that does not run has no speed to promise.
  const fits = plan.verdict !== 'no-fit';
  const sp = fits
    ? plan.speed
    : { ...plan.speed, decodeTokensPerSecond: null, decodeAtFullContextTokensPerSecond: null, prefillTokensPerSecond: null };
  const title = t(planTitleKey({ plan }), { model: plan.model.name });
  const ctx: Ctx = { plan, locale, t, s: plan.settings, c: plan.components, sp };
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: title },
    { type: 'paragraph', text: t('plan.created', { date: plan.date.slice(0, 10), version: plan.appVersion }) },
  ];
  for (const section of SECTIONS) blocks.push(...section(ctx));
  return { locale, title, blocks };
}
