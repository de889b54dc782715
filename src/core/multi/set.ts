// Several models on one machine: every member is estimated with its own settings, then placed the way
// separate runtime processes place themselves. Each llama.cpp (or vLLM) process sizes its layers against
// the memory that is free when it starts, so the members are placed one after another and each one sees
// the devices less what the members before it took. The sum per device therefore never exceeds the
// device, and a member that no longer fits reports its own offload / no-fit verdict.

import { deviceBudget } from '../advice/budget';
import { evaluate, VERDICT_RANK } from '../advice/evaluate';
import type { AdviseOptions, PlanningHardware, Verdict } from '../advice/types';
import { estimate } from '../estimate/index';
import type { Estimate } from '../estimate/types';
import { placeFixed } from './fixed';
import { pooledEstimate } from './pooled';
import { vllmLoraFixed } from './recipes-lora';
import type { MemberResult, MemberRole, SetDevice, SetEstimate, SetMember } from './types';

/**
 * Placement order: the main model first (it is the one the user cares about and, started first, gets
 * the memory it asks for), its draft model next (llama-server loads it in the same process, -md), then
 * the other members in the order given (each its own server process, started after the chat server).
 */
const ROLE_ORDER: Record<MemberRole, number> = { main: 0, draft: 1, 'vision-projector': 1, lora: 1, chat: 2, embedding: 2, reranker: 2 };

export const ORDER_BASIS =
  'Placed in start order: the main model first, its draft model in the same process, then each other model in its own process in the order given; each sees what the ones before it took.';

/** Roles that live inside the main model's process and so share its CUDA/ROCm context. */
const IN_MAIN_PROCESS: ReadonlySet<MemberRole> = new Set(['draft', 'vision-projector', 'lora']);

export function placementOrder(members: readonly SetMember[]): SetMember[] {
  return members
    .map((m, i) => ({ m, i }))
    .sort((a, b) => ROLE_ORDER[a.m.role] - ROLE_ORDER[b.m.role] || a.i - b.i)
    .map((x) => x.m);
}

/** The hardware as the next process sees it: what earlier members took counts as memory in use. */
function hardwareAfter(hw: PlanningHardware, taken: number[], ramTaken: number, useFreeMemory: boolean): PlanningHardware {
  return {
    ...hw,
    devices: hw.devices.map((d, i) => ({ ...d, usedBytes: (useFreeMemory ? (d.usedBytes ?? 0) : 0) + (taken[i] ?? 0) })),
    ramAvailableBytes: hw.ramAvailableBytes != null ? Math.max(0, hw.ramAvailableBytes - ramTaken) : null,
    ramBytes: hw.ramAvailableBytes != null ? hw.ramBytes : Math.max(0, hw.ramBytes - ramTaken),
  };
}

function placeMember(m: SetMember, est: Estimate, hw: PlanningHardware, opts: AdviseOptions): MemberResult {
  const shared = IN_MAIN_PROCESS.has(m.role);
  // A model loaded into the main process adds no second runtime context on any device.
  const placed: Estimate = shared ? { ...est, overheadPerGpu: { ...est.overheadPerGpu, bytes: 0 } } : est;
  const evaluation = evaluate(placed, hw, { ...opts, useFreeMemory: true });
  const reserve = Math.max(0, placed.overheadPerGpu.bytes);
  const reserveBytes = evaluation.placement.devices.map((d) => (d.usedBytes > 0 ? reserve : 0));
  const deviceBytes = evaluation.placement.devices.map((d, i) => d.usedBytes + reserveBytes[i]!);
  const cpuBytes = evaluation.placement.cpuBytes;
  return {
    id: m.id,
    role: m.role,
    estimate: est,
    evaluation,
    verdict: evaluation.verdict,
    deviceBytes,
    reserveBytes,
    cpuBytes,
    totalBytes: deviceBytes.reduce((a, b) => a + b, 0) + cpuBytes,
  };
}

export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((w, v) => (VERDICT_RANK[v] > VERDICT_RANK[w] ? v : w), 'fits');
}

/** Places every member on `hw` and gives the per-device sums, each member's verdict and the set's. */
export function estimateSet(members: readonly SetMember[], hw: PlanningHardware, opts: AdviseOptions = {}): SetEstimate {
  if (members.length === 0) throw new Error('A set needs at least one model.');
  const ids = new Set<string>();
  for (const m of members) {
    if (ids.has(m.id)) throw new Error(`Two models in the set are both called "${m.id}"; give each a distinct id.`);
    ids.add(m.id);
  }
  const useFree = opts.useFreeMemory ?? true;
  const ordered = placementOrder(members);
  const taken = hw.devices.map(() => 0);
  let ramTaken = 0;
  const results: MemberResult[] = [];
  for (const m of ordered) {
    if (m.fixed) {
      const main = results.find((r) => r.role === 'main');
      if (!main) throw new Error(`${m.id} is loaded into the main model's process, so the set needs a main model.`);
      // vLLM does not load the adapter file into the model: it preallocates LoRA slots sized by the model.
      const fixed =
        m.role === 'lora' && m.settings.runtime === 'vllm'
          ? vllmLoraFixed(main.estimate.model, m.fixed, { tensorParallel: Math.max(1, main.deviceBytes.filter((b) => b > 0).length) })
          : m.fixed;
      const r = placeFixed(m, fixed, main, hw, taken, useFree);
      r.deviceBytes.forEach((b, i) => (taken[i] = taken[i]! + b));
      ramTaken += r.cpuBytes;
      results.push(r);
      continue;
    }
    const est = pooledEstimate(m.role, estimate(m.input, m.settings));
    const r = placeMember(m, est, hardwareAfter(hw, taken, ramTaken, useFree), opts);
    r.deviceBytes.forEach((b, i) => (taken[i] = taken[i]! + b));
    ramTaken += r.cpuBytes;
    results.push(r);
  }
  const runtime = ordered[0]!.settings.runtime;
  const devices: SetDevice[] = hw.devices.map((d, i) => {
    const b = deviceBudget(d, hw, { runtime, useFreeMemory: useFree, reserveBytes: 0, gpuMemoryUtilization: 1 });
    const used = taken[i]!;
    return {
      id: d.id,
      name: d.name,
      capacityBytes: b.capacityBytes,
      usedBytes: used,
      marginBytes: b.capacityBytes - used,
      perModel: results.map((r) => ({ id: r.id, bytes: r.deviceBytes[i]! })),
    };
  });
  const totalBytes = results.reduce((a, r) => a + r.totalBytes, 0);
  return {
    members: results,
    order: { ids: ordered.map((m) => m.id), basis: ORDER_BASIS },
    devices,
    verdict: worstVerdict(results.map((r) => r.verdict)),
    totalBytes,
    cpuBytes: ramTaken,
  };
}
