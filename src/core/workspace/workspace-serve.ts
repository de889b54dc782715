// The Serve view's part of the workspace: the deployment (runtime, tensor / pipeline parallel, nodes) and the
// workload (users or a request rate, lengths, shared prefix, latency targets). Read back field by field like
// workspace-train.ts: a bad value costs only itself and is named, so a hand-edited file never blocks start-up.

import * as v from 'valibot';
import { DEFAULT_PRICES, type GpuPrice, type PriceTable } from '../capacity/prices';
import type { Arrival, ServeRuntime } from '../capacity/types';

export const SERVE_RUNTIMES: readonly ServeRuntime[] = ['vllm', 'sglang', 'llama.cpp'];

export interface ServeSettings {
  runtime: ServeRuntime;
  /**
   * Tensor-parallel size; 0 = not pinned. With pp also 0 the planner searches layouts (as the CLI does
   * without --tp/--pp); with pp pinned, 0 means every GPU of one node.
   */
  tp: number;
  /** Pipeline-parallel size; 0 = not pinned (with tp pinned: one stage per node; llama.cpp: per GPU, over RPC). */
  pp: number;
  nodes: number;
  load: 'users' | 'rate';
  users: number;
  /** How the users' requests arrive (a request rate is always steady). */
  arrival: Arrival;
  /** Prompts a burst run sends in all (vllm bench serve --num-prompts); 0 = one wave, as many as users. */
  promptsPerRun: number;
  /** Requests per second (open loop). */
  rate: number;
  promptTokens: number;
  outputTokens: number;
  promptP95: number;
  outputP95: number;
  /** Share of each prompt served from a cached shared prefix, 0 to below 1. */
  sharedPrefix: number;
  ttftP95S: number;
  tpotP95Ms: number;
  /**
   * Which vLLM releases to price: the newest (0.17 and later), or 0.11.1–0.16, whose profiling run sorts the
   * vocabulary to sample and keeps a larger peak out of the pool (vllm-profile.ts vllmSamplerSorts).
   */
  vllmRelease: VllmReleaseChoice;
}

export const VLLM_RELEASE_CHOICES = ['newest', 'sorting'] as const;
export type VllmReleaseChoice = (typeof VLLM_RELEASE_CHOICES)[number];
/** The release the "sorting" choice is priced as: every release from 0.11.1 to 0.16 prices the same. */
export const SORTING_VLLM_RELEASE = '0.16.0';

/**
 * The user's changes to the built-in price table, kept apart from it: a later release's dated defaults
 * still reach every field the user never touched, and "reset" is an empty set of edits.
 */
export interface PriceEdits {
  electricityUsdPerKwh?: number;
  amortisationYears?: number;
  /** Per catalog GPU; a null price means "I have no price for it" (that cost is not shown). */
  gpus: Record<string, Partial<GpuPrice>>;
}

export interface WorkspaceServe {
  /** The plan gets a Capacity section: the user set a serving workload (edited an input or ticked the box). */
  inPlan: boolean;
  settings: ServeSettings;
  prices: PriceEdits;
}

/** A chat workload: 1k-token prompts, 256-token answers, 2 s to the first token and 60 ms per token (p95). */
export function defaultServeSettings(): ServeSettings {
  return {
    runtime: 'vllm',
    tp: 0,
    pp: 0,
    nodes: 1,
    load: 'users',
    users: 64,
    arrival: 'steady',
    promptsPerRun: 0,
    rate: 4,
    promptTokens: 1024,
    outputTokens: 256,
    promptP95: 1024,
    outputP95: 256,
    sharedPrefix: 0,
    ttftP95S: 2,
    tpotP95Ms: 60,
    vllmRelease: 'newest',
  };
}

export function defaultWorkspaceServe(): WorkspaceServe {
  return { inPlan: false, settings: defaultServeSettings(), prices: { gpus: {} } };
}

/**
 * Bounds of a price edit, wide enough for any real purchase (a GB200 rack slot is ~$70k, industrial power
 * ~$0.05–0.50/kWh) yet narrow enough that a slipped key (a price typed in cents, a year count in months)
 * is named rather than turned into a cost. The Serve view's fields show these same bounds.
 */
export const PRICE_LIMITS = {
  priceUsd: { min: 0, max: 1_000_000 },
  cloudUsdPerHour: { min: 0, max: 1000 },
  boardPowerW: { min: 1, max: 5000 },
  electricityUsdPerKwh: { min: 0, max: 10 },
  amortisationYears: { min: 0.25, max: 30 },
} as const;

const bounded = (k: keyof typeof PRICE_LIMITS) =>
  v.pipe(v.number(), v.finite(), v.minValue(PRICE_LIMITS[k].min), v.maxValue(PRICE_LIMITS[k].max));
const GPU_PRICE_FIELDS: Record<keyof GpuPrice, v.GenericSchema> = {
  priceUsd: v.nullable(bounded('priceUsd')),
  cloudUsdPerHour: v.nullable(bounded('cloudUsdPerHour')),
  boardPowerW: bounded('boardPowerW'),
};

/** The built-in table with the user's edits laid over it. */
export function applyPriceEdits(edits: PriceEdits, base: PriceTable = DEFAULT_PRICES): PriceTable {
  const gpus: Record<string, GpuPrice> = { ...base.gpus };
  for (const [id, patch] of Object.entries(edits.gpus)) {
    gpus[id] = { ...(gpus[id] ?? { boardPowerW: 0, priceUsd: null, cloudUsdPerHour: null }), ...patch };
  }
  return {
    ...base,
    electricityUsdPerKwh: edits.electricityUsdPerKwh ?? base.electricityUsdPerKwh,
    amortisationYears: edits.amortisationYears ?? base.amortisationYears,
    gpus,
  };
}

/** Number of fields that differ from the built-in table (the view says how many are the user's). */
export function countPriceEdits(edits: PriceEdits): number {
  return (
    (edits.electricityUsdPerKwh === undefined ? 0 : 1) +
    (edits.amortisationYears === undefined ? 0 : 1) +
    Object.values(edits.gpus).reduce((n, row) => n + Object.keys(row).length, 0)
  );
}

const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const num = (min: number, max: number) => v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max));

/** One validator per ServeSettings field (a test checks none is missing); bounds are the CLI's. */
export const SERVE_FIELDS: Record<keyof ServeSettings, v.GenericSchema> = {
  runtime: v.picklist(SERVE_RUNTIMES),
  tp: int(0, 1024),
  pp: int(0, 1024),
  nodes: int(1, 1024),
  load: v.picklist(['users', 'rate']),
  users: int(1, 1 << 20),
  arrival: v.picklist(['steady', 'burst']),
  promptsPerRun: int(0, 1 << 24),
  rate: num(0.001, 1e6),
  promptTokens: int(1, 1 << 24),
  outputTokens: int(1, 1 << 24),
  promptP95: int(1, 1 << 24),
  outputP95: int(1, 1 << 24),
  sharedPrefix: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(0.99)),
  ttftP95S: num(0.001, 3600),
  tpotP95Ms: num(0.01, 60000),
  vllmRelease: v.picklist(VLLM_RELEASE_CHOICES),
};

function record(x: unknown): Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
}

/** Restores the price edits field by field; a GPU id is any short string (the user's table may outlive the catalog). */
function restorePrices(raw: unknown, dropped: string[]): PriceEdits {
  const out: PriceEdits = { gpus: {} };
  if (raw === undefined) return out;
  const src = record(raw);
  for (const key of ['electricityUsdPerKwh', 'amortisationYears'] as const) {
    if (src[key] === undefined) continue;
    const r = v.safeParse(bounded(key), src[key]);
    if (r.success) out[key] = r.output;
    else dropped.push(`serve.prices.${key}`);
  }
  for (const [id, row] of Object.entries(record(src['gpus']))) {
    if (id.length === 0 || id.length > 80) {
      dropped.push(`serve.prices.gpus`);
      continue;
    }
    const patch: Partial<GpuPrice> = {};
    for (const [key, schema] of Object.entries(GPU_PRICE_FIELDS) as Array<[keyof GpuPrice, v.GenericSchema]>) {
      const value = record(row)[key];
      if (value === undefined) continue;
      const r = v.safeParse(schema, value);
      if (r.success) (patch as Record<string, unknown>)[key] = r.output;
      else dropped.push(`serve.prices.gpus.${id}.${key}`);
    }
    if (Object.keys(patch).length > 0) out.gpus[id] = patch;
  }
  return out;
}

/** Restores the Serve part; `dropped` receives "serve.<field>" for each value replaced by its default. */
export function restoreServe(raw: unknown, dropped: string[]): WorkspaceServe {
  const base = defaultWorkspaceServe();
  if (raw === undefined) return base;
  const src = record(raw);
  const inPlan = v.safeParse(v.boolean(), src['inPlan']);
  if (src['inPlan'] !== undefined && !inPlan.success) dropped.push('serve.inPlan');
  const settings: Record<string, unknown> = { ...base.settings };
  const stored = record(src['settings']);
  for (const [key, schema] of Object.entries(SERVE_FIELDS)) {
    if (stored[key] === undefined) continue;
    const r = v.safeParse(schema, stored[key]);
    if (r.success) settings[key] = r.output;
    else dropped.push(`serve.settings.${key}`);
  }
  return {
    inPlan: inPlan.success ? inPlan.output : base.inPlan,
    settings: settings as unknown as ServeSettings,
    prices: restorePrices(src['prices'], dropped),
  };
}
