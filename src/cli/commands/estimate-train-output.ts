// Text output of `estimate --train`: the settings in one line, the per-GPU components with their
// formulas, the peak, the verdict per GPU, speed and the remedies with what each saves.

import type { ChosenHardware } from '../../core/advice/choice';
import { verdictLabel } from '../../core/advice/describe';
import type { ModelSpec } from '../../core/model/types';
import type { TrainComponentKey, TrainRemedy, TrainingEstimate } from '../../core/train';
import { formatBytes, formatGiB, formatParameterCount } from '../../core/units';

const REMEDY_TEXT: Record<TrainRemedy['id'], (r: TrainRemedy) => string> = {
  'micro-batch': (r) => `micro-batch ${r.settings.batch} with ${r.settings.gradAccum} accumulation steps`,
  checkpointing: () => 'gradient checkpointing on',
  'optimizer-8bit': (r) => `8-bit optimizer (${r.settings.optimizer})`,
  qlora: () => 'QLoRA (4-bit NF4 base)',
  'shorter-seq': (r) => `sequences of ${r.settings.seq} tokens`,
  'zero3-offload': () => 'ZeRO-3 with optimizer and parameters offloaded to CPU',
};

const ORDER: TrainComponentKey[] = ['weights', 'gradients', 'optimizer', 'activations', 'logits', 'overhead'];

function settingsLine(e: TrainingEstimate): string {
  const s = e.settings;
  const lora =
    s.method === 'full'
      ? ''
      : ` r=${s.lora.rank} alpha=${s.lora.alpha} targets=${s.lora.targets === 'all-linear' ? 'all-linear' : s.lora.targets.join(',')}${s.method === 'qlora' ? ` double-quant=${s.doubleQuant ? 'on' : 'off'}` : ''}`;
  const dist = s.gpus > 1 || s.zero > 0 ? ` ZeRO-${s.zero} on ${s.gpus} GPU${s.gpus > 1 ? 's' : ''}` : '';
  return `${s.method}${lora}, ${s.runtime}, batch ${s.batch} × ${s.seq} tokens, ${s.optimizer}, checkpointing ${s.checkpointing}${dist}${s.offload !== 'none' ? `, offload ${s.offload}` : ''}`;
}

export function trainText(spec: ModelSpec, e: TrainingEstimate, chosen: ChosenHardware): string[] {
  const t = e.training;
  const out = [
    `Model     ${spec.name} (${formatParameterCount(t.baseParameters)} parameters)`,
    `Training  ${settingsLine(e)}`,
    `Trainable ${t.trainableParameters.toLocaleString('en-US')} parameters (${((100 * t.trainableParameters) / t.baseParameters).toFixed(2)} %)`,
    '',
    'Per GPU',
  ];
  for (const k of ORDER) out.push(`  ${k.padEnd(12)} ${formatBytes(e.bytes[k]).padStart(11)}  ${e.components[k].formula}`);
  out.push(`  ${'total'.padEnd(12)} ${formatBytes(e.bytes.total).padStart(11)}  peak at the end of ${e.peak.phase}: ${e.peak.formula}`);
  if (e.cpuBytes > 0) out.push(`  CPU RAM      ${formatBytes(e.cpuBytes).padStart(11)}  offloaded`);
  out.push('');
  if (e.verdict) {
    out.push(`Hardware  ${chosen.label}`);
    out.push(`Verdict   ${verdictLabel('en', e.verdict)}`);
    for (const d of e.devices)
      out.push(`  ${d.name}: ${formatGiB(d.totalBytes)}, ${formatGiB(Math.max(0, d.freeBytes))} free after training`);
  } else out.push('Hardware  none chosen (give --gpu ID[xN] for a verdict)');
  const tps = e.speed.tokensPerSecond;
  out.push(`Speed     ${tps ? `≈ ${Math.round(tps).toLocaleString('en-US')} tokens/s` : 'unknown without a GPU'} (${e.speed.formula})`);
  if (e.remedies.length > 0) {
    out.push('', 'To use less memory');
    for (const r of e.remedies)
      out.push(
        `  - ${REMEDY_TEXT[r.id](r)}: saves ${formatGiB(r.savesBytes)} → ${formatGiB(r.totalBytes)}${r.verdict ? ` (${verdictLabel('en', r.verdict).toLowerCase()})` : ''}`,
      );
  }
  for (const n of e.notes) out.push(`Note: ${n}`);
  return out;
}
