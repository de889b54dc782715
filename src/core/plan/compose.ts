// One call from (model, settings, hardware) to a Plan: advises the chosen settings and the article's
// 16/8/4-bit columns on the same hardware. Used by the CLI, the app and the tests.

import { advise } from '../advice';
import type { ChosenHardware } from '../advice/choice';
import type { Advice, AdviseOptions, PlanningHardware } from '../advice/types';
import type { EstimateSettings, ModelInput } from '../estimate/types';
import { quantForBits } from '../quant/formats';
import { buildPlan } from './build';
import type { Plan, PlanHardwareInput, PlanModelInput } from './types';

export const COMPARISON_BITS = [16, 8, 4] as const;

/** The 16/8/4-bit advice columns. An exact tensor list fixes the quant, so columns use the spec alone. */
export function comparisonAdvice(
  input: ModelInput,
  settings: EstimateSettings,
  hw: PlanningHardware,
  opts: AdviseOptions = {},
  chosen?: Advice,
): Advice[] {
  const out: Advice[] = [];
  for (const bits of COMPARISON_BITS) {
    let quant: string;
    try {
      quant = quantForBits(bits, settings.runtime).id;
    } catch {
      continue;
    }
    if (chosen && chosen.settings.quant.toLowerCase() === quant.toLowerCase()) {
      out.push(chosen);
      continue;
    }
    // The columns are a "what if": remedies and the max-context search are not needed for them.
    out.push(advise({ spec: input.spec }, { ...settings, quant }, hw, { ...opts, remedies: false }));
  }
  return out;
}

/** Describes the chosen hardware for the plan: vendor and source travel with each device, never guessed. */
export function planHardware(chosen: ChosenHardware, extra: { os?: string | null; label?: string } = {}): PlanHardwareInput {
  const hw = chosen.hw;
  return {
    label: extra.label ?? chosen.label,
    source: chosen.origin,
    ramBytes: hw.ramBytes,
    ramSource: chosen.ramSource,
    os: extra.os ?? null,
    devices: hw.devices.map((d) => ({
      id: d.id,
      name: d.name,
      kind: d.kind,
      vendor: d.vendor,
      totalBytes: d.totalBytes,
      source: d.source,
      bandwidthGBps: d.bandwidthGBps,
      bandwidthSource: d.bandwidthGBps != null ? 'catalog' : null,
    })),
  };
}

export interface ComposePlanInput {
  input: ModelInput;
  settings: EstimateSettings;
  hw: PlanningHardware;
  hardware: PlanHardwareInput;
  model?: Partial<PlanModelInput>;
  appVersion: string;
  date: string;
  opts?: AdviseOptions;
  /**
   * A step after the advisor, for the figures the app shows (the user's consented calibration): the plan
   * then carries exactly what the screen shows.
   */
  adjust?: (advice: Advice) => Advice;
}

export function composePlan(c: ComposePlanInput): Plan {
  const adjust = c.adjust ?? ((a: Advice) => a);
  const advice = adjust(advise(c.input, c.settings, c.hw, c.opts ?? {}));
  const comparison = comparisonAdvice(c.input, c.settings, c.hw, c.opts ?? {}, advice).map((a) => (a === advice ? a : adjust(a)));
  const spec = c.input.spec;
  return buildPlan({
    advice,
    comparison,
    hardware: c.hardware,
    model: {
      name: spec.name,
      id: spec.id,
      basis: spec.basis,
      parameterCount: advice.estimate.weights.parameterCount,
      activeParameterCount: advice.estimate.weights.activeParameterCount,
      architecture: spec.architecture,
      ...c.model,
    },
    appVersion: c.appVersion,
    date: c.date,
  });
}
