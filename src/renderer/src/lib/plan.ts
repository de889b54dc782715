// The Plan for what the Compare view currently shows: same model, hardware, settings and quant, so the
// exported numbers are the ones on screen (a test checks that).

import { composePlan, planHardware } from '../../../core/plan';
import type { Plan } from '../../../core/plan/types';
import { quantForBits } from '../../../core/quant/formats';
import { activeProfileName, currentModel, planner, planningHardware } from './planner.svelte';

export function chosenSettings() {
  const quant = planner.selectedQuant ?? quantForBits(planner.selectedBits, planner.settings.runtime).id;
  return { ...planner.settings, quant };
}

export function currentPlan(appVersion: string, now: Date = new Date()): Plan | null {
  const model = currentModel();
  if (!model) return null;
  const hw = planningHardware();
  const detected = planner.hardwareMode === 'detected' && planner.detected;
  const profile = detected ? null : activeProfileName();
  const devices = hw.devices.length ? countedLabel(hw.devices.map((d) => d.name)) : 'CPU only';
  const label = profile ? `${profile} (${devices})` : devices;
  const sources: Record<string, string> = {};
  if (detected && planner.detected) for (const g of planner.detected.gpus) sources[g.id] = g.source;
  return composePlan({
    input: model.input,
    settings: chosenSettings(),
    hw,
    hardware: planHardware(hw, label, detected ? 'detected' : profile ? 'profile' : 'manual', { sources }),
    model: { hfRepo: model.catalog?.hfRepo ?? null },
    appVersion,
    date: now.toISOString(),
    opts: { useFreeMemory: planner.useFreeMemory },
  });
}

/** "2 × NVIDIA L4" rather than "NVIDIA L4 + NVIDIA L4". */
function countedLabel(names: string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([n, c]) => (c > 1 ? `${c} × ${n}` : n)).join(' + ');
}
