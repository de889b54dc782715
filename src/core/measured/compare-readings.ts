// GPU readings (nvidia-smi, rocm-smi) against a plan's total per device. Per GPU the measurement is the
// sum of the listed processes on it when the output lists any (what the runtime itself holds), otherwise
// the GPU's whole used memory (which includes the desktop and other programs, and is said so).

import { MiB } from '../units';
import type { ComponentComparison } from './compare';
import { componentRow } from './compare-rows';
import { processTotals, type NvidiaSmi } from './nvidia-smi';
import type { RocmSmi } from './rocm-smi';

export interface PlannedDevice {
  /** GPU index as the tool numbers it (nvidia-smi's "GPU" column, rocm-smi's GPU[N]). */
  index: number;
  bytes: number;
}

export interface ReadingsComparison {
  components: ComponentComparison[];
  /** 'processes' when per-process sums were compared, 'used' for whole-GPU usage. */
  measuredAs: 'processes' | 'used';
  notes: string[];
}

/**
 * Compares each GPU the plan uses. `only` narrows the processes to the runtime's own (e.g. /llama-server|ollama/),
 * so other programs on the same GPU do not count against the plan.
 */
export function compareReadings(
  readings: NvidiaSmi | RocmSmi,
  planned: PlannedDevice[],
  bandRelative: number,
  only?: RegExp,
): ReadingsComparison {
  const byProcess = processTotals(
    readings.processes.filter((p) => p.gpu !== null),
    only,
  );
  const measuredAs = byProcess.size > 0 ? 'processes' : 'used';
  const notes: string[] = [];
  const components: ComponentComparison[] = [];
  for (const p of planned) {
    const gpu = readings.gpus.find((g) => g.index === p.index);
    const measured = measuredAs === 'processes' ? byProcess.get(String(p.index)) : gpu?.usedBytes;
    if (measured === undefined) {
      notes.push(`GPU ${p.index}: no reading in the output.`);
      continue;
    }
    // nvidia-smi prints whole MiB; rocm-smi prints bytes.
    components.push(componentRow('total', `GPU${p.index}`, p.bytes, measured, bandRelative, readings.kind === 'nvidia-smi' ? MiB : 0));
  }
  if (measuredAs === 'used')
    notes.push("No per-process figures: each GPU's whole used memory is compared, including other programs and the desktop.");
  if (readings.processes.some((p) => p.gpu === null))
    notes.push('Processes whose GPU is not named (rocm-smi --showpids counts GPUs) are left out.');
  return { components, measuredAs, notes };
}
