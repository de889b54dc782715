// DeepSeek V2-Lite, V3, R1 and the R1 distills. V2/V3 use multi-head latent attention (MLA): the
// KV cache holds one 512-wide latent plus a 64-wide RoPE key per token and layer, shared by all heads.
// V3/R1 counts exclude the multi-token-prediction module (layer 61, about 14B) that the HF repo
// ships; llama.cpp and vLLM do not load it for plain decoding.

import type { CatalogModel } from '../types';
import { arch, entry, variant } from './build';

const ds = 'DeepSeek';

const v3 = arch({
  id: 'deepseek-v3', name: 'DeepSeek V3', architecture: 'deepseek2',
  layers: 61, hidden: 7168, ffn: 18432, heads: 128, kvHeads: 128, headDim: 192, headDimV: 128, vocab: 129280, tied: false, ctx: 163840,
  mla: { kvLoraRank: 512, qLoraRank: 1536, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 },
  moe: { experts: 256, expertsActive: 8, sharedExperts: 1, expertFfnSize: 2048, denseLeadingLayers: 3, scoreCorrectionBias: true },
});
const v2lite = arch({
  id: 'deepseek-v2-lite-chat', name: 'DeepSeek V2 Lite Chat', architecture: 'deepseek2',
  layers: 27, hidden: 2048, ffn: 10944, heads: 16, kvHeads: 16, headDim: 192, headDimV: 128, vocab: 102400, tied: false, ctx: 163840,
  mla: { kvLoraRank: 512, qLoraRank: 0, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 },
  moe: { experts: 64, expertsActive: 6, sharedExperts: 2, expertFfnSize: 1408, denseLeadingLayers: 1 },
});

// The distills are plain Qwen2.5 / Llama 3 checkpoints fine-tuned on R1 outputs.
const dq15 = arch({
  id: 'deepseek-r1-distill-qwen-1.5b', name: 'DeepSeek R1 Distill Qwen 1.5B', architecture: 'qwen2',
  layers: 28, hidden: 1536, ffn: 8960, heads: 12, kvHeads: 2, vocab: 151936, tied: false, ctx: 131072, qkvBias: true,
});
const dq7 = arch({
  id: 'deepseek-r1-distill-qwen-7b', name: 'DeepSeek R1 Distill Qwen 7B', architecture: 'qwen2',
  layers: 28, hidden: 3584, ffn: 18944, heads: 28, kvHeads: 4, vocab: 152064, tied: false, ctx: 131072, qkvBias: true,
});
const dq14 = arch({
  id: 'deepseek-r1-distill-qwen-14b', name: 'DeepSeek R1 Distill Qwen 14B', architecture: 'qwen2',
  layers: 48, hidden: 5120, ffn: 13824, heads: 40, kvHeads: 8, vocab: 152064, tied: false, ctx: 131072, qkvBias: true,
});
const dq32 = arch({
  id: 'deepseek-r1-distill-qwen-32b', name: 'DeepSeek R1 Distill Qwen 32B', architecture: 'qwen2',
  layers: 64, hidden: 5120, ffn: 27648, heads: 40, kvHeads: 8, vocab: 152064, tied: false, ctx: 131072, qkvBias: true,
});
const dl8 = arch({
  id: 'deepseek-r1-distill-llama-8b', name: 'DeepSeek R1 Distill Llama 8B', architecture: 'llama',
  layers: 32, hidden: 4096, ffn: 14336, heads: 32, kvHeads: 8, vocab: 128256, tied: false, ctx: 131072,
});
const dl70 = arch({
  id: 'deepseek-r1-distill-llama-70b', name: 'DeepSeek R1 Distill Llama 70B', architecture: 'llama',
  layers: 80, hidden: 8192, ffn: 28672, heads: 64, kvHeads: 8, vocab: 128256, tied: false, ctx: 131072,
});

const distill = { family: 'DeepSeek R1', publisher: ds, license: 'mit', released: '2025-01-20' } as const;
const v3Note = 'MLA: the KV cache stores a 576-wide latent per token and layer instead of 128 heads × 2 × 128. '
  + 'Count excludes the 14B MTP module and the FP8 scale tensors that the HF total (684.5B) includes.';

export const DEEPSEEK_MODELS: CatalogModel[] = [
  entry({
    spec: v3, family: 'DeepSeek V3', publisher: ds, hfRepo: 'deepseek-ai/DeepSeek-V3', license: 'deepseek', released: '2024-12-26',
    tags: ['chat', 'moe', 'code', 'multilingual'], parameterCount: 671_026_419_200, activeParameterCount: 37_552_297_472,
    parameterCountSource: { kind: 'exact', source: 'DeepSeek README_WEIGHTS: 671B main model', published: '671B total / 37B active' },
    notes: v3Note,
  }),
  entry({
    spec: variant(v3, 'deepseek-r1', 'DeepSeek R1'), family: 'DeepSeek R1', publisher: ds, hfRepo: 'deepseek-ai/DeepSeek-R1',
    license: 'mit', released: '2025-01-20', tags: ['reasoning', 'moe', 'chat'], parameterCount: 671_026_419_200,
    activeParameterCount: 37_552_297_472,
    parameterCountSource: { kind: 'exact', source: 'same shapes as DeepSeek-V3', published: '671B total / 37B active' },
    aliases: ['r1'], notes: v3Note,
  }),
  entry({
    spec: v2lite, family: 'DeepSeek V2', publisher: ds, hfRepo: 'deepseek-ai/DeepSeek-V2-Lite-Chat', license: 'deepseek',
    released: '2024-05-16', tags: ['chat', 'moe', 'small'], parameterCount: 15_706_484_224, activeParameterCount: 2_661_150_208,
    parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '15.7B total / 2.4B active' },
    notes: 'MLA without query compression (q_lora_rank null); first layer dense, then 64 routed + 2 shared experts.',
  }),
  entry({
    ...distill, spec: dq15, hfRepo: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B', tags: ['reasoning', 'small'],
    parameterCount: 1_777_088_000, parameterCountSource: { kind: 'exact', source: 'HF safetensors total', published: '1.78B' },
    aliases: ['r1', 'distill'], notes: 'Based on Qwen2.5-Math-1.5B: unlike Qwen2.5-1.5B its embeddings are not tied.',
  }),
  entry({
    ...distill, spec: dq7, hfRepo: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B', tags: ['reasoning'],
    parameterCount: 7_615_616_512,
    parameterCountSource: { kind: 'recomputed', source: 'Qwen2.5-Math-7B shapes', published: '7.62B', tolerance: 0.001 },
    aliases: ['r1', 'distill'], notes: 'Based on Qwen2.5-Math-7B.',
  }),
  entry({
    ...distill, spec: dq14, hfRepo: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-14B', tags: ['reasoning'],
    parameterCount: 14_770_033_664,
    parameterCountSource: { kind: 'recomputed', source: 'Qwen2.5-14B shapes', published: '14.8B', tolerance: 0.01 },
    aliases: ['r1', 'distill'],
  }),
  entry({
    ...distill, spec: dq32, hfRepo: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-32B', tags: ['reasoning'],
    parameterCount: 32_763_876_352,
    parameterCountSource: { kind: 'recomputed', source: 'Qwen2.5-32B shapes', published: '32.8B', tolerance: 0.002 },
    aliases: ['r1', 'distill'],
  }),
  entry({
    ...distill, spec: dl8, hfRepo: 'deepseek-ai/DeepSeek-R1-Distill-Llama-8B', tags: ['reasoning'],
    parameterCount: 8_030_261_248,
    parameterCountSource: { kind: 'recomputed', source: 'Llama-3.1-8B shapes', published: '8.03B', tolerance: 0.001 },
    aliases: ['r1', 'distill'], notes: 'Based on Llama-3.1-8B; Llama 3.1 license terms also apply.',
  }),
  entry({
    ...distill, spec: dl70, hfRepo: 'deepseek-ai/DeepSeek-R1-Distill-Llama-70B', tags: ['reasoning'],
    parameterCount: 70_553_706_496,
    parameterCountSource: { kind: 'recomputed', source: 'Llama-3.3-70B-Instruct shapes', published: '70.6B', tolerance: 0.01 },
    aliases: ['r1', 'distill'], notes: 'Based on Llama-3.3-70B-Instruct; Llama 3.3 license terms also apply.',
  }),
];
