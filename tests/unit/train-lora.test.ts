// LoRA trainable-parameter counts against the figures PEFT itself printed (print_trainable_parameters:
// "trainable params: N || all params: M"), quoted from PEFT's repository at commit 5d602fd (see
// tests/fixtures/train/SOURCES.md). Five model_types: llama, qwen2, gemma2, mistral, opt.

import { describe, expect, it } from 'vitest';
import { getModel } from '../../src/core/catalog';
import type { ModelSpec } from '../../src/core/model/types';
import { countAdapter, defaultTrainingSettings, estimateTraining } from '../../src/core/train';

function spec(id: string): ModelSpec {
  const m = getModel(id);
  if (!m) throw new Error(`catalog lacks ${id}`);
  return m.spec;
}

/** OPT (facebook/opt-*), not in the catalog: the config.json fields that decide the q/v projections. */
function opt(layers: number, hidden: number, heads: number): ModelSpec {
  return {
    ...spec('llama-3.2-1b-instruct'),
    id: `opt-${hidden}`,
    name: 'OPT',
    architecture: 'opt',
    layers,
    hiddenSize: hidden,
    intermediateSize: 4 * hidden,
    heads,
    kvHeads: heads,
    headDimK: hidden / heads,
    headDimV: hidden / heads,
    gatedFfn: false,
    bias: { qkv: true, attnOut: true, ffn: true },
    norm: 'layer',
  };
}

function trainable(s: ModelSpec, method: 'lora' | 'qlora', lora: Parameters<typeof countAdapter>[1]): number {
  const e = estimateTraining(s, { ...defaultTrainingSettings(method), lora });
  return e.training.trainableParameters;
}

describe('LoRA trainable parameters match PEFT printouts', () => {
  it('llama: Llama-3.2-1B, q_proj, r=8 (docs/source/quicktour.md: "trainable params: 524,288 || all params: 1,236,338,688")', () => {
    const s = spec('llama-3.2-1b-instruct');
    const e = estimateTraining(s, { ...defaultTrainingSettings('lora'), lora: { rank: 8, alpha: 32, targets: ['q'] } });
    expect(e.training.trainableParameters).toBe(524_288);
    expect(e.training.allParameters).toBe(1_236_338_688);
  });

  it('qwen2: Qwen2.5-3B-Instruct, PEFT default q_proj+v_proj, r=16 (README.md: "trainable params: 3,686,400 || all params: 3,089,625,088")', () => {
    const s = spec('qwen2.5-3b-instruct');
    const e = estimateTraining(s, { ...defaultTrainingSettings('lora'), lora: { rank: 16, alpha: 32, targets: ['q', 'v'] } });
    expect(e.training.trainableParameters).toBe(3_686_400);
    expect(e.training.allParameters).toBe(3_089_625_088);
  });

  it('llama: Meta-Llama-3-8B QDoRA on all seven projections, r=8 (QDoRA_finetuning.ipynb: "trainable params: 22347776")', () => {
    const lora = { rank: 8, alpha: 32, targets: ['q', 'k', 'v', 'o', 'gate', 'up', 'down'] as const, dora: true };
    expect(trainable(spec('llama-3-8b-instruct'), 'qlora', { ...lora, targets: [...lora.targets] })).toBe(22_347_776);
  });

  it('mistral: Mistral-7B-v0.1 resized to 32,027 tokens, r=64 on embed_tokens, lm_head, q, v (peft_lora_clm_with_additional_tokens.ipynb: "31,886,720 || all params: 7,273,840,000")', () => {
    // v0.1 and the catalog's v0.3 share every shape but the vocabulary, which the notebook resizes anyway.
    const s = { ...spec('mistral-7b-instruct-v0.3'), vocabSize: 32_027 };
    const e = estimateTraining(s, {
      ...defaultTrainingSettings('lora'),
      lora: { rank: 64, alpha: 128, targets: ['q', 'v'], extraTargets: ['embed', 'lm_head'] },
    });
    expect(e.training.trainableParameters).toBe(31_886_720);
    expect(e.training.allParameters).toBe(7_273_840_000);
  });

  it('gemma2: gemma-2-2b for sequence classification, q_proj+v_proj, r=16 (LoRA-torchao-8bit.ipynb: "trainable params: 3,199,488")', () => {
    // SEQ_CLS also trains the new score head, nn.Linear(2304, 2) for GLUE MRPC's two labels: 4,608 parameters.
    const adapter = trainable(spec('gemma-2-2b-it'), 'lora', { rank: 16, alpha: 32, targets: ['q', 'v'] });
    expect(adapter + 2304 * 2).toBe(3_199_488);
  });

  it('opt: opt-350m and opt-6.7b, q_proj+v_proj, r=16 (peft_model_config.md "1,572,864"; Finetune_opt_bnb_peft.ipynb "8388608")', () => {
    expect(trainable(opt(24, 1024, 16), 'lora', { rank: 16, alpha: 32, targets: ['q', 'v'] })).toBe(1_572_864);
    expect(trainable(opt(32, 4096, 32), 'lora', { rank: 16, alpha: 32, targets: ['q', 'v'] })).toBe(8_388_608);
  });
});

describe('LoRA counting rules', () => {
  it('counts each MoE expert as its own Linear and the router under all-linear (Mixtral 8x7B, r=8)', () => {
    const s = spec('mixtral-8x7b-v0.1');
    const a = countAdapter(s, { rank: 8, alpha: 16, targets: 'all-linear' });
    // Per layer: q 8·(4096+4096), k and v 8·(4096+1024), o 8·(4096+4096); 8 experts × (w1, w3: 8·(4096+14336); w2 the same);
    // router gate nn.Linear(4096, 8): 8·(4096+8).
    const perLayer = 8 * (8192 + 5120 + 5120 + 8192) + 8 * 3 * 8 * (4096 + 14336) + 8 * (4096 + 8);
    expect(a.total).toBe(32 * perLayer);
    expect(a.byTarget.router).toBe(32 * 8 * (4096 + 8));
    const listed = countAdapter(s, { rank: 8, alpha: 16, targets: ['q', 'k', 'v', 'o', 'gate', 'up', 'down'] });
    expect(listed.total).toBe(a.total - (a.byTarget.router ?? 0));
  });
});
