// Meta Llama 2, 3, 3.1, 3.2, 3.3 and 4 (text decoder only).
// Shapes: each repo's config.json, corroborated by torchtune's _model_builders and Meta's
// llama-models sku_list. Counts: HF safetensors totals of the text weights.

import type { CatalogModel } from '../types';
import { arch, entry, variant } from './build';

const meta = 'Meta';

const l31_8b = arch({
  id: 'llama-3.1-8b-instruct', name: 'Llama 3.1 8B Instruct', architecture: 'llama',
  layers: 32, hidden: 4096, ffn: 14336, heads: 32, kvHeads: 8, vocab: 128256, tied: false, ctx: 131072,
});
const l31_70b = arch({
  id: 'llama-3.1-70b-instruct', name: 'Llama 3.1 70B Instruct', architecture: 'llama',
  layers: 80, hidden: 8192, ffn: 28672, heads: 64, kvHeads: 8, vocab: 128256, tied: false, ctx: 131072,
});
const l31_405b = arch({
  id: 'llama-3.1-405b-instruct', name: 'Llama 3.1 405B Instruct', architecture: 'llama',
  layers: 126, hidden: 16384, ffn: 53248, heads: 128, kvHeads: 8, vocab: 128256, tied: false, ctx: 131072,
});
const l32_1b = arch({
  id: 'llama-3.2-1b-instruct', name: 'Llama 3.2 1B Instruct', architecture: 'llama',
  layers: 16, hidden: 2048, ffn: 8192, heads: 32, kvHeads: 8, headDim: 64, vocab: 128256, tied: true, ctx: 131072,
});
const l32_3b = arch({
  id: 'llama-3.2-3b-instruct', name: 'Llama 3.2 3B Instruct', architecture: 'llama',
  layers: 28, hidden: 3072, ffn: 8192, heads: 24, kvHeads: 8, headDim: 128, vocab: 128256, tied: true, ctx: 131072,
});

// Llama 4: every layer's attention is 40 query / 8 KV heads of 128; three of every four layers use
// chunked (8192-token) attention with RoPE, the fourth is global without RoPE. Expert width lives in
// intermediate_size (8192); intermediate_size_mlp (16384) is the dense FFN of Maverick's odd layers.
// The q/k "norm" is a weightless L2 norm, so it adds no parameters.
const llama4Common = {
  architecture: 'llama4', layers: 48, hidden: 5120, ffn: 16384, heads: 40, kvHeads: 8, headDim: 128,
  vocab: 202048, tied: false,
  sliding: { window: 8192, period: 4, kind: 'chunked' as const },
};
const scout = arch({
  ...llama4Common, id: 'llama-4-scout-17b-16e-instruct', name: 'Llama 4 Scout 17B-16E Instruct', ctx: 10485760,
  moe: { experts: 16, expertsActive: 1, sharedExperts: 1, expertFfnSize: 8192, sharedExpertFfnSize: 8192 },
});
const maverick = arch({
  ...llama4Common, id: 'llama-4-maverick-17b-128e-instruct', name: 'Llama 4 Maverick 17B-128E Instruct', ctx: 1048576,
  moe: { experts: 128, expertsActive: 1, sharedExperts: 1, expertFfnSize: 8192, sharedExpertFfnSize: 8192, layerStep: 2 },
});

const l3_8b = variant(l31_8b, 'llama-3-8b-instruct', 'Llama 3 8B Instruct', { maxContext: 8192 });
const l2_7b = arch({
  id: 'llama-2-7b-chat', name: 'Llama 2 7B Chat', architecture: 'llama',
  layers: 32, hidden: 4096, ffn: 11008, heads: 32, kvHeads: 32, vocab: 32000, tied: false, ctx: 4096,
});
const l2_13b = arch({
  id: 'llama-2-13b-chat', name: 'Llama 2 13B Chat', architecture: 'llama',
  layers: 40, hidden: 5120, ffn: 13824, heads: 40, kvHeads: 40, vocab: 32000, tied: false, ctx: 4096,
});
const l2_70b = arch({
  id: 'llama-2-70b-chat', name: 'Llama 2 70B Chat', architecture: 'llama',
  layers: 80, hidden: 8192, ffn: 28672, heads: 64, kvHeads: 8, vocab: 32000, tied: false, ctx: 4096,
});

const hf = 'HF safetensors total';

export const LLAMA_MODELS: CatalogModel[] = [
  entry({
    spec: l31_8b, family: 'Llama 3', publisher: meta, hfRepo: 'meta-llama/Llama-3.1-8B-Instruct',
    license: 'llama3.1', released: '2024-07-23', tags: ['chat', 'multilingual'],
    parameterCount: 8_030_261_248, parameterCountSource: { kind: 'exact', source: hf, published: '8B' },
  }),
  entry({
    spec: l31_70b, family: 'Llama 3', publisher: meta, hfRepo: 'meta-llama/Llama-3.1-70B-Instruct',
    license: 'llama3.1', released: '2024-07-23', tags: ['chat', 'multilingual'],
    parameterCount: 70_553_706_496, parameterCountSource: { kind: 'exact', source: hf, published: '70B' },
  }),
  entry({
    spec: l31_405b, family: 'Llama 3', publisher: meta, hfRepo: 'meta-llama/Llama-3.1-405B-Instruct',
    license: 'llama3.1', released: '2024-07-23', tags: ['chat', 'multilingual'],
    parameterCount: 405_853_388_800, parameterCountSource: { kind: 'exact', source: hf, published: '405B' },
    notes: 'Canonical config has 8 KV heads; the first upload (and many mirrors) said 16, which doubles the KV cache.',
  }),
  entry({
    spec: l32_1b, family: 'Llama 3', publisher: meta, hfRepo: 'meta-llama/Llama-3.2-1B-Instruct',
    license: 'llama3.2', released: '2024-09-25', tags: ['chat', 'small', 'multilingual'],
    parameterCount: 1_235_814_400, parameterCountSource: { kind: 'exact', source: hf, published: '1.23B' },
    notes: 'head_dim 64 (hidden 2048 / 32 heads); embeddings tied.',
  }),
  entry({
    spec: l32_3b, family: 'Llama 3', publisher: meta, hfRepo: 'meta-llama/Llama-3.2-3B-Instruct',
    license: 'llama3.2', released: '2024-09-25', tags: ['chat', 'small', 'multilingual'],
    parameterCount: 3_212_749_824, parameterCountSource: { kind: 'exact', source: hf, published: '3.21B' },
  }),
  entry({
    spec: variant(l31_70b, 'llama-3.3-70b-instruct', 'Llama 3.3 70B Instruct'), family: 'Llama 3', publisher: meta,
    hfRepo: 'meta-llama/Llama-3.3-70B-Instruct', license: 'llama3.3', released: '2024-12-06', tags: ['chat', 'multilingual'],
    parameterCount: 70_553_706_496, parameterCountSource: { kind: 'exact', source: hf, published: '70B' },
  }),
  entry({
    spec: l3_8b, family: 'Llama 3', publisher: meta, hfRepo: 'meta-llama/Meta-Llama-3-8B-Instruct',
    license: 'llama3', released: '2024-04-18', tags: ['chat'],
    parameterCount: 8_030_261_248, parameterCountSource: { kind: 'exact', source: hf, published: '8B' },
    notes: 'Same shapes as Llama 3.1 8B but only an 8k context.',
  }),
  entry({
    spec: scout, family: 'Llama 4', publisher: meta, hfRepo: 'meta-llama/Llama-4-Scout-17B-16E-Instruct',
    license: 'llama4', released: '2025-04-05', tags: ['chat', 'moe', 'vision', 'multilingual'],
    parameterCount: 107_769_861_120, activeParameterCount: 17_172_894_720,
    parameterCountSource: { kind: 'recomputed', source: 'text weights of config.json; HF total 108.6B includes the 0.87B vision tower', published: '109B', tolerance: 0.02 },
    aliases: ['scout'],
    notes: 'Text decoder only (the vision encoder adds about 0.87B). Chunked 8192-token attention on 3 of every 4 layers.',
  }),
  entry({
    spec: maverick, family: 'Llama 4', publisher: meta, hfRepo: 'meta-llama/Llama-4-Maverick-17B-128E-Instruct',
    license: 'llama4', released: '2025-04-05', tags: ['chat', 'moe', 'vision', 'multilingual'],
    parameterCount: 400_711_848_960, activeParameterCount: 17_184_691_200,
    parameterCountSource: { kind: 'recomputed', source: 'text weights of config.json; HF total includes the vision tower', published: '400B', tolerance: 0.01 },
    aliases: ['maverick'],
    notes: 'MoE on every second layer (128 experts + 1 shared); the other 24 layers are dense with FFN 16384.',
  }),
  entry({
    spec: l2_7b, family: 'Llama 2', publisher: meta, hfRepo: 'meta-llama/Llama-2-7b-chat-hf',
    license: 'llama2', released: '2023-07-18', tags: ['chat'],
    parameterCount: 6_738_415_616, parameterCountSource: { kind: 'exact', source: hf, published: '7B' },
    notes: 'Full multi-head attention (32 KV heads): a large KV cache per token.',
  }),
  entry({
    spec: l2_13b, family: 'Llama 2', publisher: meta, hfRepo: 'meta-llama/Llama-2-13b-chat-hf',
    license: 'llama2', released: '2023-07-18', tags: ['chat'],
    parameterCount: 13_015_864_320, parameterCountSource: { kind: 'exact', source: hf, published: '13B' },
  }),
  entry({
    spec: l2_70b, family: 'Llama 2', publisher: meta, hfRepo: 'meta-llama/Llama-2-70b-chat-hf',
    license: 'llama2', released: '2023-07-18', tags: ['chat'],
    parameterCount: 68_976_648_192, parameterCountSource: { kind: 'exact', source: hf, published: '70B' },
  }),
];
