// A vision projector (llama.cpp "mmproj" GGUF, tools/mtmd/clip.cpp) from its header: the weights are the
// sum of its tensors' bytes (exact: clip.cpp loads every tensor of the file into one backend buffer), and
// the compute buffer is what clip.cpp reserves at warmup for one image of clip.vision.image_size pixels.

import type { GgufHeader, GgufValue } from '../model/gguf/parse';

export interface ProjectorInfo {
  /** clip.projector_type ("mlp", "gemma3", "qwen2.5vl_merger", …), or null when the file does not say. */
  projectorType: string | null;
  tensorCount: number;
  /** Sum of tensor bytes by ggml type, exactly as stored. */
  weightsBytes: number;
  /** Patches (tokens) of the warmup image: (image_size / patch_size)². */
  imageTokens: number;
  /** clip.vision.embedding_length. */
  encoderWidth: number;
  computeBytes: number;
  /** The formula with its numbers, for the report. */
  computeBasis: string;
}

export class ProjectorError extends Error {}

function num(v: GgufValue | undefined): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return null;
}

function need(h: GgufHeader, key: string): number {
  const v = num(h.metadata.get(key));
  if (v === null || !Number.isFinite(v) || v <= 0)
    throw new ProjectorError(`it has no ${key}, so it is not a vision projector (mmproj) GGUF.`);
  return v;
}

/**
 * Compute buffer of the ViT graph (clip_graph::build_vit) for n = (image_size / patch_size)² patches, in f32.
 * ggml-alloc reuses freed tensors, so the peak is the larger of the two steps of a layer:
 * - attention: residual, normed input, Q, K, V and the attention output (6 × n_embd per patch), plus, without
 *   flash attention, the KQ scores and their softmax (2 × n_head × n per patch);
 * - FFN: residual, normed input, the up projection with its activation run in place over it (ggml-alloc's
 *   ggml_op_can_inplace lists GELU), and the down projection's output (3 × n_embd + n_ff per patch). This
 *   reproduces the one measured warmup we hold exactly: Gemma 3 4B's SigLIP (4,096 patches, 1,152 wide,
 *   4,304 FFN) reserves 121.25 MiB = 4 × 4,096 × (3 × 1,152 + 4,304) B (ggml-org/llama.cpp PR #22790,
 *   tests/fixtures/multi); counting the activation as a second n_ff tensor gave 170.5 MiB.
 * clip.cpp's warmup() tries flash attention first (CLIP_FLASH_ATTN_TYPE_AUTO), so FA is the default here.
 * This is read from the graph, not measured, and leaves out the patch embedding and the projector's own
 * merge layers (smaller than one ViT layer's FFN for the projectors in llama.cpp). The warmup image is
 * clip.vision.image_size square for fixed-resolution encoders (SigLIP in Gemma 3, CLIP in LLaVA); for
 * dynamic-resolution ones clip.cpp warms up with a per-model preset instead (Qwen3-VL: 2,116 tokens, a
 * 1472 × 1472 image, per ggml-org/llama.cpp PR #17638), so for those this is an estimate of the same form.
 */
export function projectorCompute(n: number, nEmbd: number, nFf: number, nHead: number, flashAttention: boolean): number {
  const attention = 6 * nEmbd + (flashAttention ? 0 : 2 * nHead * n);
  const ffn = 3 * nEmbd + nFf;
  return 4 * n * Math.max(attention, ffn);
}

export function projectorFromGguf(h: GgufHeader, opts: { flashAttention?: boolean } = {}): ProjectorInfo {
  const arch = h.metadata.get('general.architecture');
  if (arch !== 'clip')
    throw new ProjectorError(
      `its general.architecture is ${typeof arch === 'string' ? `"${arch}"` : 'missing'}, not "clip", so it is not a projector (mmproj) GGUF.`,
    );
  if (h.tensors.length === 0) throw new ProjectorError('it lists no tensors.');
  const imageSize = need(h, 'clip.vision.image_size');
  const patchSize = need(h, 'clip.vision.patch_size');
  const nEmbd = need(h, 'clip.vision.embedding_length');
  const nFf = need(h, 'clip.vision.feed_forward_length');
  const nHead = need(h, 'clip.vision.attention.head_count');
  const side = Math.floor(imageSize / patchSize);
  const n = side * side;
  const fa = opts.flashAttention ?? true;
  const computeBytes = projectorCompute(n, nEmbd, nFf, nHead, fa);
  const type = h.metadata.get('clip.projector_type');
  return {
    projectorType: typeof type === 'string' ? type : null,
    tensorCount: h.tensors.length,
    weightsBytes: h.tensors.reduce((a, t) => a + t.bytes, 0),
    imageTokens: n,
    encoderWidth: nEmbd,
    computeBytes,
    computeBasis: `4 B × ${n} patches ((${imageSize}/${patchSize})²) × max(6 × ${nEmbd}${fa ? '' : ` + 2 × ${nHead} × ${n}`}, 3 × ${nEmbd} + ${nFf})`,
  };
}
