// A hardware description read from a file: the JSON `vram-planner detect --json` prints on a machine you
// cannot sit at (a headless GPU server), or an exported hardware profile. Pure: the caller reads the
// bytes; this validates them and says in one sentence what is wrong.

import * as v from 'valibot';
import { GPU_CATALOG } from './gpu-catalog';
import { hardwareFromProfile, profileKey, validateProfile, type HardwareProfile, type ProfileGpu } from './profile';
import type { Hardware } from './types';

const MAX_BYTES = 2 ** 50;
const bytes = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_BYTES));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const nullableText = (max: number) => v.nullable(text(max));

const gpuSchema = v.object({
  id: text(200),
  vendor: v.picklist(['nvidia', 'amd', 'intel', 'apple', 'other']),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  kind: v.picklist(['dedicated', 'unified', 'shared']),
  vramTotalBytes: bytes,
  vramFreeBytes: v.nullable(bytes),
  vramUsedBytes: v.nullable(bytes),
  driver: nullableText(200),
  busId: nullableText(200),
  pciId: nullableText(40),
  computeCapability: nullableText(20),
  source: v.picklist([
    'nvidia-smi',
    'rocm-smi',
    'amd-smi',
    'sysfs',
    'system_profiler',
    'windows-registry',
    'systeminformation',
    'lspci',
    'catalog',
    'user',
  ]),
  confidence: v.picklist(['high', 'medium', 'low']),
  catalogId: nullableText(80),
  warnings: v.pipe(v.array(text(1000)), v.maxLength(50)),
});

const detectSchema = v.object({
  gpus: v.pipe(v.array(gpuSchema), v.maxLength(64, 'A hardware file lists at most 64 GPUs.')),
  ram: v.object({ totalBytes: bytes, availableBytes: v.nullable(bytes) }),
  cpu: v.object({
    brand: text(200),
    cores: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100000)),
    threads: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100000)),
    memoryBandwidthGBps: v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(100000))),
  }),
  os: v.object({ platform: text(40), distro: text(200), release: text(200), arch: text(40) }),
  detectedAt: text(40),
  notes: v.pipe(v.array(text(1000)), v.maxLength(200)),
});

export type HardwareFile =
  { ok: true; kind: 'detect' | 'profile'; hardware: Hardware; name: string | null } | { ok: false; message: string };

/** Parses the text of a hardware file (a `detect --json` output or an exported profile). */
export function parseHardwareFile(textContent: string): HardwareFile {
  let value: unknown;
  try {
    value = JSON.parse(textContent.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, message: 'It is not JSON: write it with "vram-planner detect --json > server.json" or export a hardware profile.' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'It is not a hardware description (expected a JSON object).' };
  }
  if (Object.hasOwn(value, 'name') && !Object.hasOwn(value, 'ram')) {
    const p = validateProfile(value);
    if (!p.ok) return { ok: false, message: `It looks like a hardware profile, but ${lowerFirst(p.message)}` };
    return { ok: true, kind: 'profile', hardware: hardwareFromProfile(p.profile, GPU_CATALOG), name: p.profile.name };
  }
  const r = v.safeParse(detectSchema, value);
  if (!r.success) {
    const issue = r.issues[0];
    const where = issue ? v.getDotPath(issue) : null;
    return {
      ok: false,
      message: `It looks like a "detect --json" output, but ${where ? `${where} is not valid` : 'a field is not valid'}.`,
    };
  }
  return { ok: true, kind: 'detect', hardware: r.output, name: null };
}

function lowerFirst(s: string): string {
  return s.length > 0 ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/**
 * A hardware profile from a parsed hardware file, so a server described by `detect --json` can be
 * saved and planned like any profile. GPUs of the same model and size become one row with a count; the
 * name is the file's base name, made unique against `taken` ("server", "server (2)").
 */
export function profileFromHardwareFile(
  file: Extract<HardwareFile, { ok: true }>,
  fileName: string,
  taken: readonly string[],
  now: Date = new Date(),
): HardwareProfile {
  const rows: ProfileGpu[] = [];
  for (const g of file.hardware.gpus) {
    const same = rows.find((r) => r.name === g.name && r.vramBytes === g.vramTotalBytes && r.kind === g.kind);
    if (same && same.count < 64) same.count += 1;
    else
      rows.push({
        name: g.name.slice(0, 120),
        vramBytes: g.vramTotalBytes,
        count: 1,
        kind: g.kind,
        ...(g.catalogId ? { catalogId: g.catalogId } : {}),
      });
  }
  const base = (file.name ?? fileName.replace(/\.json$/i, '')).trim().slice(0, 70) || 'Imported machine';
  const used = new Set(taken.map(profileKey));
  let name = base;
  for (let i = 2; used.has(profileKey(name)); i += 1) name = `${base} (${i})`;
  const os = file.hardware.os;
  const system = [os.distro, os.release].filter(Boolean).join(' ').slice(0, 200);
  return {
    name,
    gpus: rows.slice(0, 16),
    ...(file.hardware.ram.totalBytes > 0 ? { ramBytes: file.hardware.ram.totalBytes } : {}),
    createdAt: now.toISOString(),
    origin: {
      kind: file.kind === 'detect' ? 'detect-file' : 'profile-file',
      file: fileName.slice(0, 200),
      ...(file.kind === 'detect' ? { detectedAt: file.hardware.detectedAt } : {}),
      ...(file.kind === 'detect' && system ? { system } : {}),
    },
  };
}
