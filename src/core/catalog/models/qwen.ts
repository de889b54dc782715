// Alibaba Qwen2.5 (incl. Coder, QwQ) and Qwen3 (dense and MoE).
// Qwen2/2.5 carry q/k/v biases; Qwen3 drops them and adds a per-head q/k RMSNorm, with head_dim 128
// at every size. Both families ship `sliding_window` values with use_sliding_window=false: full
// attention everywhere.

import type { CatalogModel } from '../types';
import { arch, entry, variant } from './build';

const qwen = 'Alibaba Qwen';
const hf = 'HF safetensors total';

function q25(id: string, name: string, layers: number, hidden: number, ffn: number, heads: number, kv: number, vocab: number, tied: boolean, ctx = 32768) {
  return arch({ id, name, architecture: 'qwen2', layers, hidden, ffn, heads, kvHeads: kv, vocab, tied, ctx, qkvBias: true });
}
function q3(id: string, name: string, layers: number, hidden: number, ffn: number, heads: number, kv: number, tied: boolean, ctx = 40960) {
  return arch({ id, name, architecture: 'qwen3', layers, hidden, ffn, heads, kvHeads: kv, headDim: 128, vocab: 151936, tied, ctx, qkNorm: true });
}

const q25_05 = q25('qwen2.5-0.5b-instruct', 'Qwen2.5 0.5B Instruct', 24, 896, 4864, 14, 2, 151936, true);
const q25_15 = q25('qwen2.5-1.5b-instruct', 'Qwen2.5 1.5B Instruct', 28, 1536, 8960, 12, 2, 151936, true);
const q25_3 = q25('qwen2.5-3b-instruct', 'Qwen2.5 3B Instruct', 36, 2048, 11008, 16, 2, 151936, true);
const q25_7 = q25('qwen2.5-7b-instruct', 'Qwen2.5 7B Instruct', 28, 3584, 18944, 28, 4, 152064, false);
const q25_14 = q25('qwen2.5-14b-instruct', 'Qwen2.5 14B Instruct', 48, 5120, 13824, 40, 8, 152064, false);
const q25_32 = q25('qwen2.5-32b-instruct', 'Qwen2.5 32B Instruct', 64, 5120, 27648, 40, 8, 152064, false);
const q25_72 = q25('qwen2.5-72b-instruct', 'Qwen2.5 72B Instruct', 80, 8192, 29568, 64, 8, 152064, false);

const qwen3MoeBase = {
  architecture: 'qwen3moe', headDim: 128, vocab: 151936, tied: false, qkNorm: true,
};
const q3_30 = arch({
  ...qwen3MoeBase, id: 'qwen3-30b-a3b', name: 'Qwen3 30B-A3B', layers: 48, hidden: 2048, ffn: 0, heads: 32, kvHeads: 4, ctx: 40960,
  moe: { experts: 128, expertsActive: 8, expertFfnSize: 768 },
});
const q3_235 = arch({
  ...qwen3MoeBase, id: 'qwen3-235b-a22b', name: 'Qwen3 235B-A22B', layers: 94, hidden: 4096, ffn: 0, heads: 64, kvHeads: 4, ctx: 40960,
  moe: { experts: 128, expertsActive: 8, expertFfnSize: 1536 },
});

const ctxNote = 'config says 32,768; 131,072 with YaRN rope scaling enabled.';
const q3CtxNote = 'config max_position_embeddings 40,960 (32k native + room to generate); 131,072 with YaRN.';

export const QWEN_MODELS: CatalogModel[] = [
  entry({
    spec: q25_05, family: 'Qwen2.5', publisher: qwen, hfRepo: 'Qwen/Qwen2.5-0.5B-Instruct', license: 'apache-2.0',
    released: '2024-09-19', tags: ['chat', 'small', 'multilingual'], parameterCount: 494_032_768,
    parameterCountSource: { kind: 'exact', source: hf, published: '0.49B' }, notes: `Embeddings tied; ${ctxNote}`,
  }),
  entry({
    spec: q25_15, family: 'Qwen2.5', publisher: qwen, hfRepo: 'Qwen/Qwen2.5-1.5B-Instruct', license: 'apache-2.0',
    released: '2024-09-19', tags: ['chat', 'small', 'multilingual'], parameterCount: 1_543_714_304,
    parameterCountSource: { kind: 'exact', source: hf, published: '1.54B' }, notes: `Embeddings tied; ${ctxNote}`,
  }),
  entry({
    spec: q25_3, family: 'Qwen2.5', publisher: qwen, hfRepo: 'Qwen/Qwen2.5-3B-Instruct', license: 'qwen-research',
    released: '2024-09-19', tags: ['chat', 'small', 'multilingual'], parameterCount: 3_085_938_688,
    parameterCountSource: { kind: 'exact', source: hf, published: '3.09B' }, notes: `Embeddings tied; ${ctxNote}`,
  }),
  entry({
    spec: q25_7, family: 'Qwen2.5', publisher: qwen, hfRepo: 'Qwen/Qwen2.5-7B-Instruct', license: 'apache-2.0',
    released: '2024-09-19', tags: ['chat', 'multilingual'], parameterCount: 7_615_616_512,
    parameterCountSource: { kind: 'exact', source: hf, published: '7.61B' }, notes: `Vocab 152,064 from 7B up. ${ctxNote}`,
  }),
  entry({
    spec: q25_14, family: 'Qwen2.5', publisher: qwen, hfRepo: 'Qwen/Qwen2.5-14B-Instruct', license: 'apache-2.0',
    released: '2024-09-19', tags: ['chat', 'multilingual'], parameterCount: 14_770_033_664,
    parameterCountSource: { kind: 'recomputed', source: 'config.json shapes', published: '14.7B', tolerance: 0.01 },
    notes: `Model card rounds down to 14.7B; the shapes give 14.77B. ${ctxNote}`,
  }),
  entry({
    spec: q25_32, family: 'Qwen2.5', publisher: qwen, hfRepo: 'Qwen/Qwen2.5-32B-Instruct', license: 'apache-2.0',
    released: '2024-09-19', tags: ['chat', 'multilingual'], parameterCount: 32_763_876_352,
    parameterCountSource: { kind: 'exact', source: hf, published: '32.5B' }, notes: ctxNote,
  }),
  entry({
    spec: q25_72, family: 'Qwen2.5', publisher: qwen, hfRepo: 'Qwen/Qwen2.5-72B-Instruct', license: 'qwen',
    released: '2024-09-19', tags: ['chat', 'multilingual'], parameterCount: 72_706_203_648,
    parameterCountSource: { kind: 'exact', source: hf, published: '72.7B' }, notes: ctxNote,
  }),
  entry({
    spec: variant(q25_15, 'qwen2.5-coder-1.5b-instruct', 'Qwen2.5 Coder 1.5B Instruct'), family: 'Qwen2.5', publisher: qwen,
    hfRepo: 'Qwen/Qwen2.5-Coder-1.5B-Instruct', license: 'apache-2.0', released: '2024-09-19', tags: ['code', 'chat', 'small'],
    parameterCount: 1_543_714_304, parameterCountSource: { kind: 'exact', source: hf, published: '1.54B' },
    aliases: ['coder'],
  }),
  entry({
    spec: variant(q25_7, 'qwen2.5-coder-7b-instruct', 'Qwen2.5 Coder 7B Instruct'), family: 'Qwen2.5', publisher: qwen,
    hfRepo: 'Qwen/Qwen2.5-Coder-7B-Instruct', license: 'apache-2.0', released: '2024-09-19', tags: ['code', 'chat'],
    parameterCount: 7_615_616_512, parameterCountSource: { kind: 'exact', source: hf, published: '7.61B' },
    aliases: ['coder'],
  }),
  entry({
    spec: variant(q25_14, 'qwen2.5-coder-14b-instruct', 'Qwen2.5 Coder 14B Instruct'), family: 'Qwen2.5', publisher: qwen,
    hfRepo: 'Qwen/Qwen2.5-Coder-14B-Instruct', license: 'apache-2.0', released: '2024-11-12', tags: ['code', 'chat'],
    parameterCount: 14_770_033_664, parameterCountSource: { kind: 'recomputed', source: 'config.json shapes', published: '14.7B', tolerance: 0.01 },
    aliases: ['coder'],
  }),
  entry({
    spec: variant(q25_32, 'qwen2.5-coder-32b-instruct', 'Qwen2.5 Coder 32B Instruct'), family: 'Qwen2.5', publisher: qwen,
    hfRepo: 'Qwen/Qwen2.5-Coder-32B-Instruct', license: 'apache-2.0', released: '2024-11-12', tags: ['code', 'chat'],
    parameterCount: 32_763_876_352, parameterCountSource: { kind: 'exact', source: hf, published: '32.5B' },
    aliases: ['coder'],
  }),
  entry({
    spec: variant(q25_32, 'qwq-32b', 'QwQ 32B', { maxContext: 40960 }), family: 'Qwen2.5', publisher: qwen,
    hfRepo: 'Qwen/QwQ-32B', license: 'apache-2.0', released: '2025-03-06', tags: ['reasoning', 'chat'],
    parameterCount: 32_763_876_352, parameterCountSource: { kind: 'exact', source: hf, published: '32.5B' },
    aliases: ['qwq'], notes: 'Qwen2.5-32B shapes; config context 40,960, 131,072 with YaRN.',
  }),
  entry({
    spec: q3('qwen3-0.6b', 'Qwen3 0.6B', 28, 1024, 3072, 16, 8, true), family: 'Qwen3', publisher: qwen, hfRepo: 'Qwen/Qwen3-0.6B',
    license: 'apache-2.0', released: '2025-04-29', tags: ['chat', 'reasoning', 'small', 'multilingual'], parameterCount: 596_049_920,
    parameterCountSource: { kind: 'exact', source: 'unique count; HF total 751,632,384 stores the tied lm_head twice', published: '0.6B' },
    notes: `Embeddings tied, but the safetensors file also stores lm_head (HF shows 0.75B). head_dim 128 with 16 heads (q width 2048 > hidden 1024). ${q3CtxNote}`,
  }),
  entry({
    spec: q3('qwen3-1.7b', 'Qwen3 1.7B', 28, 2048, 6144, 16, 8, true), family: 'Qwen3', publisher: qwen, hfRepo: 'Qwen/Qwen3-1.7B',
    license: 'apache-2.0', released: '2025-04-29', tags: ['chat', 'reasoning', 'small', 'multilingual'], parameterCount: 1_720_574_976,
    parameterCountSource: { kind: 'exact', source: 'unique count; HF total 2,031,739,904 stores the tied lm_head twice', published: '1.7B' },
    notes: `Embeddings tied, but the file stores lm_head too (HF shows 2.03B). ${q3CtxNote}`,
  }),
  entry({
    spec: q3('qwen3-4b', 'Qwen3 4B', 36, 2560, 9728, 32, 8, true), family: 'Qwen3', publisher: qwen, hfRepo: 'Qwen/Qwen3-4B',
    license: 'apache-2.0', released: '2025-04-29', tags: ['chat', 'reasoning', 'small', 'multilingual'], parameterCount: 4_022_468_096,
    parameterCountSource: { kind: 'exact', source: hf, published: '4.0B' }, notes: q3CtxNote,
  }),
  entry({
    spec: q3('qwen3-8b', 'Qwen3 8B', 36, 4096, 12288, 32, 8, false), family: 'Qwen3', publisher: qwen, hfRepo: 'Qwen/Qwen3-8B',
    license: 'apache-2.0', released: '2025-04-29', tags: ['chat', 'reasoning', 'multilingual'], parameterCount: 8_190_735_360,
    parameterCountSource: { kind: 'exact', source: hf, published: '8.2B' }, notes: q3CtxNote,
  }),
  entry({
    spec: q3('qwen3-14b', 'Qwen3 14B', 40, 5120, 17408, 40, 8, false), family: 'Qwen3', publisher: qwen, hfRepo: 'Qwen/Qwen3-14B',
    license: 'apache-2.0', released: '2025-04-29', tags: ['chat', 'reasoning', 'multilingual'], parameterCount: 14_768_307_200,
    parameterCountSource: { kind: 'recomputed', source: 'config.json shapes', published: '14.8B', tolerance: 0.01 }, notes: q3CtxNote,
  }),
  entry({
    spec: q3('qwen3-32b', 'Qwen3 32B', 64, 5120, 25600, 64, 8, false), family: 'Qwen3', publisher: qwen, hfRepo: 'Qwen/Qwen3-32B',
    license: 'apache-2.0', released: '2025-04-29', tags: ['chat', 'reasoning', 'multilingual'], parameterCount: 32_762_123_264,
    parameterCountSource: { kind: 'exact', source: hf, published: '32.8B' }, notes: q3CtxNote,
  }),
  entry({
    spec: q3_30, family: 'Qwen3', publisher: qwen, hfRepo: 'Qwen/Qwen3-30B-A3B', license: 'apache-2.0', released: '2025-04-29',
    tags: ['chat', 'reasoning', 'moe', 'multilingual'], parameterCount: 30_532_122_624, activeParameterCount: 3_353_032_704,
    parameterCountSource: { kind: 'exact', source: hf, published: '30.5B total / 3.3B active' },
    notes: `128 experts, 8 routed per token, no shared expert. intermediate_size 6144 in the config is unused. ${q3CtxNote}`,
  }),
  entry({
    spec: q3_235, family: 'Qwen3', publisher: qwen, hfRepo: 'Qwen/Qwen3-235B-A22B', license: 'apache-2.0', released: '2025-04-29',
    tags: ['chat', 'reasoning', 'moe', 'multilingual'], parameterCount: 235_093_634_560, activeParameterCount: 22_190_763_520,
    parameterCountSource: { kind: 'exact', source: hf, published: '235B total / 22B active' },
    notes: `128 experts, 8 routed per token. ${q3CtxNote}`,
  }),
  entry({
    spec: variant(q3_30, 'qwen3-coder-30b-a3b-instruct', 'Qwen3 Coder 30B-A3B Instruct', { maxContext: 262144 }), family: 'Qwen3',
    publisher: qwen, hfRepo: 'Qwen/Qwen3-Coder-30B-A3B-Instruct', license: 'apache-2.0', released: '2025-07-31',
    tags: ['code', 'chat', 'moe'], parameterCount: 30_532_122_624, activeParameterCount: 3_353_032_704,
    parameterCountSource: { kind: 'exact', source: hf, published: '30.5B total / 3.3B active' }, aliases: ['coder'],
    notes: 'Qwen3-30B-A3B shapes with a 262,144-token native context.',
  }),
  entry({
    spec: variant(q3('qwen3-4b-instruct-2507', 'Qwen3 4B Instruct 2507', 36, 2560, 9728, 32, 8, true), 'qwen3-4b-instruct-2507', 'Qwen3 4B Instruct 2507', { maxContext: 262144 }),
    family: 'Qwen3', publisher: qwen, hfRepo: 'Qwen/Qwen3-4B-Instruct-2507', license: 'apache-2.0', released: '2025-08-06',
    tags: ['chat', 'small', 'multilingual'], parameterCount: 4_022_468_096,
    parameterCountSource: { kind: 'exact', source: hf, published: '4.0B' }, aliases: ['2507'],
    notes: 'Qwen3-4B shapes; the 2507 refresh raises the context to 262,144.',
  }),
];
