// Placing a projector or LoRA adapter, whose bytes come from its file: it lives in the main model's process
// (no second runtime context) and follows the main model's devices.
// - vision-projector: clip.cpp (tools/mtmd) starts one GPU backend, ggml_backend_init_by_type(GPU) = the
//   first GPU, and keeps the projector's weights and compute buffer there; on the CPU when the main model
//   has no GPU layers.
// - lora: llama.cpp puts each adapter tensor in the buffer type of the base tensor it patches, so the
//   adapter splits like the main model's weights: in proportion to the main model's bytes per device and RAM.
// - draft with MTP layers (mtp.ts): vLLM shards them with the main model's tensor parallelism, so they split
//   the same way, weights and KV together.

import { deviceBudget } from '../advice/budget';
import type { PlanningHardware, Verdict } from '../advice/types';
import type { Estimate } from '../estimate/types';
import type { FixedBytes, MemberResult, SetMember } from './types';

const fixedTotal = (f: FixedBytes): number => f.weightsBytes + f.computeBytes + (f.kvBytes ?? 0);

function fixedEstimate(main: Estimate, f: FixedBytes): Estimate {
  const total = fixedTotal(f);
  return {
    ...main,
    weights: { ...main.weights, bytes: f.weightsBytes },
    kvCache: { ...main.kvCache, bytes: f.kvBytes ?? 0 },
    compute: { ...main.compute, bytes: f.computeBytes },
    outputBuffer: { ...main.outputBuffer, bytes: 0 },
    overheadPerGpu: { ...main.overheadPerGpu, bytes: 0 },
    totalBytes: total,
    band: { ...main.band, low: total, high: total },
    warnings: [f.basis],
  };
}

function split(m: SetMember, f: FixedBytes, main: MemberResult, devices: number): { gpu: number[]; cpu: number } {
  const total = fixedTotal(f);
  const gpu = new Array<number>(devices).fill(0);
  const onGpu = main.deviceBytes.map((b, i) => b - (main.reserveBytes[i] ?? 0));
  const gpuSum = onGpu.reduce((a, b) => a + b, 0);
  if (m.role === 'vision-projector') {
    const first = onGpu.findIndex((b) => b > 0);
    if (first < 0) return { gpu, cpu: total };
    gpu[first] = total;
    return { gpu, cpu: 0 };
  }
  const whole = gpuSum + main.cpuBytes;
  if (whole <= 0) return { gpu, cpu: total };
  onGpu.forEach((b, i) => (gpu[i] = Math.round((total * b) / whole)));
  return { gpu, cpu: total - gpu.reduce((a, b) => a + b, 0) };
}

export function placeFixed(
  m: SetMember,
  f: FixedBytes,
  main: MemberResult,
  hw: PlanningHardware,
  taken: number[],
  useFree: boolean,
): MemberResult {
  const placed = split(m, f, main, hw.devices.length);
  const { gpu } = placed;
  // A host-side cache (vLLM's CPU LoRA cache) never goes to a GPU.
  const cpu = placed.cpu + (f.hostBytes ?? 0);
  // The file cannot be offloaded layer by layer: when its share does not fit beside what is there, it does not load.
  let verdict: Verdict = main.verdict;
  hw.devices.forEach((d, i) => {
    const cap = deviceBudget(d, hw, {
      runtime: main.estimate.settings.runtime,
      useFreeMemory: useFree,
      reserveBytes: 0,
      gpuMemoryUtilization: 1,
    }).capacityBytes;
    if (gpu[i]! > 0 && taken[i]! + gpu[i]! > cap) verdict = 'no-fit';
  });
  return {
    id: m.id,
    role: m.role,
    estimate: fixedEstimate(main.estimate, f),
    evaluation: { ...main.evaluation, verdict },
    verdict,
    deviceBytes: gpu,
    reserveBytes: gpu.map(() => 0),
    cpuBytes: cpu,
    totalBytes: fixedTotal(f) + (f.hostBytes ?? 0),
    fixed: f,
  };
}
