// Tensors and per-sequence state of recurrent token mixers, as llama.cpp loads them (src/models/
// granite-hybrid.cpp and nemotron-h.cpp for Mamba-2, qwen3next.cpp for gated DeltaNet, lfm2.cpp for the
// short convolution) and sizes their state (llama-hparams.cpp n_embd_r / n_embd_s).

import type { TensorSpec } from './tensors';
import type { ModelSpec, RecurrentMixer } from './types';

/**
 * State elements one recurrent layer keeps per sequence, in its two parts: `conv`, the convolution's last
 * d_conv − 1 inputs (llama.cpp's n_embd_r), and `ssm`, the SSM / delta-rule matrix (n_embd_s). Runtimes
 * store them in different types (llama.cpp both f32; SGLang the convolution in bf16).
 */
export function mixerStateParts(mixer: RecurrentMixer, hidden: number): { conv: number; ssm: number } {
  switch (mixer.kind) {
    case 'mamba2': {
      const convChannels = mixer.dInner + 2 * mixer.nGroup * mixer.dState;
      return { conv: (mixer.dConv - 1) * convChannels, ssm: mixer.dState * mixer.dInner };
    }
    case 'gated-deltanet': {
      // llama.cpp stores it as ssm_d_inner = value dim, ssm_d_state = head_k_dim, ssm_n_group = k heads.
      const value = mixer.headVDim * mixer.vHeads;
      const convChannels = value + 2 * mixer.kHeads * mixer.headKDim;
      return { conv: (mixer.dConv - 1) * convChannels, ssm: mixer.headKDim * value };
    }
    case 'shortconv':
      // n_embd_r only; llama.cpp keeps no second state for LFM2 (n_embd_s is 0 without ssm sizes).
      return { conv: hidden * (mixer.lCache - 1), ssm: 0 };
  }
}

/**
 * Bytes one recurrent layer keeps per sequence with its convolution and SSM parts in the given types; a state known
 * only by its size (no mixer) takes `ssm` bytes throughout. Runtimes differ only in those types.
 */
export function recurrentStateBytesPerLayer(spec: ModelSpec, bytes: { conv: number; ssm: number }): number {
  const rec = spec.recurrent;
  if (!rec) return 0;
  if (!rec.mixer) return rec.stateElementsPerLayer * bytes.ssm;
  const p = mixerStateParts(rec.mixer, spec.hiddenSize);
  return p.conv * bytes.conv + p.ssm * bytes.ssm;
}

/** State elements one recurrent layer keeps per sequence (both parts), f32 in llama.cpp's "RS" buffer. */
export function mixerStateElements(mixer: RecurrentMixer, hidden: number): number {
  const p = mixerStateParts(mixer, hidden);
  return p.conv + p.ssm;
}

function mamba2(out: TensorSpec[], m: Extract<RecurrentMixer, { kind: 'mamba2' }>, h: number, il: number, p: string): void {
  const conv = m.dInner + 2 * m.nGroup * m.dState;
  out.push({ name: `${p}ssm_in.weight`, shape: [h, 2 * m.dInner + 2 * m.nGroup * m.dState + m.nHead], layer: il, role: 'ssm_in' });
  out.push({ name: `${p}ssm_conv1d.weight`, shape: [m.dConv, conv], layer: il, role: 'ssm_conv' });
  if (m.convBias) out.push({ name: `${p}ssm_conv1d.bias`, shape: [conv], layer: il, role: 'bias' });
  out.push({ name: `${p}ssm_dt.bias`, shape: [m.nHead], layer: il, role: 'bias' });
  // A and D have no ".weight" suffix, so llama-quantize leaves them F32 although they are 2-D.
  out.push({ name: `${p}ssm_a`, shape: [1, m.nHead], layer: il, role: 'ssm_param' });
  out.push({ name: `${p}ssm_d`, shape: [1, m.nHead], layer: il, role: 'ssm_param' });
  out.push({ name: `${p}ssm_norm.weight`, shape: [m.dInner / m.nGroup, m.nGroup], layer: il, role: 'norm' });
  out.push({ name: `${p}ssm_out.weight`, shape: [m.dInner, h], layer: il, role: 'ssm_out' });
}

function deltaNet(out: TensorSpec[], m: Extract<RecurrentMixer, { kind: 'gated-deltanet' }>, h: number, il: number, p: string): void {
  const key = m.headKDim * m.kHeads;
  const value = m.headVDim * m.vHeads;
  // Current converters split HF's in_proj_qkvz into attn_qkv + attn_gate (older files: one ssm_in of
  // the same element count).
  out.push({ name: `${p}attn_qkv.weight`, shape: [h, 2 * key + value], layer: il, role: 'attn_qkv' });
  out.push({ name: `${p}attn_gate.weight`, shape: [h, value], layer: il, role: 'attn_gate' });
  out.push({ name: `${p}ssm_conv1d.weight`, shape: [m.dConv, 2 * key + value], layer: il, role: 'ssm_conv' });
  out.push({ name: `${p}ssm_dt.bias`, shape: [m.vHeads], layer: il, role: 'bias' });
  out.push({ name: `${p}ssm_a`, shape: [m.vHeads], layer: il, role: 'ssm_param' });
  out.push({ name: `${p}ssm_ba.weight`, shape: [h, 2 * m.vHeads], layer: il, role: 'ssm_in' });
  out.push({ name: `${p}ssm_norm.weight`, shape: [m.headVDim], layer: il, role: 'norm' });
  out.push({ name: `${p}ssm_out.weight`, shape: [value, h], layer: il, role: 'ssm_out' });
}

/** The mixer tensors of recurrent layer `il` (norms and FFN are listed by the caller). */
export function mixerTensors(out: TensorSpec[], mixer: RecurrentMixer, hidden: number, il: number, p: string): void {
  switch (mixer.kind) {
    case 'mamba2':
      mamba2(out, mixer, hidden, il, p);
      break;
    case 'gated-deltanet':
      deltaNet(out, mixer, hidden, il, p);
      break;
    case 'shortconv':
      out.push({ name: `${p}shortconv.conv.weight`, shape: [mixer.lCache, hidden], layer: il, role: 'ssm_conv' });
      out.push({ name: `${p}shortconv.in_proj.weight`, shape: [hidden, 3 * hidden], layer: il, role: 'ssm_in' });
      out.push({ name: `${p}shortconv.out_proj.weight`, shape: [hidden, hidden], layer: il, role: 'ssm_out' });
      break;
  }
}
