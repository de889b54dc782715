// A synthetic vision projector (mmproj) for tests of the projector reader, the CLI and the app's import:
// the header keys llama.cpp's clip loader reads, and tensor bytes counted by the test itself from the ggml
// type table (independent of the reader under test).

import { ggmlBytes, ggmlType } from '../../src/core/quant/ggml-types';
import { str, u32, type Kv, type TensorSpec } from './gguf-writer';

/** A SigLIP-shaped projector (Gemma 3's: 896 px, 14 px patches, 1152 wide, 4304 FFN, 16 heads), 2 layers. */
export const SIGLIP_PROJECTOR_KV: Kv[] = [
  ['general.architecture', str('clip')],
  ['clip.projector_type', str('gemma3')],
  ['clip.vision.image_size', u32(896)],
  ['clip.vision.patch_size', u32(14)],
  ['clip.vision.embedding_length', u32(1152)],
  ['clip.vision.feed_forward_length', u32(4304)],
  ['clip.vision.attention.head_count', u32(16)],
  ['clip.vision.block_count', u32(2)],
];

/** Bytes of the tensors as ggml stores them, tensor by tensor. */
export const tensorBytes = (ts: TensorSpec[]): number =>
  ts.reduce(
    (a, t) =>
      a +
      ggmlBytes(
        ggmlType(t.type),
        t.dims.reduce((x, d) => x * d, 1),
      ),
    0,
  );
