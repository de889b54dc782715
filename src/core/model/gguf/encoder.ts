// A GGUF of an encoder-only embedding or reranker model (llama.cpp's bert, nomic-bert, jina-bert-v2/v3
// architectures): the parts of the spec the decoder reading cannot see. Such a file has no output.weight
// because the model has no output head, not because the head is tied, and llama.cpp gives it no KV cache.

import type { TensorInfo } from '../../estimate/types';
import type { EncoderSpec, ModelSpec } from '../types';

export const ENCODER_ARCHITECTURES: readonly string[] = ['bert', 'nomic-bert', 'nomic-bert-moe', 'jina-bert-v2', 'jina-bert-v3'];

/** Sets spec.encoder from the tensor table and undoes the "no output.weight means tied" reading. */
export function applyGgufEncoder(spec: ModelSpec, tensors: readonly TensorInfo[]): void {
  if (!ENCODER_ARCHITECTURES.includes(spec.architecture)) return;
  const byName = new Map(tensors.map((t) => [t.name, t]));
  const rows = (name: string, absent: number): number => {
    const t = byName.get(name);
    return t ? (t.shape[1] ?? 1) : absent;
  };
  const cls = byName.get('cls.output.weight');
  const encoder: EncoderSpec = {
    positions: rows('position_embd.weight', 0),
    tokenTypes: rows('token_types.weight', 0),
    fusedQkv: byName.has('blk.0.attn_qkv.weight'),
    ...(cls ? { classifier: { labels: cls.shape[1] ?? 1 } } : {}),
    // The file holds what llama.cpp loads; a checkpoint's pooler was dropped at conversion.
    unloadedParameters: 0,
  };
  spec.encoder = encoder;
  spec.tiedEmbeddings = false;
}
