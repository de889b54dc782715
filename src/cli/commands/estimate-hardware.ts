// `estimate` hardware options (--gpu, --vram, --cpu-only, --ram, or the detected machine) turned into
// planning hardware through core's one choice function, the same the app and the plan use.

import { readFile, stat } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { basename } from 'node:path';
import { PLANNING_DEFAULTS, planningHardwareForChoice, type ChosenHardware, type GpuChoice } from '../../core/advice/choice';
import { resolveGpuQuery } from '../../core/hardware/gpu-query';
import { parseHardwareFile } from '../../core/hardware/hardware-file';
import { fsReason } from '../../main/services/fs-reasons';
import type { GpuCatalogEntry, Hardware } from '../../core/hardware/types';
import { GiB } from '../../core/units';
import { strictDecimal } from '../args';
import { CliError } from '../types';
import type { Values } from './estimate-args';

export interface EstimateDeps {
  /** Hardware detection used when neither --gpu nor --vram is given. */
  detect?: () => Promise<Hardware | null>;
  /** RAM of the machine planned for when not detected (bytes). */
  ramBytes?: () => number;
}

/** "rtx-4090", "RTX 4090", "4090x2", "a100 80gb x4": a catalog id, name or unique search text, with a count. */
export function resolveGpuArg(text: string): { entry: GpuCatalogEntry; count: number } {
  const r = resolveGpuQuery(text);
  if (r.ok) return { entry: r.entry, count: r.count };
  if (r.reason === 'not-found') {
    const raw = text.trim();
    throw new CliError(`No GPU "${raw}" in the catalog; run "vram-planner gpus --search ${raw}" to find its id.`);
  }
  throw new CliError(`--gpu ${r.message}${r.reason === 'ambiguous' ? ' (see "vram-planner gpus")' : ''}`);
}

function parseVram(text: string): GpuChoice[] {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > 64)
    throw new CliError('--vram takes one to 64 sizes in GiB separated by commas, such as 24 or 24,12.');
  return parts.map((p) => {
    const gib = strictDecimal(p.replace(/\s*gib?$/i, ''));
    if (!Number.isFinite(gib) || gib <= 0 || gib > 4096) throw new CliError(`--vram size "${p}" is not a size in GiB between 0 and 4096.`);
    return { catalogId: null, vramGiB: gib, count: 1, source: 'user' };
  });
}

/** How the hardware was chosen: catalog GPUs, sizes, the detected machine, or no GPU at all. */
export type HardwareArgSource = 'catalog' | 'vram' | 'detected' | 'cpu-only' | 'file' | 'none';

/** Hardware files are a few kilobytes; anything far larger is not one and is not read into memory. */
const MAX_HARDWARE_FILE_BYTES = 4 * 1024 * 1024;

/** Reads a `detect --json` output or an exported profile: a regular file, bounded, validated. */
async function readHardwareFile(path: string): Promise<{ kind: 'detect' | 'profile'; hardware: Hardware; name: string | null }> {
  let text: string;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new CliError(`--hardware ${path} is not a regular file.`);
    if (st.size > MAX_HARDWARE_FILE_BYTES)
      throw new CliError(`--hardware ${path} is ${st.size} bytes; a hardware file is a few kilobytes.`);
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Could not read the hardware file ${path} because ${fsReason(error)}.`);
  }
  const parsed = parseHardwareFile(text);
  if (!parsed.ok) throw new CliError(`--hardware ${path}: ${parsed.message}`);
  return parsed;
}

export async function buildHardware(v: Values, deps: EstimateDeps): Promise<{ chosen: ChosenHardware; source: HardwareArgSource }> {
  const ramGiB = v.ram !== undefined ? strictDecimal(v.ram) : null;
  if (ramGiB !== null && !(ramGiB > 0 && Number.isFinite(ramGiB))) throw new CliError(`--ram must be a size in GiB, not "${v.ram}".`);
  const given = [
    v.gpu !== undefined && '--gpu',
    v.vram !== undefined && '--vram',
    v['cpu-only'] && '--cpu-only',
    v.hardware !== undefined && '--hardware',
  ].filter(Boolean);
  if (given.length > 1) throw new CliError(`Give only one of --gpu, --vram, --cpu-only or --hardware (got ${given.join(' and ')}).`);
  const machineRamBytes = (deps.ramBytes ?? totalmem)();
  const custom = (gpus: GpuChoice[]): ChosenHardware => planningHardwareForChoice({ mode: 'custom', gpus, ramGiB, machineRamBytes });
  if (v.gpu !== undefined) {
    const gpus = v.gpu.map((g) => {
      const { entry, count } = resolveGpuArg(g);
      return { catalogId: entry.id, vramGiB: 0, count };
    });
    if (gpus.reduce((a, g) => a + g.count, 0) > PLANNING_DEFAULTS.maxGpus)
      throw new CliError(`At most ${PLANNING_DEFAULTS.maxGpus} GPUs can be planned for.`);
    return { chosen: custom(gpus), source: 'catalog' };
  }
  if (v.vram !== undefined) return { chosen: custom(parseVram(v.vram)), source: 'vram' };
  if (v['cpu-only']) return { chosen: custom([]), source: 'cpu-only' };
  if (v.hardware !== undefined) {
    const file = await readHardwareFile(v.hardware);
    if (ramGiB !== null) file.hardware.ram = { totalBytes: ramGiB * GiB, availableBytes: null };
    const chosen = planningHardwareForChoice({
      mode: 'detected',
      detected: file.hardware,
      file: { name: basename(v.hardware), kind: file.kind, profileName: file.name },
    });
    return { chosen, source: 'file' };
  }
  const detected = deps.detect ? await deps.detect().catch(() => null) : null;
  if (detected) {
    if (ramGiB !== null) detected.ram = { ...detected.ram, totalBytes: ramGiB * GiB, availableBytes: null };
    return { chosen: planningHardwareForChoice({ mode: 'detected', detected }), source: 'detected' };
  }
  return { chosen: custom([]), source: 'none' };
}

export async function defaultDetect(): Promise<Hardware | null> {
  try {
    const { detectHardware } = await import('../../main/services/hardware/index');
    return await detectHardware({ deadlineMs: 6000 });
  } catch {
    return null;
  }
}
