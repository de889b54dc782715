// Parameter counts from the tensor inventory. Convention (reference/catalog-notes.md): unique
// parameters (a tied lm_head counts once), embeddings included in both totals, and the active count
// keeps the whole router and shared experts but only `expertsActive` of the routed experts.

import { listTensors, tensorElements, type TensorSpec } from './tensors';
import type { ModelSpec } from './types';

const ROUTED = new Set<string>(['ffn_gate_exps', 'ffn_up_exps', 'ffn_down_exps']);

function isRoutedExpertTensor(t: TensorSpec): boolean {
  if (ROUTED.has(t.role)) return true;
  // Expert biases are [ff|h, E] vectors that scale with the expert count like the matrices.
  return t.role === 'bias' && /_exps\.bias$/.test(t.name);
}

export function countFromTensors(spec: ModelSpec, tensors: readonly TensorSpec[]): { total: number; active: number } {
  let total = 0;
  let routed = 0;
  for (const t of tensors) {
    const n = tensorElements(t.shape);
    total += n;
    if (isRoutedExpertTensor(t)) routed += n;
  }
  const moe = spec.moe;
  const activeFraction = moe && moe.experts > 0 ? Math.min(1, moe.expertsActive / moe.experts) : 1;
  const active = total - routed + routed * activeFraction;
  return { total, active: Math.round(active) };
}

export function countParameters(spec: ModelSpec): { total: number; active: number } {
  const listed = countFromTensors(spec, listTensors(spec));
  // The checkpoint's BERT pooler is a parameter of the model but no tensor llama.cpp loads.
  const unloaded = spec.encoder?.unloadedParameters ?? 0;
  const counted = { total: listed.total + unloaded, active: listed.active + unloaded };
  if (spec.parameterCountOverride && spec.parameterCountOverride > 0) {
    // A stated exact total wins; the active share is carried over proportionally.
    const ratio = counted.total > 0 ? counted.active / counted.total : 1;
    return { total: spec.parameterCountOverride, active: Math.round(spec.parameterCountOverride * ratio) };
  }
  return counted;
}
