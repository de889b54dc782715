// Keeping a compared run from the CLI (`check --save`): the machine is this one as detection sees it,
// keyed exactly as the app keys it (core's machineKey over the detected planning hardware), and the run
// goes to the same evidence.json the app reads.

import { join } from 'node:path';
import { planningHardwareForChoice } from '../../core/advice/choice';
import { machineKey, type ComparisonLike, type EvidenceRecord } from '../../core/calibration/index';
import type { Hardware } from '../../core/hardware/types';
import { EVIDENCE_FILE, storeEvidence } from '../../main/services/evidence-store';
import { appDataDir } from '../data-dir';
import { CliError } from '../types';
import { defaultDetect } from './estimate-hardware';

export interface SaveDeps {
  detect: () => Promise<Hardware | null>;
  dataDir: () => string;
}

const defaults: SaveDeps = { detect: defaultDetect, dataDir: () => appDataDir() };

/** Stores `comparison` (a `check --json` result) as a run of this machine; returns the run and the file. */
export async function saveComparison(
  comparison: ComparisonLike,
  model?: { id: string | null; name: string },
  deps: SaveDeps = defaults,
): Promise<{ record: EvidenceRecord; file: string }> {
  const detected = await deps.detect();
  if (!detected)
    throw new CliError('Cannot keep the run: this machine could not be detected, and a run is kept for the machine it ran on.', 1);
  const hw = planningHardwareForChoice({ mode: 'detected', detected, ramBandwidthGBps: null }).hw;
  const dir = deps.dataDir();
  const gpuNames = hw.devices.filter((d) => d.kind !== 'shared').map((d) => d.name);
  const record = await storeEvidence(dir, comparison, { machine: machineKey(hw), gpuNames, ...(model ? { model } : {}) });
  return { record, file: join(dir, EVIDENCE_FILE) };
}
