// Gemma 3n's extra tensors, as llama.cpp's gemma3n loader creates them (src/models/gemma3n.cpp): the
// per-layer embedding table and its projection, AltUp's predict/correct blocks and LAuReL's low-rank
// residual on every layer. Names follow llama-arch.cpp.

import type { TensorSpec } from './tensors';
import type { ModelSpec } from './types';

/** Model-level AltUp / per-layer-input tensors. */
export function altupGlobalTensors(out: TensorSpec[], spec: ModelSpec): void {
  const a = spec.altup;
  if (!a) return;
  const h = spec.hiddenSize;
  const perLayer = a.perLayerWidth * spec.layers;
  out.push({ name: 'altup_proj.weight', shape: [h, h, a.inputs - 1], layer: null, role: 'altup' });
  out.push({ name: 'altup_unembd_proj.weight', shape: [h, h, a.inputs - 1], layer: null, role: 'altup' });
  // One extra embedding row per token for every layer: 256 × 35 = 8960 wide on E4B, the model's largest tensor.
  out.push({ name: 'per_layer_token_embd.weight', shape: [perLayer, spec.vocabSize], layer: null, role: 'per_layer_embd' });
  out.push({ name: 'per_layer_model_proj.weight', shape: [h, perLayer], layer: null, role: 'altup' });
  out.push({ name: 'per_layer_proj_norm.weight', shape: [a.perLayerWidth], layer: null, role: 'output_norm' });
}

/** AltUp and LAuReL tensors of layer `il`. */
export function altupLayerTensors(out: TensorSpec[], spec: ModelSpec, il: number, p: string): void {
  const a = spec.altup;
  if (!a) return;
  const h = spec.hiddenSize;
  const n = a.inputs;
  const t = (name: string, shape: number[], role: TensorSpec['role']) => out.push({ name: `${p}${name}.weight`, shape, layer: il, role });
  t('inp_gate', [h, a.perLayerWidth], 'altup');
  t('proj', [a.perLayerWidth, h], 'altup');
  t('post_norm', [h], 'norm');
  t('altup_correct_coef', [n, n], 'altup');
  t('altup_correct_scale', [h], 'norm');
  t('altup_predict_coef', [n, n * n], 'altup');
  t('altup_router', [h, n], 'altup');
  t('altup_router_norm', [h], 'norm');
  t('laurel_l', [h, a.laurelRank], 'altup');
  t('laurel_r', [a.laurelRank, h], 'altup');
  t('laurel_post_norm', [h], 'norm');
}
