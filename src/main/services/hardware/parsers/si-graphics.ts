// systeminformation.graphics() controllers → candidates, applying what its issue tracker taught:
// Windows AdapterRAM is a uint32 (4095/4096 MiB ceiling, issues #344 #406 #461); Linux `vram` is the
// largest lspci BAR (#170 #1035); Apple Silicon has no VRAM key (vram null by design).

import type { Systeminformation } from 'systeminformation';
import { emptyCandidate, guessKind, makePciId, MiB, normalizeBusId, vendorFromName, type GpuCandidate } from './common';

/** The subset of GraphicsControllerData we read; tests pass plain objects recorded from issues. */
export type SiController = Partial<
  Pick<
    Systeminformation.GraphicsControllerData,
    | 'vendor'
    | 'model'
    | 'bus'
    | 'busAddress'
    | 'vram'
    | 'vramDynamic'
    | 'vendorId'
    | 'deviceId'
    | 'driverVersion'
    | 'memoryTotal'
    | 'memoryUsed'
    | 'memoryFree'
    | 'name'
    | 'pciBus'
  >
>;

/** MiB values that are the 32-bit AdapterRAM ceiling, not a memory size. */
export function isWmiCeiling(vramMiB: number): boolean {
  return vramMiB === 4095 || vramMiB === 4096 || Math.abs(vramMiB * MiB - 4293918720) < MiB;
}

export function parseSiControllers(controllers: readonly SiController[] | null | undefined, platform: NodeJS.Platform): GpuCandidate[] {
  const out: GpuCandidate[] = [];
  for (const ctl of controllers ?? []) {
    if (!ctl || typeof ctl !== 'object') continue;
    const model = (ctl.model ?? ctl.name ?? '').trim();
    if (!model) continue;
    const vendor = vendorFromName(`${ctl.vendor ?? ''} ${model}`);
    const source = platform === 'win32' ? 'windows-registry' : 'systeminformation';
    const c = emptyCandidate(source, vendor);
    c.name = /^(nvidia|amd|intel|apple)\b/i.test(model) ? model : `${(ctl.vendor ?? '').split(/[ ,]/)[0] ?? ''} ${model}`.trim();
    c.busId = normalizeBusId(ctl.busAddress ?? ctl.pciBus ?? null);
    c.pciId = ctl.vendorId && ctl.deviceId ? makePciId(ctl.vendorId, ctl.deviceId) : null;
    c.driver = ctl.driverVersion || null;
    c.kind = guessKind(vendor, c.name, c.pciId);
    const vram = typeof ctl.vram === 'number' && Number.isFinite(ctl.vram) && ctl.vram > 0 ? ctl.vram : null;
    const smiTotal = typeof ctl.memoryTotal === 'number' && ctl.memoryTotal > 0 ? ctl.memoryTotal : null;
    if (smiTotal !== null) {
      // nvidia-smi data merged by systeminformation: MiB from the driver.
      c.vramTotalBytes = smiTotal * MiB;
      c.vramUsedBytes = typeof ctl.memoryUsed === 'number' ? ctl.memoryUsed * MiB : null;
      c.vramFreeBytes = typeof ctl.memoryFree === 'number' ? ctl.memoryFree * MiB : null;
      c.confidence = 'medium';
    } else if (vram !== null && platform === 'win32' && isWmiCeiling(vram)) {
      c.confidence = 'low';
      c.warnings.push(`Windows reported ${vram} MiB, the ceiling of the 32-bit AdapterRAM field; the real memory size is unknown.`);
    } else if (vram !== null && platform === 'linux') {
      c.barBytes = vram * MiB;
      c.confidence = 'low';
      c.warnings.push(`systeminformation's ${vram} MiB on Linux is a PCI BAR size (an address window), not memory; it was ignored.`);
    } else if (vram !== null) {
      c.vramTotalBytes = vram * MiB;
      c.confidence = platform === 'win32' ? 'medium' : 'medium';
    } else {
      c.confidence = 'low';
    }
    if (c.kind === null) {
      // On Windows vramDynamic reads VideoMemoryType, whose value 2 means "Unknown" (issue #344), so
      // it only decides the kind when the name did not.
      c.kind =
        ctl.vramDynamic && platform !== 'win32'
          ? 'shared'
          : c.vramTotalBytes !== null && c.vramTotalBytes > 2 * 1024 * MiB
            ? 'dedicated'
            : null;
    }
    out.push(c);
  }
  return out;
}
