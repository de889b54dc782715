// The advisor over an injected estimator (index.ts binds the real estimate()). Pure and synchronous.

import type { Estimate, EstimateSettings, KvCacheType, ModelInput } from '../estimate/types';
import { VERDICT_RANK, evaluate, type Evaluation } from './evaluate';
import { placeLayers } from './placement';
import { speedFor } from './speed-plan';
import type { Advice, AdviseOptions, Explain, PlanningDevice, PlanningHardware, Remedy, RemedyKind, Verdict } from './types';

export type Estimator = (input: ModelInput, settings: EstimateSettings) => Estimate;

/** Context below which a "shorter context" remedy is not worth offering. */
const MIN_USEFUL_CONTEXT = 512;
/** A same-verdict remedy (still offloading) must speed decode up at least this much to be listed. */
const MIN_SPEEDUP = 1.1;
/** Lowest context the search tries. */
const MIN_CONTEXT = 256;

/** A context "fits" when every layer is on the GPUs or, on a machine planned without GPUs, in RAM. */
function fitsOnGpu(v: Verdict, cpuOnly = false): boolean {
  return v === 'fits' || v === 'tight' || (cpuOnly && v === 'cpu');
}

/**
 * Largest context (tokens per sequence) whose estimate fits on the GPUs (verdict fits or tight), by
 * bisection over estimate(); null when even MIN_CONTEXT does not fit. Capped at the model's maximum.
 */
export function maxContextWith(
  estimator: Estimator,
  input: ModelInput,
  settings: EstimateSettings,
  hw: PlanningHardware,
  opts: AdviseOptions = {},
): number | null {
  const modelMax = input.spec.maxContext > 0 ? input.spec.maxContext : 1 << 20;
  const hi0 = Math.max(MIN_CONTEXT, modelMax);
  const ok = (ctx: number): boolean => {
    try {
      return fitsOnGpu(evaluate(estimator(input, { ...settings, context: ctx }), hw, opts).verdict, hw.devices.length === 0);
    } catch {
      return false;
    }
  };
  const lo0 = Math.min(MIN_CONTEXT, hi0);
  if (!ok(lo0)) return null;
  if (ok(hi0)) return hi0;
  let lo = lo0;
  let hi = hi0 - 1;
  while (lo < hi) {
    const mid = lo + Math.ceil((hi - lo) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Quantisation ladders: each entry's next lower rung (llama.cpp file types, HF formats). */
const LADDER: Record<EstimateSettings['runtime'], string[]> = {
  'llama.cpp': ['F32', 'F16', 'BF16', 'Q8_0', 'Q6_K', 'Q5_K_M', 'Q4_K_M', 'Q3_K_M', 'Q2_K'],
  vllm: ['fp32', 'fp16', 'bf16', 'fp8', 'awq'],
  transformers: ['fp32', 'fp16', 'bf16', 'int8', 'nf4'],
};
/** Nominal bits of rungs, to place a quant that is not on the ladder. */
const RUNG_BITS: Record<string, number> = {
  F32: 32, F16: 16, BF16: 16, Q8_0: 8, Q6_K: 6, Q5_K_M: 5, Q4_K_M: 4, Q3_K_M: 3, Q2_K: 2,
  fp32: 32, fp16: 16, bf16: 16, fp8: 8, int8: 8, awq: 4, nf4: 4,
};

export function nextLowerQuant(quant: string, runtime: EstimateSettings['runtime']): string | null {
  const ladder = LADDER[runtime];
  const idx = ladder.findIndex((q) => q.toLowerCase() === quant.toLowerCase());
  if (idx >= 0) {
    const cur = RUNG_BITS[ladder[idx]!]!;
    return ladder.slice(idx + 1).find((q) => RUNG_BITS[q]! < cur) ?? null;
  }
  const bits = guessBits(quant);
  if (bits == null) return null;
  return ladder.find((q) => RUNG_BITS[q]! < bits) ?? null;
}

function guessBits(quant: string): number | null {
  const q = quant.toUpperCase();
  if (/^(F|BF|FP)16$/.test(q)) return 16;
  if (/^(F|FP)32$/.test(q)) return 32;
  const m = /^I?Q(\d)/.exec(q) ?? /INT(\d)/.exec(q) ?? /(\d)BIT/.exec(q);
  if (m) return Number(m[1]);
  if (/AWQ|GPTQ|NF4|FP4|MXFP4/.test(q)) return 4;
  if (/FP8|INT8/.test(q)) return 8;
  return null;
}

const KV_BITS: Partial<Record<KvCacheType, number>> = { f32: 32, f16: 16, bf16: 16, q8_0: 8.5, fp8: 8, q5_1: 6, q5_0: 5.5, q4_1: 5, q4_0: 4.5, iq4_nl: 4.5 };

const COST_ORDER: Record<RemedyKind, number> = {
  'flash-attention': 0,
  'kv-q8_0': 1,
  'fewer-parallel': 2,
  'shorter-context': 3,
  'lower-quant': 4,
  'kv-q4_0': 5,
  'more-gpu': 6,
};

function peakDeviceUse(ev: Evaluation): number {
  return ev.placement.devices.reduce((m, d) => Math.max(m, d.usedBytes), 0);
}

function gcdHeadsOk(heads: number, n: number): boolean {
  return n > 0 && heads % n === 0;
}

interface Candidate {
  kind: RemedyKind;
  label: Remedy['label'];
  settings: Partial<EstimateSettings>;
  options?: Partial<AdviseOptions>;
  addDevices?: PlanningDevice[];
  cost: Remedy['cost'];
}

function remediesFor(
  estimator: Estimator,
  input: ModelInput,
  settings: EstimateSettings,
  hw: PlanningHardware,
  opts: AdviseOptions,
  base: Evaluation,
  baseEst: Estimate,
  maxContext: number | null,
  baseDecode: number | null,
): Remedy[] {
  const runtime = settings.runtime;
  const cands: Candidate[] = [];
  if (runtime === 'llama.cpp' && !settings.flashAttention) {
    cands.push({ kind: 'flash-attention', label: { key: 'advice.remedy.flashAttention', params: {} }, settings: { flashAttention: true }, cost: { kind: 'none', key: 'advice.cost.none' } });
  }
  const kvBits = Math.max(KV_BITS[settings.kvTypeK] ?? 16, KV_BITS[settings.kvTypeV] ?? 16);
  if (runtime === 'llama.cpp') {
    // A quantised V cache needs flash attention in llama.cpp, so the change turns it on.
    if (kvBits > 8.5) cands.push({ kind: 'kv-q8_0', label: { key: 'advice.remedy.kvType', params: { type: 'q8_0' } }, settings: { kvTypeK: 'q8_0', kvTypeV: 'q8_0', flashAttention: true }, cost: { kind: 'quality', key: 'advice.cost.kvQ8' } });
    if (kvBits > 4.5) cands.push({ kind: 'kv-q4_0', label: { key: 'advice.remedy.kvType', params: { type: 'q4_0' } }, settings: { kvTypeK: 'q4_0', kvTypeV: 'q4_0', flashAttention: true }, cost: { kind: 'quality', key: 'advice.cost.kvQ4' } });
  } else if (runtime === 'vllm' && kvBits > 8) {
    cands.push({ kind: 'kv-q8_0', label: { key: 'advice.remedy.kvType', params: { type: 'fp8' } }, settings: { kvTypeK: 'fp8', kvTypeV: 'fp8' }, cost: { kind: 'quality', key: 'advice.cost.kvFp8' } });
  }
  if (settings.parallel > 1) {
    cands.push({ kind: 'fewer-parallel', label: { key: 'advice.remedy.parallel', params: { parallel: 1 } }, settings: { parallel: 1 }, cost: { kind: 'concurrency', key: 'advice.cost.parallel' } });
  }
  if (maxContext != null && maxContext < settings.context && maxContext >= MIN_USEFUL_CONTEXT) {
    cands.push({ kind: 'shorter-context', label: { key: 'advice.remedy.context', params: { context: maxContext } }, settings: { context: maxContext }, cost: { kind: 'context', key: 'advice.cost.context' } });
  }
  if (!input.tensors) {
    const lower = nextLowerQuant(settings.quant, runtime);
    if (lower) cands.push({ kind: 'lower-quant', label: { key: 'advice.remedy.quant', params: { quant: lower } }, settings: { quant: lower }, cost: { kind: 'quality', key: 'advice.cost.quant' } });
  }
  if (hw.devices.length > 0) {
    const model = hw.devices.reduce((a, d) => (d.totalBytes > a.totalBytes ? d : a), hw.devices[0]!);
    let add = 1;
    if (runtime === 'vllm') {
      // Tensor parallelism needs a GPU count that divides the attention heads.
      const heads = input.spec.heads;
      while (add < 64 && !gcdHeadsOk(heads, hw.devices.length + add)) add++;
    }
    if (model.kind === 'dedicated' && add < 64) {
      const addDevices = Array.from({ length: add }, (_, i) => ({ ...model, id: `${model.id}+${i + 1}`, usedBytes: null }));
      cands.push({ kind: 'more-gpu', label: { key: 'advice.remedy.moreGpu', params: { count: add, name: model.name } }, settings: {}, addDevices, cost: { kind: 'hardware', key: 'advice.cost.hardware' } });
    }
  }

  const out: Remedy[] = [];
  const basePeak = peakDeviceUse(base);
  for (const c of cands) {
    try {
      const s2 = { ...settings, ...c.settings };
      const est2 = Object.keys(c.settings).length > 0 ? estimator(input, s2) : baseEst;
      const hw2 = c.addDevices ? { ...hw, devices: [...hw.devices, ...c.addDevices] } : hw;
      const ev = evaluate(est2, hw2, { ...opts, ...c.options });
      const sameOffload = ev.verdict === 'offload' && base.verdict === 'offload';
      const better = VERDICT_RANK[ev.verdict] < VERDICT_RANK[base.verdict] || (sameOffload && ev.placement.gpuLayers > base.placement.gpuLayers);
      if (!better) continue;
      // Settings changes save what the estimate shrinks by (the peak device may even grow when more
      // layers come back from the CPU); an extra GPU "saves" the capacity it adds.
      const saves = c.addDevices
        ? c.addDevices.reduce((a, d) => a + d.totalBytes, 0)
        : Math.max(0, baseEst.totalBytes - est2.totalBytes) || Math.max(0, basePeak - peakDeviceUse(ev));
      const remedy: Remedy = {
        kind: c.kind,
        label: c.label,
        savesBytes: saves,
        settings: c.settings,
        resultingVerdict: ev.verdict,
        resultingGpuLayers: ev.placement.gpuLayers,
        cost: { ...c.cost },
      };
      if (c.options) remedy.options = c.options;
      if (c.addDevices) remedy.addDevices = c.addDevices;
      if (ev.verdict !== 'no-fit') {
        const sp = speedFor(est2, ev.placement, hw2, opts.speedContextTokens).decodeTokensPerSecond;
        if (sp) {
          remedy.cost.decodeTokensPerSecond = sp;
          if (baseDecode) remedy.cost.speedFactor = sp / baseDecode;
        }
      }
      // Still offloading: worth listing only when it is really faster (a layer or two more is noise).
      if (sameOffload && !(remedy.cost.speedFactor != null && remedy.cost.speedFactor >= MIN_SPEEDUP)) continue;
      out.push(remedy);
    } catch {
      // A candidate the estimator rejects (e.g. a quant the model cannot use) is simply not offered.
    }
  }

  return out.sort(
    (a, b) =>
      VERDICT_RANK[a.resultingVerdict] - VERDICT_RANK[b.resultingVerdict] ||
      COST_ORDER[a.kind] - COST_ORDER[b.kind] ||
      b.savesBytes - a.savesBytes,
  );
}

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
    const ideal = placeLayers(est, ev.budgets.map((b) => ({ ...b, capacityBytes: Number.MAX_SAFE_INTEGER / 4 })), est.settings.runtime === 'transformers' ? 'transformers' : 'llama.cpp');
    const full = speedFor(est, ideal, hw, opts.speedContextTokens).decodeTokensPerSecond;
    if (full) explain.push({ key: 'advice.offload.speedCost', params: { factor: round(speed.decodeTokensPerSecond / full, 3), fullGpuTokensPerSecond: round(full, 1) } });
  }

  const fewer = fewerGpusFaster(estimator, input, settings, hw, opts, ev, speed.decodeTokensPerSecond);
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
  return Math.max(0, ev.placement.cpuBytes - ev.ramBudgetBytes);
}

/**
 * When the same verdict holds on the first k < n GPUs and the speed model decodes faster there, say so:
 * every extra GPU in a layer split adds synchronisation, so more GPUs than the model needs cost speed.
 */
function fewerGpusFaster(
  estimator: Estimator,
  input: ModelInput,
  settings: EstimateSettings,
  hw: PlanningHardware,
  opts: AdviseOptions,
  ev: Evaluation,
  decode: number | null,
): { gpus: number; of: number; decodeTokensPerSecond: number } | null {
  const n = hw.devices.length;
  if (n < 2 || decode == null || (ev.verdict !== 'fits' && ev.verdict !== 'tight')) return null;
  const est = estimator(input, settings);
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
    out.push({ key: 'advice.vllm.pool', params: { kvPoolBytes: v.kvPoolBytes, kvTokens: v.kvTokens, maxConcurrency: v.maxConcurrency } });
    if (v.replicatedKv) out.push({ key: 'advice.vllm.replicatedKv', params: { kvHeads: v.kvHeadsPerGpu, gpus: ev.placement.devices.length } });
  }
  if (ev.placement.tensorSplit) out.push({ key: 'advice.tensorSplit', params: { split: ev.placement.tensorSplit.join(',') } });
  out.push({ key: 'advice.seedFormula', params: { seedBytes: est.seedFormula.bytes, detailedBytes: est.totalBytes } });
  if (maxContext != null) out.push({ key: 'advice.maxContext', params: { maxContext } });
  return out;
}

export function maxContextByQuantWith(
  estimator: Estimator,
  input: ModelInput,
  settings: EstimateSettings,
  hw: PlanningHardware,
  quants: string[],
  opts: AdviseOptions = {},
): Array<{ quant: string; maxContext: number | null }> {
  return quants.map((quant) => {
    try {
      return { quant, maxContext: maxContextWith(estimator, input, { ...settings, quant }, hw, opts) };
    } catch {
      return { quant, maxContext: null };
    }
  });
}
