// What vLLM V1 and SGLang take out of a GPU before their KV pool, following each runtime's own arithmetic
// (the pool rule itself is in memory.ts). Checked against the pool rows of tests/fixtures/serving/serving.csv.
//
// vLLM V1 (vllm/v1/worker/gpu_worker.py determine_available_memory): pool = total × gpu_memory_utilization −
// (weights + profiled torch peak + non-torch increase). "total" is torch.cuda.mem_get_info's total; the CUDA
// context already exists when the start-up snapshot is taken, so it is not part of the subtraction. A vLLM
// 0.19.0 log shows the arithmetic to the hundredth (llm-d-planner accuracy logs, SOURCES.md S7): "Desired GPU
// memory utilization is (0.95, 75.23 GiB). Actual usage is 14.99 GiB for weight, 1.89 GiB for peak
// activation, 0.25 GiB for non-torch memory" and "Available KV cache memory: 58.11 GiB" (75.23 − 17.13).
// CUDA graphs are captured after the pool is sized and are not subtracted (the same logs: "In v0.19, CUDA
// graph memory profiling will be enabled by default", i.e. not yet); from 0.21 vLLM takes an estimate of them off
// the pool by default, measured by capturing graphs, which no rule here prices. The profiled peak is the
// estimate's own rule (src/core/estimate/runtimes/vllm-profile.ts), so Compare and Serve price it the same way.
//
// SGLang (python/sglang/srt/model_executor/model_runner.py, init_torch_distributed → profile_max_num_token):
// pool = free-after-weights − free-after-distributed-init × (1 − mem_fraction_static). The second term is the
// free memory measured once NCCL and the custom all-reduce are set up, not the board's total.

import { parseVllmRelease } from '../estimate/runtimes/vllm-profile';
import type { GpuCatalogEntry, GpuLink } from '../hardware/types';

const GiB = 1024 ** 3;

/**
 * vLLM's non-torch increase during the profiling run, per GPU. One GPU: 0.24–0.27 GiB over 20 vLLM 0.19.0
 * runs on H100 (S7). Tensor parallel over an NVLink-4 switch (H100/H200/B200 baseboards, ≥ 450 GB/s per
 * direction), where NCCL turns on NVLink SHARP (NVLS) and registers its buffers on the first collective:
 * 2.06–2.21 GiB over 13 TP-2/4 runs (S7), and the same on H200 and B200 in 0.18.0 / 0.19.0 (S252). Releases up to
 * 0.13 left far less of it in the profile: 0.3–0.8 GiB on H200 at TP 2 and 4 in 0.11.2 and 0.13.0 (S212, S252)
 * and about 0.7 on H100 at TP 8 in a 2025-10 main build (S134); see vllmSmallNvlsProfile for the boundary. Tensor
 * parallel over PCIe or bridges (no NVLS): 0.21 GiB on 8 × L40S (vLLM 0.10.2, S8) and 0.20 GiB on 4 × RTX 3090
 * (vllm PR 14447's log).
 */
export function vllmNonTorchBytes(gpu: GpuCatalogEntry, tp: number, release?: string): number {
  if (tp <= 1) return 0.25 * GiB;
  if (!nvlsSwitch(gpu)) return 0.2 * GiB;
  return vllmSmallNvlsProfile(release) ? 0.7 * GiB : 2.1 * GiB;
}

/**
 * Whether a release profiles the smaller NVLink-switch share (vllmNonTorchBytes). Seen in 0.11.2 and 0.13.0, not in
 * 0.18.0 and later; with nothing logged from 0.14–0.17 the boundary was put with the sampler's (vllm-profile.ts
 * vllmSortingRelease), which keeps the Serve view's two release choices consistent. The seventh blind round (S290,
 * read after that) has 0.14.1 and 0.16.0 on H200 at TP 4 following the smaller share within 0.1 %; 0.17 is still
 * unlogged. An unnamed release is the newest.
 */
export function vllmSmallNvlsProfile(release: string | undefined): boolean {
  const v = parseVllmRelease(release);
  return v !== undefined && v[0] === 0 && v[1] < 17;
}

/** Whether `release` prices a tensor-parallel deployment on `gpu` with the smaller NVLink-switch share. */
export function vllmSmallNvlsApplies(gpu: GpuCatalogEntry, tp: number, release: string | undefined): boolean {
  return tp > 1 && nvlsSwitch(gpu) && vllmSmallNvlsProfile(release);
}

/** An NVLink-4-or-later switch baseboard: the only place NCCL enables NVLS. */
function nvlsSwitch(gpu: GpuCatalogEntry): boolean {
  return gpu.link.kind === 'nvlink' && gpu.link.gbps >= 450;
}

/**
 * What SGLang's init_torch_distributed leaves free, per GPU: the visible memory less the CUDA context and,
 * with more than one rank, what NCCL and the custom all-reduce take at set-up. SGLang logs the latter:
 * "Init torch distributed ends. mem usage=2.01 GB" on 8 × H200 over NVLink (sgl-project/sglang PR 11716; its
 * "GB" is GiB, utils.get_available_gpu_memory divides by 1 << 30), and 0.13 GB on 4 × L4 over PCIe
 * (tests/fixtures/serving S42), where the custom all-reduce and its buffers are off ("not supported on more
 * than two PCIe-only GPUs", custom_all_reduce.py) and NVLink SHARP has no switch to run on.
 */
export function sglangFreeAfterInitBytes(visibleBytes: number, contextBytes: number, ranks: number, link?: GpuLink): number {
  const distributed = ranks <= 1 ? 0 : link?.kind === 'pcie' ? 0.13 * GiB : 2.0 * GiB;
  return Math.max(0, visibleBytes - contextBytes - distributed);
}
