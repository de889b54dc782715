// MLX on a Mac: how the plan compares with Metal's wired limit, for `estimate` text and --json.

import type { Advice } from '../../core/advice/types';
import type { ChosenHardware } from '../../core/advice/choice';
import { wiredLimit } from '../../core/plan/recipes-mlx';
import { formatGiB } from '../../core/units';

export interface MlxWiredJson {
  ramBytes: number;
  defaultLimitBytes: number;
  neededBytes: number;
  /** The command that raises the limit enough, or null when the default suffices. */
  sysctl: string | null;
  /** False when even RAM minus 8 GiB left to macOS is too little. */
  possible: boolean;
}

export function mlxWired(a: Advice, chosen: ChosenHardware): MlxWiredJson | null {
  if (a.settings.runtime !== 'mlx') return null;
  const i = a.devices.findIndex((d) => d.kind === 'unified');
  const d = a.devices[i];
  const hw = chosen.hw.devices[i];
  if (!d || !hw) return null;
  // The whole estimate, not the part placed: MLX cannot leave layers off the GPU.
  const w = wiredLimit(hw.totalBytes, a.estimate.totalBytes);
  return {
    ramBytes: w.ramBytes,
    defaultLimitBytes: w.defaultLimitBytes,
    neededBytes: w.neededBytes,
    sysctl: w.setMB === null ? null : `sudo sysctl iogpu.wired_limit_mb=${w.setMB}`,
    possible: w.possible,
  };
}

export function mlxWiredLines(a: Advice, chosen: ChosenHardware): string[] {
  const w = mlxWired(a, chosen);
  if (!w) return a.settings.runtime === 'mlx' ? ['Note: MLX runs only on Apple silicon; no Apple GPU is in this plan.'] : [];
  const head = `Wired     MLX needs ${formatGiB(w.neededBytes)}; macOS lets Metal wire ${formatGiB(w.defaultLimitBytes)} of ${formatGiB(w.ramBytes)} by default`;
  if (w.sysctl === null) return [`${head} — fits.`];
  if (!w.possible) return [`${head} — too much even after raising the limit (keep ~8 GiB for macOS).`];
  return [`${head} — raise it first (resets on reboot): ${w.sysctl}`];
}
