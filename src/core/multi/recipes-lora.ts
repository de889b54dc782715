// vLLM LoRA at inference (--enable-lora --max-loras N --max-lora-rank R --max-cpu-loras M): what it
// allocates and the flags that size it. Read from vllm-project/vllm:
// - vllm/lora/layers/base_linear.py, create_lora_weights(): every LoRA-wrapped linear layer preallocates,
//   per output slice, lora_a_stacked = zeros(max_loras, 1, max_lora_rank, input_size) and lora_b_stacked =
//   zeros(max_loras, 1, output_size, max_lora_rank) in lora_dtype (default: the model's dtype). The slots
//   exist from model load on, whether or not an adapter is loaded, and an adapter of a lower rank still takes
//   a full max_lora_rank slot. Under tensor parallelism a column-parallel layer (qkv_proj, gate_up_proj)
//   holds its output shard in lora_b, a row-parallel one (o_proj, down_proj) its input shard in lora_a.
// - vllm/lora/model_manager.py: every module the model lists as LoRA-capable is wrapped (for a Llama-style
//   model: qkv_proj with 3 slices, o_proj, gate_up_proj with 2 slices, down_proj), not only the ones an
//   adapter targets. Adapters are loaded into a CPU LRU cache of max_cpu_loras entries (default max_loras),
//   each at its own size, and copied into a GPU slot when a request uses it.
// - vllm/config/lora.py: max_lora_rank must be one of 8, 16, 32, 64, 128, 256, 320, 512.
// Left out, and said so in the basis: MoE expert LoRA (FusedMoE) and LoRA on the embedding / lm_head, which
// only some vLLM versions and models enable.

import type { ModelSpec } from '../model/types';
import type { FixedBytes } from './types';

/** vllm/config/lora.py, LoRAConfig: the ranks --max-lora-rank accepts. */
export const VLLM_LORA_RANKS = [8, 16, 32, 64, 128, 256, 320, 512] as const;

/** vLLM's default --max-lora-rank when the adapter's rank is not known. */
export const VLLM_DEFAULT_LORA_RANK = 16;

export interface VllmLoraOptions {
  /** --max-loras: adapters usable in one batch (GPU slots). Default 1. */
  maxLoras?: number;
  /** --max-cpu-loras: adapters kept in host RAM. Default = maxLoras (vLLM's default). */
  maxCpuLoras?: number;
  /** Bytes per element of lora_dtype (the model's dtype by default: 2 for bf16 / fp16). */
  dtypeBytes?: number;
  tensorParallel?: number;
}

export interface VllmLoraSlots {
  maxLoras: number;
  maxCpuLoras: number;
  /** The --max-lora-rank passed: the adapter's rank rounded up to a rank vLLM accepts. */
  maxLoraRank: number;
  /** Σ over wrapped layers and slices of (lora_a input + lora_b output) per GPU, elements per unit of rank. */
  widthPerRank: number;
  /** GPU bytes of the preallocated slots, per GPU. */
  gpuBytes: number;
  basis: string;
}

/** The smallest rank vLLM accepts that holds `rank`; null above 512 (vLLM refuses such an adapter). */
export function vllmMaxLoraRank(rank: number | null): number | null {
  if (rank === null) return VLLM_DEFAULT_LORA_RANK;
  return VLLM_LORA_RANKS.find((r) => r >= rank) ?? null;
}

/** Input and output width of each wrapped slice of one layer, per GPU. */
function layerSlices(spec: ModelSpec, layer: number, tp: number): { input: number; output: number }[] {
  const kv = Array.isArray(spec.kvHeads) ? (spec.kvHeads[layer] ?? 0) : spec.kvHeads;
  const h = spec.hiddenSize;
  const q = spec.heads * spec.headDimK * (spec.attnOutputGate ? 2 : 1);
  const ff = spec.ffnPerLayer?.[layer] ?? spec.intermediateSize;
  const slices: { input: number; output: number }[] = [];
  if (spec.heads > 0 && kv > 0) {
    // qkv_proj: column-parallel, one slice each for q, k and v.
    slices.push(
      { input: h, output: q / tp },
      { input: h, output: (kv * spec.headDimK) / tp },
      { input: h, output: (kv * spec.headDimV) / tp },
    );
    // o_proj: row-parallel.
    slices.push({ input: (spec.heads * spec.headDimV) / tp, output: h });
  }
  if (ff > 0 && !spec.moe) {
    // gate_up_proj (2 slices) or up_proj: column-parallel; down_proj: row-parallel.
    for (let i = 0; i < (spec.gatedFfn ? 2 : 1); i++) slices.push({ input: h, output: ff / tp });
    slices.push({ input: ff / tp, output: h });
  }
  return slices;
}

export function vllmLoraSlots(spec: ModelSpec, rank: number | null, o: VllmLoraOptions = {}): VllmLoraSlots {
  const maxLoras = Math.max(1, Math.floor(o.maxLoras ?? 1));
  const maxCpuLoras = Math.max(maxLoras, Math.floor(o.maxCpuLoras ?? maxLoras));
  const maxLoraRank = vllmMaxLoraRank(rank);
  if (maxLoraRank === null) throw new Error(`A LoRA rank of ${rank} is above 512, the largest --max-lora-rank vLLM accepts.`);
  const tp = Math.max(1, Math.floor(o.tensorParallel ?? 1));
  const dtype = o.dtypeBytes ?? 2;
  let width = 0;
  for (let l = 0; l < spec.layers; l++) for (const s of layerSlices(spec, l, tp)) width += s.input + s.output;
  const gpuBytes = Math.ceil(maxLoras * maxLoraRank * width * dtype);
  const basis =
    `vLLM LoRA slots: ${maxLoras} × rank ${maxLoraRank} × ${width} (Σ input + output of the wrapped q/k/v, o, gate/up, down slices over ${spec.layers} layers${tp > 1 ? `, per GPU at TP ${tp}` : ''}) × ${dtype} B` +
    (spec.moe ? '; expert (FusedMoE) LoRA not counted' : '') +
    '; embedding / lm_head LoRA not counted.';
  return { maxLoras, maxCpuLoras, maxLoraRank, widthPerRank: width, gpuBytes, basis };
}

/**
 * The set member's bytes on vLLM: the GPU slots instead of the adapter file, and the CPU cache of
 * max_cpu_loras adapters (each at its file size) in host RAM.
 */
export function vllmLoraFixed(spec: ModelSpec, file: FixedBytes, o: VllmLoraOptions = {}): FixedBytes {
  const slots = vllmLoraSlots(spec, file.loraRank ?? null, o);
  return {
    weightsBytes: slots.gpuBytes * Math.max(1, Math.floor(o.tensorParallel ?? 1)),
    computeBytes: 0,
    hostBytes: slots.maxCpuLoras * file.weightsBytes,
    loraRank: file.loraRank ?? null,
    basis: `${file.basis}. ${slots.basis} Host: ${slots.maxCpuLoras} × ${file.weightsBytes} B adapter(s) in vLLM's CPU LoRA cache.`,
  };
}

/** The vLLM flags for these slots. */
export function vllmLoraArgs(slots: VllmLoraSlots): string[] {
  return [
    '--enable-lora',
    '--max-loras',
    String(slots.maxLoras),
    '--max-lora-rank',
    String(slots.maxLoraRank),
    '--max-cpu-loras',
    String(slots.maxCpuLoras),
  ];
}
