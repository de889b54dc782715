import { describe, expect, it } from 'vitest';
import { MODEL_CATALOG } from '../catalog';
import { defaultTrainingSettings, estimateTraining } from '../train';
import { TRAIN_OPTIMIZERS, TRAIN_RUNTIMES, type TrainingSettings } from '../train/types';
import { localizeTrainText } from './train-text';

// Names, units and tensor terms that stay in Latin letters in the Japanese text too.
const KEPT = new Set(
  (
    'GPU CPU RAM CUDA MiB GiB TFLOPS MFU ZeRO FSDP bf16 fp32 NF4 Linear absmax log softmax CE SGD beta1 None ' +
    'lm_head MLA QLoRA PEFT transformers torchtune axolotl Unsloth FlashAttention'
  ).split(' '),
);

const leftoverEnglish = (ja: string): string[] => (ja.match(/[A-Za-z][A-Za-z0-9_]{2,}/g) ?? []).filter((w) => !KEPT.has(w));
// "one layer" is said "1 層", so the English word counts as the figure it is.
const figures = (s: string): string[] => (s.replace(/\bone\b/g, '1').match(/\d[\d,.]*/g) ?? []).map((n) => n.replace(/[.,]$/, '')).sort();

const VARIANTS: Array<Partial<TrainingSettings>> = [
  {},
  { checkpointing: 'off' },
  { checkpointing: 'offload' },
  { checkpointing: 'off', activationOffload: true },
  { zero: 2, gpus: 4 },
  { zero: 3, gpus: 8, offload: 'optimizer' },
  { zero: 3, gpus: 8, offload: 'optimizer+params' },
  { precision: 'mixed', zero: 1, gpus: 2 },
  { precision: 'fp32' },
  { optimizerInBackward: true },
  { doubleQuant: false },
  { sgdMomentum: false },
  { sgdMomentum: true },
];

// A dense model, an MoE, an MLA and a recurrent one when the catalog has them: each takes other formula branches.
const MODELS = [
  MODEL_CATALOG.find((m) => !m.spec.moe && !m.spec.mla && !m.spec.recurrent),
  MODEL_CATALOG.find((m) => m.spec.moe !== undefined),
  MODEL_CATALOG.find((m) => m.spec.mla),
  MODEL_CATALOG.find((m) => m.spec.recurrent),
].filter((m) => m !== undefined);
// One GPU with a TFLOPS figure, so the speed basis carries its decimal throughput too (RTX 4090's 165.2, as the UI shows).
const HARDWARE = {
  devices: [
    {
      id: 'gpu0',
      name: 'GeForce RTX 4090',
      vendor: 'nvidia',
      kind: 'discrete',
      totalBytes: 24 * 1024 ** 3,
      usedBytes: null,
      bandwidthGBps: 1008,
      fp16Tflops: 165.2,
    },
  ],
} as unknown as Parameters<typeof estimateTraining>[2];

function sentencesOf(e: ReturnType<typeof estimateTraining>): string[] {
  return [...Object.values(e.components).map((c) => c.formula), e.peak.formula, e.speed.formula, ...e.notes].filter((t) => t !== '');
}

describe('training sentences in Japanese', () => {
  it('every formula, peak line, speed basis and note keeps its figures and leaves no English phrase', () => {
    expect(MODELS.some((m) => m.spec.moe !== undefined)).toBe(true);
    const bad = new Map<string, string>();
    let checked = 0;
    for (const m of MODELS)
      for (const method of ['full', 'lora', 'qlora'] as const)
        for (const runtime of TRAIN_RUNTIMES)
          for (const optimizer of TRAIN_OPTIMIZERS)
            for (const v of VARIANTS) {
              const s = { ...defaultTrainingSettings(method, runtime), optimizer, ...v };
              const e = estimateTraining(m.spec, s, HARDWARE);
              for (const en of sentencesOf(e)) {
                const ja = localizeTrainText('ja', en);
                checked += 1;
                if (leftoverEnglish(ja).length > 0 || figures(ja).join('|') !== figures(en).join('|')) bad.set(en, ja);
              }
            }
    expect(checked).toBeGreaterThan(1000);
    expect([...bad].slice(0, 5)).toEqual([]);
  });

  it('English stays as core wrote it', () => {
    const e = estimateTraining(MODELS[0]!.spec, defaultTrainingSettings('lora'));
    expect(localizeTrainText('en', e.components.overhead.formula)).toBe(e.components.overhead.formula);
    expect(localizeTrainText('ja', e.components.overhead.formula)).toMatch(
      /^CUDA コンテキスト 500 MiB \+ アロケータの余裕（テンソルの \d+ %）$/,
    );
  });
});
