// The opening of a fine-tune plan: what the user asked about (will this training run fit, on which GPUs,
// how fast) comes before anything else, and the inference sections that follow are titled as a second
// part, so no inference figure reads as the plan's headline.

import type { TrainingEstimate } from '../train/types';
import { formatNum } from './text';
import { dash, gib, verdictText, type Block, type Ctx } from './document-blocks';
import { tightestDevice } from './train-plan';

/** The document's title: a fine-tune plan is named as one. */
export function planTitleKey(x: Pick<Ctx, 'plan'>): string {
  return x.plan.training ? 'train.plan.title' : 'plan.title';
}

function verdictCell(x: Ctx, e: TrainingEstimate): string {
  const device = tightestDevice(e);
  if (!e.verdict) return x.t('train.plan.summary.noHardware');
  if (!device) return x.t('train.plan.summary.noGpu');
  return x.t('train.plan.summary.verdictValue', {
    verdict: verdictText(x.locale, e.verdict),
    usedBytes: device.usedBytes,
    capacityBytes: device.totalBytes,
  });
}

/** "2 × RTX 4090 (23.99 GiB)": devices grouped by name, in the order the estimate lists them. */
function gpusCell(x: Ctx, e: TrainingEstimate): string {
  if (e.devices.length === 0) return x.t('train.plan.summary.gpusNone', { gpus: e.settings.gpus });
  const groups = new Map<string, { count: number; totalBytes: number }>();
  for (const d of e.devices) {
    const key = `${d.name}\u0000${d.totalBytes}`;
    const g = groups.get(key);
    if (g) g.count += 1;
    else groups.set(key, { count: 1, totalBytes: d.totalBytes });
  }
  return [...groups.entries()].map(([key, g]) => `${g.count} × ${key.split('\u0000')[0]} (${gib(g.totalBytes)})`).join(', ');
}

export function trainingSpeedText(x: Ctx, e: TrainingEstimate): string {
  const tps = e.speed.tokensPerSecond;
  if (e.verdict !== null && e.devices.length === 0) return x.t('train.speed.noGpu');
  if (e.verdict === 'no-fit') return x.t('train.speed.noFit');
  return tps === null ? dash : x.t('train.speed.value', { tps: Math.round(tps) });
}

/** The training verdict, per-GPU total, method, GPUs, trainable parameters and tokens/s, as one table. */
export function trainingSummaryBlocks(x: Ctx, e: TrainingEstimate): Block[] {
  const { t, locale } = x;
  const s = e.settings;
  const share = e.training.allParameters > 0 ? (100 * e.training.trainableParameters) / e.training.allParameters : 0;
  const total =
    e.cpuBytes > 0 ? t('train.plan.summary.totalOffload', { totalBytes: e.bytes.total, cpuBytes: e.cpuBytes }) : gib(e.bytes.total);
  const rows: string[][] = [
    [t('train.plan.summary.verdict'), e.verdict ? verdictCell(x, e) : t('train.plan.summary.noHardware')],
    [t('train.plan.summary.total'), total],
    [t('train.method'), t('train.plan.summary.methodValue', { method: t(`train.method.${s.method}`), trainer: s.runtime })],
    [t('train.plan.summary.gpus'), gpusCell(x, e)],
    [
      t('train.plan.summary.trainable'),
      t('train.trainable', {
        trainable: formatNum(locale, e.training.trainableParameters),
        all: formatNum(locale, e.training.allParameters),
        percent: formatNum(locale, share, share < 1 ? 3 : 1),
      }),
    ],
    [t('train.speed'), trainingSpeedText(x, e)],
    [t('train.plan.summary.batch'), t('train.effectiveBatch', { batch: e.training.effectiveBatch, seq: formatNum(locale, s.seq) })],
  ];
  return [
    {
      type: 'table',
      id: 'train-summary',
      headers: [t('plan.col.item'), t('plan.col.value')],
      numeric: [false, false],
      rows,
      highlight: [0],
    },
  ];
}

/** In a fine-tune plan, the inference sections follow under their own title, saying what they are about. */
export function sectionInferencePart(x: Ctx): Block[] {
  if (!x.plan.training) return [];
  return [
    { type: 'heading', level: 1, text: x.t('train.plan.inference.title', { model: x.plan.model.name }) },
    { type: 'paragraph', text: x.t('train.plan.inference.intro', { quant: x.plan.quant.label, runtime: x.plan.runtime }) },
  ];
}
