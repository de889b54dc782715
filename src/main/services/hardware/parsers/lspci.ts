// lspci: names, PCI ids, bus addresses and kernel driver of display controllers. Its "Region N: Memory
// ... [size=32G]" lines are PCI BARs (address windows; with Resizable BAR they can exceed the memory), so
// this parser reports them as barBytes and never as VRAM (systeminformation issues #170 and #1035).

import {
  emptyCandidate,
  guessKind,
  makePciId,
  normalizeBusId,
  parseSizeText,
  splitLines,
  vendorFromName,
  vendorFromPciVendorId,
  type GpuCandidate,
} from './common';

const DISPLAY_CLASS = /^(VGA compatible controller|3D controller|Display controller)\b/i;

/** "AD102 [GeForce RTX 4090]" → "GeForce RTX 4090"; "Device 744c" stays as is. */
function marketingName(device: string): string {
  // Anchored on both sides: an unanchored `\[...\]\s*$` re-scans the line from every '['.
  const inner = /^(?:[^[]*\[)*([^[\]]+)\]$/.exec(device.trim());
  return (inner ? inner[1]! : device).trim();
}

function shortVendor(vendorText: string, pciVendor: string | null): string {
  const v = vendorFromPciVendorId(pciVendor);
  if (v === 'nvidia') return 'NVIDIA';
  if (v === 'amd') return 'AMD';
  if (v === 'intel') return 'Intel';
  return vendorText
    .replace(/\s*\[[^\]]*\]\s*/g, ' ')
    .replace(/,?\s*(Inc\.|Corporation|Corp\.|Co\.,? Ltd\.)/gi, '')
    .trim();
}

function fullName(vendorLabel: string, device: string): string {
  const name = marketingName(device);
  return name.toLowerCase().startsWith(vendorLabel.toLowerCase()) ? name : `${vendorLabel} ${name}`.trim();
}

/** Parses `lspci -vnn` / `lspci -D -vvvnn` / `lspci -vvv` blocks. */
export function parseLspciVerbose(text: string): GpuCandidate[] {
  const out: GpuCandidate[] = [];
  let current: GpuCandidate | null = null;
  for (const line of splitLines(text)) {
    if (/^\S/.test(line)) {
      current = null;
      const head = /^((?:[0-9a-f]{4,8}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])\s+(.*)$/i.exec(line.trim());
      if (!head) continue;
      const rest = head[2]!;
      const cls = /^([^:[]+?)(?:\s*\[[0-9a-f]{4}\])?:\s*(.*)$/i.exec(rest);
      if (!cls || !DISPLAY_CLASS.test(cls[1]!)) continue;
      let desc = cls[2]!
        .replace(/\s*\(prog-if[^)]*\)\s*$/i, '')
        .replace(/\s*\(rev [0-9a-f]+\)\s*$/i, '')
        .trim();
      const ids = /\[([0-9a-f]{4}):([0-9a-f]{4})\]\s*$/i.exec(desc);
      let pciVendor: string | null = null;
      let pciDevice: string | null = null;
      if (ids) {
        pciVendor = ids[1]!.toLowerCase();
        pciDevice = ids[2]!.toLowerCase();
        desc = desc.slice(0, ids.index).trim();
      }
      // Vendor part ends where the device part starts; lspci has no delimiter, so split on known vendors.
      const vm =
        /^(NVIDIA Corporation|Advanced Micro Devices, Inc\. \[AMD\/ATI\]|Advanced Micro Devices, Inc\.|ATI Technologies Inc|Intel Corporation|Apple Inc\.|Matrox Electronics Systems Ltd\.|ASPEED Technology, Inc\.|Red Hat, Inc\.|VMware|Microsoft Corporation)\s+(.*)$/i.exec(
          desc,
        );
      const vendorText = vm ? vm[1]! : '';
      const deviceText = vm ? vm[2]! : desc;
      if (!pciDevice) {
        const dm = /^Device ([0-9a-f]{4})$/i.exec(deviceText.trim());
        if (dm) pciDevice = dm[1]!.toLowerCase();
      }
      let vendor = vendorFromPciVendorId(pciVendor);
      if (vendor === 'other') vendor = vendorFromName(vendorText || desc);
      if (!pciVendor) pciVendor = ({ nvidia: '10de', amd: '1002', intel: '8086', apple: '106b', other: null } as const)[vendor];
      const c = emptyCandidate('lspci', vendor);
      c.busId = normalizeBusId(head[1]);
      c.pciId = makePciId(pciVendor, pciDevice);
      c.name = fullName(shortVendor(vendorText, pciVendor), deviceText);
      c.kind = guessKind(vendor, c.name, c.pciId);
      c.confidence = 'low';
      c.barBytes = null;
      out.push(c);
      current = c;
      continue;
    }
    if (!current) continue;
    const t = line.trim();
    const region = /^(?:Region \d+: )?Memory at \S+ .*\[size=([0-9]+[KMGT]?)\]/i.exec(t);
    if (region) {
      const size = /^[0-9]+$/.test(region[1]!) ? Number(region[1]) : parseSizeText(`${region[1]}B`);
      if (size !== null && size > (current.barBytes ?? 0)) current.barBytes = size;
      continue;
    }
    const drv = /^Kernel driver in use:\s*(\S+)/i.exec(t);
    if (drv) current.driver = drv[1]!;
  }
  return out;
}

/** Parses `lspci -mm -nn` (or `-mm`) lines: quoted fields, no BAR information. */
export function parseLspciMachine(text: string): GpuCandidate[] {
  const out: GpuCandidate[] = [];
  for (const line of splitLines(text)) {
    const head = /^((?:[0-9a-f]{4,8}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])\s+(.*)$/i.exec(line.trim());
    if (!head) continue;
    const fields = [...head[2]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    const [cls, vendorField, deviceField] = fields;
    if (!cls || !vendorField || deviceField === undefined || !DISPLAY_CLASS.test(cls)) continue;
    // trimEnd() first and no leading \s*: `\s*X$` retries from every blank of a long run (quadratic).
    const vendorTrim = vendorField.trimEnd();
    const deviceTrim = deviceField.trimEnd();
    const vId = /\[([0-9a-f]{4})\]$/i.exec(vendorTrim);
    const dId = /\[([0-9a-f]{4})\]$/i.exec(deviceTrim);
    const vendorText = vendorTrim.replace(/\[[0-9a-f]{4}\]$/i, '').trimEnd();
    const deviceText = deviceTrim.replace(/\[[0-9a-f]{4}\]$/i, '').trimEnd();
    let vendor = vendorFromPciVendorId(vId?.[1]);
    if (vendor === 'other') vendor = vendorFromName(vendorText);
    const c = emptyCandidate('lspci', vendor);
    c.busId = normalizeBusId(head[1]);
    c.pciId = makePciId(vId?.[1], dId?.[1]);
    c.name = fullName(shortVendor(vendorText, vId?.[1] ?? null), deviceText);
    c.kind = guessKind(vendor, c.name, c.pciId);
    c.confidence = 'low';
    out.push(c);
  }
  return out;
}

/** Either format: verbose blocks when the text has indented lines, else machine format. */
export function parseLspci(text: string): GpuCandidate[] {
  return /^\s+\S/m.test(text) ? parseLspciVerbose(text) : parseLspciMachine(text);
}
