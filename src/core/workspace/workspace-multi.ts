// Compare's "Models on this machine": the models planned beside the main one, each with its role and its own
// context, parallel slots and quant (null = the role's default from core/multi's memberSettings), and a KV
// cache type when a shrink step quantised it. Read back entry by entry like workspace-serve.ts: a bad entry
// costs only itself and is named, so a hand-edited file never blocks start-up.

import * as v from 'valibot';
import type { KvCacheType } from '../estimate/types';
import type { FixedBytes } from '../multi/types';

/** Roles a model can be added with (the main model is the Compare model itself). */
export const ADDED_ROLES = ['chat', 'embedding', 'reranker', 'draft'] as const;
export type AddedRole = (typeof ADDED_ROLES)[number];

export interface MultiEntry {
  /** 'catalog': a built-in id; 'user': an id in the user's own library (an import). */
  model: { kind: 'catalog' | 'user'; id: string };
  role: AddedRole;
  ctx: number | null;
  parallel: number | null;
  quant: string | null;
  /** KV cache type set by the "quantise every KV cache" shrink step; null = the role's default. */
  kv: KvCacheType | null;
}

/** A projector or LoRA adapter imported from the user's disk, kept with the bytes main read from its header. */
export interface MultiFile {
  role: 'vision-projector' | 'lora';
  /** The file's (or PEFT folder's) name: the member id and what the recipe passes to --mmproj / --lora. */
  name: string;
  fixed: FixedBytes;
}

/** The vision model's own projector (from its tower): left out like the CLI's --no-mmproj, and images per request. */
export interface MultiVision {
  include: boolean;
  /** Images per request whose tokens join the main model's context (--images); null = not given, none added. */
  images: number | null;
}

export interface WorkspaceMulti {
  members: MultiEntry[];
  files: MultiFile[];
  vision: MultiVision;
}

const KV_TYPES: readonly KvCacheType[] = ['f32', 'f16', 'bf16', 'q8_0', 'q4_0', 'q4_1', 'q5_0', 'q5_1', 'iq4_nl', 'fp8'];

/** A machine runs a handful of servers; more than this is a hand-edited file, not a plan. */
export const MAX_ADDED = 12;

export function defaultWorkspaceMulti(): WorkspaceMulti {
  return { members: [], files: [], vision: { include: true, images: null } };
}

/** One adapter per slot is plenty: llama-server takes several --lora, but a hand-edited list is not a plan. */
export const MAX_FILES = 8;

const bytes = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));
const fileSchema = v.strictObject({
  role: v.picklist(['vision-projector', 'lora']),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
  fixed: v.strictObject({
    weightsBytes: bytes,
    computeBytes: bytes,
    hostBytes: v.optional(bytes),
    loraRank: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1 << 16)))),
    basis: v.pipe(v.string(), v.maxLength(1000)),
  }),
});
const visionSchema = v.strictObject({
  include: v.boolean(),
  images: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1024))),
});

const entrySchema = v.strictObject({
  model: v.strictObject({ kind: v.picklist(['catalog', 'user']), id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) }),
  role: v.picklist(ADDED_ROLES),
  ctx: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1 << 24))),
  parallel: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1024))),
  quant: v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(40))),
  kv: v.nullable(v.picklist(KV_TYPES)),
});

/** Restores the set; `dropped` receives "multi.members.<n>" for each entry that is not valid on its own. */
export function restoreMulti(raw: unknown, dropped: string[]): WorkspaceMulti {
  if (raw === undefined) return defaultWorkspaceMulti();
  const obj = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const list = obj['members'];
  if (!Array.isArray(list)) {
    dropped.push('multi.members');
    return defaultWorkspaceMulti();
  }
  const members: MultiEntry[] = [];
  list.forEach((entry, n) => {
    const r = v.safeParse(entrySchema, { kv: null, ...(typeof entry === 'object' && entry !== null ? entry : {}) });
    if (r.success && members.length < MAX_ADDED) members.push(r.output);
    else dropped.push(`multi.members.${n}`);
  });
  return { members, files: restoreFiles(obj['files'], dropped), vision: restoreVision(obj['vision'], dropped) };
}

/** Files saved before this field existed are none; each bad entry costs only itself. */
function restoreFiles(raw: unknown, dropped: string[]): MultiFile[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    dropped.push('multi.files');
    return [];
  }
  const files: MultiFile[] = [];
  raw.forEach((entry, n) => {
    const r = v.safeParse(fileSchema, entry);
    if (r.success && files.length < MAX_FILES) files.push(r.output);
    else dropped.push(`multi.files.${n}`);
  });
  return files;
}

function restoreVision(raw: unknown, dropped: string[]): MultiVision {
  if (raw === undefined) return defaultWorkspaceMulti().vision;
  const r = v.safeParse(visionSchema, raw);
  if (r.success) return r.output;
  dropped.push('multi.vision');
  return defaultWorkspaceMulti().vision;
}
