// Google Gemma 1, 2 and 3 (text decoder only).
// Gemma 2/3 wrap attention and FFN in pre- and post-norms (4 norm vectors per layer), tie the
// embeddings and use an explicit head_dim (256, or 128 for the 27B models). Local layers use a
// sliding window: Gemma 2 alternates 4096-token local and global layers; Gemma 3 has 5 local (1024
// tokens, 512 for 1B) per global layer. Shapes: config.json, corroborated by gemma_pytorch config.py.

import type { CatalogModel } from '../types';
import { arch, entry } from './build';

const google = 'Google';
const hf = 'HF safetensors total';

function g2(id: string, name: string, layers: number, hidden: number, ffn: number, heads: number, kv: number, headDim: number) {
  return arch({
    id, name, architecture: 'gemma2', layers, hidden, ffn, heads, kvHeads: kv, headDim, vocab: 256000, tied: true, ctx: 8192,
    normsPerLayer: 4, sliding: { window: 4096, period: 2, kind: 'sliding' },
  });
}
function g3(id: string, name: string, layers: number, hidden: number, ffn: number, heads: number, kv: number, headDim: number, vocab: number, window: number, ctx: number) {
  return arch({
    id, name, architecture: 'gemma3', layers, hidden, ffn, heads, kvHeads: kv, headDim, vocab, tied: true, ctx,
    normsPerLayer: 4, qkNorm: true, sliding: { window, period: 6, kind: 'sliding' },
  });
}

const textOnly = 'text weights only; the HF total also counts the SigLIP vision tower and projector (about 0.42B)';

export const GEMMA_MODELS: CatalogModel[] = [
  entry({
    spec: arch({
      id: 'gemma-7b-it', name: 'Gemma 7B IT', architecture: 'gemma', layers: 28, hidden: 3072, ffn: 24576, heads: 16, kvHeads: 16,
      headDim: 256, vocab: 256000, tied: true, ctx: 8192,
    }),
    family: 'Gemma', publisher: google, hfRepo: 'google/gemma-7b-it', license: 'gemma', released: '2024-02-21', tags: ['chat'],
    parameterCount: 8_537_680_896, parameterCountSource: { kind: 'exact', source: hf, published: '8.54B' },
    notes: 'Sold as 7B; with the 256k-token embedding it is 8.5B. Full multi-head attention.',
  }),
  entry({
    spec: g2('gemma-2-2b-it', 'Gemma 2 2B IT', 26, 2304, 9216, 8, 4, 256), family: 'Gemma 2', publisher: google,
    hfRepo: 'google/gemma-2-2b-it', license: 'gemma', released: '2024-07-31', tags: ['chat', 'small'],
    parameterCount: 2_614_341_888, parameterCountSource: { kind: 'exact', source: hf, published: '2.61B' },
  }),
  entry({
    spec: g2('gemma-2-9b-it', 'Gemma 2 9B IT', 42, 3584, 14336, 16, 8, 256), family: 'Gemma 2', publisher: google,
    hfRepo: 'google/gemma-2-9b-it', license: 'gemma', released: '2024-06-27', tags: ['chat'],
    parameterCount: 9_241_705_984, parameterCountSource: { kind: 'exact', source: hf, published: '9.24B' },
  }),
  entry({
    spec: g2('gemma-2-27b-it', 'Gemma 2 27B IT', 46, 4608, 36864, 32, 16, 128), family: 'Gemma 2', publisher: google,
    hfRepo: 'google/gemma-2-27b-it', license: 'gemma', released: '2024-06-27', tags: ['chat'],
    parameterCount: 27_227_128_320, parameterCountSource: { kind: 'exact', source: hf, published: '27.2B' },
    notes: 'head_dim 128 (query_pre_attn_scalar 144 is only a scale).',
  }),
  entry({
    spec: g3('gemma-3-1b-it', 'Gemma 3 1B IT', 26, 1152, 6912, 4, 1, 256, 262144, 512, 32768), family: 'Gemma 3', publisher: google,
    hfRepo: 'google/gemma-3-1b-it', license: 'gemma', released: '2025-03-12', tags: ['chat', 'small'],
    parameterCount: 999_885_952, parameterCountSource: { kind: 'exact', source: hf, published: '1B' },
    notes: 'Text-only model; 512-token local window, vocab 262,144.',
  }),
  entry({
    spec: g3('gemma-3-4b-it', 'Gemma 3 4B IT', 34, 2560, 10240, 8, 4, 256, 262208, 1024, 131072), family: 'Gemma 3', publisher: google,
    hfRepo: 'google/gemma-3-4b-it', license: 'gemma', released: '2025-03-12', tags: ['chat', 'vision', 'small', 'multilingual'],
    parameterCount: 3_880_263_168, parameterCountSource: { kind: 'recomputed', source: textOnly, published: '4B', tolerance: 0.05 },
    notes: 'Text decoder only; the vision tower adds about 0.42B. Vocab 262,208 in text_config.',
  }),
  entry({
    spec: g3('gemma-3-12b-it', 'Gemma 3 12B IT', 48, 3840, 15360, 16, 8, 256, 262208, 1024, 131072), family: 'Gemma 3', publisher: google,
    hfRepo: 'google/gemma-3-12b-it', license: 'gemma', released: '2025-03-12', tags: ['chat', 'vision', 'multilingual'],
    parameterCount: 11_766_034_176, parameterCountSource: { kind: 'recomputed', source: textOnly, published: '12B', tolerance: 0.03 },
    notes: 'Text decoder only; the vision tower adds about 0.42B.',
  }),
  entry({
    spec: g3('gemma-3-27b-it', 'Gemma 3 27B IT', 62, 5376, 21504, 32, 16, 128, 262208, 1024, 131072), family: 'Gemma 3', publisher: google,
    hfRepo: 'google/gemma-3-27b-it', license: 'gemma', released: '2025-03-12', tags: ['chat', 'vision', 'multilingual'],
    parameterCount: 27_009_346_304, parameterCountSource: { kind: 'recomputed', source: textOnly, published: '27B', tolerance: 0.01 },
    notes: 'Text decoder only; the vision tower adds about 0.42B. head_dim 128.',
  }),
];
