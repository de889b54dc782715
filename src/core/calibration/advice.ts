// The calibration as the planner applies it to one piece of advice: only with the user's consent, only
// when the hardware planned is the machine the runs were measured on, and with the speed factor of the
// devices the plan actually uses. Placement and verdict stay those of the uncalibrated estimate.

import type { Advice, PlanningHardware } from '../advice/types';
import { applyCalibration, activeCalibration, type CalibrationResult } from './apply';
import { machineKey, speedDeviceKey } from './machine';
import type { EvidenceDoc, EvidenceRecord } from './types';

export function calibrateAdvice(
  advice: Advice,
  hw: PlanningHardware,
  doc: Pick<EvidenceDoc, 'consent'> & { records: readonly EvidenceRecord[] },
): { advice: Advice; calibration: CalibrationResult | null } {
  if (!doc.consent || doc.records.length === 0) return { advice, calibration: null };
  const c = activeCalibration(doc, machineKey(hw).key);
  if (!c) return { advice, calibration: null };
  const used = advice.devices.filter((d) => d.layers > 0 && d.kind !== 'shared').map((d) => d.name);
  const r = applyCalibration(advice.estimate, advice.speed, c, { speedDevices: speedDeviceKey(used) });
  return { advice: { ...advice, estimate: r.calibrated.estimate, speed: r.calibrated.speed }, calibration: r };
}
