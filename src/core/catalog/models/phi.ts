// Microsoft Phi-3, Phi-3.5, Phi-4. Phi-3 fuses qkv and gate/up into single matrices; the parameter
// count is the same as separate ones. Phi-3's `sliding_window: 2047` is a config artefact that
// runtimes ignore, so it is not modelled.

import type { CatalogModel } from '../types';
import { arch, entry, variant } from './build';

const ms = 'Microsoft';
const hf = 'HF safetensors total';

const mini = arch({
  id: 'phi-3-mini-4k-instruct', name: 'Phi-3 Mini 4K Instruct', architecture: 'phi3',
  layers: 32, hidden: 3072, ffn: 8192, heads: 32, kvHeads: 32, vocab: 32064, tied: false, ctx: 4096,
});
const medium = arch({
  id: 'phi-3-medium-4k-instruct', name: 'Phi-3 Medium 4K Instruct', architecture: 'phi3',
  layers: 40, hidden: 5120, ffn: 17920, heads: 40, kvHeads: 10, vocab: 32064, tied: false, ctx: 4096,
});
const phi4 = arch({
  id: 'phi-4', name: 'Phi-4', architecture: 'phi3',
  layers: 40, hidden: 5120, ffn: 17920, heads: 40, kvHeads: 10, vocab: 100352, tied: false, ctx: 16384,
});
const phi4mini = arch({
  id: 'phi-4-mini-instruct', name: 'Phi-4 Mini Instruct', architecture: 'phi3',
  layers: 32, hidden: 3072, ffn: 8192, heads: 24, kvHeads: 8, vocab: 200064, tied: true, ctx: 131072,
});

export const PHI_MODELS: CatalogModel[] = [
  entry({
    spec: mini, family: 'Phi', publisher: ms, hfRepo: 'microsoft/Phi-3-mini-4k-instruct', license: 'mit', released: '2024-04-23',
    tags: ['chat', 'small'], parameterCount: 3_821_079_552, parameterCountSource: { kind: 'exact', source: hf, published: '3.8B' },
    notes: 'Full multi-head attention (32 KV heads of 96): about 384 KiB of f16 KV cache per token.',
  }),
  entry({
    spec: variant(mini, 'phi-3-mini-128k-instruct', 'Phi-3 Mini 128K Instruct', { maxContext: 131072 }), family: 'Phi', publisher: ms,
    hfRepo: 'microsoft/Phi-3-mini-128k-instruct', license: 'mit', released: '2024-04-23', tags: ['chat', 'small'],
    parameterCount: 3_821_079_552, parameterCountSource: { kind: 'exact', source: hf, published: '3.8B' },
    notes: 'Same weights shape as the 4K model with LongRoPE scaling to 128k.',
  }),
  entry({
    spec: medium, family: 'Phi', publisher: ms, hfRepo: 'microsoft/Phi-3-medium-4k-instruct', license: 'mit', released: '2024-05-21',
    tags: ['chat'], parameterCount: 13_960_238_080,
    parameterCountSource: { kind: 'recomputed', source: 'config.json shapes; one weak public match', published: '14B', tolerance: 0.01 },
  }),
  entry({
    spec: variant(mini, 'phi-3.5-mini-instruct', 'Phi-3.5 Mini Instruct', { maxContext: 131072 }), family: 'Phi', publisher: ms,
    hfRepo: 'microsoft/Phi-3.5-mini-instruct', license: 'mit', released: '2024-08-20', tags: ['chat', 'small', 'multilingual'],
    parameterCount: 3_821_079_552, parameterCountSource: { kind: 'exact', source: hf, published: '3.8B' },
  }),
  entry({
    spec: phi4, family: 'Phi', publisher: ms, hfRepo: 'microsoft/phi-4', license: 'mit', released: '2024-12-12',
    tags: ['chat', 'reasoning'], parameterCount: 14_659_507_200, parameterCountSource: { kind: 'exact', source: hf, published: '14B' },
    notes: 'Phi-3 architecture with a 100,352-token vocabulary and 16k context.',
  }),
  entry({
    spec: phi4mini, family: 'Phi', publisher: ms, hfRepo: 'microsoft/Phi-4-mini-instruct', license: 'mit', released: '2025-02-26',
    tags: ['chat', 'small', 'multilingual'], parameterCount: 3_836_021_760,
    parameterCountSource: { kind: 'exact', source: hf, published: '3.8B' },
    notes: 'Tied 200k-token embedding; partial rotary (75 % of each head).',
  }),
];
