// `estimate --train` options turned into TrainingSettings. The flags are the exact contract;
// everything not given keeps the chosen training runtime's defaults (core/train defaultTrainingSettings).

import {
  LORA_TARGETS,
  TRAIN_OPTIMIZERS,
  TRAIN_RUNTIMES,
  defaultTrainingSettings,
  type LoraTarget,
  type TrainMethod,
  type TrainOptimizer,
  type TrainRuntime,
  type TrainingSettings,
  type ZeroStage,
} from '../../core/train';
import { CliError } from '../types';
import type { TrainValues as Values } from './estimate-train-options';

const METHODS: readonly TrainMethod[] = ['full', 'lora', 'qlora'];

function whole(text: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim().toLowerCase();
  const k = /^(\d+)k$/.exec(t);
  const n = k ? Number(k[1]) * 1024 : /^\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new CliError(`${flag} needs a whole number from ${min} to ${max}, not "${text}".`);
  return n;
}

function onOff(text: string | undefined, flag: string): boolean | undefined {
  if (text === undefined) return undefined;
  const t = text.trim().toLowerCase();
  if (t === 'on') return true;
  if (t === 'off') return false;
  throw new CliError(`${flag} must be on or off, not "${text}".`);
}

function targets(text: string): 'all-linear' | LoraTarget[] {
  const t = text.trim().toLowerCase();
  if (t === 'all-linear') return 'all-linear';
  const parts = t.split(',').map((p) => p.trim().replace(/_proj$/, ''));
  const bad = parts.filter((p) => !(LORA_TARGETS as readonly string[]).includes(p));
  if (parts.length === 0 || bad.length > 0)
    throw new CliError(`--targets takes all-linear or a list of ${LORA_TARGETS.join(',')}; "${bad.join(',') || text}" is not one.`);
  return [...new Set(parts)] as LoraTarget[];
}

/** The runtime for training: --runtime names the training stack when --train is given (default transformers). */
function trainRuntime(v: Values): TrainRuntime {
  const r = (v.runtime ?? 'transformers').trim().toLowerCase();
  if (!(TRAIN_RUNTIMES as readonly string[]).includes(r))
    throw new CliError(`With --train, --runtime must be one of ${TRAIN_RUNTIMES.join(', ')}, not "${v.runtime}".`);
  return r as TrainRuntime;
}

export function buildTrainingSettings(v: Values, gpus: number): TrainingSettings {
  const method = v.train!.trim().toLowerCase() as TrainMethod;
  if (!METHODS.includes(method)) throw new CliError(`--train must be full, lora or qlora, not "${v.train}".`);
  const s = defaultTrainingSettings(method, trainRuntime(v));
  s.gpus = Math.max(1, gpus);
  const rank = whole(v.rank, '--rank', 1, 4096);
  if (rank !== undefined) s.lora = { ...s.lora, rank, alpha: 2 * rank };
  if (v.targets !== undefined) s.lora = { ...s.lora, targets: targets(v.targets) };
  s.batch = whole(v.batch, '--batch', 1, 1024) ?? s.batch;
  s.seq = whole(v.seq, '--seq', 16, 1_048_576) ?? s.seq;
  if (v.optimizer !== undefined) {
    const o = v.optimizer.trim().toLowerCase();
    if (!(TRAIN_OPTIMIZERS as readonly string[]).includes(o))
      throw new CliError(`--optimizer must be one of ${TRAIN_OPTIMIZERS.join(', ')}, not "${v.optimizer}".`);
    s.optimizer = o as TrainOptimizer;
  }
  const ckpt = onOff(v.checkpointing, '--checkpointing');
  if (ckpt !== undefined) s.checkpointing = ckpt ? (s.runtime === 'unsloth' ? 'offload' : 'on') : 'off';
  const zero = whole(v.zero, '--zero', 0, 3);
  if (zero !== undefined) s.zero = zero as ZeroStage;
  const dq = onOff(v['double-quant'], '--double-quant');
  if (dq !== undefined) {
    if (method !== 'qlora') throw new CliError('--double-quant applies to --train qlora only.');
    s.doubleQuant = dq;
  }
  if ((v.rank !== undefined || v.targets !== undefined) && method === 'full')
    throw new CliError('--rank and --targets apply to --train lora or qlora, not full fine-tuning.');
  return s;
}
