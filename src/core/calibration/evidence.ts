// A comparison becomes a stored run: what the runtime printed and what the plan said, with the machine it
// ran on. Pure; the store in main adds the id and the date it is kept.

import * as v from 'valibot';
import { speedDeviceKey } from './machine';
import type { EvidenceComponent, EvidenceDoc, EvidenceRecord, EvidenceSpeed, MachineKey, SpeedKind } from './types';
import { EVIDENCE_VERSION } from './types';

/** The parts of a comparison (`check --json`, the Check view) a run keeps. */
export interface ComparisonLike {
  runtime: string;
  source: string;
  settings: Record<string, unknown>;
  components: readonly EvidenceComponent[];
  speed: readonly {
    name: SpeedKind;
    test: string;
    gpuLayers: number | null;
    plannedTokensPerSecond: number | null;
    measuredTokensPerSecond: number;
  }[];
}

export const MAX_RECORDS = 500;
/** The settings as read are a few kilobytes; a log that makes them larger keeps only the top-level scalars. */
const MAX_SETTINGS_JSON = 64 * 1024;
const MAX_DEPTH = 6;
/** One run: settings (≤ 64 KiB) plus at most 512 memory and 512 speed rows. */
export const MAX_RECORD_JSON = 512 * 1024;

/** "/home/me/models/x.gguf", "C:\\models\\x.gguf", "~/x.gguf" → "x.gguf": a run never stores where files live. */
export function withoutPath(text: string): string {
  const looksLikePath = /^(?:[A-Za-z]:[\\/]|\\\\|\/|~[\\/])/.test(text) || /[\\/][^\\/\s]+[\\/]/.test(text);
  if (!looksLikePath) return text;
  const parts = text.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

function clean(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return withoutPath(value).slice(0, 400);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || value === null) return value;
  if (depth >= MAX_DEPTH || typeof value !== 'object') return null;
  if (Array.isArray(value)) return value.slice(0, 256).map((x) => clean(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(value as Record<string, unknown>).slice(0, 256)) {
    if (x !== undefined) out[k.slice(0, 80)] = clean(x, depth + 1);
  }
  return out;
}

export function cleanSettings(settings: Record<string, unknown>): Record<string, unknown> {
  const full = clean(settings, 0) as Record<string, unknown>;
  if (JSON.stringify(full).length <= MAX_SETTINGS_JSON) return full;
  return Object.fromEntries(Object.entries(full).filter(([, x]) => x === null || typeof x !== 'object'));
}

function modelOf(settings: Record<string, unknown>): string | null {
  const m = settings.model;
  const name = typeof m === 'object' && m !== null ? (m as Record<string, unknown>).name : undefined;
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
}

export interface RunContext {
  id: string;
  date: string;
  machine: MachineKey;
  /** GPU names of the machine in device order (CUDA0 first): a benchmark on the GPUs ran on these. */
  gpuNames: readonly string[];
  model?: { id: string | null; name: string };
}

export function evidenceFromComparison(c: ComparisonLike, ctx: RunContext): EvidenceRecord {
  const gpus = speedDeviceKey(ctx.gpuNames);
  const speed: EvidenceSpeed[] = c.speed.map((s) => ({
    kind: s.name,
    test: s.test,
    // -ngl 0 runs on the CPU; any other row used the machine's GPUs (llama-bench names the backend only).
    devices: s.gpuLayers === 0 ? 'CPU' : gpus,
    plannedTokensPerSecond: s.plannedTokensPerSecond,
    measuredTokensPerSecond: s.measuredTokensPerSecond,
  }));
  return {
    id: ctx.id,
    date: ctx.date,
    machine: ctx.machine,
    runtime: c.runtime,
    source: c.source,
    model: ctx.model ?? { id: null, name: modelOf(c.settings) ?? 'unknown model' },
    settings: cleanSettings(c.settings),
    components: c.components.map((x) => ({ name: x.name, device: x.device, plannedBytes: x.plannedBytes, measuredBytes: x.measuredBytes })),
    speed,
  };
}

const bytes = v.pipe(v.number(), v.finite());
const label = (max: number) => v.pipe(v.string(), v.maxLength(max));
export const evidenceRecordSchema = v.object({
  id: v.pipe(v.string(), v.regex(/^run-[a-z0-9-]{1,80}$/)),
  date: v.pipe(v.string(), v.isoTimestamp()),
  machine: v.object({
    key: label(2000),
    gpus: v.pipe(v.array(v.object({ name: label(200), vramGiB: v.pipe(v.number(), v.finite(), v.minValue(0)) })), v.maxLength(64)),
    ramGiB: v.pipe(v.number(), v.finite(), v.minValue(0)),
  }),
  runtime: label(40),
  source: label(40),
  model: v.object({ id: v.nullable(label(200)), name: label(200) }),
  settings: v.record(v.string(), v.unknown()),
  components: v.pipe(
    v.array(v.object({ name: label(40), device: label(80), plannedBytes: v.nullable(bytes), measuredBytes: bytes })),
    v.maxLength(512),
  ),
  speed: v.pipe(
    v.array(
      v.object({
        kind: v.picklist(['decode', 'prefill', 'mixed']),
        test: label(80),
        devices: label(1000),
        plannedTokensPerSecond: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0))),
        measuredTokensPerSecond: v.pipe(v.number(), v.finite(), v.minValue(0)),
      }),
    ),
    v.maxLength(512),
  ),
});

/** A run arriving from the page (IPC) or the CLI, before the store gives it an id and a date. */
export const newEvidenceSchema = v.pipe(
  v.omit(evidenceRecordSchema, ['id', 'date']),
  v.check((r) => JSON.stringify(r).length <= MAX_RECORD_JSON, 'The run is too large to store.'),
);

/** The file as a whole: a version this build can write, or a newer one it reads but leaves alone. */
export const evidenceDocSchema = v.object({
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  consent: v.optional(v.boolean(), false),
  records: v.pipe(v.array(v.unknown()), v.maxLength(MAX_RECORDS * 2)),
});

export function emptyEvidence(): EvidenceDoc {
  return { version: EVIDENCE_VERSION, consent: false, records: [] };
}

/** The records this build can read; the others are counted (a newer app may have written them). */
export function readableRecords(raw: readonly unknown[]): { records: EvidenceRecord[]; skipped: number } {
  const records: EvidenceRecord[] = [];
  let skipped = 0;
  for (const r of raw) {
    const ok = v.safeParse(evidenceRecordSchema, r);
    if (ok.success) records.push(ok.output);
    else skipped += 1;
  }
  return { records, skipped };
}
