// Evidence of real runs and the per-machine calibration learned from it (issue 18). Pure.

export * from './types';
export { machineKey, speedDeviceKey } from './machine';
export {
  cleanSettings,
  emptyEvidence,
  evidenceDocSchema,
  evidenceFromComparison,
  evidenceRecordSchema,
  MAX_RECORDS,
  MAX_RECORD_JSON,
  newEvidenceSchema,
  readableRecords,
  withoutPath,
  type ComparisonLike,
  type RunContext,
} from './evidence';
export { evidenceToCsv, evidenceToJson, EVIDENCE_CSV_COLUMNS } from './export';
export { COMPUTE_SCALE_RANGE, learnCalibration, median, SPEED_FACTOR_RANGE } from './learn';
export { activeCalibration, applyCalibration, basisText, type Applied, type CalibrationResult, type Figures } from './apply';
export { calibrateAdvice } from './advice';
