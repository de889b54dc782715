// Training memory rules that follow from the libraries' storage formats, checked on exact numbers.

import { describe, expect, it } from 'vitest';
import { getModel } from '../../src/core/catalog';
import type { ModelSpec } from '../../src/core/model/types';
import { defaultTrainingSettings, estimateTraining, nf4Bytes, trainingMemory, type TrainingSettings } from '../../src/core/train';

function spec(id: string): ModelSpec {
  const m = getModel(id);
  if (!m) throw new Error(`catalog lacks ${id}`);
  return m.spec;
}

const L8 = spec('llama-3.1-8b-instruct');
const settings = (over: Partial<TrainingSettings>): TrainingSettings => ({ ...defaultTrainingSettings(over.method ?? 'full'), ...over });

describe('NF4 storage (bitsandbytes quantize_4bit, blocksize 64)', () => {
  it('packs two codes per byte with an fp32 absmax per 64 values', () => {
    expect(nf4Bytes(4096 * 4096, false)).toBe((4096 * 4096) / 2 + (4 * 4096 * 4096) / 64);
  });

  it('double quant stores uint8 absmax, an fp32 scale per 256 blocks and one fp32 offset', () => {
    const blocks = (4096 * 4096) / 64;
    expect(nf4Bytes(4096 * 4096, true)).toBe((4096 * 4096) / 2 + blocks + 4 * (blocks / 256) + 4);
  });
});

describe('optimizer states', () => {
  const opt = (o: TrainingSettings['optimizer'], extra: Partial<TrainingSettings> = {}) =>
    trainingMemory(L8, settings({ method: 'full', optimizer: o, ...extra })).bytes.optimizer;
  const P = 8_030_261_248;

  it('AdamW keeps two states in the parameter dtype: 4 B/param for pure bf16, 8 B for mixed precision', () => {
    expect(opt('adamw')).toBe(4 * P);
    expect(opt('adamw', { precision: 'mixed' })).toBe(8 * P);
  });

  it('mixed precision under ZeRO moves the fp32 master copy into the optimizer partition (12 B/param ÷ GPUs)', () => {
    expect(opt('adamw', { precision: 'mixed', zero: 1, gpus: 4 })).toBe((12 * P) / 4);
  });

  it('paged AdamW is as large as AdamW; SGD without momentum keeps nothing', () => {
    expect(opt('paged-adamw')).toBe(opt('adamw'));
    expect(opt('sgd')).toBe(0);
    expect(opt('sgd', { sgdMomentum: true })).toBe(2 * P);
  });

  it('Adafactor keeps (rows + cols) fp32 values per matrix, far below AdamW', () => {
    const a = opt('adafactor');
    // Embedding and head alone: 2 × (4096 + 128256) × 4 B.
    expect(a).toBeGreaterThan(2 * (4096 + 128256) * 4);
    expect(a).toBeLessThan(opt('adamw') / 100);
  });

  it('optimizer offload leaves nothing of it on the GPU and counts it in CPU RAM', () => {
    const m = trainingMemory(L8, settings({ method: 'full', offload: 'optimizer', zero: 2, gpus: 2 }));
    expect(m.bytes.optimizer).toBe(0);
    expect(m.cpuBytes).toBe((4 * P) / 2);
  });
});

describe('step peak', () => {
  it('full fine-tuning peaks in backward when gradients outweigh activations and logits', () => {
    const e = estimateTraining(L8, settings({ method: 'full', batch: 1, seq: 512 }));
    expect(e.peak.phase).toBe('backward');
    expect(e.bytes.total).toBeLessThan(
      e.bytes.weights + e.bytes.gradients + e.bytes.optimizer + e.bytes.activations + e.bytes.logits + e.bytes.overhead,
    );
  });

  it('chunked cross-entropy keeps 2 B per logit instead of 10 B', () => {
    const a = trainingMemory(L8, settings({ method: 'lora', chunkedLoss: false })).bytes.logits;
    const b = trainingMemory(L8, settings({ method: 'lora', chunkedLoss: true })).bytes.logits;
    expect(a).toBe(2048 * 128256 * 10);
    expect(b).toBe(2048 * 128256 * 2);
  });

  it("Unsloth's offloaded checkpointing moves the layer inputs to CPU RAM", () => {
    const hf = trainingMemory(L8, { ...defaultTrainingSettings('qlora'), batch: 4 });
    const un = trainingMemory(L8, { ...defaultTrainingSettings('qlora', 'unsloth'), batch: 4 });
    expect(un.cpuBytes).toBe(32 * 2 * 4096 * 4 * 2048);
    expect(un.bytes.activations).toBeLessThan(hf.bytes.activations);
  });
});

describe('remedies', () => {
  it('come in the practitioner order and each saves memory', () => {
    const e = estimateTraining(L8, settings({ method: 'full', batch: 4, checkpointing: 'off', optimizer: 'adamw' }));
    expect(e.remedies.map((r) => r.id)).toEqual([
      'micro-batch',
      'checkpointing',
      'optimizer-8bit',
      'qlora',
      'shorter-seq',
      'zero3-offload',
    ]);
    for (const r of e.remedies) expect(r.savesBytes).toBeGreaterThan(0);
    expect(e.remedies[0]!.settings.gradAccum).toBe(4);
  });
});

describe('speed', () => {
  it('uses 6 × params per token plus 2 × for recompute, scaled by the GPU throughput', () => {
    const off = estimateTraining(L8, settings({ method: 'full', checkpointing: 'off' }));
    const on = estimateTraining(L8, settings({ method: 'full', checkpointing: 'on' }));
    // Llama 3.1 8B: 8,030,261,248 parameters less the untied input embedding (128,256 × 4,096), a lookup.
    expect(on.speed.flopsPerToken - off.speed.flopsPerToken).toBeCloseTo(2 * (8_030_261_248 - 128_256 * 4096), -6);
    expect(off.speed.tokensPerSecond).toBeNull();
  });
});
