// Training (fine-tuning) memory plan: what the user chose (TrainingSettings) and what one GPU holds for
// it (TrainingEstimate). Bytes everywhere, per GPU; every component says how it was computed so the UI
// and the plan export can show the formula next to the figure.

import type { Verdict } from '../advice/types';

export type TrainMethod = 'full' | 'lora' | 'qlora';

/** Linear projections LoRA can target, named the way the CLI and PEFT's Llama-style modules name them. */
export const LORA_TARGETS = ['q', 'k', 'v', 'o', 'gate', 'up', 'down'] as const;
export type LoraTarget = (typeof LORA_TARGETS)[number];

export const TRAIN_OPTIMIZERS = ['adamw', 'adamw-8bit', 'paged-adamw', 'paged-adamw-8bit', 'adafactor', 'sgd'] as const;
export type TrainOptimizer = (typeof TRAIN_OPTIMIZERS)[number];

/**
 * The training stack whose defaults apply where the user does not choose: Hugging Face transformers +
 * PEFT + bitsandbytes through TRL's SFTTrainer, Unsloth (offloaded checkpointing, chunked cross-entropy),
 * axolotl (transformers underneath, sample packing and flash attention on by default) or torchtune
 * (pure bf16, chunked cross-entropy, optional optimizer-in-backward).
 */
export const TRAIN_RUNTIMES = ['transformers', 'unsloth', 'axolotl', 'torchtune'] as const;
export type TrainRuntime = (typeof TRAIN_RUNTIMES)[number];

/**
 * 'bf16': weights held in bf16 and updated in bf16 (torchtune, TRL with torch_dtype=bfloat16).
 * 'mixed': fp32 master weights plus a 16-bit compute copy (HF Trainer loading fp32 with bf16=True/fp16=True).
 * 'fp32': everything in fp32.
 */
export type TrainPrecision = 'bf16' | 'mixed' | 'fp32';

/** Gradient checkpointing: off, on (recompute each layer), or Unsloth's variant that also moves the saved layer inputs to CPU. */
export type Checkpointing = 'off' | 'on' | 'offload';

export type ZeroStage = 0 | 1 | 2 | 3;

/** What CPU offload moves off the GPU (DeepSpeed offload_optimizer / offload_param, FSDP cpu_offload). */
export type TrainOffload = 'none' | 'optimizer' | 'optimizer+params';

export interface LoraSettings {
  rank: number;
  alpha: number;
  /** 'all-linear' is PEFT's shortcut: every nn.Linear except the output head. */
  targets: 'all-linear' | LoraTarget[];
  /** DoRA adds one magnitude vector (out_features) per adapted module. */
  dora?: boolean;
  /** Adapters on the embedding and/or the output head (PEFT target_modules "embed_tokens", "lm_head"). */
  extraTargets?: ('embed' | 'lm_head')[];
}

export interface TrainingSettings {
  method: TrainMethod;
  runtime: TrainRuntime;
  /** LoRA / QLoRA adapter; ignored for full fine-tuning. */
  lora: LoraSettings;
  /** QLoRA: NF4 with double quantisation of the absmax constants (bitsandbytes bnb_4bit_use_double_quant). */
  doubleQuant: boolean;
  /** Precision of the trained weights (full fine-tuning) or of the frozen base (LoRA). */
  precision: TrainPrecision;
  optimizer: TrainOptimizer;
  /** SGD keeps a momentum buffer only with momentum > 0. */
  sgdMomentum: boolean;
  /** Micro-batch per GPU (sequences per forward pass). */
  batch: number;
  /** Tokens per sequence. */
  seq: number;
  /** Gradient accumulation steps: no memory cost, multiplies the effective batch. */
  gradAccum: number;
  checkpointing: Checkpointing;
  /** Flash attention / memory-efficient SDPA: no seq² score matrix is stored. */
  flashAttention: boolean;
  /** Cross-entropy computed in chunks so the fp32 logits never exist whole (Unsloth, torchtune, Liger). */
  chunkedLoss: boolean;
  /** The optimizer steps each parameter as soon as its gradient exists (torchtune optimizer_in_bwd): no full gradient buffer. */
  optimizerInBackward: boolean;
  /**
   * torch.compile fuses the elementwise ops (RMSNorm's fp32 upcast, RoPE), so their fp32 intermediates are
   * not saved for backward; eager mode saves them.
   */
  compile?: boolean;
  /** Activations saved for backward are moved to CPU (torchtune enable_activation_offloading). */
  activationOffload: boolean;
  zero: ZeroStage;
  offload: TrainOffload;
  /** GPUs training together (data parallel); 1 = single GPU. */
  gpus: number;
}

export type TrainComponentKey = 'weights' | 'gradients' | 'optimizer' | 'activations' | 'logits' | 'overhead';

export interface TrainComponent {
  bytes: number;
  /** The formula in words with its numbers, e.g. "8.03e9 params × 2 B (bf16) ÷ 1 GPU". */
  formula: string;
}

export interface TrainRemedy {
  id: 'micro-batch' | 'checkpointing' | 'optimizer-8bit' | 'qlora' | 'shorter-seq' | 'zero3-offload';
  /** Settings after the remedy is applied. */
  settings: TrainingSettings;
  /** Per-GPU bytes saved against the current plan. */
  savesBytes: number;
  /** Per-GPU total after the remedy. */
  totalBytes: number;
  verdict: Verdict | null;
}

export interface TrainingEstimate {
  settings: TrainingSettings;
  training: {
    method: TrainMethod;
    /** Parameters that receive gradients (LoRA A/B matrices, or the whole model). */
    trainableParameters: number;
    /** Base model parameters (without adapters). */
    baseParameters: number;
    /** PEFT's "all params" figure at full element count: base + trainable adapters. */
    allParameters: number;
    /** Adapter parameters per target, summed over layers (empty for full fine-tuning). */
    adapterByTarget: Partial<Record<LoraTarget | 'router' | 'other', number>>;
    effectiveBatch: number;
  };
  /**
   * Per GPU. Each component is its own peak; `total` is the step's peak, which is not their plain sum:
   * gradients grow during backward while saved activations and logits are freed, so total = weights +
   * optimizer + overhead + max(activations + logits, gradients + one layer) (see `peak`).
   */
  bytes: Record<TrainComponentKey | 'total', number>;
  /** When the step peaks and the sum that gives `total`. */
  peak: { phase: 'forward' | 'backward'; formula: string };
  components: Record<TrainComponentKey, TrainComponent>;
  /** Bytes held in CPU RAM (offloaded optimizer / parameters / activations), per GPU process. */
  cpuBytes: number;
  /** Training throughput over all GPUs; null without a GPU throughput figure. */
  speed: {
    flopsPerToken: number;
    tokensPerSecond: number | null;
    /** Model FLOPs utilisation assumed. */
    efficiency: number;
    formula: string;
  };
  remedies: TrainRemedy[];
  /** Verdict against the hardware (null without hardware). */
  verdict: Verdict | null;
  devices: { name: string; totalBytes: number; usedBytes: number; freeBytes: number }[];
  /** Why-sentences about runtime defaults and approximations. */
  notes: string[];
}
