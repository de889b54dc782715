// Training recipes: the TRL (transformers + PEFT + bitsandbytes), Unsloth and axolotl settings that make
// each trainer hold what the training plan estimated. Every value is derived from the TrainingSettings,
// so train-recipes.test.ts can read each file back and compare it with the settings it came from.

import type { LoraTarget, TrainingSettings, TrainOptimizer } from '../train/types';
import type { PlanText, RecipeFile } from './types';

export type TrainRecipeId = 'trl' | 'unsloth' | 'axolotl';

export interface TrainRecipe {
  id: TrainRecipeId;
  title: string;
  commands: string[];
  files: RecipeFile[];
  notes: PlanText[];
}

export interface TrainRecipeModel {
  /** Hugging Face repository (what from_pretrained / base_model load); null for a model without one. */
  hfRepo: string | null;
  name: string;
}

function text(key: string, params: Record<string, string | number> = {}): PlanText {
  return { key, params };
}

/** PEFT's module names for a Llama-style decoder block (q_proj … down_proj). */
export const TARGET_MODULES: Record<LoraTarget, string> = {
  q: 'q_proj',
  k: 'k_proj',
  v: 'v_proj',
  o: 'o_proj',
  gate: 'gate_proj',
  up: 'up_proj',
  down: 'down_proj',
};

/**
 * transformers' TrainingArguments `optim` names (OptimizerNames): the same strings TRL's SFTConfig,
 * Unsloth (which trains through TRL) and axolotl's `optimizer:` accept.
 */
export const HF_OPTIM: Record<TrainOptimizer, string> = {
  adamw: 'adamw_torch',
  'adamw-8bit': 'adamw_bnb_8bit',
  'paged-adamw': 'paged_adamw_32bit',
  'paged-adamw-8bit': 'paged_adamw_8bit',
  adafactor: 'adafactor',
  sgd: 'sgd',
};

/** The model to load: the catalog's repository, else a placeholder the user must replace. */
export function modelRef(model: TrainRecipeModel): string {
  return model.hfRepo ?? 'path/to/model';
}

function pyStr(s: string): string {
  return JSON.stringify(s);
}

function pyBool(b: boolean): string {
  return b ? 'True' : 'False';
}

/** Explicit module names for the settings' targets (Unsloth and axolotl lists). */
export function targetModuleList(s: TrainingSettings): string[] {
  const targets: readonly LoraTarget[] = s.lora.targets === 'all-linear' ? (Object.keys(TARGET_MODULES) as LoraTarget[]) : s.lora.targets;
  return targets.map((t) => TARGET_MODULES[t]);
}

function pyTargets(s: TrainingSettings): string {
  return s.lora.targets === 'all-linear' ? pyStr('all-linear') : `[${targetModuleList(s).map(pyStr).join(', ')}]`;
}

/** A DeepSpeed config in the form transformers' integration reads ("auto" is filled from SFTConfig). */
export function deepspeedConfig(s: TrainingSettings): string | null {
  if (s.zero === 0) return null;
  const zero: Record<string, unknown> = { stage: s.zero };
  if (s.offload !== 'none') zero['offload_optimizer'] = { device: 'cpu', pin_memory: true };
  if (s.offload === 'optimizer+params' && s.zero === 3) zero['offload_param'] = { device: 'cpu', pin_memory: true };
  const config = {
    bf16: { enabled: 'auto' },
    zero_optimization: zero,
    train_micro_batch_size_per_gpu: 'auto',
    gradient_accumulation_steps: 'auto',
  };
  return `${JSON.stringify(config, null, 2)}`;
}

export const DEEPSPEED_FILE = 'ds_config.json';

function offloadsActivations(s: TrainingSettings): boolean {
  return s.checkpointing === 'offload' || s.activationOffload;
}

function attnImplementation(s: TrainingSettings): string {
  // SDPA picks a memory-efficient kernel too, but only flash_attention_2 guarantees no seq² scores.
  return s.flashAttention ? 'flash_attention_2' : 'eager';
}

function torchDtype(s: TrainingSettings): string {
  return s.precision === 'bf16' ? 'torch.bfloat16' : 'torch.float32';
}

function launcher(s: TrainingSettings, script: string): string {
  return s.gpus > 1 ? `accelerate launch --num_processes ${s.gpus} ${script}` : `python ${script}`;
}

function trlQuantLines(s: TrainingSettings): string[] {
  if (s.method !== 'qlora') return [];
  return [
    'bnb_config = BitsAndBytesConfig(',
    '    load_in_4bit=True,',
    '    bnb_4bit_quant_type="nf4",',
    `    bnb_4bit_use_double_quant=${pyBool(s.doubleQuant)},`,
    '    bnb_4bit_compute_dtype=torch.bfloat16,',
    ')',
    '',
  ];
}

function trlLoraLines(s: TrainingSettings): string[] {
  if (s.method === 'full') return [];
  return [
    'peft_config = LoraConfig(',
    `    r=${s.lora.rank},`,
    `    lora_alpha=${s.lora.alpha},`,
    `    target_modules=${pyTargets(s)},`,
    '    lora_dropout=0.0,',
    `    use_dora=${pyBool(s.lora.dora === true)},`,
    '    bias="none",',
    '    task_type="CAUSAL_LM",',
    ')',
    '',
  ];
}

function trlConfigLines(s: TrainingSettings): string[] {
  const lines = [
    'args = SFTConfig(',
    '    output_dir="out",',
    `    per_device_train_batch_size=${s.batch},`,
    `    gradient_accumulation_steps=${s.gradAccum},`,
    // TRL ≥ 0.16 names it max_length (max_seq_length before); padding to it makes every step the planned peak.
    `    max_length=${s.seq},`,
    `    gradient_checkpointing=${pyBool(s.checkpointing !== 'off')},`,
    `    optim=${pyStr(HF_OPTIM[s.optimizer])},`,
    `    bf16=${pyBool(s.precision !== 'fp32')},`,
  ];
  if (s.optimizer === 'sgd' && s.sgdMomentum) lines.push('    optim_args="momentum=0.9",');
  if (s.chunkedLoss) lines.push('    use_liger_kernel=True,');
  // TRL's SFTConfig moves saved activations to CPU: the transformers counterpart of Unsloth's offloaded checkpoints.
  if (offloadsActivations(s)) lines.push('    activation_offloading=True,');
  if (s.zero > 0) lines.push(`    deepspeed=${pyStr(DEEPSPEED_FILE)},`);
  lines.push(
    '    model_init_kwargs={',
    `        "torch_dtype": ${torchDtype(s)},`,
    `        "attn_implementation": ${pyStr(attnImplementation(s))},`,
  );
  if (s.method === 'qlora') lines.push('        "quantization_config": bnb_config,');
  lines.push('    },', ')', '');
  return lines;
}

/** TRL's SFTTrainer script: BitsAndBytesConfig, LoraConfig and SFTConfig values from the settings. */
export function trlScript(s: TrainingSettings, model: TrainRecipeModel): string {
  const imports = ['import torch', 'from datasets import load_dataset', 'from trl import SFTConfig, SFTTrainer'];
  if (s.method !== 'full') imports.push('from peft import LoraConfig');
  if (s.method === 'qlora') imports.push('from transformers import BitsAndBytesConfig');
  return [
    ...imports,
    '',
    ...trlQuantLines(s),
    ...trlLoraLines(s),
    ...trlConfigLines(s),
    'trainer = SFTTrainer(',
    `    model=${pyStr(modelRef(model))},`,
    '    args=args,',
    '    train_dataset=load_dataset("json", data_files="train.jsonl", split="train"),',
    ...(s.method !== 'full' ? ['    peft_config=peft_config,'] : []),
    ')',
    'trainer.train()',
  ].join('\n');
}

/** Unsloth: FastLanguageModel loads and wraps the model; training then runs through TRL's SFTTrainer. */
export function unslothScript(s: TrainingSettings, model: TrainRecipeModel): string {
  const lines = [
    'from unsloth import FastLanguageModel',
    'from datasets import load_dataset',
    'from trl import SFTConfig, SFTTrainer',
    '',
    'model, tokenizer = FastLanguageModel.from_pretrained(',
    `    model_name=${pyStr(modelRef(model))},`,
    `    max_seq_length=${s.seq},`,
    `    load_in_4bit=${pyBool(s.method === 'qlora')},`,
    `    full_finetuning=${pyBool(s.method === 'full')},`,
    ')',
  ];
  if (s.method !== 'full')
    lines.push(
      'model = FastLanguageModel.get_peft_model(',
      '    model,',
      `    r=${s.lora.rank},`,
      `    lora_alpha=${s.lora.alpha},`,
      `    target_modules=[${targetModuleList(s).map(pyStr).join(', ')}],`,
      '    lora_dropout=0,',
      '    bias="none",',
      // "unsloth" is its offloaded checkpointing; True is the plain recompute.
      `    use_gradient_checkpointing=${s.checkpointing === 'offload' ? pyStr('unsloth') : pyBool(s.checkpointing === 'on')},`,
      ')',
    );
  lines.push(
    '',
    'trainer = SFTTrainer(',
    '    model=model,',
    '    tokenizer=tokenizer,',
    '    train_dataset=load_dataset("json", data_files="train.jsonl", split="train"),',
    '    args=SFTConfig(',
    '        output_dir="out",',
    `        per_device_train_batch_size=${s.batch},`,
    `        gradient_accumulation_steps=${s.gradAccum},`,
    `        max_length=${s.seq},`,
    `        optim=${pyStr(HF_OPTIM[s.optimizer])},`,
    `        bf16=${pyBool(s.precision !== 'fp32')},`,
    '    ),',
    ')',
    'trainer.train()',
  );
  return lines.join('\n');
}

function yamlList(key: string, items: string[]): string[] {
  return [`${key}:`, ...items.map((i) => `  - ${i}`)];
}

/** axolotl's YAML: the keys it reads for the adapter, batch, sequence, optimizer and DeepSpeed. */
export function axolotlYaml(s: TrainingSettings, model: TrainRecipeModel): string {
  const lines = [`base_model: ${modelRef(model)}`, `load_in_4bit: ${s.method === 'qlora'}`, 'load_in_8bit: false'];
  if (s.method !== 'full') {
    lines.push(`adapter: ${s.method}`, `lora_r: ${s.lora.rank}`, `lora_alpha: ${s.lora.alpha}`, 'lora_dropout: 0.0');
    if (s.lora.targets === 'all-linear') lines.push('lora_target_linear: true');
    else lines.push(...yamlList('lora_target_modules', targetModuleList(s)));
    if (s.lora.dora) lines.push('peft_use_dora: true');
  }
  lines.push(
    ...yamlList('datasets', ['path: train.jsonl']),
    '    type: chat_template',
    `sequence_len: ${s.seq}`,
    // Packing fills every sequence to sequence_len: each micro-batch holds the tokens the plan assumed.
    'sample_packing: true',
    'pad_to_sequence_len: true',
    `micro_batch_size: ${s.batch}`,
    `gradient_accumulation_steps: ${s.gradAccum}`,
    `optimizer: ${HF_OPTIM[s.optimizer]}`,
    `gradient_checkpointing: ${s.checkpointing !== 'off'}`,
    `flash_attention: ${s.flashAttention}`,
    `bf16: ${s.precision !== 'fp32'}`,
  );
  // axolotl reads the older `gradient_checkpointing: offload` as exactly this pair, and warns it is deprecated.
  if (offloadsActivations(s)) lines.push('activation_offloading: true');
  if (s.chunkedLoss)
    lines.push(...yamlList('plugins', ['axolotl.integrations.liger.LigerPlugin']), 'liger_fused_linear_cross_entropy: true');
  if (s.zero > 0) lines.push(`deepspeed: ${DEEPSPEED_FILE}`);
  lines.push('output_dir: ./out');
  return lines.join('\n');
}

function deepspeedFiles(s: TrainingSettings): RecipeFile[] {
  const ds = deepspeedConfig(s);
  return ds ? [{ name: DEEPSPEED_FILE, language: 'json', content: ds }] : [];
}

/** The three recipes, in the order the plan shows them (TRL is the stack the estimate models first). */
export function buildTrainRecipes(s: TrainingSettings, model: TrainRecipeModel): TrainRecipe[] {
  const shared: PlanText[] = [];
  if (!model.hfRepo) shared.push(text('train.recipe.note.modelPath'));
  const unslothNotes = [...shared, text('train.recipe.note.unslothDefaults')];
  if (s.gpus > 1 || s.zero > 0) unslothNotes.push(text('train.recipe.note.unslothSingleGpu'));
  const trlNotes = [...shared];
  const recipes: TrainRecipe[] = [
    {
      id: 'trl',
      title: 'TRL SFTTrainer (transformers + PEFT + bitsandbytes)',
      commands: [launcher(s, 'train_trl.py')],
      files: [{ name: 'train_trl.py', language: 'python', content: trlScript(s, model) }, ...deepspeedFiles(s)],
      notes: trlNotes,
    },
    {
      id: 'unsloth',
      title: 'Unsloth',
      commands: ['python train_unsloth.py'],
      files: [{ name: 'train_unsloth.py', language: 'python', content: unslothScript(s, model) }],
      notes: unslothNotes,
    },
    {
      id: 'axolotl',
      title: 'axolotl',
      commands: [s.gpus > 1 ? `accelerate launch --num_processes ${s.gpus} -m axolotl.cli.train axolotl.yml` : 'axolotl train axolotl.yml'],
      files: [{ name: 'axolotl.yml', language: 'yaml', content: axolotlYaml(s, model) }, ...deepspeedFiles(s)],
      notes: [...shared, text('train.recipe.note.axolotlPacking')],
    },
  ];
  // The trainer the user chose leads; the others follow in the stack's order (torchtune has no recipe here).
  const first = RECIPE_FOR_RUNTIME[s.runtime];
  return [...recipes.filter((r) => r.id === first), ...recipes.filter((r) => r.id !== first)];
}

const RECIPE_FOR_RUNTIME: Record<TrainingSettings['runtime'], TrainRecipeId | null> = {
  transformers: 'trl',
  unsloth: 'unsloth',
  axolotl: 'axolotl',
  torchtune: null,
};
