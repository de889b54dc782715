import { describe, expect, it } from 'vitest';
import { fixturePlan } from '../../../tests/fixtures/plan/fixtures';
import { planningHardwareForChoice } from '../advice/choice';
import { getModel } from '../catalog';
import { defaultTrainingSettings, estimateTraining } from '../train';
import { gib } from './document-blocks';
import { planDocument } from './document';
import { renderMarkdown } from './markdown';
import { planTraining, tightestDevice } from './train-plan';
import { TRAIN_COMPONENTS } from './train-section';
import { formatNum, tr } from './text';
import type { Plan } from './types';

const entry = getModel('llama-3.1-8b-instruct')!;
const { hw } = planningHardwareForChoice({
  mode: 'custom',
  gpus: [{ catalogId: 'rtx-4090', vramGiB: 0, count: 1 }],
  ramGiB: 64,
  machineRamBytes: null,
});

function trainingPlan(method: 'full' | 'lora' | 'qlora'): Plan {
  const estimate = estimateTraining(entry.spec, { ...defaultTrainingSettings(method), batch: 2, seq: 1024 }, hw);
  return { ...fixturePlan('llama8b-4090'), training: planTraining(estimate, { hfRepo: entry.hfRepo, name: entry.spec.name }) };
}

function memoryRows(md: string): string[] {
  const start = md.indexOf('### Training memory per GPU');
  expect(start).toBeGreaterThan(0);
  return md
    .slice(start)
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| ---'))
    .slice(1, 1 + TRAIN_COMPONENTS.length + 1);
}

describe('fine-tuning section of the plan', () => {
  it('is absent from an inference plan', () => {
    const md = renderMarkdown(fixturePlan('llama8b-4090'), 'en');
    expect(md).not.toContain('Fine-tuning plan');
    expect(md).not.toContain('SFTConfig');
  });

  it('states every component per GPU as the estimate has it, then the total', () => {
    const plan = trainingPlan('qlora');
    const e = plan.training!.estimate;
    const rows = memoryRows(renderMarkdown(plan, 'en'));
    TRAIN_COMPONENTS.forEach((k, i) => expect(rows[i]).toContain(`| ${gib(e.bytes[k])} |`));
    expect(rows[TRAIN_COMPONENTS.length]).toContain(`| ${gib(e.bytes.total)} |`);
  });

  it('carries the three recipes with the settings of the plan, in both languages', () => {
    const plan = trainingPlan('qlora');
    for (const locale of ['en', 'ja'] as const) {
      const md = renderMarkdown(plan, locale);
      expect(md).toContain('r=16,');
      expect(md).toContain('per_device_train_batch_size=2,');
      expect(md).toContain('max_length=1024,');
      expect(md).toContain('bnb_4bit_use_double_quant=True,');
      expect(md).toContain('FastLanguageModel.from_pretrained(');
      expect(md).toContain('micro_batch_size: 2');
      expect(md).toContain('sequence_len: 1024');
    }
    expect(renderMarkdown(plan, 'ja')).toMatch(/^# ファインチューニング計画: Llama 3.1 8B Instruct\n/);
  });

  it('comes first, before the inference summary', () => {
    const doc = planDocument(trainingPlan('full'), 'en');
    const ids = doc.blocks.flatMap((b) => (b.type === 'heading' && b.level === 2 ? [b.text] : []));
    expect(ids[0]).toBe('Training summary');
    expect(renderMarkdown(trainingPlan('full'), 'en')).not.toContain('LoraConfig(');
  });

  it('opens with the training headline and titles the inference part, in both languages', () => {
    const plan = trainingPlan('qlora');
    const e = plan.training!.estimate;
    const device = tightestDevice(e)!;
    const head = (md: string, marker: string) => md.slice(0, md.indexOf(marker));
    const cases = [
      {
        locale: 'en',
        title: '# Fine-tuning plan: Llama 3.1 8B Instruct',
        part: '# Inference plan: running Llama 3.1 8B Instruct after training',
      },
      {
        locale: 'ja',
        title: '# ファインチューニング計画: Llama 3.1 8B Instruct',
        part: '# 推論計画: 学習後の Llama 3.1 8B Instruct を動かす',
      },
    ] as const;
    for (const c of cases) {
      const md = renderMarkdown(plan, c.locale);
      expect(md.startsWith(`${c.title}\n`)).toBe(true);
      const opening = head(md, '\n### ');
      expect(opening).toContain(gib(e.bytes.total));
      expect(opening).toContain(gib(device.totalBytes));
      expect(opening).toContain(`1 × ${device.name}`);
      expect(opening).toContain(formatNum(c.locale, e.training.trainableParameters));
      expect(opening).toContain(tr(c.locale, 'train.speed.value', { tps: Math.round(e.speed.tokensPerSecond!) }));
      expect(opening).toContain(tr(c.locale, 'train.method.qlora'));
      // Nothing of the inference plan (its quant, its own summary) comes before its own title.
      const beforePart = head(md, `\n${c.part}\n`);
      expect(md).toContain(`\n${c.part}\n`);
      expect(beforePart).not.toContain(`\n## ${tr(c.locale, 'plan.section.summary')}\n`);
      expect(beforePart).not.toContain(plan.quant.label);
    }
  });

  it('keeps the inference title for a plan without training', () => {
    const md = renderMarkdown(fixturePlan('llama8b-4090'), 'en');
    expect(md).toMatch(/^# Deployment plan: /);
    expect(md).not.toContain('# Inference plan');
  });
  it('says a machine without a GPU has none, in both languages, instead of "does not fit" or "no hardware chosen"', () => {
    const cpuOnly = planningHardwareForChoice({ mode: 'custom', gpus: [], ramGiB: 24, machineRamBytes: null }).hw;
    const estimate = estimateTraining(entry.spec, defaultTrainingSettings('qlora'), cpuOnly);
    expect(estimate.devices).toEqual([]);
    const plan = { ...fixturePlan('llama8b-4090'), training: planTraining(estimate, { hfRepo: entry.hfRepo, name: entry.spec.name }) };
    const en = renderMarkdown(plan, 'en');
    expect(en).toContain(`| ${tr('en', 'train.plan.summary.verdict')} | ${tr('en', 'train.plan.summary.noGpu')} |`);
    expect(en).toContain(tr('en', 'train.speed.noGpu'));
    expect(en).not.toContain(tr('en', 'train.plan.summary.noHardware'));
    expect(en).toContain(tr('en', 'train.plan.verdictNoGpu', { usedBytes: estimate.bytes.total }));
    const ja = renderMarkdown(plan, 'ja');
    expect(ja).toContain(tr('ja', 'train.plan.summary.noGpu'));
    expect(ja).toContain(tr('ja', 'train.speed.noGpu'));
  });
});
