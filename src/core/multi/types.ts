// Several models on one machine (issue 19): the members of a set, and what the set planner returns.

import type { Evaluation } from '../advice/evaluate';
import type { Verdict } from '../advice/types';
import type { Estimate, EstimateSettings, ModelInput } from '../estimate/types';

/** 'chat': another chat model with its own server beside the main one. */
export type MemberRole = 'main' | 'chat' | 'embedding' | 'reranker' | 'draft' | 'vision-projector' | 'lora';

export const MEMBER_ROLES: readonly MemberRole[] = ['main', 'chat', 'embedding', 'reranker', 'draft', 'vision-projector', 'lora'];

/** One model of the set, with its own context, parallel slots and quant already in `settings`. */
export interface SetMember {
  /** Unique within the set (a catalog id, or the id with a suffix when the same model appears twice). */
  id: string;
  role: MemberRole;
  input: ModelInput;
  settings: EstimateSettings;
  /**
   * A file loaded into the main model's process whose bytes are read from its header, not estimated from a
   * model spec: a vision projector (mmproj) or a LoRA adapter. `input` is then the main model's.
   */
  fixed?: FixedBytes;
}

export interface FixedBytes {
  weightsBytes: number;
  computeBytes: number;
  /** KV cache the member adds to the main model's pool (MTP layers); 0 when absent. */
  kvBytes?: number;
  /** MTP drafter: tokens drafted per step and the bytes one drafting step reads (for the speed range). */
  mtp?: { tokens: number; stepBytes: number };
  /** Host RAM the runtime keeps beside the GPU copy (vLLM's CPU LoRA cache); 0 when absent. */
  hostBytes?: number;
  /** A LoRA adapter's rank, when its file states it (sizes vLLM's --max-lora-rank slots). */
  loraRank?: number | null;
  /** Where the figures come from (file, formula), for the report. */
  basis: string;
}

/** Bytes one member puts on each device (index as hw.devices), including its process's runtime reserve. */
export interface MemberResult {
  id: string;
  role: MemberRole;
  estimate: Estimate;
  evaluation: Evaluation;
  /** The member's own verdict, placed after the members before it. */
  verdict: Verdict;
  /** Per device: weights + KV + compute on it, plus the CUDA/ROCm reserve when it starts its own process there. */
  deviceBytes: number[];
  /** Runtime reserve counted on each device (0 for a draft model, which lives in the main model's process). */
  reserveBytes: number[];
  /** RAM its CPU side needs (embedding table, host buffers, offloaded layers). */
  cpuBytes: number;
  /** Everything the member needs, GPUs and RAM together. */
  totalBytes: number;
  /** The file-read bytes it was placed with (projector, LoRA adapter), as priced for its runtime. */
  fixed?: FixedBytes;
}

export interface SetDevice {
  id: string;
  name: string;
  /** Memory the device has for models: total less what other processes hold now. */
  capacityBytes: number;
  usedBytes: number;
  marginBytes: number;
  /** Bytes of each member on this device, in placement order. */
  perModel: { id: string; bytes: number }[];
}

export interface SetEstimate {
  members: MemberResult[];
  /** The order the members were placed in, and why. */
  order: { ids: string[]; basis: string };
  devices: SetDevice[];
  /** The worst member verdict: the set works only when every member does. */
  verdict: Verdict;
  /** GPU and RAM bytes of every member together. */
  totalBytes: number;
  /** RAM the members' CPU sides need together. */
  cpuBytes: number;
}
