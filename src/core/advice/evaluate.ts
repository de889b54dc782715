// One Estimate on one PlanningHardware: budgets, placement, verdict. No estimate() calls here, so the
// max-context search and the remedies can call it many times cheaply.

import type { Estimate } from '../estimate/types';
import { deviceBudget, ramBudget, type DeviceBudget } from './budget';
import { layerRuleOf, placeLayers, placeVllm, type PlacementResult } from './placement';
import type { AdviseOptions, PlanningHardware, Verdict } from './types';

export const DEFAULT_TIGHT_MARGIN = 0.05;

export interface Evaluation {
  budgets: DeviceBudget[];
  placement: PlacementResult;
  verdict: Verdict;
  marginBytes: number;
  ramBudgetBytes: number;
  ramShort: boolean;
}

export const VERDICT_RANK: Record<Verdict, number> = { fits: 0, tight: 1, offload: 2, cpu: 3, 'no-fit': 4 };

export function budgetsFor(est: Estimate, hw: PlanningHardware, opts: AdviseOptions): DeviceBudget[] {
  const runtime = est.settings.runtime;
  return hw.devices.map((d) =>
    deviceBudget(d, hw, {
      runtime,
      useFreeMemory: opts.useFreeMemory ?? true,
      reserveBytes: est.overheadPerGpu.bytes,
      ...(opts.unifiedShare !== undefined ? { unifiedShare: opts.unifiedShare } : {}),
      gpuMemoryUtilization: est.settings.gpuMemoryUtilization,
    }),
  );
}

export function evaluate(est: Estimate, hw: PlanningHardware, opts: AdviseOptions = {}): Evaluation {
  const runtime = est.settings.runtime;
  const tight = Math.max(0, opts.tightMargin ?? DEFAULT_TIGHT_MARGIN);
  const budgets = budgetsFor(est, hw, opts);

  let placement: PlacementResult;
  // SGLang sizes its pool like vLLM (a fraction of the device less weights), with mem_fraction_static as the fraction.
  const pooled = runtime === 'vllm' || runtime === 'sglang';
  if (pooled) placement = placeVllm(est, budgets);
  else {
    // A user-fixed layer count (-ngl) caps the placement; the budgets still decide below it.
    const limited = opts.gpuLayers != null ? Math.max(0, Math.floor(opts.gpuLayers)) : null;
    placement = placeLayers(est, budgets, layerRuleOf(runtime), limited);
  }

  // Unified and shared GPUs take their memory from the same RAM the CPU part needs.
  let ramTaken = 0;
  placement.devices.forEach((d) => {
    if (d.kind !== 'dedicated' && (d.usedBytes > 0 || d.layers > 0)) ramTaken += d.usedBytes + d.overheadBytes;
  });
  const ramBudgetBytes = ramBudget(hw, opts.useFreeMemory ?? true, ramTaken);
  const ramShort = placement.cpuBytes > ramBudgetBytes;

  const active = placement.devices.filter((d) => d.usedBytes > 0);
  const minMargin = active.length > 0 ? Math.min(...active.map((d) => d.marginBytes)) : 0;
  const tightHit = active.some((d) => d.marginBytes < tight * d.capacityBytes);

  let verdict: Verdict;
  let marginBytes = minMargin;
  if (pooled) {
    const pool = placement.vllm!;
    const ctx = Math.max(1, est.settings.context);
    const par = Math.max(1, est.settings.parallel);
    if (budgets.length === 0 || placement.gpuLayers === 0) verdict = 'no-fit';
    else if (pool.kvTokens < ctx * par || tightHit) verdict = 'tight';
    else verdict = 'fits';
    if (verdict === 'no-fit') marginBytes = Math.min(minMargin, -1);
  } else if (placement.gpuLayers === 0) {
    // Nothing on a GPU (none present, or none holds a layer): the CPU runs the whole model from RAM.
    verdict = ramShort ? 'no-fit' : 'cpu';
    marginBytes = ramBudgetBytes - placement.cpuBytes;
  } else if (placement.gpuLayers === placement.totalLayers) {
    verdict = tightHit ? 'tight' : 'fits';
  } else {
    verdict = ramShort ? 'no-fit' : 'offload';
    // How far the GPUs are from holding everything: the bytes left on the CPU beyond the host-only part.
    marginBytes = -Math.max(1, placement.offloadedBytes);
  }
  // MLX keeps every layer on the GPU; past the wired limit it does not offload (raise the limit instead).
  if (runtime === 'mlx' && verdict === 'offload') verdict = 'no-fit';
  else if (verdict === 'no-fit' && runtime !== 'vllm') marginBytes = Math.min(-1, ramBudgetBytes - placement.cpuBytes);
  return { budgets, placement, verdict, marginBytes, ramBudgetBytes, ramShort };
}
