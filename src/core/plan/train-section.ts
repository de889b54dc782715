// The fine-tuning sections of the plan document: settings, memory per GPU with each component's
// formula, verdict and speed, remedies, and the TRL / Unsloth / axolotl recipes. Nothing when the plan
// was not made in fine-tune mode.

import type { TrainComponentKey, TrainingSettings } from '../train/types';
import { localizeTrainText } from '../i18n/train-text';
import { formatNum, trText } from './text';
import { dash, gib, verdictText, type Block, type Ctx } from './document-blocks';
import { tightestDevice, trainingPeak, type PlanTraining } from './train-plan';
import { trainingSpeedText, trainingSummaryBlocks } from './train-summary';

export const TRAIN_COMPONENTS: readonly TrainComponentKey[] = ['weights', 'gradients', 'optimizer', 'activations', 'logits', 'overhead'];

function targetsText(x: Ctx, s: TrainingSettings): string {
  return s.lora.targets === 'all-linear' ? x.t('train.targets.all-linear') : s.lora.targets.join(', ');
}

function onOff(x: Ctx, on: boolean): string {
  return x.t(on ? 'train.checkpointing.on' : 'train.checkpointing.off');
}

function settingsRows(x: Ctx, s: TrainingSettings): string[][] {
  const { t } = x;
  const rows: string[][] = [
    [t('train.method'), t(`train.method.${s.method}`)],
    [t('train.trainer'), s.runtime],
  ];
  if (s.method !== 'full')
    rows.push([t('train.rank'), String(s.lora.rank)], [t('train.alpha'), String(s.lora.alpha)], [t('train.targets'), targetsText(x, s)]);
  if (s.method === 'qlora') rows.push([t('train.doubleQuant'), onOff(x, s.doubleQuant)]);
  rows.push(
    [t('train.precision'), t(`train.precision.${s.precision}`)],
    [t('train.batch'), String(s.batch)],
    [t('train.seq'), formatNum(x.locale, s.seq)],
    [t('train.accum'), String(s.gradAccum)],
    [t('train.optimizer'), t(`train.optimizer.${s.optimizer}`)],
    [t('train.checkpointing'), t(`train.checkpointing.${s.checkpointing}`)],
    [t('compare.flashAttention'), onOff(x, s.flashAttention)],
    [t('train.zero'), s.zero === 0 ? t('train.zero.0') : String(s.zero)],
    [t('train.offload'), t(`train.offload.${s.offload}`)],
  );
  return rows;
}

function memoryBlocks(x: Ctx, tr: PlanTraining): Block[] {
  const { t } = x;
  const e = tr.estimate;
  const rows = TRAIN_COMPONENTS.map((k) => [
    t(`train.c.${k}`),
    gib(e.bytes[k]),
    localizeTrainText(x.locale, e.components[k].formula) || dash,
  ]);
  rows.push([t('train.total'), gib(e.bytes.total), localizeTrainText(x.locale, trainingPeak(e)?.formula ?? '')]);
  const device = tightestDevice(e);
  const blocks: Block[] = [
    { type: 'heading', level: 3, text: t('train.plan.memory'), id: 'train-memory' },
    {
      type: 'table',
      id: 'train-memory',
      headers: [t('train.plan.col.component'), t('train.plan.col.size'), t('train.plan.col.basis')],
      numeric: [false, true, false],
      rows,
      highlight: [rows.length - 1],
    },
    {
      type: 'paragraph',
      text:
        device && e.verdict
          ? t('train.plan.verdict', {
              verdict: verdictText(x.locale, e.verdict),
              usedBytes: device.usedBytes,
              capacityBytes: device.totalBytes,
            })
          : t(e.verdict ? 'train.plan.verdictNoGpu' : 'train.plan.verdictNoHardware', { usedBytes: e.bytes.total }),
    },
  ];
  if (e.cpuBytes > 0) blocks.push({ type: 'paragraph', text: t('train.cpuBytes', { cpuBytes: e.cpuBytes }) });
  blocks.push({
    type: 'paragraph',
    text:
      e.verdict !== 'no-fit' && e.speed.tokensPerSecond === null
        ? t('train.speed.none')
        : t('train.plan.speed', { speed: trainingSpeedText(x, e), formula: localizeTrainText(x.locale, e.speed.formula) }),
  });
  return blocks;
}

function remedyBlocks(x: Ctx, tr: PlanTraining): Block[] {
  const { t } = x;
  const rs = tr.estimate.remedies;
  if (rs.length === 0) return [];
  return [
    { type: 'heading', level: 3, text: t('train.plan.remedies'), id: 'train-remedies' },
    {
      type: 'table',
      id: 'train-remedies',
      headers: [t('train.plan.col.remedy'), t('train.plan.col.saves'), t('train.plan.col.after'), t('plan.col.verdictAfter')],
      numeric: [false, true, true, false],
      rows: rs.map((r) => [
        t(`train.remedy.${r.id}`),
        gib(r.savesBytes),
        gib(r.totalBytes),
        r.verdict ? verdictText(x.locale, r.verdict) : dash,
      ]),
    },
  ];
}

function recipeBlocks(x: Ctx, tr: PlanTraining): Block[] {
  const { t, locale } = x;
  const blocks: Block[] = [
    { type: 'heading', level: 3, text: t('train.plan.recipes'), id: 'train-recipes' },
    { type: 'paragraph', text: t('train.plan.recipesIntro') },
  ];
  for (const r of tr.recipes) {
    blocks.push({ type: 'heading', level: 3, text: r.title, id: `train-recipe-${r.id}` });
    blocks.push({ type: 'code', language: 'bash', content: r.commands.join('\n') });
    for (const f of r.files) blocks.push({ type: 'code', language: f.language, content: f.content, caption: f.name });
    if (r.notes.length > 0) blocks.push({ type: 'list', items: r.notes.map((n) => trText(locale, n)) });
  }
  return blocks;
}

export function sectionTraining(x: Ctx): Block[] {
  const tr = x.plan.training;
  if (!tr) return [];
  const { t } = x;
  const e = tr.estimate;
  const s = e.settings;
  const blocks: Block[] = [
    { type: 'heading', level: 2, text: t('train.plan.section'), id: 'training' },
    {
      type: 'paragraph',
      text: t('train.plan.intro', { method: t(`train.method.${s.method}`), model: x.plan.model.name, gpus: s.gpus, trainer: s.runtime }),
    },
    ...trainingSummaryBlocks(x, e),
    { type: 'heading', level: 3, text: t('train.plan.settings'), id: 'train-settings' },
    {
      type: 'table',
      id: 'train-settings',
      headers: [t('train.plan.col.setting'), t('train.plan.col.value')],
      numeric: [false, false],
      rows: settingsRows(x, s),
    },
    ...memoryBlocks(x, tr),
    ...remedyBlocks(x, tr),
    ...recipeBlocks(x, tr),
  ];
  if (e.notes.length > 0)
    blocks.push(
      { type: 'heading', level: 3, text: t('train.plan.notes') },
      { type: 'list', items: e.notes.map((n) => localizeTrainText(x.locale, n)) },
    );
  return blocks;
}
