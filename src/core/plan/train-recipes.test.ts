import { describe, expect, it } from 'vitest';
import type { TrainingSettings } from '../train/types';
import { axolotlYaml, buildTrainRecipes, deepspeedConfig, HF_OPTIM, trlScript, unslothScript } from './train-recipes';

const qlora: TrainingSettings = {
  method: 'qlora',
  runtime: 'transformers',
  lora: { rank: 16, alpha: 32, targets: 'all-linear' },
  doubleQuant: true,
  precision: 'bf16',
  optimizer: 'paged-adamw-8bit',
  sgdMomentum: false,
  batch: 2,
  seq: 2048,
  gradAccum: 8,
  checkpointing: 'on',
  flashAttention: true,
  chunkedLoss: false,
  optimizerInBackward: false,
  activationOffload: false,
  zero: 0,
  offload: 'none',
  gpus: 1,
};
const model = { hfRepo: 'meta-llama/Llama-3.1-8B-Instruct', name: 'Llama 3.1 8B Instruct' };

/** keyword=value pairs of a Python call, as written (the recipes put one per line). */
function kwargs(script: string, call: string): Record<string, string> {
  const start = script.indexOf(`${call}(`);
  expect(start, `${call}( in script`).toBeGreaterThanOrEqual(0);
  const out: Record<string, string> = {};
  for (const line of script.slice(start).split('\n').slice(1)) {
    if (/^\)/.test(line.trim())) break;
    const m = /^\s{4}(\w+)=(.*?),?$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/** Top-level scalar keys of the flat YAML the recipe writes. */
function yamlScalars(yaml: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of yaml.split('\n')) {
    const m = /^(\w+): (.+)$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

describe('TRL recipe', () => {
  it('writes the QLoRA settings into BitsAndBytesConfig, LoraConfig and SFTConfig', () => {
    const py = trlScript(qlora, model);
    expect(kwargs(py, 'BitsAndBytesConfig')).toMatchObject({
      load_in_4bit: 'True',
      bnb_4bit_quant_type: '"nf4"',
      bnb_4bit_use_double_quant: 'True',
    });
    expect(kwargs(py, 'LoraConfig')).toMatchObject({ r: '16', lora_alpha: '32', target_modules: '"all-linear"' });
    expect(kwargs(py, 'SFTConfig')).toMatchObject({
      per_device_train_batch_size: '2',
      gradient_accumulation_steps: '8',
      max_length: '2048',
      gradient_checkpointing: 'True',
      optim: '"paged_adamw_8bit"',
    });
    expect(py).toContain('"quantization_config": bnb_config');
    expect(py).toContain('model="meta-llama/Llama-3.1-8B-Instruct"');
  });

  it('drops the adapter and quantisation for full fine-tuning, and names explicit targets when chosen', () => {
    const full = trlScript({ ...qlora, method: 'full', optimizer: 'adamw', checkpointing: 'off' }, model);
    expect(full).not.toContain('LoraConfig');
    expect(full).not.toContain('BitsAndBytesConfig');
    expect(kwargs(full, 'SFTConfig')).toMatchObject({ optim: '"adamw_torch"', gradient_checkpointing: 'False' });
    const lora = trlScript({ ...qlora, method: 'lora', lora: { rank: 8, alpha: 16, targets: ['q', 'v'] } }, model);
    expect(kwargs(lora, 'LoraConfig')).toMatchObject({ r: '8', target_modules: '["q_proj", "v_proj"]' });
    expect(lora).not.toContain('BitsAndBytesConfig');
  });

  it('turns double quantisation off only when the settings do', () => {
    const py = trlScript({ ...qlora, doubleQuant: false }, model);
    expect(kwargs(py, 'BitsAndBytesConfig')['bnb_4bit_use_double_quant']).toBe('False');
  });

  it('maps every optimizer to a transformers optim name', () => {
    expect(new Set(Object.values(HF_OPTIM)).size).toBe(Object.keys(HF_OPTIM).length);
    for (const [opt, name] of Object.entries(HF_OPTIM))
      expect(kwargs(trlScript({ ...qlora, optimizer: opt as TrainingSettings['optimizer'] }, model), 'SFTConfig')['optim']).toBe(
        `"${name}"`,
      );
  });
});

describe('DeepSpeed', () => {
  it('writes the ZeRO stage and CPU offload, and no file without ZeRO', () => {
    expect(deepspeedConfig(qlora)).toBeNull();
    const ds = JSON.parse(deepspeedConfig({ ...qlora, method: 'full', zero: 3, offload: 'optimizer+params', gpus: 4 })!);
    expect(ds.zero_optimization.stage).toBe(3);
    expect(ds.zero_optimization.offload_optimizer.device).toBe('cpu');
    expect(ds.zero_optimization.offload_param.device).toBe('cpu');
    const z2 = JSON.parse(deepspeedConfig({ ...qlora, method: 'full', zero: 2, offload: 'none', gpus: 2 })!);
    expect(z2.zero_optimization).toEqual({ stage: 2 });
    const recipes = buildTrainRecipes({ ...qlora, method: 'full', zero: 2, gpus: 2 }, model);
    expect(recipes[0]!.commands[0]).toBe('accelerate launch --num_processes 2 train_trl.py');
    expect(kwargs(recipes[0]!.files[0]!.content, 'SFTConfig')['deepspeed']).toBe('"ds_config.json"');
    expect(recipes[0]!.files.map((f) => f.name)).toContain('ds_config.json');
  });
});

describe('Unsloth recipe', () => {
  it('loads in 4-bit for QLoRA and passes rank, alpha, targets and offloaded checkpointing', () => {
    const py = unslothScript({ ...qlora, checkpointing: 'offload' }, model);
    expect(kwargs(py, 'FastLanguageModel.from_pretrained')).toMatchObject({
      max_seq_length: '2048',
      load_in_4bit: 'True',
      full_finetuning: 'False',
    });
    const peft = kwargs(py, 'FastLanguageModel.get_peft_model');
    expect(peft).toMatchObject({ r: '16', lora_alpha: '32', use_gradient_checkpointing: '"unsloth"' });
    expect(peft['target_modules']).toBe('["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]');
    const trl = kwargs(trlScript({ ...qlora, checkpointing: 'offload' }, model), 'SFTConfig');
    expect(trl).toMatchObject({ gradient_checkpointing: 'True', activation_offloading: 'True' });
    expect(kwargs(trlScript(qlora, model), 'SFTConfig')['activation_offloading']).toBeUndefined();
    const ax = yamlScalars(axolotlYaml({ ...qlora, checkpointing: 'offload' }, model));
    expect(ax).toMatchObject({ gradient_checkpointing: 'true', activation_offloading: 'true' });
    const full = unslothScript({ ...qlora, method: 'full' }, model);
    expect(full).not.toContain('get_peft_model');
    expect(kwargs(full, 'FastLanguageModel.from_pretrained')['full_finetuning']).toBe('True');
  });
});

describe('axolotl recipe', () => {
  it('writes adapter, rank, sequence, micro-batch and optimizer keys', () => {
    const y = yamlScalars(axolotlYaml(qlora, model));
    expect(y).toMatchObject({
      base_model: 'meta-llama/Llama-3.1-8B-Instruct',
      load_in_4bit: 'true',
      adapter: 'qlora',
      lora_r: '16',
      lora_alpha: '32',
      lora_target_linear: 'true',
      sequence_len: '2048',
      micro_batch_size: '2',
      gradient_accumulation_steps: '8',
      optimizer: 'paged_adamw_8bit',
      gradient_checkpointing: 'true',
    });
    const lora = axolotlYaml({ ...qlora, method: 'lora', lora: { rank: 8, alpha: 8, targets: ['q', 'k', 'v', 'o'] } }, model);
    expect(lora).toContain('lora_target_modules:\n  - q_proj\n  - k_proj\n  - v_proj\n  - o_proj');
    expect(yamlScalars(lora)).toMatchObject({ adapter: 'lora', load_in_4bit: 'false' });
    const full = yamlScalars(axolotlYaml({ ...qlora, method: 'full', zero: 3, gpus: 2 }, model));
    expect(full['adapter']).toBeUndefined();
    expect(full['deepspeed']).toBe('ds_config.json');
  });

  it('says when the model has no repository to load', () => {
    const recipes = buildTrainRecipes(qlora, { hfRepo: null, name: 'My GGUF' });
    expect(recipes.map((r) => r.id)).toEqual(['trl', 'unsloth', 'axolotl']);
    for (const r of recipes) expect(r.notes.map((n) => n.key)).toContain('train.recipe.note.modelPath');
  });

  it('puts the chosen trainer first', () => {
    expect(buildTrainRecipes({ ...qlora, runtime: 'axolotl' }, model).map((r) => r.id)).toEqual(['axolotl', 'trl', 'unsloth']);
    expect(buildTrainRecipes({ ...qlora, runtime: 'unsloth' }, model).map((r) => r.id)).toEqual(['unsloth', 'trl', 'axolotl']);
    expect(buildTrainRecipes({ ...qlora, runtime: 'torchtune' }, model).map((r) => r.id)).toEqual(['trl', 'unsloth', 'axolotl']);
  });
});
