// The Serve view's inputs turned into core's capacity() input, with the CLI's defaults (capacity-args.ts):
// neither tensor nor pipeline parallel pinned: the planner searches layouts (tensor parallel over a node's
// GPUs and one stage per node, llama.cpp layers over every GPU, are then the hardware offered); one pinned:
// the other takes that default.
// Pure, so the E2E test builds the same input and compares the view's figures with core's.

import type { CapacityInput } from '../capacity/index';
import type { Deployment, Workload } from '../capacity/types';
import type { EstimateSettings, ModelInput } from '../estimate/types';
import { getGpu } from '../hardware/gpu-catalog';
import type { GpuCatalogEntry } from '../hardware/types';
import type { WorkspaceBits } from './workspace';
import { settingsForRuntime } from './workspace';
import { SORTING_VLLM_RELEASE, type ServeSettings } from './workspace-serve';

/** The catalog GPU of the planned machine and how many of it one node has; null when none is a catalog GPU. */
export function serveGpu(devices: ReadonlyArray<{ catalogId?: string | null }>): { gpu: GpuCatalogEntry; count: number } | null {
  const id = devices.find((d) => d.catalogId && getGpu(d.catalogId))?.catalogId;
  const gpu = id ? getGpu(id) : undefined;
  if (!id || !gpu) return null;
  return { gpu, count: devices.filter((d) => d.catalogId === id).length };
}

/** Compare's settings on the serving runtime; SGLang reads vLLM's formats, as the CLI does. */
export function serveSettings(current: EstimateSettings, s: ServeSettings, bits: WorkspaceBits, quant: string | null): EstimateSettings {
  const family = s.runtime === 'sglang' ? 'vllm' : s.runtime;
  return { ...settingsForRuntime(current, family, bits, quant), runtime: s.runtime };
}

export function serveWorkload(s: ServeSettings): Workload {
  const w: Workload = {
    promptTokens: s.promptTokens,
    outputTokens: s.outputTokens,
    promptP95: Math.max(s.promptP95, s.promptTokens),
    outputP95: Math.max(s.outputP95, s.outputTokens),
    ttftP95S: s.ttftP95S,
    tpotP95Ms: s.tpotP95Ms,
  };
  if (s.load === 'users') {
    w.users = s.users;
    w.arrival = s.arrival;
    if (s.arrival === 'burst' && s.promptsPerRun > 0) w.promptsPerRun = Math.max(s.promptsPerRun, s.users);
  } else w.rate = s.rate;
  if (s.sharedPrefix > 0) w.sharedPrefix = s.sharedPrefix;
  return w;
}

export function serveDeployment(s: ServeSettings, gpusPerNode: number): Deployment {
  const llama = s.runtime === 'llama.cpp';
  const tp = llama ? 1 : s.tp > 0 ? s.tp : gpusPerNode;
  const pp = s.pp > 0 ? s.pp : llama ? gpusPerNode * s.nodes : s.nodes;
  const search = (llama || s.tp === 0) && s.pp === 0;
  const release = s.runtime === 'vllm' && s.vllmRelease === 'sorting' ? { runtimeVersion: SORTING_VLLM_RELEASE } : {};
  return { runtime: s.runtime, gpusPerNode, tp, pp, nodes: s.nodes, ...(search ? { searchLayouts: true } : {}), ...release };
}

export function serveInput(
  model: ModelInput,
  current: EstimateSettings,
  s: ServeSettings,
  hw: { gpu: GpuCatalogEntry; count: number },
  choice: { bits: WorkspaceBits; quant: string | null },
): CapacityInput {
  return {
    input: model,
    base: serveSettings(current, s, choice.bits, choice.quant),
    gpu: hw.gpu,
    workload: serveWorkload(s),
    deployment: serveDeployment(s, hw.count),
  };
}
