// Shared vocabulary of the pure parsers: what one source says about one GPU, before reconciliation.

import type { Confidence, GpuMemoryKind, GpuVendor, HardwareSource } from '../../../../core/hardware/types';

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

/** One source's view of one GPU. Fields a source cannot know are null. */
export interface GpuCandidate {
  source: HardwareSource;
  vendor: GpuVendor;
  name: string | null;
  /** Null when the source has no kind opinion (lspci, sysfs without a hint). */
  kind: GpuMemoryKind | null;
  vramTotalBytes: number | null;
  vramUsedBytes: number | null;
  vramFreeBytes: number | null;
  driver: string | null;
  /** Normalised "dddd:bb:dd.f", lower case. */
  busId: string | null;
  pciId: string | null;
  computeCapability: string | null;
  confidence: Confidence;
  warnings: string[];
  /** Largest PCI BAR (lspci): an address window, never memory; kept to flag tools that confuse the two. */
  barBytes?: number | null;
  /** Position in the tool's own list (nvidia-smi index, rocm-smi cardN). */
  index?: number | null;
  /** Apple: the whole unified pool, and how the usable budget was chosen. */
  unifiedMemoryBytes?: number | null;
}

export function emptyCandidate(source: HardwareSource, vendor: GpuVendor): GpuCandidate {
  return {
    source,
    vendor,
    name: null,
    kind: null,
    vramTotalBytes: null,
    vramUsedBytes: null,
    vramFreeBytes: null,
    driver: null,
    busId: null,
    pciId: null,
    computeCapability: null,
    confidence: 'medium',
    warnings: [],
  };
}

const VENDOR_IDS: Record<string, GpuVendor> = {
  '10de': 'nvidia',
  '1002': 'amd',
  '1022': 'amd',
  '8086': 'intel',
  '106b': 'apple',
};

export function vendorFromPciVendorId(id: string | null | undefined): GpuVendor {
  if (!id) return 'other';
  return VENDOR_IDS[id.toLowerCase().replace(/^0x/, '').padStart(4, '0')] ?? 'other';
}

export function vendorFromName(name: string | null | undefined): GpuVendor {
  const n = (name ?? '').toLowerCase();
  if (/nvidia|geforce|quadro|tesla|rtx|gtx/.test(n)) return 'nvidia';
  if (/\bamd\b|radeon|\bati\b|advanced micro devices|instinct/.test(n)) return 'amd';
  if (/intel|\barc\b|iris|uhd graphics|hd graphics/.test(n)) return 'intel';
  if (/apple|\bm[1-9]\b/.test(n)) return 'apple';
  return 'other';
}

/** "0x233010DE" (nvidia-smi pci.device_id: device<<16 | vendor) → "10de:2330". */
export function pciIdFromNvidiaDeviceId(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const m = /^(?:0x)?([0-9a-f]{8})$/i.exec(raw.trim());
  if (!m) return null;
  const hex = m[1]!.toLowerCase();
  return `${hex.slice(4)}:${hex.slice(0, 4)}`;
}

export function makePciId(vendor: string | null | undefined, device: string | null | undefined): string | null {
  const v = (vendor ?? '').trim().toLowerCase().replace(/^0x/, '');
  const d = (device ?? '').trim().toLowerCase().replace(/^0x/, '');
  if (!/^[0-9a-f]{1,4}$/.test(v) || !/^[0-9a-f]{1,4}$/.test(d)) return null;
  return `${v.padStart(4, '0')}:${d.padStart(4, '0')}`;
}

/**
 * Bus ids come as "00000000:18:00.0" (nvidia-smi), "0000:03:00.0" (lspci -D, sysfs, rocm-smi) or
 * "03:00.0" (plain lspci). All become "0000:03:00.0" so two sources can be matched.
 */
export function normalizeBusId(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const m = /^(?:([0-9a-f]{1,8}):)?([0-9a-f]{1,2}):([0-9a-f]{1,2})\.([0-7])$/i.exec(raw.trim());
  if (!m) return null;
  const domain = (m[1] ?? '0')
    .toLowerCase()
    .replace(/^0+(?=.)/, '')
    .padStart(4, '0');
  if (domain.length > 4) return null;
  return `${domain}:${m[2]!.toLowerCase().padStart(2, '0')}:${m[3]!.toLowerCase().padStart(2, '0')}.${m[4]}`;
}

/** Finite, non-negative integer or null; tolerant of "[N/A]", "N/A", "[Not Supported]", "", "-". */
export function toNumber(raw: string | number | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? raw : null;
  const t = raw.trim();
  if (!t || /^\[?(n\/a|not supported|unknown|insufficient permissions|-)\]?$/i.test(t)) return null;
  if (!/^[0-9]+(?:\.[0-9]+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** "24 GB", "1536 MB", "8GB", "512 MiB" → bytes (binary multiples, as macOS and lspci mean them). */
export function parseSizeText(raw: string | null | undefined): number | null {
  if (!raw) return null;
  const m = /([0-9]+(?:\.[0-9]+)?)\s*([KMGT])i?B?\b/i.exec(raw);
  if (!m) return null;
  const scale: Record<string, number> = { K: 1024, M: MiB, G: GiB, T: 1024 * GiB };
  return Math.round(Number(m[1]) * scale[m[2]!.toUpperCase()]!);
}

// AMD APU code names and the generic iGPU labels lspci and the driver use; a match means system RAM.
const AMD_INTEGRATED =
  /(renoir|cezanne|lucienne|barcelo|rembrandt|raphael|phoenix|hawk point|mendocino|van gogh|picasso|raven|granite ridge|krackan|strix(?! halo)|radeon (?:graphics|vega \d+ mobile)|radeon \d{3}m\b|radeon 8[0-9]{2}m\b)/i;
const AMD_UNIFIED = /(strix halo|8060s|8050s|radeon 8[0-9]{3}s\b)/i;

/** Intel discrete: Arc Alchemist (DG2, 0x56xx) and Battlemage (0xe20x) plus the DG1 (0x4905). */
export function isIntelDiscrete(pciId: string | null, name: string | null): boolean {
  const dev = pciId?.split(':')[1] ?? '';
  if (/^56[0-9a-f]{2}$/.test(dev) || /^e2[0-9a-f]{2}$/.test(dev) || dev === '4905') return true;
  const n = name ?? '';
  // Meteor/Lunar Lake iGPUs are branded "Intel Arc Graphics"; the discrete cards carry a model number.
  return /\barc(?:\(tm\))?\s+(?:pro\s+)?[ab]\d{2,3}/i.test(n);
}

/** Best guess of memory kind from vendor + name + ids; null when nothing speaks either way. */
export function guessKind(vendor: GpuVendor, name: string | null, pciId: string | null): GpuCandidate['kind'] {
  const n = (name ?? '').replace(/\((tm|r)\)/gi, '');
  if (vendor === 'apple') return 'unified';
  if (vendor === 'intel') return isIntelDiscrete(pciId, n) ? 'dedicated' : 'shared';
  if (vendor === 'amd') {
    if (AMD_UNIFIED.test(n)) return 'unified';
    if (AMD_INTEGRATED.test(n)) return 'shared';
    if (/\brx\s?\d|radeon pro|radeon vii|instinct|\bmi\d{2,3}|firepro/i.test(n)) return 'dedicated';
    return null;
  }
  if (vendor === 'nvidia') {
    if (/\bgb10\b|grace blackwell superchip|jetson|tegra|orin/i.test(n)) return 'unified';
    return 'dedicated';
  }
  return null;
}

/** No tool we read prints a line anywhere near this long; longer ones are junk and are dropped, which
 *  also bounds what any per-line pattern can cost. */
export const MAX_LINE_CHARS = 2048;

export function splitLines(text: string): string[] {
  return text.split(/\r?\n/).map((line) => (line.length > MAX_LINE_CHARS ? '' : line));
}
