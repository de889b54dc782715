// A set as plain data: every model with its role, settings and bytes, the per-device sums, the verdict,
// what to shrink first, and the launch recipes for the same processes. The CLI's --json prints it and the
// app's plan stores it (it crosses IPC to main for the Markdown and PDF exports, so it holds no functions).

import type { AdviseOptions, PlanningHardware, Verdict } from '../advice/types';
import { draftSpeed, type DraftSpeed } from './draft';
import { setRecipes, type SetRecipe } from './recipes';
import { llamaSwapConfig, ollamaRecipe, type OtherRecipes } from './recipes-other';
import { routerPreset } from './recipes-router';
import { vllmRecipes } from './recipes-vllm';
import { estimateSet } from './set';
import { shrinkSet, type ShrinkStep } from './shrink';
import type { MemberRole, SetEstimate, SetMember } from './types';

export interface SetSummary {
  models: {
    id: string;
    role: MemberRole;
    verdict: Verdict;
    quant: string;
    ctx: number;
    parallel: number;
    /**
     * vLLM / SGLang: the --gpu-memory-utilization (--mem-fraction-static) this process must be started with
     * for the set to hold, its largest device share (bytes ÷ device total, rounded up to 0.001). The runtimes'
     * default 0.9 would let the first process take 90 % of each GPU.
     */
    gpuShare?: number;
    /** devices: bytes on each device, including `reserve`, the runtime context its process holds there. */
    bytes: {
      total: number;
      weights: number;
      kv: number;
      compute: number;
      output: number;
      devices: number[];
      reserve: number[];
      cpu: number;
    };
  }[];
  devices: {
    id: string;
    name: string;
    capacityBytes: number;
    usedBytes: number;
    marginBytes: number;
    models: { id: string; bytes: number }[];
  }[];
  verdict: Verdict;
  /** projector: the vision projector's weights + compute buffer, when the set has one (--mmproj). */
  bytes: { total: number; cpu: number; projector?: number };
  order: { ids: string[]; basis: string };
  shrink: ShrinkStep[];
  /** llama.cpp: one llama-server command per process, each with its port. */
  recipes: SetRecipe[];
  /** The same processes for Ollama, llama-swap (llama.cpp sets only) and vLLM (one process per model). */
  launch: OtherRecipes;
  draft?: DraftSpeed;
}

/**
 * Bytes one decode step reads from a member, at a short filled context where the weights dominate (the
 * KV cache read grows with the tokens already in it, for both models alike).
 */
const stepBytes = (m: SetEstimate['members'][number]): number => m.estimate.weights.bytes;

/** MTP layers draft `tokens` per step and each step reads one layer plus the shared lm_head (mtp.ts). */
function speedOf(main: SetEstimate['members'][number], draft: SetEstimate['members'][number]): DraftSpeed {
  const mtp = draft.fixed?.mtp;
  return mtp ? draftSpeed(stepBytes(main), mtp.stepBytes, mtp.tokens) : draftSpeed(stepBytes(main), stepBytes(draft));
}

const pooledRuntime = (m: SetEstimate['members'][number]): boolean => ['vllm', 'sglang'].includes(m.estimate.settings.runtime);

function projectorBytes(set: SetEstimate): { projector?: number } {
  const p = set.members.filter((m) => m.role === 'vision-projector');
  return p.length > 0 ? { projector: p.reduce((a, m) => a + m.totalBytes, 0) } : {};
}

/** Places the set, lists the shrink steps and writes the recipes; throws what estimateSet throws. */
export function summarizeSet(members: SetMember[], hw: PlanningHardware, opts: AdviseOptions = {}): SetSummary {
  const set = estimateSet(members, hw, opts);
  const shrink = shrinkSet(members, hw, opts);
  const main = set.members.find((m) => m.role === 'main');
  const draft = set.members.find((m) => m.role === 'draft');
  const recipes = setRecipes(set);
  const vllm = vllmRecipes(set, hw);
  // The share a process starts with is the one in its vllm serve command (rounded up to 0.001).
  const shares = new Map(vllm.map((p) => [p.ids[0]!, p.share]));
  return {
    models: set.members.map((m) => ({
      id: m.id,
      role: m.role,
      verdict: m.verdict,
      quant: m.estimate.settings.quant,
      ctx: m.estimate.settings.context,
      parallel: m.estimate.settings.parallel,
      ...(pooledRuntime(m) && shares.has(m.id) ? { gpuShare: shares.get(m.id)! } : {}),
      bytes: {
        total: m.totalBytes,
        weights: m.estimate.weights.bytes,
        kv: m.estimate.kvCache.bytes,
        compute: m.estimate.compute.bytes,
        output: m.estimate.outputBuffer.bytes,
        devices: m.deviceBytes,
        reserve: m.reserveBytes,
        cpu: m.cpuBytes,
      },
    })),
    devices: set.devices.map(({ perModel, ...d }) => ({ ...d, models: perModel })),
    verdict: set.verdict,
    bytes: { total: set.totalBytes, cpu: set.cpuBytes, ...projectorBytes(set) },
    order: set.order,
    shrink,
    recipes,
    launch: { ollama: ollamaRecipe(set), llamaSwap: llamaSwapConfig(set, recipes), vllm, router: routerPreset(set) },
    ...(main && draft ? { draft: speedOf(main, draft) } : {}),
  };
}
