// What to drop or shrink first when a set does not fit. The steps are cumulative and in a fixed order
// (least loss first): shrink the main context, quantise every KV cache to q8_0, drop the reranker(s),
// drop the embedding model(s), drop the draft model, then lower the main quant one step. After each step
// the whole set is placed again; the list stops at the first step that fits.

import { nextLowerQuant } from '../advice/quant-ladder';
import type { AdviseOptions, PlanningHardware } from '../advice/types';
import type { EstimateSettings } from '../estimate/types';
import { estimateSet } from './set';
import type { MemberRole, SetMember } from './types';

export type ShrinkAction = 'shrink-main-context' | 'quantise-kv' | 'drop-reranker' | 'drop-embedding' | 'drop-draft' | 'lower-main-quant';

export interface ShrinkStep {
  action: ShrinkAction;
  /** What the step changes, in English words ("main context 32768 → 8192", "drop qwen3-reranker-0.6b"). */
  detail: string;
  /** The same in any language: a key of multi-en.ts / multi-ja.ts ("multi.shrink.detail.<action>") and its figures. */
  text: { key: string; params: Record<string, string | number> };
  /** The set's verdict and total once this step and every step before it are applied. */
  verdict: ReturnType<typeof estimateSet>['verdict'];
  totalBytes: number;
  fits: boolean;
}

/** The main context is not halved below this: a chat model below 4k tokens is no longer useful. */
export const MIN_MAIN_CONTEXT = 4096;

/** A verdict the set can stop at: it fits, or, on a machine without a GPU, it runs on the CPU (the best it can do there). */
function fitsOn(hw: PlanningHardware): (v: string) => boolean {
  return (v) => v === 'fits' || v === 'tight' || (hw.devices.length === 0 && v === 'cpu');
}

function withMain(members: SetMember[], patch: Partial<EstimateSettings>): SetMember[] {
  return members.map((m) => (m.role === 'main' ? { ...m, settings: { ...m.settings, ...patch } } : m));
}

/** Largest halving of the main context (not below MIN_MAIN_CONTEXT) at which the set fits; else the smallest tried. */
/** A step's new members, its English detail and the figures the translated detail needs. */
interface Applied {
  members: SetMember[];
  detail: string;
  params: Record<string, string | number>;
}

function shrinkContext(members: SetMember[], hw: PlanningHardware, opts: AdviseOptions): Applied | null {
  const main = members.find((m) => m.role === 'main');
  if (!main || main.settings.context <= MIN_MAIN_CONTEXT) return null;
  let ctx = main.settings.context;
  let tried = withMain(members, {});
  while (ctx > MIN_MAIN_CONTEXT) {
    ctx = Math.max(MIN_MAIN_CONTEXT, Math.floor(ctx / 2));
    // The draft model keeps the same context as the model it drafts for.
    tried = withMain(members, { context: ctx }).map((m) => (m.role === 'draft' ? { ...m, settings: { ...m.settings, context: ctx } } : m));
    if (fitsOn(hw)(estimateSet(tried, hw, opts).verdict)) break;
  }
  return {
    members: tried,
    detail: `main context ${main.settings.context} → ${ctx} tokens`,
    params: { from: main.settings.context, to: ctx },
  };
}

function quantiseKv(members: SetMember[]): Applied | null {
  // Only caches wider than 8 bits shrink; a q4_0 cache is left as it is.
  const wide = (t: string): boolean => t === 'f16' || t === 'bf16' || t === 'f32';
  const can = (s: EstimateSettings): boolean => s.runtime === 'llama.cpp' && (wide(s.kvTypeK) || wide(s.kvTypeV));
  if (!members.some((m) => can(m.settings))) return null;
  // llama.cpp quantises the V cache only with flash attention on, so the step turns it on as well.
  const next = members.map((m) =>
    can(m.settings) ? { ...m, settings: { ...m.settings, kvTypeK: 'q8_0' as const, kvTypeV: 'q8_0' as const, flashAttention: true } } : m,
  );
  return { members: next, detail: 'KV cache q8_0 for every model with a 16/32-bit cache (-ctk q8_0 -ctv q8_0 -fa on)', params: {} };
}

function dropRole(members: SetMember[], role: MemberRole): Applied | null {
  const gone = members.filter((m) => m.role === role);
  if (gone.length === 0) return null;
  const ids = gone.map((m) => m.id).join(', ');
  return { members: members.filter((m) => m.role !== role), detail: `drop ${ids}`, params: { ids } };
}

function lowerMainQuant(members: SetMember[]): Applied | null {
  const main = members.find((m) => m.role === 'main');
  if (!main || (main.input.tensors && main.input.tensors.length > 0)) return null;
  const q = nextLowerQuant(main.settings.quant, main.settings.runtime);
  return q
    ? {
        members: withMain(members, { quant: q }),
        detail: `main quant ${main.settings.quant} → ${q}`,
        params: { from: main.settings.quant, to: q },
      }
    : null;
}

export function shrinkSet(members: readonly SetMember[], hw: PlanningHardware, opts: AdviseOptions = {}): ShrinkStep[] {
  let current = [...members];
  const done = fitsOn(hw);
  if (done(estimateSet(current, hw, opts).verdict)) return [];
  const steps: ShrinkStep[] = [];
  const plan: [ShrinkAction, (m: SetMember[]) => Applied | null][] = [
    ['shrink-main-context', (m) => shrinkContext(m, hw, opts)],
    ['quantise-kv', quantiseKv],
    ['drop-reranker', (m) => dropRole(m, 'reranker')],
    ['drop-embedding', (m) => dropRole(m, 'embedding')],
    ['drop-draft', (m) => dropRole(m, 'draft')],
    ['lower-main-quant', lowerMainQuant],
  ];
  for (const [action, apply] of plan) {
    const next = apply(current);
    if (!next) continue;
    current = next.members;
    const r = estimateSet(current, hw, opts);
    const fits = done(r.verdict);
    const text = { key: `multi.shrink.detail.${action}`, params: next.params };
    steps.push({ action, detail: next.detail, text, verdict: r.verdict, totalBytes: r.totalBytes, fits });
    if (fits) break;
  }
  return steps;
}
