// Synthetic GGUF files for architectures whose layers differ from one another (hybrid recurrent/attention
// stacks): the tensor list is the engine's own listTensors(spec), and the metadata is what llama.cpp's
// loader for that architecture reads. That is still an independent check: llama.cpp refuses a file with
// a missing, extra or wrongly shaped tensor ("wrong number of tensors", "tensor ... has wrong shape"),
// and the KV / state / compute buffers it then allocates come from its own hparams, not from ours.

import { isQuantizableRole } from '../../src/core/quant/recipes';
import { ggmlType } from '../../src/core/quant/ggml-types';
import { kvHeadsAt, isRecurrentLayer, listTensors } from '../../src/core/model/tensors';
import type { ModelSpec } from '../../src/core/model/types';
import { bool, f32, numArr, recipeType, u32, type Kv, type SyntheticFileType, type TensorSpec } from './gguf-writer';

/** A spec-driven synthetic model: `spec` decides every tensor and hyper-parameter. */
export interface SpecModelFields {
  spec: ModelSpec;
  fileType: SyntheticFileType;
}

/** llama-quantize's type for each tensor; a row that cannot hold the type's blocks falls back to F16 like its fallback chain ends. */
export function specTensorList(m: SpecModelFields): TensorSpec[] {
  const { spec } = m;
  return listTensors(spec).map((t) => {
    if (!isQuantizableRole(t.role, t.shape.length)) return { name: t.name, dims: t.shape, type: 'F32' };
    const type = recipeType(m.fileType, t.name, t.layer, spec.layers);
    const ne0 = t.shape[0] ?? 0;
    return { name: t.name, dims: t.shape, type: ne0 % ggmlType(type).blockSize === 0 ? type : 'F16' };
  });
}

/** One value per layer, as llama.cpp's get_key_or_arr reads it. */
const perLayer = (spec: ModelSpec, f: (il: number) => number): number[] => Array.from({ length: spec.layers }, (_, il) => f(il));

/** Feed-forward width llama.cpp reads as n_ff: Granite's MoE layers size their experts with it. */
function ffnKv(a: string, spec: ModelSpec): Kv[] {
  const moe = spec.moe;
  if (spec.ffnPerLayer) return [[`${a}.feed_forward_length`, numArr('u32', spec.ffnPerLayer)]];
  // Granite 4.0-H and MiniMax-M2 size their experts with n_ff itself.
  const ff = (a === 'granitehybrid' || a === 'minimax-m2') && moe ? moe.expertFfnSize : spec.intermediateSize;
  const out: Kv[] = [[`${a}.feed_forward_length`, u32(ff)]];
  if (moe) {
    out.push([`${a}.expert_count`, u32(moe.experts)], [`${a}.expert_used_count`, u32(moe.expertsActive)]);
    out.push([`${a}.expert_feed_forward_length`, u32(moe.expertFfnSize)]);
    if (moe.sharedExperts > 0) {
      // Some loaders read the shared width, others compute it as n_ff_exp × n_expert_shared: write both.
      out.push([`${a}.expert_shared_feed_forward_length`, u32((moe.sharedExpertFfnSize ?? moe.expertFfnSize) * moe.sharedExperts)]);
      out.push([`${a}.expert_shared_count`, u32(moe.sharedExperts)]);
    }
    if (moe.denseLeadingLayers > 0) out.push([`${a}.leading_dense_block_count`, u32(moe.denseLeadingLayers)]);
    // ERNIE 4.5's loader requires the MoE layer interval.
    if (a === 'ernie4_5-moe') out.push([`${a}.interleave_moe_layer_step`, u32(moe.layerStep)]);
    // Sigmoid routing (llama_expert_gating_func_type 2) where the model has a score-correction bias.
    if (moe.scoreCorrectionBias) out.push([`${a}.expert_gating_func`, u32(2)], [`${a}.expert_weights_norm`, bool(true)]);
  }
  return out;
}

/** The recurrent mixer's sizes under llama.cpp's ssm.* / shortconv.* keys. */
function mixerKvs(a: string, spec: ModelSpec): Kv[] {
  const mixer = spec.recurrent?.mixer;
  if (!mixer) return [];
  switch (mixer.kind) {
    case 'shortconv':
      return [[`${a}.shortconv.l_cache`, u32(mixer.lCache)]];
    case 'mamba2':
      return [
        [`${a}.ssm.conv_kernel`, u32(mixer.dConv)],
        [`${a}.ssm.inner_size`, u32(mixer.dInner)],
        [`${a}.ssm.state_size`, u32(mixer.dState)],
        [`${a}.ssm.time_step_rank`, u32(mixer.nHead)],
        [`${a}.ssm.group_count`, u32(mixer.nGroup)],
      ];
    case 'gated-deltanet':
      return [
        [`${a}.ssm.conv_kernel`, u32(mixer.dConv)],
        [`${a}.ssm.inner_size`, u32(mixer.headVDim * mixer.vHeads)],
        [`${a}.ssm.state_size`, u32(mixer.headKDim)],
        [`${a}.ssm.time_step_rank`, u32(mixer.vHeads)],
        [`${a}.ssm.group_count`, u32(mixer.kHeads)],
      ];
  }
}

/** Gemma 3n: per-layer input width, KV-sharing layers and the final logit soft-cap its loader reads (AltUp 4 and LAuReL 64 are llama.cpp defaults). */
function gemma3nKvs(a: string, spec: ModelSpec): Kv[] {
  if (!spec.altup) return [];
  return [
    [`${a}.embedding_length_per_layer_input`, u32(spec.altup.perLayerWidth)],
    [`${a}.attention.shared_kv_layers`, u32(spec.layers - (spec.kvLayers ?? spec.layers))],
    [`${a}.final_logit_softcapping`, f32(30)],
  ];
}

/** `<arch>.*` metadata of a spec-driven model (general.* and the tokenizer are the writer's). */
export function specArchKvs(m: SpecModelFields, contextLength: number): Kv[] {
  const { spec } = m;
  const a = spec.architecture;
  // Granite 4.0-H, Nemotron-H and LFM2 mark their recurrent layers with a KV head count of 0; Qwen3-Next
  // derives them from full_attention_interval.
  const kvPerLayer = a !== 'qwen3next';
  const kv: Kv[] = [
    [`${a}.context_length`, u32(contextLength)],
    [`${a}.embedding_length`, u32(spec.hiddenSize)],
    [`${a}.block_count`, u32(spec.layers)],
    [`${a}.attention.head_count`, u32(spec.heads)],
    kvPerLayer
      ? [
          `${a}.attention.head_count_kv`,
          numArr(
            'u32',
            perLayer(spec, (il) => (isRecurrentLayer(spec, il) ? 0 : kvHeadsAt(spec, il))),
          ),
        ]
      : [`${a}.attention.head_count_kv`, u32(kvHeadsAt(spec, spec.layers - 1))],
    [`${a}.attention.key_length`, u32(spec.headDimK)],
    [`${a}.attention.value_length`, u32(spec.headDimV)],
    [`${a}.attention.layer_norm_rms_epsilon`, f32(1e-6)],
    // Nemotron-H's loader reads the LayerNorm key although its blocks use RMS norm.
    ...(a === 'nemotron_h' ? ([[`${a}.attention.layer_norm_epsilon`, f32(1e-5)]] as Kv[]) : []),
    [`${a}.rope.freq_base`, f32(10000)],
    [`${a}.rope.dimension_count`, u32(spec.headDimK)],
    ...ffnKv(a, spec),
    ...(spec.slidingWindow ? ([[`${a}.attention.sliding_window`, u32(spec.slidingWindow.window)]] as Kv[]) : []),
    ...gemma3nKvs(a, spec),
    ...mixerKvs(a, spec),
  ];
  return kv;
}
