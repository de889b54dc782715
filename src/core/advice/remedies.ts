// Remedies: changes that improve the verdict (flash attention, a smaller KV type, fewer sequences, a
// shorter context, a lower quant, one more GPU), each re-checked with the real estimator before it is
// listed, with what it gives (verdict, bytes, decode speed).

import type { Estimate, EstimateSettings, KvCacheType, ModelInput } from '../estimate/types';
import type { Estimator } from './advise';
import { VERDICT_RANK, evaluate, type Evaluation } from './evaluate';
import { nextLowerQuant } from './quant-ladder';
import { speedFor } from './speed-plan';
import type { AdviseOptions, PlanningDevice, PlanningHardware, Remedy, RemedyKind } from './types';

/** Context below which a "shorter context" remedy is not worth offering. */
const MIN_USEFUL_CONTEXT = 512;
/** A same-verdict remedy (still offloading) must speed decode up at least this much to be listed. */
export const MIN_SPEEDUP = 1.1;

const KV_BITS: Partial<Record<KvCacheType, number>> = {
  f32: 32,
  f16: 16,
  bf16: 16,
  q8_0: 8.5,
  fp8: 8,
  q5_1: 6,
  q5_0: 5.5,
  q4_1: 5,
  q4_0: 4.5,
  iq4_nl: 4.5,
};

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

/** Cache changes the runtime offers: flash attention and smaller KV types. */
function cacheCandidates(settings: EstimateSettings): Candidate[] {
  const runtime = settings.runtime;
  const cands: Candidate[] = [];
  if (runtime === 'llama.cpp' && !settings.flashAttention) {
    cands.push({
      kind: 'flash-attention',
      label: { key: 'advice.remedy.flashAttention', params: {} },
      settings: { flashAttention: true },
      cost: { kind: 'none', key: 'advice.cost.none' },
    });
  }
  const kvBits = Math.max(KV_BITS[settings.kvTypeK] ?? 16, KV_BITS[settings.kvTypeV] ?? 16);
  const kv = (kind: RemedyKind, type: KvCacheType, costKey: string, extra: Partial<EstimateSettings> = {}): Candidate => ({
    kind,
    label: { key: 'advice.remedy.kvType', params: { type } },
    settings: { kvTypeK: type, kvTypeV: type, ...extra },
    cost: { kind: 'quality', key: costKey },
  });
  if (runtime === 'llama.cpp') {
    // A quantised V cache needs flash attention in llama.cpp, so the change turns it on.
    if (kvBits > 8.5) cands.push(kv('kv-q8_0', 'q8_0', 'advice.cost.kvQ8', { flashAttention: true }));
    if (kvBits > 4.5) cands.push(kv('kv-q4_0', 'q4_0', 'advice.cost.kvQ4', { flashAttention: true }));
  } else if (runtime === 'vllm' && kvBits > 8) {
    cands.push(kv('kv-q8_0', 'fp8', 'advice.cost.kvFp8'));
  }
  return cands;
}

/** One more of the largest GPU (vLLM: as many as tensor parallelism needs to divide the heads). */
function moreGpuCandidate(input: ModelInput, settings: EstimateSettings, hw: PlanningHardware): Candidate | null {
  if (hw.devices.length === 0) return null;
  const model = hw.devices.reduce((a, d) => (d.totalBytes > a.totalBytes ? d : a), hw.devices[0]!);
  let add = 1;
  if (settings.runtime === 'vllm') {
    const heads = input.spec.heads;
    while (add < 64 && !gcdHeadsOk(heads, hw.devices.length + add)) add++;
  }
  if (model.kind !== 'dedicated' || add >= 64) return null;
  const addDevices = Array.from({ length: add }, (_, i) => ({ ...model, id: `${model.id}+${i + 1}`, usedBytes: null }));
  return {
    kind: 'more-gpu',
    label: { key: 'advice.remedy.moreGpu', params: { count: add, name: model.name } },
    settings: {},
    addDevices,
    cost: { kind: 'hardware', key: 'advice.cost.hardware' },
  };
}

/** The changes worth trying for these settings and hardware (not yet checked). */
function candidatesFor(input: ModelInput, settings: EstimateSettings, hw: PlanningHardware, maxContext: number | null): Candidate[] {
  const cands = cacheCandidates(settings);
  if (settings.parallel > 1) {
    cands.push({
      kind: 'fewer-parallel',
      label: { key: 'advice.remedy.parallel', params: { parallel: 1 } },
      settings: { parallel: 1 },
      cost: { kind: 'concurrency', key: 'advice.cost.parallel' },
    });
  }
  if (maxContext != null && maxContext < settings.context && maxContext >= MIN_USEFUL_CONTEXT) {
    cands.push({
      kind: 'shorter-context',
      label: { key: 'advice.remedy.context', params: { context: maxContext } },
      settings: { context: maxContext },
      cost: { kind: 'context', key: 'advice.cost.context' },
    });
  }
  const lower = input.tensors ? null : nextLowerQuant(settings.quant, settings.runtime);
  if (lower) {
    cands.push({
      kind: 'lower-quant',
      label: { key: 'advice.remedy.quant', params: { quant: lower } },
      settings: { quant: lower },
      cost: { kind: 'quality', key: 'advice.cost.quant' },
    });
  }
  const more = moreGpuCandidate(input, settings, hw);
  if (more) cands.push(more);
  return cands;
}

export function remediesFor(
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
  const cands = candidatesFor(input, settings, hw, maxContext);
  const out: Remedy[] = [];
  const basePeak = peakDeviceUse(base);
  for (const c of cands) {
    try {
      const s2 = { ...settings, ...c.settings };
      const est2 = Object.keys(c.settings).length > 0 ? estimator(input, s2) : baseEst;
      const hw2 = c.addDevices ? { ...hw, devices: [...hw.devices, ...c.addDevices] } : hw;
      const ev = evaluate(est2, hw2, { ...opts, ...c.options });
      const sameOffload = ev.verdict === 'offload' && base.verdict === 'offload';
      const better =
        VERDICT_RANK[ev.verdict] < VERDICT_RANK[base.verdict] || (sameOffload && ev.placement.gpuLayers > base.placement.gpuLayers);
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
