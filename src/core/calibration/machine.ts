// Which machine a run belongs to: the planning hardware reduced to GPU names, their memory and the RAM.
// Memory is rounded to 0.1 GiB so that a driver update that reports a few MiB more is still the same box.

import type { PlanningHardware } from '../advice/types';
import { GiB } from '../units';
import type { MachineKey } from './types';

const tenth = (bytes: number) => Math.round((bytes / GiB) * 10) / 10;

export function machineKey(hw: Pick<PlanningHardware, 'devices' | 'ramBytes'>): MachineKey {
  const gpus = hw.devices
    .filter((d) => d.kind !== 'shared')
    .map((d) => ({ name: d.name.trim(), vramGiB: tenth(d.totalBytes) }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.vramGiB - b.vramGiB);
  const ramGiB = tenth(hw.ramBytes);
  const key = [...gpus.map((g) => `${g.name} ${g.vramGiB} GiB`), `RAM ${ramGiB} GiB`].join(' | ');
  return { key, gpus, ramGiB };
}

/** The devices a speed figure was measured on: "NVIDIA GeForce RTX 4090", "2× NVIDIA GeForce RTX 3090", or "CPU". */
export function speedDeviceKey(names: readonly string[]): string {
  if (names.length === 0) return 'CPU';
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n.trim(), (counts.get(n.trim()) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([n, c]) => (c > 1 ? `${c}× ${n}` : n))
    .join(' + ');
}
