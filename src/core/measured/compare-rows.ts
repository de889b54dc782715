// The row every comparison produces (planned, measured, difference, inside the band), shared by the
// runtimes whose logs print rounded figures: the slack added to the band is the printed rounding.

import type { ComponentComparison, ComponentName } from './compare';

export function componentRow(
  name: ComponentName,
  device: string,
  planned: number | null,
  measured: number,
  bandRelative: number,
  roundingBytes: number,
): ComponentComparison {
  if (planned === null) return { name, device, plannedBytes: null, measuredBytes: measured, differenceBytes: null, withinBand: null };
  const slack = Math.abs(planned) * bandRelative + roundingBytes;
  return {
    name,
    device,
    plannedBytes: planned,
    measuredBytes: measured,
    differenceBytes: measured - planned,
    withinBand: Math.abs(measured - planned) <= slack,
  };
}

/** Planned vs measured for a count that is not bytes (vLLM's maximum concurrency, tokens in the KV pool). */
export interface QuantityComparison {
  name: 'kvTokens' | 'maxConcurrency';
  planned: number | null;
  measured: number;
  difference: number | null;
  withinBand: boolean | null;
}

export function quantityRow(
  name: QuantityComparison['name'],
  planned: number | null,
  measured: number,
  bandRelative: number,
): QuantityComparison {
  if (planned === null) return { name, planned: null, measured, difference: null, withinBand: null };
  return {
    name,
    planned,
    measured,
    difference: measured - planned,
    withinBand: Math.abs(measured - planned) <= Math.abs(planned) * bandRelative,
  };
}
