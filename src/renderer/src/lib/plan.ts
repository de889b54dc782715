// The Plan for what the Compare view currently shows: same model, hardware, settings and quant, so the
// exported numbers are the ones on screen (a parity test checks that).

import { composePlan, planHardware } from '$core/plan';
import type { Plan } from '$core/plan/types';
import { quantForBits } from '$core/quant/formats';
import { attachedRun } from '../components/check/attached.svelte';
import { calibrateAdvice, calibrationFor } from './evidence.svelte';
import { activeProfileName, chosenHardware, currentModel, planner } from './planner.svelte';
import { trainingForPlan } from '../components/train/plan-training';
import { capacityForPlan } from '../components/serve/serve-compute';
import { multiForPlan } from './workspace-multi.svelte';

export function chosenSettings() {
  const quant = planner.selectedQuant ?? quantForBits(planner.selectedBits, planner.settings.runtime).id;
  return { ...planner.settings, quant };
}

/** Null while no hardware is known (detection pending or failed, nothing chosen): no plan for a guess. */
export function currentPlan(appVersion: string, now: Date = new Date()): Plan | null {
  const model = currentModel();
  const chosen = chosenHardware();
  if (!model || !chosen) return null;
  const profile = chosen.origin === 'profile' ? activeProfileName() : null;
  const composed = composePlan({
    input: model.input,
    settings: chosenSettings(),
    hw: chosen.hw,
    hardware: planHardware(chosen, profile ? { label: `${profile} (${chosen.label})` } : {}),
    model: { hfRepo: model.catalog?.hfRepo ?? null },
    appVersion,
    date: now.toISOString(),
    opts: { useFreeMemory: planner.useFreeMemory, ...planner.adviseOptions },
    adjust: (a) => calibrateAdvice(a, chosen.hw).advice,
  });
  // The figures the screen shows are calibrated (with the user's consent): the plan says so and from what.
  const calibrated = calibrationFor(chosen.hw);
  const plan = calibrated
    ? { ...composed, assumptions: [...composed.assumptions, { key: 'calibration.planAssumption', params: { runs: calibrated.runs } }] }
    : composed;
  // Fine-tune mode: the plan leads with the training estimate on screen and its recipes.
  const training = trainingForPlan(model.catalog?.hfRepo ?? null, model.name);
  const withTraining = training ? { ...plan, training } : plan;
  // A run checked in the Check view and attached: the plan's exports end with "Planned vs measured".
  const measured = attachedRun();
  const withMeasured = measured ? { ...withTraining, measured } : withTraining;
  // A serving workload set in the Serve view: the plan gets its Capacity section.
  const served = capacityForPlan();
  const withServed = served ? { ...withMeasured, capacity: served } : withMeasured;
  // Models added in Compare beside this one: the plan lists every model of the set with its recipes.
  const set = multiForPlan();
  return set ? { ...withServed, multi: set } : withServed;
}
