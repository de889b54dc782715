// The tensor inventory of a decoder-only model, named and shaped the way a GGUF file stores it, so a
// ModelSpec without a file can be priced tensor by tensor exactly like a real GGUF header would be.
// Shapes are ggml order: ne[0] is the input (row) dimension, which is what quantisation blocks run along.

import { altupGlobalTensors, altupLayerTensors } from './tensors-gemma3n';
import { encoderTensors } from './tensors-encoder';
import { mixerTensors } from './tensors-recurrent';
import type { ModelSpec } from './types';

export type TensorRole =
  | 'token_embd'
  | 'output'
  | 'output_norm'
  | 'norm'
  | 'bias'
  | 'attn_q'
  | 'attn_k'
  | 'attn_v'
  | 'attn_qkv'
  | 'attn_output'
  | 'attn_sinks'
  | 'attn_q_a'
  | 'attn_q_b'
  | 'attn_kv_a_mqa'
  | 'attn_kv_b'
  | 'ffn_gate'
  | 'ffn_up'
  | 'ffn_down'
  | 'ffn_gate_inp'
  | 'ffn_gate_exps'
  | 'ffn_up_exps'
  | 'ffn_down_exps'
  | 'ffn_gate_shexp'
  | 'ffn_up_shexp'
  | 'ffn_down_shexp'
  | 'ffn_gate_inp_shexp'
  | 'exp_probs_b'
  /** Recurrent mixers: input and output projections (quantised like any matrix). */
  | 'ssm_in'
  | 'ssm_out'
  /** Convolution kernels (d_conv wide): llama-quantize keeps them F32. */
  | 'ssm_conv'
  /** Mamba's A and D, stored without a ".weight" suffix, so never quantised. */
  | 'ssm_param'
  /** Qwen3-Next's output gate of a linear-attention layer. */
  | 'attn_gate'
  /** DeepSeek V3.2's lightning indexer projections (wq_b, wk). */
  | 'indexer'
  /** The indexer's per-head weights projection, which DeepSeek's checkpoints keep in 16 bits. */
  | 'indexer_proj'
  /** Gemma 3n's AltUp / LAuReL / per-layer projections, which llama-quantize leaves unquantised. */
  | 'altup'
  /** Gemma 3n's per-layer token embedding table. */
  | 'per_layer_embd'
  /** BERT's learned position and token-type tables: llama-quantize leaves them in the converter's 16-bit type. */
  | 'pos_embd'
  /** A reranker's classification dense layer (llama.cpp cls.weight), quantised like any other matrix. */
  | 'cls';

export interface TensorSpec {
  name: string;
  /** ggml order (innermost first). */
  shape: number[];
  /** Block index for blk.N.* tensors, null for token_embd / output / output_norm. */
  layer: number | null;
  role: TensorRole;
}

export function tensorElements(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** KV heads of one layer (per-layer arrays for Nemotron-style models). */
export function kvHeadsAt(spec: ModelSpec, layer: number): number {
  const kv = spec.kvHeads;
  if (typeof kv === 'number') return kv;
  return kv[layer] ?? kv[kv.length - 1] ?? spec.heads;
}

/** MoE layers follow llama.cpp: after the dense leading layers, every `layerStep`-th block ((il+1) % step == 0). */
export function isMoeLayer(spec: ModelSpec, layer: number): boolean {
  const moe = spec.moe;
  if (!moe || moe.experts <= 1) return false;
  if (moe.layers) return moe.layers.includes(layer);
  if (layer < moe.denseLeadingLayers) return false;
  const step = Math.max(1, moe.layerStep);
  return (layer + 1) % step === 0;
}

export function isRecurrentLayer(spec: ModelSpec, layer: number): boolean {
  return spec.recurrent?.layers.includes(layer) ?? false;
}

/**
 * Sliding-window layers, llama.cpp's swa pattern: in each group of `period` layers all but the last are
 * local. Gemma 3 → layers 5, 11, … are global; gpt-oss and Gemma 2 → odd layers are global.
 */
export function isSlidingLayer(spec: ModelSpec, layer: number): boolean {
  const sw = spec.slidingWindow;
  if (!sw || sw.window <= 0) return false;
  const period = Math.max(1, sw.period);
  if (period === 1) return true;
  return (layer + 1) % period !== 0;
}

/** GGUF stores q/k/v as one fused tensor for these architectures (and Phi-3 fuses gate+up). */
function fusesQkv(spec: ModelSpec): boolean {
  return spec.architecture === 'phi3' || spec.architecture === 'falcon';
}

function pushNorm(out: TensorSpec[], spec: ModelSpec, prefix: string, name: string, width: number, layer: number | null): void {
  out.push({ name: `${prefix}${name}.weight`, shape: [width], layer, role: layer === null ? 'output_norm' : 'norm' });
  if (spec.normBias) out.push({ name: `${prefix}${name}.bias`, shape: [width], layer, role: 'bias' });
}

/** DeepSeek V3.2's lightning indexer (llama.cpp deepseek32 loader): its own key projection, LayerNorm and per-head weights. */
function indexerTensors(out: TensorSpec[], spec: ModelSpec, il: number, p: string): void {
  const ix = spec.indexer!;
  const h = spec.hiddenSize;
  out.push({ name: `${p}indexer.k_norm.weight`, shape: [ix.headDim], layer: il, role: 'norm' });
  out.push({ name: `${p}indexer.k_norm.bias`, shape: [ix.headDim], layer: il, role: 'bias' });
  out.push({ name: `${p}indexer.proj.weight`, shape: [h, ix.heads], layer: il, role: 'indexer_proj' });
  out.push({ name: `${p}indexer.attn_k.weight`, shape: [h, ix.headDim], layer: il, role: 'indexer' });
  out.push({ name: `${p}indexer.attn_q_b.weight`, shape: [spec.mla?.qLoraRank ?? h, ix.heads * ix.headDim], layer: il, role: 'indexer' });
}

function attentionTensors(out: TensorSpec[], spec: ModelSpec, il: number, p: string): void {
  const h = spec.hiddenSize;
  const H = spec.heads;
  const mla = spec.mla;
  if (mla) {
    const qk = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
    if (mla.qLoraRank > 0) {
      out.push({ name: `${p}attn_q_a.weight`, shape: [h, mla.qLoraRank], layer: il, role: 'attn_q_a' });
      out.push({ name: `${p}attn_q_a_norm.weight`, shape: [mla.qLoraRank], layer: il, role: 'norm' });
      out.push({ name: `${p}attn_q_b.weight`, shape: [mla.qLoraRank, H * qk], layer: il, role: 'attn_q_b' });
    } else {
      out.push({ name: `${p}attn_q.weight`, shape: [h, H * qk], layer: il, role: 'attn_q' });
    }
    out.push({
      name: `${p}attn_kv_a_mqa.weight`,
      shape: [h, mla.kvLoraRank + mla.qkRopeHeadDim],
      layer: il,
      role: 'attn_kv_a_mqa',
    });
    out.push({ name: `${p}attn_kv_a_norm.weight`, shape: [mla.kvLoraRank], layer: il, role: 'norm' });
    out.push({
      name: `${p}attn_kv_b.weight`,
      shape: [mla.kvLoraRank, H * (mla.qkNopeHeadDim + mla.vHeadDim)],
      layer: il,
      role: 'attn_kv_b',
    });
    out.push({ name: `${p}attn_output.weight`, shape: [H * mla.vHeadDim, h], layer: il, role: 'attn_output' });
    if (spec.indexer) indexerTensors(out, spec, il, p);
    return;
  }
  const K = kvHeadsAt(spec, il);
  if (K === 0) return; // Nemotron-style blocks without attention.
  const qDim = H * spec.headDimK;
  // Qwen3-Next's q projection also emits the sigmoid output gate: [h, 2·heads·head_dim].
  const qOut = spec.attnOutputGate ? 2 * qDim : qDim;
  const kDim = K * spec.headDimK;
  const vDim = K * spec.headDimV;
  if (fusesQkv(spec)) {
    out.push({ name: `${p}attn_qkv.weight`, shape: [h, qDim + kDim + vDim], layer: il, role: 'attn_qkv' });
    if (spec.bias.qkv) out.push({ name: `${p}attn_qkv.bias`, shape: [qDim + kDim + vDim], layer: il, role: 'bias' });
  } else {
    out.push({ name: `${p}attn_q.weight`, shape: [h, qOut], layer: il, role: 'attn_q' });
    out.push({ name: `${p}attn_k.weight`, shape: [h, kDim], layer: il, role: 'attn_k' });
    out.push({ name: `${p}attn_v.weight`, shape: [h, vDim], layer: il, role: 'attn_v' });
    if (spec.bias.qkv) {
      out.push({ name: `${p}attn_q.bias`, shape: [qDim], layer: il, role: 'bias' });
      out.push({ name: `${p}attn_k.bias`, shape: [kDim], layer: il, role: 'bias' });
      out.push({ name: `${p}attn_v.bias`, shape: [vDim], layer: il, role: 'bias' });
    }
  }
  if (spec.qkNorm) {
    const d = spec.headDimK;
    const [q, k] = spec.qkNormPerHead
      ? [
          [d, H],
          [d, K],
        ]
      : spec.qkNormFull
        ? [[H * d], [K * d]]
        : [[d], [d]];
    out.push({ name: `${p}attn_q_norm.weight`, shape: q, layer: il, role: 'norm' });
    out.push({ name: `${p}attn_k_norm.weight`, shape: k, layer: il, role: 'norm' });
  }
  out.push({ name: `${p}attn_output.weight`, shape: [H * spec.headDimV, h], layer: il, role: 'attn_output' });
  if (spec.bias.attnOut) out.push({ name: `${p}attn_output.bias`, shape: [h], layer: il, role: 'bias' });
  if (spec.attentionSinks) out.push({ name: `${p}attn_sinks.weight`, shape: [H], layer: il, role: 'attn_sinks' });
}

function denseFfnTensors(out: TensorSpec[], spec: ModelSpec, il: number, p: string, ff: number): void {
  const h = spec.hiddenSize;
  if (spec.gatedFfn && spec.architecture === 'phi3') {
    // Phi-3 GGUFs keep gate and up as one [h, 2·ff] matrix.
    out.push({ name: `${p}ffn_up.weight`, shape: [h, 2 * ff], layer: il, role: 'ffn_up' });
  } else {
    if (spec.gatedFfn) out.push({ name: `${p}ffn_gate.weight`, shape: [h, ff], layer: il, role: 'ffn_gate' });
    out.push({ name: `${p}ffn_up.weight`, shape: [h, ff], layer: il, role: 'ffn_up' });
  }
  out.push({ name: `${p}ffn_down.weight`, shape: [ff, h], layer: il, role: 'ffn_down' });
  if (spec.bias.ffn) {
    if (spec.gatedFfn) out.push({ name: `${p}ffn_gate.bias`, shape: [ff], layer: il, role: 'bias' });
    out.push({ name: `${p}ffn_up.bias`, shape: [ff], layer: il, role: 'bias' });
    out.push({ name: `${p}ffn_down.bias`, shape: [h], layer: il, role: 'bias' });
  }
}

function moeFfnTensors(out: TensorSpec[], spec: ModelSpec, il: number, p: string): void {
  const moe = spec.moe!;
  const h = spec.hiddenSize;
  const E = moe.experts;
  const ff = moe.expertFfnSize;
  out.push({ name: `${p}ffn_gate_inp.weight`, shape: [h, E], layer: il, role: 'ffn_gate_inp' });
  if (moe.routerBias) out.push({ name: `${p}ffn_gate_inp.bias`, shape: [E], layer: il, role: 'bias' });
  if (moe.scoreCorrectionBias) out.push({ name: `${p}exp_probs_b.bias`, shape: [E], layer: il, role: 'exp_probs_b' });
  if (spec.gatedFfn) out.push({ name: `${p}ffn_gate_exps.weight`, shape: [h, ff, E], layer: il, role: 'ffn_gate_exps' });
  out.push({ name: `${p}ffn_up_exps.weight`, shape: [h, ff, E], layer: il, role: 'ffn_up_exps' });
  out.push({ name: `${p}ffn_down_exps.weight`, shape: [ff, h, E], layer: il, role: 'ffn_down_exps' });
  if (moe.expertBias) {
    if (spec.gatedFfn) out.push({ name: `${p}ffn_gate_exps.bias`, shape: [ff, E], layer: il, role: 'bias' });
    out.push({ name: `${p}ffn_up_exps.bias`, shape: [ff, E], layer: il, role: 'bias' });
    out.push({ name: `${p}ffn_down_exps.bias`, shape: [h, E], layer: il, role: 'bias' });
  }
  if (moe.sharedExperts > 0) {
    const sff = (moe.sharedExpertFfnSize ?? ff) * moe.sharedExperts;
    if (moe.sharedExpertGate) {
      out.push({ name: `${p}ffn_gate_inp_shexp.weight`, shape: [h], layer: il, role: 'ffn_gate_inp_shexp' });
    }
    if (spec.gatedFfn) out.push({ name: `${p}ffn_gate_shexp.weight`, shape: [h, sff], layer: il, role: 'ffn_gate_shexp' });
    out.push({ name: `${p}ffn_up_shexp.weight`, shape: [h, sff], layer: il, role: 'ffn_up_shexp' });
    out.push({ name: `${p}ffn_down_shexp.weight`, shape: [sff, h], layer: il, role: 'ffn_down_shexp' });
  }
}

/** Norm vector names per layer, in GGUF naming, for 1, 2 and 4 norms per block. */
function layerNormNames(spec: ModelSpec): string[] {
  if (spec.normsPerLayer <= 1) return ['attn_norm'];
  if (spec.normsPerLayer === 2) {
    // Qwen3-Next and GLM-4.5 norm before the mixer and before the FFN under these names; OLMo 2 after each.
    const a = spec.architecture;
    if (a === 'qwen3next' || a === 'glm4moe' || a === 'seed_oss') return ['attn_norm', 'post_attention_norm'];
    if (a === 'olmo2') return ['post_attention_norm', 'post_ffw_norm'];
  }
  if (spec.normsPerLayer === 2) return ['attn_norm', 'ffn_norm'];
  if (spec.normsPerLayer === 3) return ['attn_norm', 'post_attention_norm', 'ffn_norm'];
  return ['attn_norm', 'post_attention_norm', 'ffn_norm', 'post_ffw_norm'];
}

/** Every tensor of the model in GGUF naming. Pure function of the spec; callers may cache per spec. */
export function listTensors(spec: ModelSpec): TensorSpec[] {
  if (spec.encoder) return encoderTensors(spec, spec.encoder);
  const out: TensorSpec[] = [];
  const h = spec.hiddenSize;
  const V = spec.vocabSize;
  out.push({ name: 'token_embd.weight', shape: [h, V], layer: null, role: 'token_embd' });
  const norms = layerNormNames(spec);
  for (let il = 0; il < spec.layers; il++) {
    const p = `blk.${il}.`;
    for (const n of norms) pushNorm(out, spec, p, n, h, il);
    const mixer = spec.recurrent?.mixer;
    if (!isRecurrentLayer(spec, il)) attentionTensors(out, spec, il, p);
    else if (mixer) mixerTensors(out, mixer, h, il, p);
    const ff = spec.ffnPerLayer?.[il] ?? spec.intermediateSize;
    if (isMoeLayer(spec, il)) moeFfnTensors(out, spec, il, p);
    else if (ff > 0) denseFfnTensors(out, spec, il, p, ff);
    altupLayerTensors(out, spec, il, p);
  }
  altupGlobalTensors(out, spec);
  // LFM2's final norm keeps the name its first converter gave it.
  pushNorm(out, spec, '', spec.architecture === 'lfm2' || spec.architecture === 'lfm2moe' ? 'token_embd_norm' : 'output_norm', h, null);
  if (!spec.tiedEmbeddings) out.push({ name: 'output.weight', shape: [h, V], layer: null, role: 'output' });
  return out;
}
