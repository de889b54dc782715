// Hybrid stacks in the llama.cpp grid: small models of each 2025–26 family llama.cpp supports, built the
// way the app builds them (a config.json through specFromHfConfig), written as GGUF from the resulting
// spec and loaded by the real allocator. Their recurrent layers hold a fixed f32 state per sequence (the
// "RS" buffer) next to a KV cache for the attention layers only.

import { specFromHfConfig } from '../../src/core/model/from-hf-config';
import type { SyntheticArch, SyntheticFileType, SyntheticModel } from '../support/gguf-writer';
import type { LlamaCase } from './llama-harness';

const common = { vocab_size: 4096, max_position_embeddings: 32768, tie_word_embeddings: false };

const LFM2 = {
  ...common,
  model_type: 'lfm2',
  hidden_size: 512,
  num_hidden_layers: 6,
  num_attention_heads: 8,
  num_key_value_heads: 2,
  full_attn_idxs: [2, 5],
  conv_L_cache: 3,
  intermediate_size: 1536,
};

/** Config fields of each family, shrunk; the field names are those of the released config.json files. */
export const HYBRID_CONFIGS: Record<string, Record<string, unknown>> = {
  qwen3next: {
    ...common,
    model_type: 'qwen3_next',
    hidden_size: 512,
    num_hidden_layers: 4,
    num_attention_heads: 4,
    num_key_value_heads: 2,
    head_dim: 128,
    num_experts: 16,
    num_experts_per_tok: 4,
    moe_intermediate_size: 256,
    shared_expert_intermediate_size: 256,
    linear_num_key_heads: 4,
    linear_key_head_dim: 64,
    linear_num_value_heads: 8,
    linear_value_head_dim: 64,
    linear_conv_kernel_dim: 4,
    full_attention_interval: 4,
  },
  granitehybrid: {
    ...common,
    model_type: 'granitemoehybrid',
    hidden_size: 512,
    num_hidden_layers: 4,
    num_attention_heads: 8,
    num_key_value_heads: 4,
    layer_types: ['mamba', 'mamba', 'mamba', 'attention'],
    mamba_expand: 2,
    mamba_n_heads: 16,
    mamba_d_head: 64,
    mamba_d_state: 64,
    mamba_n_groups: 1,
    mamba_d_conv: 4,
    num_local_experts: 8,
    num_experts_per_tok: 2,
    intermediate_size: 256,
    shared_intermediate_size: 512,
  },
  nemotron_h: {
    ...common,
    model_type: 'nemotron_h',
    hidden_size: 512,
    num_hidden_layers: 6,
    hybrid_override_pattern: 'M-*-M-',
    num_attention_heads: 8,
    num_key_value_heads: 2,
    head_dim: 64,
    intermediate_size: 1536,
    mamba_num_heads: 16,
    mamba_head_dim: 64,
    ssm_state_size: 64,
    n_groups: 2,
    conv_kernel: 4,
  },
  lfm2: LFM2,
  // LFM2-8B-A1B's shape, shrunk: two dense leading layers, then 16 routed experts with an expert bias.
  lfm2moe: {
    ...LFM2,
    model_type: 'lfm2_moe',
    num_dense_layers: 2,
    num_experts: 16,
    num_experts_per_tok: 4,
    moe_intermediate_size: 256,
    use_expert_bias: true,
  },
};

/** A synthetic model built the app's way: the config through specFromHfConfig, the GGUF from the spec. */
export function specModel(arch: SyntheticArch, config: Record<string, unknown> | undefined, fileType: SyntheticFileType): SyntheticModel {
  if (!config) throw new Error(`no config for ${arch}`);
  const { spec } = specFromHfConfig(config, { id: `synthetic-${arch}` });
  return {
    architecture: arch,
    layers: spec.layers,
    hidden: spec.hiddenSize,
    ff: spec.intermediateSize,
    heads: spec.heads,
    kvHeads: typeof spec.kvHeads === 'number' ? spec.kvHeads : Math.max(...spec.kvHeads),
    headDim: spec.headDimK,
    vocab: spec.vocabSize,
    contextLength: spec.maxContext,
    fileType,
    spec,
  };
}

export function hybridModel(arch: SyntheticArch, fileType: SyntheticFileType): SyntheticModel {
  return specModel(arch, HYBRID_CONFIGS[arch], fileType);
}

export const HYBRID_MODELS: SyntheticModel[] = [
  hybridModel('qwen3next', 'Q4_K_M'),
  hybridModel('granitehybrid', 'Q8_0'),
  hybridModel('nemotron_h', 'Q4_K_M'),
  hybridModel('lfm2', 'F16'),
  hybridModel('lfm2moe', 'Q4_K_M'),
];

export type CaseId = (m: SyntheticModel, ctx: number, fa: boolean, kv: string, extra?: string) => string;

/** Two contexts × the three FA / KV variants, and four sequences (per-sequence state), per model. */
export function buildSpecCases(models: SyntheticModel[], caseId: CaseId): LlamaCase[] {
  const cases: LlamaCase[] = [];
  for (const model of models) {
    for (const context of [4096, 32768]) {
      for (const v of [
        { fa: false, kv: 'f16' as const },
        { fa: true, kv: 'f16' as const },
        { fa: true, kv: 'q8_0' as const },
      ]) {
        cases.push({ id: caseId(model, context, v.fa, v.kv), model, context, flashAttention: v.fa, kvType: v.kv });
      }
    }
    // Recurrent state is one row per sequence: four sequences hold four times the RS buffer.
    cases.push({ id: caseId(model, 4096, true, 'f16', ' np4'), model, context: 4096, flashAttention: true, kvType: 'f16', sequences: 4 });
  }
  return cases;
}

export function buildHybridCases(caseId: CaseId): LlamaCase[] {
  return buildSpecCases(HYBRID_MODELS, caseId);
}
