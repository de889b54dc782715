// estimateTraining(): one training step's peak memory per GPU, component by component, with the verdict
// against the chosen GPUs, training speed and the remedies that would make it fit.

import type { PlanningHardware } from '../advice/types';
import type { ModelSpec } from '../model/types';
import { trainingMemory } from './memory';
import { trainingRemedies } from './remedies';
import { trainingSpeed } from './speed';
import type { TrainMethod, TrainRuntime, TrainingEstimate, TrainingSettings } from './types';
import { verdictFor } from './verdict';

/** Settings each runtime uses when the user does not choose (TRL SFTTrainer, Unsloth, axolotl, torchtune recipes). */
export function defaultTrainingSettings(method: TrainMethod, runtime: TrainRuntime = 'transformers'): TrainingSettings {
  return {
    method,
    runtime,
    // PEFT's LoraConfig defaults are r=8, alpha=8; TRL/Unsloth/axolotl examples use r=16, alpha=32 on all linear layers.
    lora: { rank: 16, alpha: 32, targets: 'all-linear' },
    doubleQuant: true,
    precision: 'bf16',
    // TrainingArguments' default optim is adamw_torch; Unsloth's notebooks use adamw_8bit.
    optimizer: runtime === 'unsloth' ? 'adamw-8bit' : 'adamw',
    sgdMomentum: false,
    batch: 1,
    seq: 2048,
    gradAccum: 1,
    // Unsloth's use_gradient_checkpointing="unsloth" moves the checkpointed layer inputs to CPU.
    checkpointing: runtime === 'unsloth' ? 'offload' : 'on',
    flashAttention: true,
    chunkedLoss: runtime === 'unsloth' || runtime === 'torchtune',
    // Unsloth ships its own fused Triton kernels, which act like compiled ones for the saved tensors.
    compile: runtime === 'unsloth',
    optimizerInBackward: false,
    activationOffload: false,
    zero: 0,
    offload: 'none',
    gpus: 1,
  };
}

function runtimeNotes(spec: ModelSpec, s: TrainingSettings): string[] {
  const notes: string[] = [];
  if (spec.recurrent || spec.mla)
    notes.push('Activations of recurrent and latent-attention (MLA) layers are approximated with the standard attention-layer formula.');
  if (s.runtime === 'unsloth')
    notes.push(
      'Unsloth: offloaded gradient checkpointing keeps layer inputs in CPU RAM; its fused cross-entropy never upcasts the logits.',
    );
  if (s.runtime === 'axolotl') notes.push('axolotl: transformers + PEFT underneath; flash attention and sample packing as configured.');
  if (s.runtime === 'torchtune') notes.push('torchtune: pure bf16 (optimizer states in bf16), chunked cross-entropy, adapters in bf16.');
  if (s.method === 'qlora')
    notes.push(`QLoRA base in NF4 ${s.doubleQuant ? 'with' : 'without'} double quantisation; embeddings, norms and lm_head stay bf16.`);
  if (s.optimizer.startsWith('paged'))
    notes.push('Paged optimizer states live in unified memory and can be evicted to CPU RAM under pressure.');
  return notes;
}

export function estimateTraining(spec: ModelSpec, settings: TrainingSettings, hardware?: PlanningHardware): TrainingEstimate {
  const core = trainingMemory(spec, settings);
  const gpu = hardware?.devices[0];
  const speed = trainingSpeed(spec, settings, core.counts.trainable, gpu?.fp16Tflops ?? null);
  const { verdict, devices } = verdictFor(core.bytes.total, settings.gpus, hardware);
  const adapter = core.counts.adapter;
  return {
    settings,
    training: {
      method: settings.method,
      trainableParameters: core.counts.trainable,
      baseParameters: core.counts.base,
      allParameters: core.counts.base + (adapter ? adapter.total : 0),
      adapterByTarget: adapter ? adapter.byTarget : {},
      effectiveBatch: settings.batch * settings.gradAccum * Math.max(1, settings.gpus),
    },
    bytes: core.bytes,
    peak: core.peak,
    components: core.components,
    cpuBytes: core.cpuBytes,
    speed,
    remedies: trainingRemedies(spec, settings, core.bytes.total, hardware),
    verdict,
    devices,
    notes: runtimeNotes(spec, settings),
  };
}
