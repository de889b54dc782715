// Mistral AI: Mistral 7B, Nemo, Small 3, Mixtral, Codestral, Ministral, Large 2.
// Nemo and Small 3 have an explicit head_dim of 128 although hidden/heads is 160.

import type { CatalogModel } from '../types';
import { arch, entry } from './build';

const mistral = 'Mistral AI';
const hf = 'HF safetensors total';

const m7b = arch({
  id: 'mistral-7b-instruct-v0.3', name: 'Mistral 7B Instruct v0.3', architecture: 'llama',
  layers: 32, hidden: 4096, ffn: 14336, heads: 32, kvHeads: 8, vocab: 32768, tied: false, ctx: 32768,
});
const nemo = arch({
  id: 'mistral-nemo-instruct-2407', name: 'Mistral Nemo Instruct 2407', architecture: 'llama',
  layers: 40, hidden: 5120, ffn: 14336, heads: 32, kvHeads: 8, headDim: 128, vocab: 131072, tied: false, ctx: 131072,
});
const small3 = arch({
  id: 'mistral-small-24b-instruct-2501', name: 'Mistral Small 3 24B Instruct 2501', architecture: 'llama',
  layers: 40, hidden: 5120, ffn: 32768, heads: 32, kvHeads: 8, headDim: 128, vocab: 131072, tied: false, ctx: 32768,
});
const mixtral7 = arch({
  id: 'mixtral-8x7b-instruct-v0.1', name: 'Mixtral 8x7B Instruct v0.1', architecture: 'llama',
  layers: 32, hidden: 4096, ffn: 0, heads: 32, kvHeads: 8, vocab: 32000, tied: false, ctx: 32768,
  moe: { experts: 8, expertsActive: 2, expertFfnSize: 14336 },
});
const mixtral22 = arch({
  id: 'mixtral-8x22b-instruct-v0.1', name: 'Mixtral 8x22B Instruct v0.1', architecture: 'llama',
  layers: 56, hidden: 6144, ffn: 0, heads: 48, kvHeads: 8, vocab: 32768, tied: false, ctx: 65536,
  moe: { experts: 8, expertsActive: 2, expertFfnSize: 16384 },
});
const codestral = arch({
  id: 'codestral-22b-v0.1', name: 'Codestral 22B v0.1', architecture: 'llama',
  layers: 56, hidden: 6144, ffn: 16384, heads: 48, kvHeads: 8, vocab: 32768, tied: false, ctx: 32768,
});
const ministral8 = arch({
  id: 'ministral-8b-instruct-2410', name: 'Ministral 8B Instruct 2410', architecture: 'llama',
  layers: 36, hidden: 4096, ffn: 12288, heads: 32, kvHeads: 8, headDim: 128, vocab: 131072, tied: false, ctx: 32768,
});
const large2 = arch({
  id: 'mistral-large-instruct-2407', name: 'Mistral Large Instruct 2407', architecture: 'llama',
  layers: 88, hidden: 12288, ffn: 28672, heads: 96, kvHeads: 8, vocab: 32768, tied: false, ctx: 131072,
});

export const MISTRAL_MODELS: CatalogModel[] = [
  entry({
    spec: m7b, family: 'Mistral', publisher: mistral, hfRepo: 'mistralai/Mistral-7B-Instruct-v0.3', license: 'apache-2.0',
    released: '2024-05-22', tags: ['chat'], parameterCount: 7_248_023_552,
    parameterCountSource: { kind: 'exact', source: hf, published: '7.25B' },
    notes: 'v0.3 extends the vocabulary to 32,768; no sliding window (v0.1 had 4096).',
  }),
  entry({
    spec: nemo, family: 'Mistral', publisher: mistral, hfRepo: 'mistralai/Mistral-Nemo-Instruct-2407', license: 'apache-2.0',
    released: '2024-07-18', tags: ['chat', 'multilingual'], parameterCount: 12_247_782_400,
    parameterCountSource: { kind: 'exact', source: hf, published: '12B' }, aliases: ['nemo'],
    notes: 'head_dim 128 (not 5120/32 = 160). The first config said 1,024,000 tokens of context; later copies 131,072, the advertised 128k.',
  }),
  entry({
    spec: small3, family: 'Mistral', publisher: mistral, hfRepo: 'mistralai/Mistral-Small-24B-Instruct-2501', license: 'apache-2.0',
    released: '2025-01-30', tags: ['chat', 'multilingual'], parameterCount: 23_572_403_200,
    parameterCountSource: { kind: 'exact', source: hf, published: '24B' }, aliases: ['small'],
    notes: 'head_dim 128 (not 5120/32 = 160).',
  }),
  entry({
    spec: mixtral7, family: 'Mixtral', publisher: mistral, hfRepo: 'mistralai/Mixtral-8x7B-Instruct-v0.1', license: 'apache-2.0',
    released: '2023-12-11', tags: ['chat', 'moe', 'multilingual'], parameterCount: 46_702_792_704, activeParameterCount: 12_879_925_248,
    parameterCountSource: { kind: 'exact', source: hf, published: '46.7B total / 12.9B active' },
    notes: 'Only the FFN is split into experts; attention is shared, so 8x7B is 46.7B, not 56B.',
  }),
  entry({
    spec: mixtral22, family: 'Mixtral', publisher: mistral, hfRepo: 'mistralai/Mixtral-8x22B-Instruct-v0.1', license: 'apache-2.0',
    released: '2024-04-17', tags: ['chat', 'moe', 'multilingual'], parameterCount: 140_630_071_296, activeParameterCount: 39_161_468_928,
    parameterCountSource: { kind: 'recomputed', source: 'config.json shapes (Instruct vocab 32,768)', published: '141B total / 39B active', tolerance: 0.01 },
    notes: 'The Instruct model has vocab 32,768; the base model 32,000 (140.62B).',
  }),
  entry({
    spec: codestral, family: 'Mistral', publisher: mistral, hfRepo: 'mistralai/Codestral-22B-v0.1', license: 'mnpl',
    released: '2024-05-29', tags: ['code'], parameterCount: 22_247_282_688,
    parameterCountSource: { kind: 'exact', source: hf, published: '22.2B' },
    notes: 'Mistral AI Non-Production License.',
  }),
  entry({
    spec: ministral8, family: 'Mistral', publisher: mistral, hfRepo: 'mistralai/Ministral-8B-Instruct-2410', license: 'mrl',
    released: '2024-10-16', tags: ['chat', 'multilingual'], parameterCount: 8_019_808_256,
    parameterCountSource: { kind: 'exact', source: hf, published: '8.02B' }, aliases: ['ministral'],
    notes: 'Mistral Research License. vLLM serves it with interleaved sliding-window attention; the HF config lists full attention.',
  }),
  entry({
    spec: large2, family: 'Mistral', publisher: mistral, hfRepo: 'mistralai/Mistral-Large-Instruct-2407', license: 'mrl',
    released: '2024-07-24', tags: ['chat', 'code', 'multilingual'], parameterCount: 122_610_069_504,
    parameterCountSource: { kind: 'exact', source: hf, published: '123B' }, aliases: ['large'],
    notes: 'Mistral Research License.',
  }),
];
