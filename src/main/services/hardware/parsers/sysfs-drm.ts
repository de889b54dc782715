// /sys/class/drm/card*/device: PCI ids for every GPU, and for amdgpu the memory counters the driver
// documents in Documentation/gpu/amdgpu/driver-misc.rst ("GPU Memory Usage Information", bytes).
// Needs no root and no ROCm. The probe reads the files; this module only interprets their text.

import {
  emptyCandidate,
  guessKind,
  isIntelDiscrete,
  makePciId,
  normalizeBusId,
  toNumber,
  vendorFromPciVendorId,
  type GpuCandidate,
} from './common';

export const SYSFS_FILES = [
  'vendor',
  'device',
  'uevent',
  'mem_info_vram_total',
  'mem_info_vram_used',
  'mem_info_vis_vram_total',
  'mem_info_gtt_total',
] as const;
export type SysfsFile = (typeof SYSFS_FILES)[number];

export interface SysfsCard {
  /** "card0" */
  card: string;
  files: Partial<Record<SysfsFile, string>>;
}

// amdgpu APUs (integrated: their "VRAM" is a carve-out of system RAM). Device ids from the PCI id
// database entries for Raven..Krackan; Strix Halo (1586) is listed separately as unified.
const AMD_APU_DEVICE_IDS = new Set([
  '15dd',
  '15d8',
  '1636',
  '1638',
  '164c',
  '15e7',
  '1681',
  '164e',
  '15bf',
  '15c8',
  '1900',
  '150e',
  '1114',
  '13c0',
  '163f',
  '1506',
  '13fe',
  '1435',
]);
const AMD_UNIFIED_DEVICE_IDS = new Set(['1586']);

function hex(text: string | undefined): string | null {
  const m = /^\s*0x([0-9a-f]{1,4})\s*$/i.exec(text ?? '');
  return m ? m[1]!.toLowerCase().padStart(4, '0') : null;
}

function ueventValue(uevent: string | undefined, key: string): string | null {
  const m = new RegExp(`^${key}=(.*)$`, 'm').exec(uevent ?? '');
  return m ? m[1]!.trim() : null;
}

export function parseSysfsCards(cards: readonly SysfsCard[]): GpuCandidate[] {
  const out: GpuCandidate[] = [];
  const seenBus = new Set<string>();
  for (const { card, files } of cards) {
    if (!/^card\d+$/.test(card)) continue;
    const vendorHex = hex(files.vendor);
    const deviceHex = hex(files.device);
    if (!vendorHex) continue;
    const vendor = vendorFromPciVendorId(vendorHex);
    const c = emptyCandidate('sysfs', vendor);
    c.index = Number(card.slice(4));
    c.pciId = makePciId(vendorHex, deviceHex);
    c.busId = normalizeBusId(ueventValue(files.uevent, 'PCI_SLOT_NAME'));
    c.driver = ueventValue(files.uevent, 'DRIVER');
    if (c.busId) {
      // card0 and renderD128 style duplicates share one PCI function.
      if (seenBus.has(c.busId)) continue;
      seenBus.add(c.busId);
    }
    const total = toNumber(files.mem_info_vram_total);
    const used = toNumber(files.mem_info_vram_used);
    if (vendor === 'amd') {
      if (deviceHex && AMD_UNIFIED_DEVICE_IDS.has(deviceHex)) c.kind = 'unified';
      else if (deviceHex && AMD_APU_DEVICE_IDS.has(deviceHex)) c.kind = 'shared';
      else c.kind = total !== null ? 'dedicated' : null;
      c.vramTotalBytes = total;
      c.vramUsedBytes = used;
      c.vramFreeBytes = total !== null && used !== null ? Math.max(0, total - used) : null;
      c.confidence = total !== null ? 'high' : 'low';
      if (c.kind === 'shared' && total !== null) {
        c.warnings.push('This is an integrated GPU: its "VRAM" is a slice of system memory set in the firmware.');
      }
    } else if (vendor === 'intel') {
      c.kind = isIntelDiscrete(c.pciId, null) ? 'dedicated' : 'shared';
      c.confidence = 'low';
    } else {
      c.kind = guessKind(vendor, null, c.pciId);
      c.confidence = 'low';
    }
    out.push(c);
  }
  return out;
}
