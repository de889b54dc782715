// OpenAI gpt-oss, Cohere Command R, TII Falcon, 01.AI Yi 1.5, Hugging Face SmolLM2, TinyLlama.

import type { CatalogModel } from '../types';
import { arch, entry } from './build';

const hf = 'HF safetensors total';

// gpt-oss: attention biases, one learned sink logit per head, biased experts and router, alternating
// 128-token sliding and full attention, 64-dim heads (q width 4096 > hidden 2880).
const gptOss = {
  architecture: 'gpt-oss', hidden: 2880, ffn: 0, heads: 64, kvHeads: 8, headDim: 64, vocab: 201088, tied: false, ctx: 131072,
  qkvBias: true, attnOutBias: true, sinks: true, sliding: { window: 128, period: 2, kind: 'sliding' as const },
};
const oss20 = arch({ ...gptOss, id: 'gpt-oss-20b', name: 'gpt-oss 20b', layers: 24,
  moe: { experts: 32, expertsActive: 4, expertFfnSize: 2880, expertBias: true, routerBias: true } });
const oss120 = arch({ ...gptOss, id: 'gpt-oss-120b', name: 'gpt-oss 120b', layers: 36,
  moe: { experts: 128, expertsActive: 4, expertFfnSize: 2880, expertBias: true, routerBias: true } });

// Cohere: parallel attention + FFN off one LayerNorm (no bias) per layer, tied embeddings.
const commandR = arch({
  id: 'c4ai-command-r-v01', name: 'Command R v01', architecture: 'command-r',
  layers: 40, hidden: 8192, ffn: 22528, heads: 64, kvHeads: 64, vocab: 256000, tied: true, ctx: 131072,
  norm: 'layer', normsPerLayer: 1,
});
const commandR0824 = arch({
  id: 'c4ai-command-r-08-2024', name: 'Command R 08-2024', architecture: 'command-r',
  layers: 40, hidden: 8192, ffn: 24576, heads: 64, kvHeads: 8, vocab: 256000, tied: true, ctx: 131072,
  norm: 'layer', normsPerLayer: 1,
});
const commandRPlus0824 = arch({
  id: 'c4ai-command-r-plus-08-2024', name: 'Command R+ 08-2024', architecture: 'command-r',
  layers: 64, hidden: 12288, ffn: 33792, heads: 96, kvHeads: 8, vocab: 256000, tied: true, ctx: 131072,
  norm: 'layer', normsPerLayer: 1, qkNorm: true, qkNormPerHead: true,
});

// Falcon-7B: multi-query attention (1 KV head), parallel blocks with one biased LayerNorm, plain
// 4h GELU MLP, tied embeddings. Falcon3 is a Llama-style decoder with 256-dim heads.
const falcon7 = arch({
  id: 'falcon-7b-instruct', name: 'Falcon 7B Instruct', architecture: 'falcon',
  layers: 32, hidden: 4544, ffn: 18176, heads: 71, kvHeads: 1, vocab: 65024, tied: true, ctx: 2048,
  gated: false, norm: 'layer', normBias: true, normsPerLayer: 1,
});
const falcon3 = (id: string, name: string, layers: number) => arch({
  id, name, architecture: 'llama', layers, hidden: 3072, ffn: 23040, heads: 12, kvHeads: 4, headDim: 256,
  vocab: 131072, tied: false, ctx: 32768,
});

const yi = (id: string, name: string, layers: number, hidden: number, ffn: number, heads: number, kv: number) => arch({
  id, name, architecture: 'llama', layers, hidden, ffn, heads, kvHeads: kv, vocab: 64000, tied: false, ctx: 4096,
});

const smol = (id: string, name: string, layers: number, hidden: number, ffn: number, heads: number, kv: number) => arch({
  id, name, architecture: 'llama', layers, hidden, ffn, heads, kvHeads: kv, vocab: 49152, tied: true, ctx: 8192,
});

export const OTHER_MODELS: CatalogModel[] = [
  entry({
    spec: oss20, family: 'gpt-oss', publisher: 'OpenAI', hfRepo: 'openai/gpt-oss-20b', license: 'apache-2.0', released: '2025-08-05',
    tags: ['reasoning', 'chat', 'moe'], parameterCount: 20_914_757_184, activeParameterCount: 4_187_440_704,
    parameterCountSource: { kind: 'exact', source: 'unique count of the gpt-oss ModelConfig shapes', published: '21B total / 3.6B active' },
    aliases: ['oss', 'openai'],
    notes: 'Experts ship as MXFP4 (~4.25 bits); pages counting packed bytes show ~21.5B. OpenAI\'s 3.6B active excludes the embedding and unembedding.',
  }),
  entry({
    spec: oss120, family: 'gpt-oss', publisher: 'OpenAI', hfRepo: 'openai/gpt-oss-120b', license: 'apache-2.0', released: '2025-08-05',
    tags: ['reasoning', 'chat', 'moe'], parameterCount: 116_829_156_672, activeParameterCount: 5_711_982_912,
    parameterCountSource: { kind: 'exact', source: 'unique count of the gpt-oss ModelConfig shapes', published: '117B total / 5.1B active' },
    aliases: ['oss', 'openai'],
    notes: 'Experts ship as MXFP4. OpenAI\'s 5.1B active excludes the input embedding (0.58B).',
  }),
  entry({
    spec: commandR, family: 'Command R', publisher: 'Cohere', hfRepo: 'CohereForAI/c4ai-command-r-v01', license: 'cc-by-nc-4.0',
    released: '2024-03-11', tags: ['chat', 'multilingual'], parameterCount: 34_980_831_232,
    parameterCountSource: { kind: 'recomputed', source: 'config.json shapes', published: '35B', tolerance: 0.01 },
    notes: 'Full multi-head attention (64 KV heads): a very large KV cache. Config says 8192 context; the model is sold and used at 128k.',
  }),
  entry({
    spec: commandR0824, family: 'Command R', publisher: 'Cohere', hfRepo: 'CohereForAI/c4ai-command-r-08-2024', license: 'cc-by-nc-4.0',
    released: '2024-08-30', tags: ['chat', 'multilingual'], parameterCount: 32_296_476_672,
    parameterCountSource: { kind: 'recomputed', source: 'config.json shapes', published: '32B', tolerance: 0.02 },
    notes: 'The 08-2024 refresh moves to 8 KV heads (GQA) and a wider FFN (24,576).',
  }),
  entry({
    spec: commandRPlus0824, family: 'Command R', publisher: 'Cohere', hfRepo: 'CohereForAI/c4ai-command-r-plus-08-2024',
    license: 'cc-by-nc-4.0', released: '2024-08-30', tags: ['chat', 'multilingual'], parameterCount: 103_810_674_688,
    parameterCountSource: { kind: 'recomputed', source: 'config.json shapes (per-head q/k LayerNorm)', published: '104B', tolerance: 0.01 },
    aliases: ['plus', 'r+'],
    notes: 'q/k LayerNorms carry one weight vector per head (96 + 8 of 128), not one shared vector.',
  }),
  entry({
    spec: falcon7, family: 'Falcon', publisher: 'TII', hfRepo: 'tiiuae/falcon-7b-instruct', license: 'apache-2.0', released: '2023-04-25',
    tags: ['chat'], parameterCount: 6_921_720_704,
    parameterCountSource: { kind: 'recomputed', source: 'config.json shapes', published: '7B', tolerance: 0.02 },
    notes: 'Multi-query attention (one 64-wide KV head): tiny KV cache. No max_position_embeddings field; trained at 2048.',
  }),
  entry({
    spec: falcon3('falcon3-7b-instruct', 'Falcon3 7B Instruct', 28), family: 'Falcon', publisher: 'TII', hfRepo: 'tiiuae/Falcon3-7B-Instruct',
    license: 'falcon-llm-license', released: '2024-12-17', tags: ['chat'], parameterCount: 7_455_550_464,
    parameterCountSource: { kind: 'recomputed', source: 'config.json shapes', published: '7.46B', tolerance: 0.005 },
    notes: 'head_dim 256 (12 heads × 256 = 3072).',
  }),
  entry({
    spec: falcon3('falcon3-10b-instruct', 'Falcon3 10B Instruct', 40), family: 'Falcon', publisher: 'TII', hfRepo: 'tiiuae/Falcon3-10B-Instruct',
    license: 'falcon-llm-license', released: '2024-12-17', tags: ['chat'], parameterCount: 10_305_653_760,
    parameterCountSource: { kind: 'recomputed', source: 'config.json shapes (Falcon3-7B depth-upscaled to 40 layers)', published: '10.3B', tolerance: 0.005 },
  }),
  entry({
    spec: yi('yi-1.5-6b-chat', 'Yi 1.5 6B Chat', 32, 4096, 11008, 32, 4), family: 'Yi', publisher: '01.AI', hfRepo: '01-ai/Yi-1.5-6B-Chat',
    license: 'apache-2.0', released: '2024-05-12', tags: ['chat', 'multilingual'], parameterCount: 6_061_035_520,
    parameterCountSource: { kind: 'exact', source: hf, published: '6.06B' },
  }),
  entry({
    spec: yi('yi-1.5-9b-chat', 'Yi 1.5 9B Chat', 48, 4096, 11008, 32, 4), family: 'Yi', publisher: '01.AI', hfRepo: '01-ai/Yi-1.5-9B-Chat',
    license: 'apache-2.0', released: '2024-05-12', tags: ['chat', 'multilingual'], parameterCount: 8_829_407_232,
    parameterCountSource: { kind: 'exact', source: hf, published: '8.83B' },
  }),
  entry({
    spec: yi('yi-1.5-34b-chat', 'Yi 1.5 34B Chat', 60, 7168, 20480, 56, 8), family: 'Yi', publisher: '01.AI', hfRepo: '01-ai/Yi-1.5-34B-Chat',
    license: 'apache-2.0', released: '2024-05-12', tags: ['chat', 'multilingual'], parameterCount: 34_388_917_248,
    parameterCountSource: { kind: 'exact', source: hf, published: '34.4B' },
    notes: 'Chat model has a 4096-token context; the -16K variants extend it.',
  }),
  entry({
    spec: smol('smollm2-135m-instruct', 'SmolLM2 135M Instruct', 30, 576, 1536, 9, 3), family: 'SmolLM2', publisher: 'Hugging Face',
    hfRepo: 'HuggingFaceTB/SmolLM2-135M-Instruct', license: 'apache-2.0', released: '2024-11-01', tags: ['chat', 'small'],
    parameterCount: 134_515_008, parameterCountSource: { kind: 'exact', source: hf, published: '135M' },
  }),
  entry({
    spec: smol('smollm2-360m-instruct', 'SmolLM2 360M Instruct', 32, 960, 2560, 15, 5), family: 'SmolLM2', publisher: 'Hugging Face',
    hfRepo: 'HuggingFaceTB/SmolLM2-360M-Instruct', license: 'apache-2.0', released: '2024-11-01', tags: ['chat', 'small'],
    parameterCount: 361_821_120, parameterCountSource: { kind: 'exact', source: hf, published: '362M' },
  }),
  entry({
    spec: smol('smollm2-1.7b-instruct', 'SmolLM2 1.7B Instruct', 24, 2048, 8192, 32, 32), family: 'SmolLM2', publisher: 'Hugging Face',
    hfRepo: 'HuggingFaceTB/SmolLM2-1.7B-Instruct', license: 'apache-2.0', released: '2024-11-01', tags: ['chat', 'small'],
    parameterCount: 1_711_376_384, parameterCountSource: { kind: 'exact', source: hf, published: '1.71B' },
  }),
  entry({
    spec: arch({
      id: 'tinyllama-1.1b-chat-v1.0', name: 'TinyLlama 1.1B Chat v1.0', architecture: 'llama',
      layers: 22, hidden: 2048, ffn: 5632, heads: 32, kvHeads: 4, vocab: 32000, tied: false, ctx: 2048,
    }),
    family: 'TinyLlama', publisher: 'TinyLlama', hfRepo: 'TinyLlama/TinyLlama-1.1B-Chat-v1.0', license: 'apache-2.0',
    released: '2023-12-30', tags: ['chat', 'small'], parameterCount: 1_100_048_384,
    parameterCountSource: { kind: 'exact', source: hf, published: '1.1B' },
  }),
];
