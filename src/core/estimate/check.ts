// Validation of a model description before estimate() prices it: numbers a broken import or a hostile
// file could carry, each with a sentence the user can act on.

import type { ModelSpec } from '../model/types';
import { EstimateInputError } from './settings';

function positiveInt(v: unknown, name: string): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0 || v > 1e8) {
    throw new EstimateInputError(`The model's ${name} is ${String(v)}, which is not a usable positive whole number.`);
  }
}

function wholeSize(v: unknown, name: string): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1e8) {
    throw new EstimateInputError(`The model's ${name} is ${String(v)}, which is not a usable whole number.`);
  }
}

export function checkSpec(spec: ModelSpec): void {
  if (typeof spec !== 'object' || spec === null)
    throw new EstimateInputError('The model is missing; pick a model or import a config first.');
  positiveInt(spec.layers, 'layers');
  positiveInt(spec.hiddenSize, 'hidden size');
  positiveInt(spec.heads, 'attention heads');
  positiveInt(spec.vocabSize, 'vocabulary size');
  if (spec.layers > 10000) throw new EstimateInputError(`The model's layer count of ${spec.layers} is not plausible.`);
  wholeSize(spec.headDimK, 'head dimension');
  wholeSize(spec.headDimV, 'value head dimension');
  wholeSize(spec.intermediateSize, 'feed-forward width');
  wholeSize(spec.normsPerLayer, 'norms per layer');
  const kv = spec.kvHeads;
  const kvOk =
    typeof kv === 'number'
      ? Number.isInteger(kv) && kv >= 0 && kv <= 1e6
      : Array.isArray(kv) && kv.every((k) => Number.isInteger(k) && k >= 0);
  if (!kvOk) throw new EstimateInputError(`The model's KV head count ${String(kv)} is not usable.`);
  if (typeof spec.bias !== 'object' || spec.bias === null) {
    throw new EstimateInputError('The model description is incomplete (no bias flags); re-import it.');
  }
  const moe = spec.moe;
  if (moe && !(Number.isInteger(moe.experts) && moe.experts > 0 && moe.experts <= 1e5 && moe.expertsActive > 0 && moe.expertFfnSize > 0)) {
    throw new EstimateInputError('The model’s mixture-of-experts fields are incomplete (experts, experts per token, expert width).');
  }
}
