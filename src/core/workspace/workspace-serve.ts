// The Serve view's part of the workspace: the deployment (runtime, tensor / pipeline parallel, nodes) and the
// workload (users or a request rate, lengths, shared prefix, latency targets). Read back field by field like
// workspace-train.ts: a bad value costs only itself and is named, so a hand-edited file never blocks start-up.

import * as v from 'valibot';
import type { ServeRuntime } from '../capacity/types';

export const SERVE_RUNTIMES: readonly ServeRuntime[] = ['vllm', 'sglang', 'llama.cpp'];

export interface ServeSettings {
  runtime: ServeRuntime;
  /** Tensor-parallel size; 0 = every GPU of one node (the CLI's default too). */
  tp: number;
  /** Pipeline-parallel size; 0 = one stage per node (llama.cpp: per GPU, over RPC), the CLI's default. */
  pp: number;
  nodes: number;
  load: 'users' | 'rate';
  users: number;
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
}

export interface WorkspaceServe {
  /** The plan gets a Capacity section: the user set a serving workload (edited an input or ticked the box). */
  inPlan: boolean;
  settings: ServeSettings;
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
    rate: 4,
    promptTokens: 1024,
    outputTokens: 256,
    promptP95: 1024,
    outputP95: 256,
    sharedPrefix: 0,
    ttftP95S: 2,
    tpotP95Ms: 60,
  };
}

export function defaultWorkspaceServe(): WorkspaceServe {
  return { inPlan: false, settings: defaultServeSettings() };
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
  rate: num(0.001, 1e6),
  promptTokens: int(1, 1 << 24),
  outputTokens: int(1, 1 << 24),
  promptP95: int(1, 1 << 24),
  outputP95: int(1, 1 << 24),
  sharedPrefix: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(0.99)),
  ttftP95S: num(0.001, 3600),
  tpotP95Ms: num(0.01, 60000),
};

function record(x: unknown): Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
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
  return { inPlan: inPlan.success ? inPlan.output : base.inPlan, settings: settings as unknown as ServeSettings };
}
