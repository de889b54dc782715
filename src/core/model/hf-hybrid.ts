// config.json → ModelSpec for hybrid stacks whose recurrent layers hold a fixed per-sequence state
// instead of a KV cache. Field names are those of transformers' configuration_qwen3_next.py,
// configuration_granitemoehybrid.py, configuration_nemotron_h.py and configuration_lfm2.py; the layer
// shapes follow llama.cpp's loaders (see tensors-recurrent.ts) so a config prices like the GGUF made from it.

import { ModelImportError, num, type Json } from './hf-fields';
import { mixerStateElements } from './tensors-recurrent';
import type { ModelSpec, MoeSpec, RecurrentMixer } from './types';

export const HYBRID_MODEL_TYPES = new Set(['qwen3_next', 'granitemoehybrid', 'nemotron_h', 'lfm2', 'lfm2_moe']);

function setRecurrent(spec: ModelSpec, layers: number[], mixer: RecurrentMixer): void {
  spec.recurrent = { layers, stateElementsPerLayer: mixerStateElements(mixer, spec.hiddenSize), mixer };
}

function indicesWhere(n: number, pred: (i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (pred(i)) out.push(i);
  return out;
}

/** Layer kinds from a `layer_types` list, when it has one entry per layer. */
function layerTypes(c: Json, layers: number): string[] | undefined {
  const t = c.layer_types;
  if (!Array.isArray(t) || t.length !== layers || !t.every((x): x is string => typeof x === 'string')) return undefined;
  return t;
}

/** Qwen3-Next: gated DeltaNet on 3 of every 4 layers (full_attention_interval), gated full attention on the 4th. */
function qwen3Next(spec: ModelSpec, c: Json, warnings: string[]): void {
  const types = layerTypes(c, spec.layers);
  const interval = num(c, 'full_attention_interval') ?? 4;
  const linear = types
    ? indicesWhere(spec.layers, (i) => types[i] === 'linear_attention')
    : indicesWhere(spec.layers, (i) => (i + 1) % interval !== 0);
  const headKDim = num(c, 'linear_key_head_dim') ?? 128;
  const headVDim = num(c, 'linear_value_head_dim') ?? 128;
  if (headKDim !== headVDim) {
    warnings.push(`linear_key_head_dim ${headKDim} differs from linear_value_head_dim ${headVDim}; llama.cpp assumes them equal.`);
  }
  setRecurrent(spec, linear, {
    kind: 'gated-deltanet',
    dConv: num(c, 'linear_conv_kernel_dim') ?? 4,
    headKDim,
    headVDim,
    kHeads: num(c, 'linear_num_key_heads') ?? 16,
    vHeads: num(c, 'linear_num_value_heads') ?? 32,
  });
  spec.qkNorm = true;
  spec.attnOutputGate = true;
}

/** IBM Granite 4.0-H: Mamba-2 or attention per `layer_types`, each followed by a MoE (or dense) FFN. */
function graniteHybrid(spec: ModelSpec, c: Json): void {
  const types = layerTypes(c, spec.layers);
  if (!types) throw new ModelImportError('The granitemoehybrid config has no usable "layer_types" list, so its Mamba layers are unknown.');
  const nHead = num(c, 'mamba_n_heads') ?? 128;
  const dInner = num(c, 'mamba_expand') !== undefined ? num(c, 'mamba_expand')! * spec.hiddenSize : nHead * (num(c, 'mamba_d_head') ?? 64);
  setRecurrent(
    spec,
    indicesWhere(spec.layers, (i) => types[i] === 'mamba'),
    {
      kind: 'mamba2',
      dConv: num(c, 'mamba_d_conv') ?? 4,
      dInner,
      dState: num(c, 'mamba_d_state') ?? 256,
      nGroup: num(c, 'mamba_n_groups') ?? 1,
      nHead,
      convBias: c.mamba_conv_bias !== false,
    },
  );
}

/** Granite 4.0-H MoE: routed experts of `intermediate_size` plus an ungated-router shared expert. */
export function graniteHybridMoe(c: Json): { moe?: MoeSpec; intermediate: number | undefined } {
  const experts = num(c, 'num_local_experts') ?? 0;
  const shared = num(c, 'shared_intermediate_size') ?? 0;
  // Dense Granite 4.0-H (Micro): no experts, the shared MLP is the layer's FFN.
  if (experts <= 1) return { intermediate: shared || num(c, 'intermediate_size') };
  return {
    moe: {
      experts,
      expertsActive: num(c, 'num_experts_per_tok') ?? 10,
      sharedExperts: shared > 0 ? 1 : 0,
      expertFfnSize: num(c, 'intermediate_size') ?? 0,
      ...(shared > 0 ? { sharedExpertFfnSize: shared } : {}),
      denseLeadingLayers: 0,
      layerStep: 1,
    },
    intermediate: undefined,
  };
}

/** Nemotron-H block kinds from `hybrid_override_pattern` (M, *, -, E) or `layers_block_type`. */
function nemotronPattern(c: Json, layers: number): string[] {
  const pattern = c.hybrid_override_pattern;
  if (typeof pattern === 'string' && pattern.length === layers) {
    const names: Record<string, string> = { M: 'mamba', '*': 'attention', '-': 'mlp', E: 'moe' };
    return [...pattern].map((ch) => names[ch] ?? ch);
  }
  const list = c.layers_block_type;
  if (Array.isArray(list) && list.length === layers) return list.map(String);
  throw new ModelImportError(
    `The nemotron_h config needs a "hybrid_override_pattern" of ${layers} characters (or "layers_block_type"), so its blocks cannot be told apart.`,
  );
}

/**
 * Nemotron 3's "E" blocks: squared-ReLU routed experts (up and down only) plus a shared expert, sigmoid
 * routing with a score-correction bias (llama.cpp nemotron_h_moe). The Super models' latent projection
 * (moe_latent_size) is not modelled and says so.
 */
function nemotronMoe(spec: ModelSpec, c: Json, moeLayers: number[], warnings: string[]): void {
  const shared = num(c, 'n_shared_experts') ?? 1;
  spec.moe = {
    experts: num(c, 'n_routed_experts') ?? 0,
    expertsActive: num(c, 'num_experts_per_tok') ?? 2,
    sharedExperts: shared,
    expertFfnSize: num(c, 'moe_intermediate_size') ?? 0,
    ...(shared > 0 ? { sharedExpertFfnSize: num(c, 'moe_shared_expert_intermediate_size') ?? num(c, 'moe_intermediate_size') ?? 0 } : {}),
    denseLeadingLayers: 0,
    layerStep: 1,
    layers: moeLayers,
    scoreCorrectionBias: true,
  };
  spec.architecture = 'nemotron_h_moe';
  const latent = num(c, 'moe_latent_size');
  if (latent) {
    const why = `Approximated because Nemotron-H's latent MoE (moe_latent_size ${latent}) is not modelled: experts are sized at the full width.`;
    spec.approximations = [...(spec.approximations ?? []), why];
    warnings.push(why);
  }
}

/** NVIDIA Nemotron-H: every block is one of Mamba-2, attention, a squared-ReLU MLP or a MoE, with one norm each. */
function nemotronH(spec: ModelSpec, c: Json, intermediate: number | undefined, warnings: string[]): void {
  const kinds = nemotronPattern(c, spec.layers);
  const unknown = [...new Set(kinds.filter((k) => k !== 'mamba' && k !== 'attention' && k !== 'mlp' && k !== 'moe'))];
  if (unknown.length > 0) {
    const why = `Approximated because Nemotron-H blocks of kind ${unknown.join(', ')} are not modelled: they are sized as dense MLP blocks.`;
    spec.approximations = [...(spec.approximations ?? []), why];
    warnings.push(why);
  }
  const kv = typeof spec.kvHeads === 'number' ? spec.kvHeads : spec.heads;
  spec.kvHeads = kinds.map((k) => (k === 'attention' ? kv : 0));
  spec.ffnPerLayer = kinds.map((k) => (k === 'mamba' || k === 'attention' || k === 'moe' ? 0 : (intermediate ?? 0)));
  if (kinds.includes('moe'))
    nemotronMoe(
      spec,
      c,
      indicesWhere(spec.layers, (i) => kinds[i] === 'moe'),
      warnings,
    );
  spec.headDimK = spec.headDimV = num(c, 'attention_head_dim', 'head_dim') ?? spec.headDimK;
  spec.gatedFfn = false;
  spec.normsPerLayer = 1;
  const nHead = num(c, 'mamba_num_heads') ?? 128;
  setRecurrent(
    spec,
    indicesWhere(spec.layers, (i) => kinds[i] === 'mamba'),
    {
      kind: 'mamba2',
      dConv: num(c, 'conv_kernel') ?? 4,
      dInner: nHead * (num(c, 'mamba_head_dim') ?? 64),
      dState: num(c, 'ssm_state_size') ?? 128,
      nGroup: num(c, 'n_groups') ?? 8,
      nHead,
      convBias: c.use_conv_bias !== false,
    },
  );
}

/** LFM2's SwiGLU width: with block_auto_adjust_ff_dim the stated width is scaled by 2/3 and rounded up (dense LFM2 only). */
function lfm2FfnWidth(c: Json, moe: boolean): number | undefined {
  const stated = num(c, 'intermediate_size', 'block_ff_dim');
  // transformers' Lfm2Config defaults block_auto_adjust_ff_dim to True; the 350M/700M files quoted publicly leave it out.
  if (stated === undefined || moe || c.block_auto_adjust_ff_dim === false) return stated;
  let ff = Math.trunc((2 * stated) / 3);
  const mult = num(c, 'block_ffn_dim_multiplier');
  if (mult !== undefined) ff = Math.trunc(mult * ff);
  const multipleOf = num(c, 'block_multiple_of') ?? 256;
  return multipleOf * Math.ceil(ff / multipleOf);
}

/** Liquid LFM2: gated short convolutions (conv_L_cache taps) on most layers, GQA attention with QK-norm on the rest. */
function lfm2(spec: ModelSpec, c: Json): number | undefined {
  const types = layerTypes(c, spec.layers);
  const attnIdx = Array.isArray(c.full_attn_idxs) ? new Set(c.full_attn_idxs.filter((x): x is number => typeof x === 'number')) : null;
  if (!types && !attnIdx)
    throw new ModelImportError('The lfm2 config has neither "layer_types" nor "full_attn_idxs", so its convolution layers are unknown.');
  const isConv = (i: number) => (types ? types[i] === 'conv' : !attnIdx!.has(i));
  setRecurrent(spec, indicesWhere(spec.layers, isConv), { kind: 'shortconv', lCache: num(c, 'conv_L_cache') ?? 3 });
  spec.qkNorm = true;
  // Lfm2Config ties by default (tie_embedding, else True), which files without either key rely on.
  if (typeof c.tie_word_embeddings !== 'boolean')
    spec.tiedEmbeddings = typeof c.tie_embedding === 'boolean' ? c.tie_embedding : c.model_type === 'lfm2' || spec.tiedEmbeddings;
  return lfm2FfnWidth(c, c.model_type === 'lfm2_moe');
}

/** LFM2-MoE (LFM2-8B-A1B): num_dense_layers dense leading layers, then routed experts with an expert bias. */
export function lfm2Moe(c: Json): MoeSpec {
  return {
    experts: num(c, 'num_experts') ?? 0,
    expertsActive: num(c, 'num_experts_per_tok') ?? 4,
    sharedExperts: 0,
    expertFfnSize: num(c, 'moe_intermediate_size') ?? 0,
    denseLeadingLayers: num(c, 'num_dense_layers') ?? 0,
    layerStep: 1,
    ...(c.use_expert_bias !== false ? { scoreCorrectionBias: true } : {}),
  };
}

/** Applies a hybrid family's layer pattern and recurrent state; returns the dense FFN width to use. */
export function applyHybrid(
  spec: ModelSpec,
  modelType: string,
  c: Json,
  intermediate: number | undefined,
  warnings: string[],
): number | undefined {
  switch (modelType) {
    case 'qwen3_next':
      qwen3Next(spec, c, warnings);
      return intermediate;
    case 'granitemoehybrid':
      graniteHybrid(spec, c);
      return intermediate;
    case 'nemotron_h':
      nemotronH(spec, c, intermediate, warnings);
      return intermediate;
    case 'lfm2':
    case 'lfm2_moe':
      return lfm2(spec, c);
    default:
      return intermediate;
  }
}
