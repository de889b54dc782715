export * from './types';
export { buildPlan, PlanInputError, watchCommands } from './build';
export { buildRecipes, ggufPath, llamaTotalContext, shellQuote } from './recipes';
export { planDocument, type Block, type PlanDocument } from './document';
export { renderMarkdown, escapeCell, escapeInline } from './markdown';
export { tr, trText, formatParam, type PlanLocale } from './text';
export { deviceChart, type DeviceChart, type ChartSegment } from './chart';
export { composePlan, comparisonAdvice, planHardware, COMPARISON_BITS, type ComposePlanInput } from './compose';
