// Named hardware profiles ("my 2× 3090 box", "the H100 node at work"): hardware the user describes
// instead of detects. Pure: the schema validates IPC input and the saved file alike.

import * as v from 'valibot';
import type { GpuCatalogEntry, GpuDevice, GpuMemoryKind, GpuVendor, Hardware } from './types';

const MAX_BYTES = 2 ** 50; // 1 PiB: far above any single device, low enough to stay an exact integer.

export const profileGpuSchema = v.object({
  catalogId: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(80))),
  name: v.pipe(v.string(), v.trim(), v.minLength(1, 'Each GPU needs a name.'), v.maxLength(120)),
  vramBytes: v.pipe(
    v.number('Enter the GPU memory as a number.'),
    v.integer('VRAM must be a whole number of bytes.'),
    v.minValue(0, 'VRAM cannot be negative.'),
    v.maxValue(MAX_BYTES),
  ),
  count: v.pipe(
    v.number('Enter how many of this GPU there are (1 to 64).'),
    v.integer('The GPU count must be a whole number.'),
    v.minValue(1, 'The GPU count must be at least 1.'),
    v.maxValue(64, 'At most 64 GPUs of one kind.'),
  ),
  kind: v.picklist(['dedicated', 'unified', 'shared'] as const satisfies readonly GpuMemoryKind[]),
});

export const hardwareProfileSchema = v.object({
  name: v.pipe(
    v.string('The profile needs a name.'),
    v.trim(),
    v.minLength(1, 'The profile needs a name.'),
    v.maxLength(80, 'Profile names are at most 80 characters.'),
  ),
  gpus: v.pipe(v.array(profileGpuSchema), v.maxLength(16, 'At most 16 GPU entries per profile.')),
  ramBytes: v.optional(
    v.pipe(
      v.number('Enter the system RAM as a number, or leave it empty.'),
      v.integer('RAM must be a whole number of bytes.'),
      v.minValue(0, 'RAM cannot be negative.'),
      v.maxValue(MAX_BYTES, 'That RAM size is not plausible.'),
    ),
  ),
  /** ISO timestamp. */
  createdAt: v.pipe(v.string(), v.isoTimestamp('createdAt must be an ISO timestamp.')),
  /** Where a profile imported from a file came from: that machine, shown beside the profile. */
  origin: v.optional(
    v.object({
      kind: v.picklist(['detect-file', 'profile-file']),
      file: v.pipe(v.string(), v.maxLength(200)),
      detectedAt: v.optional(v.pipe(v.string(), v.maxLength(40))),
      system: v.optional(v.pipe(v.string(), v.maxLength(200))),
    }),
  ),
});

export type ProfileGpu = v.InferOutput<typeof profileGpuSchema>;
export type HardwareProfile = v.InferOutput<typeof hardwareProfileSchema>;

export type ProfileValidation = { ok: true; profile: HardwareProfile } | { ok: false; message: string };

/** Validates unknown input; the message is the first problem, one sentence. */
export function validateProfile(input: unknown): ProfileValidation {
  const r = v.safeParse(hardwareProfileSchema, input);
  if (r.success) return { ok: true, profile: r.output };
  const issue = r.issues[0];
  const where = issue ? v.getDotPath(issue) : null;
  const message = issue?.message ?? 'The profile is not valid.';
  return { ok: false, message: where && !/\.$/.test(message) ? `${where}: ${message}.` : where ? `${where}: ${message}` : message };
}

/** Same name = same profile: names compare trimmed and case-insensitively. */
export function profileKey(name: string): string {
  return name.trim().toLowerCase();
}

function vendorFromName(name: string): GpuVendor {
  const n = name.toLowerCase();
  if (/nvidia|geforce|rtx|gtx|quadro|tesla|\b[abhl]\d{2,3}\b|\bgb10\b/.test(n)) return 'nvidia';
  if (/\bamd\b|radeon|instinct|\bmi\d{3}/.test(n)) return 'amd';
  if (/intel|\barc\b/.test(n)) return 'intel';
  if (/apple|\bm\d\b/.test(n)) return 'apple';
  return 'other';
}

/**
 * The Hardware a profile describes: each entry expanded `count` times (2×, 4×, 8× cards). A size the
 * user typed wins (source 'user'); an entry with vramBytes 0 and a catalog match takes the catalog
 * figure (source 'catalog'). Shared (integrated) GPUs add no VRAM.
 */
export function hardwareFromProfile(profile: HardwareProfile, catalog?: readonly GpuCatalogEntry[]): Hardware {
  const byId = new Map((catalog ?? []).map((e) => [e.id, e] as const));
  const gpus: GpuDevice[] = [];
  profile.gpus.forEach((g, gi) => {
    const entry = g.catalogId ? byId.get(g.catalogId) : undefined;
    const fromCatalog = g.vramBytes === 0 && entry !== undefined && g.kind !== 'shared';
    const bytes = g.kind === 'shared' ? 0 : fromCatalog ? entry.memoryBytes : g.vramBytes;
    const warnings: string[] = [];
    if (g.kind === 'shared') warnings.push('Integrated GPU: it uses system memory, so it adds no VRAM.');
    if (!fromCatalog && g.vramBytes === 0 && g.kind !== 'shared') warnings.push('No memory size was given for this GPU.');
    for (let i = 0; i < g.count; i += 1) {
      gpus.push({
        id: `profile-${gi}-${i}`,
        vendor: entry?.vendor ?? vendorFromName(g.name),
        name: g.name,
        kind: g.kind,
        vramTotalBytes: bytes,
        vramFreeBytes: null,
        vramUsedBytes: null,
        driver: null,
        busId: null,
        pciId: entry?.pciIds[0] ?? null,
        computeCapability: null,
        source: fromCatalog ? 'catalog' : 'user',
        confidence: fromCatalog ? 'medium' : 'high',
        catalogId: g.catalogId ?? null,
        warnings: [...warnings],
      });
    }
  });
  return {
    gpus,
    ram: { totalBytes: profile.ramBytes ?? 0, availableBytes: null },
    cpu: { brand: 'Not specified', cores: 0, threads: 0, memoryBandwidthGBps: null },
    os: { platform: 'profile', distro: profile.name, release: '', arch: '' },
    detectedAt: profile.createdAt,
    notes: [`Hardware profile "${profile.name}" (described by the user, not detected).`],
  };
}
