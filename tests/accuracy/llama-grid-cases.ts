// The case grid of the llama.cpp accuracy run: small synthetic models (so the whole grid takes seconds on
// two cores) across weight types, contexts, flash attention, KV types, parallel sequences and ubatch.

import type { SyntheticModel } from '../support/gguf-writer';
import type { LlamaCase } from './llama-harness';
import { buildFamilyCases } from './llama-grid-families';
import { buildHybridCases } from './llama-grid-hybrid';

const llamaBase = {
  architecture: 'llama',
  layers: 4,
  hidden: 512,
  ff: 1536,
  heads: 8,
  kvHeads: 2,
  vocab: 4096,
  contextLength: 32768,
} as const;
const qwen2Base = {
  architecture: 'qwen2',
  layers: 4,
  hidden: 512,
  ff: 1536,
  heads: 8,
  kvHeads: 4,
  vocab: 5000,
  contextLength: 32768,
  tied: true,
} as const;
const gemma3Base = {
  architecture: 'gemma3',
  layers: 6,
  hidden: 512,
  ff: 1536,
  heads: 8,
  kvHeads: 2,
  headDim: 128,
  vocab: 4096,
  contextLength: 32768,
  slidingWindow: 512,
} as const;
const gemma2Base = {
  architecture: 'gemma2',
  layers: 4,
  hidden: 512,
  ff: 1536,
  heads: 8,
  kvHeads: 4,
  vocab: 4096,
  contextLength: 32768,
  slidingWindow: 1024,
} as const;
const qwen3moeBase = {
  architecture: 'qwen3moe',
  layers: 4,
  hidden: 512,
  ff: 1536,
  heads: 8,
  kvHeads: 2,
  headDim: 128,
  vocab: 4096,
  contextLength: 32768,
  experts: 16,
  expertsUsed: 4,
  expertFf: 256,
} as const;
const qwen2moeBase = {
  architecture: 'qwen2moe',
  layers: 4,
  hidden: 512,
  ff: 1536,
  heads: 8,
  kvHeads: 8,
  vocab: 4096,
  contextLength: 32768,
  experts: 8,
  expertsUsed: 2,
  expertFf: 256,
  sharedExpertFf: 512,
} as const;

// A Qwen-sized vocabulary with a 2048-token ubatch: logits alone are 1.16 GiB, so the 10 % compute
// target binds instead of the 64 MiB floor.
const wideBase = {
  architecture: 'qwen2',
  layers: 2,
  hidden: 1024,
  ff: 2816,
  heads: 16,
  kvHeads: 2,
  vocab: 151936,
  contextLength: 32768,
} as const;

export const WIDE_MODEL: SyntheticModel = { ...wideBase, fileType: 'Q8_0' };

export const GRID_MODELS: SyntheticModel[] = [
  { ...llamaBase, fileType: 'F16' },
  { ...llamaBase, fileType: 'Q8_0' },
  { ...llamaBase, fileType: 'Q4_K_M' },
  { ...qwen2Base, fileType: 'Q8_0' },
  { ...qwen2Base, fileType: 'Q4_K_M' },
  { ...gemma3Base, fileType: 'F16' },
  { ...gemma3Base, fileType: 'Q4_K_M' },
  { ...gemma2Base, fileType: 'Q8_0' },
  { ...qwen3moeBase, fileType: 'Q4_K_M' },
  { ...qwen2moeBase, fileType: 'Q8_0' },
];

const VARIANTS: Array<{ fa: boolean; kv: 'f16' | 'q8_0' }> = [
  { fa: false, kv: 'f16' },
  { fa: true, kv: 'f16' },
  // llama.cpp refuses a quantised V cache without flash attention, so q8_0 runs with FA only.
  { fa: true, kv: 'q8_0' },
];

function caseId(m: SyntheticModel, ctx: number, fa: boolean, kv: string, extra = ''): string {
  return `${m.architecture}-${m.fileType} ctx${ctx} fa-${fa ? 'on' : 'off'} kv-${kv}${extra}`;
}

export function buildGrid(): LlamaCase[] {
  const cases: LlamaCase[] = [];
  for (const model of GRID_MODELS) {
    for (const context of [512, 4096, 32768]) {
      for (const v of VARIANTS) cases.push({ id: caseId(model, context, v.fa, v.kv), model, context, flashAttention: v.fa, kvType: v.kv });
    }
  }
  const llamaQ4 = GRID_MODELS[2]!;
  const gemma3 = GRID_MODELS[5]!;
  // Padding: a context that is not a multiple of 256.
  for (const v of VARIANTS)
    cases.push({ id: caseId(llamaQ4, 3000, v.fa, v.kv), model: llamaQ4, context: 3000, flashAttention: v.fa, kvType: v.kv });
  // Parallel sequences and physical batch sizes.
  for (const fa of [false, true]) {
    cases.push({
      id: caseId(llamaQ4, 4096, fa, 'f16', ' np4'),
      model: llamaQ4,
      context: 4096,
      flashAttention: fa,
      kvType: 'f16',
      sequences: 4,
    });
  }
  for (const batch of [256, 1024]) {
    cases.push({
      id: caseId(llamaQ4, 4096, false, 'f16', ` ub${batch}`),
      model: llamaQ4,
      context: 4096,
      flashAttention: false,
      kvType: 'f16',
      batch,
    });
  }
  cases.push({
    id: caseId(gemma3, 8192, true, 'f16', ' np2'),
    model: gemma3,
    context: 8192,
    flashAttention: true,
    kvType: 'f16',
    sequences: 2,
  });
  for (const [context, fa] of [
    [4096, true],
    [4096, false],
    [16384, true],
  ] as const) {
    cases.push({
      id: caseId(WIDE_MODEL, context, fa, 'f16', ' ub2048 wide'),
      model: WIDE_MODEL,
      context,
      flashAttention: fa,
      kvType: 'f16',
      batch: 2048,
    });
  }
  // Hybrid recurrent/attention stacks (Qwen3-Next, Granite 4.0-H, Nemotron-H, LFM2): KV + RS state.
  cases.push(...buildHybridCases(caseId));
  // 2025–26 attention families (GLM-4.5, MiniMax-M2, Seed-OSS, SmolLM3, ERNIE 4.5 MoE, OLMo 3 sliding window).
  cases.push(...buildFamilyCases(caseId));
  return cases;
}
