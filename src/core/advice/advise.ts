// The advisor over an injected estimator (index.ts binds the real estimate()). Pure and synchronous.

import type { Estimate, EstimateSettings, ModelInput } from '../estimate/types';
import { VERDICT_RANK, evaluate, type Evaluation } from './evaluate';
import { maxContextWith } from './max-context';
import { layerRuleOf, placeLayers } from './placement';
import { MIN_SPEEDUP, remediesFor } from './remedies';
import { speedFor } from './speed-plan';
import type { Advice, AdviseOptions, Explain, PlanningHardware } from './types';

export type Estimator = (input: ModelInput, settings: EstimateSettings) => Estimate;
export { maxContextWith, maxContextByQuantWith } from './max-context';
export { nextLowerQuant } from './quant-ladder';

export function adviseWith(
  estimator: Estimator,
  input: ModelInput,
  settings: EstimateSettings,
  hw: PlanningHardware,
  opts: AdviseOptions = {},
): Advice {
  const est = estimator(input, settings);
  const ev = evaluate(est, hw, opts);
  const p = ev.placement;
  const speed = speedFor(est, p, hw, opts.speedContextTokens);
  if (ev.verdict === 'no-fit') {
    // A run that cannot start has no speed; remedies carry the speed they would reach instead.
    speed.decodeTokensPerSecond = null;
    speed.decodeAtFullContextTokensPerSecond = null;
    speed.prefillTokensPerSecond = null;
    speed.decodeMissing = 'no-fit';
    speed.prefillMissing = 'no-fit';
    speed.missingBandwidthOn = [];
    speed.missingThroughputOn = [];
  }
  const maxContext = opts.maxContextSearch === false ? null : maxContextWith(estimator, input, settings, hw, opts);
  const remedies =
    opts.remedies === false || ev.verdict === 'fits'
      ? []
      : remediesFor(estimator, input, settings, hw, opts, ev, est, maxContext, speed.decodeTokensPerSecond);

  const explain = buildExplain(est, ev, maxContext);
  // What offloading costs against an all-GPU run on the same devices (what the user gives up).
  if (ev.verdict === 'offload' && speed.decodeTokensPerSecond && hw.devices.length > 0) {
    const ideal = placeLayers(
      est,
      ev.budgets.map((b) => ({ ...b, capacityBytes: Number.MAX_SAFE_INTEGER / 4 })),
      layerRuleOf(est.settings.runtime),
    );
    const full = speedFor(est, ideal, hw, opts.speedContextTokens).decodeTokensPerSecond;
    if (full)
      explain.push({
        key: 'advice.offload.speedCost',
        params: { factor: round(speed.decodeTokensPerSecond / full, 3), fullGpuTokensPerSecond: round(full, 1) },
      });
  }

  const fewer = fewerGpusFaster(est, hw, opts, ev, speed.decodeTokensPerSecond);
  if (fewer) explain.push({ key: 'advice.fewerGpus', params: fewer });

  const inUse = p.devices.filter((d) => d.usedBytes > 0);
  const gpuBytes = inUse.reduce((a, d) => a + d.usedBytes + d.overheadBytes, 0);
  return {
    estimate: est,
    settings: est.settings,
    devices: p.devices,
    verdict: ev.verdict,
    marginBytes: ev.marginBytes,
    shortBytes: shortfall(ev),
    placed: { gpuBytes, ramBytes: p.cpuBytes, totalBytes: gpuBytes + p.cpuBytes },
    gpuLayers: p.gpuLayers,
    totalLayers: p.totalLayers,
    outputOnGpu: p.outputOnGpu,
    cpuBytes: p.cpuBytes,
    ramBudgetBytes: ev.ramBudgetBytes,
    ramShort: ev.ramShort,
    maxContext,
    remedies,
    speed,
    ...(p.vllm ? { vllm: p.vllm } : {}),
    tensorSplit: p.tensorSplit,
    explain,
  };
}

/** Memory missing before the run can start: RAM short of the CPU part, or (vLLM) the most-short GPU. */
function shortfall(ev: Evaluation): number {
  if (ev.verdict !== 'no-fit') return 0;
  if (ev.placement.vllm) {
    const worst = ev.placement.devices.reduce((m, d) => Math.max(m, d.usedBytes - d.capacityBytes), 0);
    return worst > 0 ? worst : ev.budgets.length === 0 ? ev.placement.cpuBytes : 0;
  }
  // MLX keeps every layer on the GPU: what does not fit under the wired limit is the shortfall.
  // (Only MLX reaches no-fit with RAM to spare and layers on a GPU; llama.cpp would offload.)
  if (!ev.ramShort && ev.placement.gpuLayers > 0) return Math.max(1, ev.placement.offloadedBytes);
  return Math.max(0, ev.placement.cpuBytes - ev.ramBudgetBytes);
}

/**
 * When the same verdict holds on the first k < n GPUs and the speed model decodes faster there, say so:
 * every extra GPU in a layer split adds synchronisation, so more GPUs than the model needs cost speed.
 */
function fewerGpusFaster(
  est: Estimate,
  hw: PlanningHardware,
  opts: AdviseOptions,
  ev: Evaluation,
  decode: number | null,
): { gpus: number; of: number; decodeTokensPerSecond: number } | null {
  const n = hw.devices.length;
  if (n < 2 || decode == null || (ev.verdict !== 'fits' && ev.verdict !== 'tight')) return null;
  for (let k = 1; k < n; k++) {
    const sub = { ...hw, devices: hw.devices.slice(0, k) };
    const ev2 = evaluate(est, sub, opts);
    if (VERDICT_RANK[ev2.verdict] > VERDICT_RANK[ev.verdict]) continue;
    const sp = speedFor(est, ev2.placement, sub, opts.speedContextTokens).decodeTokensPerSecond;
    if (sp != null && sp > decode * MIN_SPEEDUP) return { gpus: k, of: n, decodeTokensPerSecond: round(sp, 1) };
    return null;
  }
  return null;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function buildExplain(est: Estimate, ev: Evaluation, maxContext: number | null): Explain[] {
  const out: Explain[] = [];
  for (const d of ev.placement.devices) {
    const b = d.budget;
    out.push({
      key: `advice.budget.${b.kind}`,
      params: {
        device: d.name,
        totalBytes: b.totalBytes,
        inUseBytes: b.inUseBytes,
        reserveBytes: b.reserveBytes,
        capacityBytes: d.capacityBytes,
        ...(b.unifiedShare !== undefined ? { unifiedShare: round(b.unifiedShare, 4) } : {}),
        ...(b.utilization !== undefined ? { utilization: b.utilization } : {}),
      },
    });
  }
  out.push({
    key: `advice.verdict.${ev.verdict}`,
    params: { gpuLayers: ev.placement.gpuLayers, totalLayers: ev.placement.totalLayers, marginBytes: ev.marginBytes },
  });
  if (ev.placement.offloadedBytes > 0) {
    out.push({ key: 'advice.offload.ram', params: { cpuBytes: ev.placement.cpuBytes, ramBudgetBytes: ev.ramBudgetBytes } });
  }
  if (ev.ramShort) out.push({ key: 'advice.ramShort', params: { cpuBytes: ev.placement.cpuBytes, ramBudgetBytes: ev.ramBudgetBytes } });
  if (ev.placement.vllm) {
    const v = ev.placement.vllm;
    out.push({
      key: est.settings.runtime === 'sglang' ? 'advice.sglang.pool' : 'advice.vllm.pool',
      params: { kvPoolBytes: v.kvPoolBytes, kvTokens: v.kvTokens, maxConcurrency: v.maxConcurrency },
    });
    if (v.replicatedKv)
      out.push({ key: 'advice.vllm.replicatedKv', params: { kvHeads: v.kvHeadsPerGpu, gpus: ev.placement.devices.length } });
  }
  if (ev.placement.tensorSplit) out.push({ key: 'advice.tensorSplit', params: { split: ev.placement.tensorSplit.join(',') } });
  out.push({ key: 'advice.seedFormula', params: { seedBytes: est.seedFormula.bytes, detailedBytes: est.totalBytes } });
  if (maxContext != null) out.push({ key: 'advice.maxContext', params: { maxContext } });
  return out;
}
