// The tensor inventory of an encoder-only embedding or reranker model, in the names and shapes llama.cpp's
// BERT-family loaders expect (src/models/bert.cpp, nomic-bert.cpp, jina-bert-v3.cpp): token, token-type and
// (for absolute positions) position tables, an embedding LayerNorm, then per block q/k/v (or one fused qkv),
// the attention output, a post-attention LayerNorm, the FFN and a post-FFN LayerNorm. There is no output
// head: the pooled hidden state is the result, or for a reranker the cls / cls.output classification head.

import type { TensorSpec } from './tensors';
import type { EncoderSpec, ModelSpec } from './types';

/** A 1-D vector stored as [n] or a [n, 1] matrix: ggml counts both as one dimension, so neither is quantised. */
function vector(name: string, n: number, layer: number | null): TensorSpec {
  return { name, shape: [n], layer, role: 'bias' };
}

function layerNorm(out: TensorSpec[], name: string, h: number, layer: number | null): void {
  out.push({ name: `${name}.weight`, shape: [h], layer, role: 'norm' }, vector(`${name}.bias`, h, layer));
}

function encoderBlock(out: TensorSpec[], spec: ModelSpec, enc: EncoderSpec, il: number): void {
  const h = spec.hiddenSize;
  const p = `blk.${il}.`;
  const q = spec.heads * spec.headDimK;
  const kv = (typeof spec.kvHeads === 'number' ? spec.kvHeads : spec.heads) * spec.headDimK;
  if (enc.fusedQkv) {
    out.push({ name: `${p}attn_qkv.weight`, shape: [h, q + 2 * kv], layer: il, role: 'attn_qkv' });
    if (spec.bias.qkv) out.push(vector(`${p}attn_qkv.bias`, q + 2 * kv, il));
  } else {
    for (const [n, w, role] of [
      ['attn_q', q, 'attn_q'],
      ['attn_k', kv, 'attn_k'],
      ['attn_v', kv, 'attn_v'],
    ] as const) {
      out.push({ name: `${p}${n}.weight`, shape: [h, w], layer: il, role });
      if (spec.bias.qkv) out.push(vector(`${p}${n}.bias`, w, il));
    }
  }
  out.push({ name: `${p}attn_output.weight`, shape: [q, h], layer: il, role: 'attn_output' });
  if (spec.bias.attnOut) out.push(vector(`${p}attn_output.bias`, h, il));
  layerNorm(out, `${p}attn_output_norm`, h, il);
  const ff = spec.intermediateSize;
  out.push({ name: `${p}ffn_up.weight`, shape: [h, ff], layer: il, role: 'ffn_up' });
  if (spec.bias.ffn) out.push(vector(`${p}ffn_up.bias`, ff, il));
  if (spec.gatedFfn) out.push({ name: `${p}ffn_gate.weight`, shape: [h, ff], layer: il, role: 'ffn_gate' });
  out.push({ name: `${p}ffn_down.weight`, shape: [ff, h], layer: il, role: 'ffn_down' });
  if (spec.bias.ffn) out.push(vector(`${p}ffn_down.bias`, h, il));
  layerNorm(out, `${p}layer_output_norm`, h, il);
}

export function encoderTensors(spec: ModelSpec, enc: EncoderSpec): TensorSpec[] {
  const h = spec.hiddenSize;
  const out: TensorSpec[] = [{ name: 'token_embd.weight', shape: [h, spec.vocabSize], layer: null, role: 'token_embd' }];
  // XLM-RoBERTa's single token type is an [h, 1] matrix, which ggml counts as a vector.
  if (enc.tokenTypes > 1) out.push({ name: 'token_types.weight', shape: [h, enc.tokenTypes], layer: null, role: 'pos_embd' });
  else if (enc.tokenTypes === 1) out.push(vector('token_types.weight', h, null));
  if (enc.positions > 0) out.push({ name: 'position_embd.weight', shape: [h, enc.positions], layer: null, role: 'pos_embd' });
  layerNorm(out, 'token_embd_norm', h, null);
  for (let il = 0; il < spec.layers; il++) encoderBlock(out, spec, enc, il);
  if (enc.classifier) {
    const labels = enc.classifier.labels;
    out.push({ name: 'cls.weight', shape: [h, h], layer: null, role: 'cls' }, vector('cls.bias', h, null));
    if (labels === 1) out.push(vector('cls.output.weight', h, null));
    else out.push({ name: 'cls.output.weight', shape: [h, labels], layer: null, role: 'cls' });
    out.push(vector('cls.output.bias', labels, null));
  }
  return out;
}
