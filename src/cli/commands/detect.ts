// `vram-planner detect [--json]`: what this machine has, as the app's hardware probes see it.

import { parseArgs } from 'node:util';
import type { Hardware } from '../../core/hardware/types';
import { formatGiB } from '../../core/units';
import { detectHardware, type DetectOptions } from '../../main/services/hardware/index';
import { CliError, type CliCommand } from '../types';

function parse(args: string[]): { json: boolean } {
  try {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: false, strict: true });
    return { json: values.json === true };
  } catch (error) {
    // parseArgs messages are one sentence already ("Unknown option '--x'").
    throw new CliError(`${error instanceof Error ? error.message : String(error)} Usage: vram-planner detect [--json]`);
  }
}

/** The JSON contract (DESIGN.md): gpus[] with name, vendor, vramTotalBytes, vramFreeBytes|null, kind, source; ram.totalBytes. */
export function detectJson(hw: Hardware): unknown {
  return {
    gpus: hw.gpus.map((g) => ({
      id: g.id,
      name: g.name,
      vendor: g.vendor,
      kind: g.kind,
      vramTotalBytes: g.vramTotalBytes,
      vramFreeBytes: g.vramFreeBytes,
      vramUsedBytes: g.vramUsedBytes,
      source: g.source,
      confidence: g.confidence,
      catalogId: g.catalogId,
      busId: g.busId,
      pciId: g.pciId,
      driver: g.driver,
      computeCapability: g.computeCapability,
      warnings: g.warnings,
    })),
    ram: hw.ram,
    cpu: hw.cpu,
    os: hw.os,
    detectedAt: hw.detectedAt,
    notes: hw.notes,
  };
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => rows.reduce((w, r) => Math.max(w, (r[i] ?? '').length), 0));
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

export function detectText(hw: Hardware): string {
  const lines: string[] = [];
  if (hw.gpus.length === 0) {
    lines.push('GPUs: none found');
  } else {
    const rows = [['#', 'GPU', 'Vendor', 'Kind', 'VRAM total', 'VRAM free', 'Source', 'Confidence']];
    hw.gpus.forEach((g, i) => {
      const total = g.kind === 'shared' ? 'shared RAM' : formatGiB(g.vramTotalBytes);
      const free = g.vramFreeBytes === null ? '—' : formatGiB(g.vramFreeBytes);
      rows.push([String(i), g.name, g.vendor, g.kind, total, free, g.source, g.confidence]);
    });
    for (const l of table(rows)) lines.push(l);
    hw.gpus.forEach((g, i) => {
      for (const w of g.warnings) lines.push(`  [${i}] ${w}`);
    });
  }
  const avail = hw.ram.availableBytes !== null ? `, ${formatGiB(hw.ram.availableBytes)} available` : '';
  lines.push('');
  lines.push(`RAM  ${formatGiB(hw.ram.totalBytes)} total${avail}`);
  lines.push(`CPU  ${hw.cpu.brand}, ${hw.cpu.cores} cores / ${hw.cpu.threads} threads`);
  lines.push(`OS   ${[hw.os.distro, hw.os.release].filter(Boolean).join(' ')} (${hw.os.platform}, ${hw.os.arch})`);
  if (hw.notes.length) {
    lines.push('');
    lines.push('Notes:');
    for (const n of hw.notes) lines.push(`  - ${n}`);
  }
  return lines.join('\n');
}

/** Builds the command over any detector (tests pass stand-in tools through `options`). */
export function createDetectCommand(
  options: DetectOptions = {},
  detector: (o: DetectOptions) => Promise<Hardware> = detectHardware,
): CliCommand {
  return async (args, io) => {
    const { json } = parse(args);
    const hw = await detector(options);
    io.out(json ? JSON.stringify(detectJson(hw), null, 2) : detectText(hw));
    return 0;
  };
}

export const detect: CliCommand = createDetectCommand();
