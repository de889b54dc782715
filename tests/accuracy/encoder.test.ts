// Real llama.cpp against estimate() for embedding and reranker servers. Encoder-only models (synthetic
// "bert" GGUFs imported through the same HF-config path a user's file takes): weights to the byte, no KV
// cache, compute within 16 KiB (the estimate always counts mean pooling's T × n_seq f32 matrix, which
// a CLS-pooled or reranking context does not hold), output buffer at the log's precision. Decoder embedding contexts: the
// compute buffer keeps the chat context's n_vocab × n_ubatch logits plus one KQ mask, as
// src/core/multi/pooled.ts prices it. Skips with a message when the harness is not installed.

import { describe, expect, it } from 'vitest';
import { estimate, defaultSettings } from '../../src/core/estimate';
import { specFromHfConfig } from '../../src/core/model/from-hf-config';
import type { EstimateSettings } from '../../src/core/estimate/types';
import { measureDecoderPooling, measureEncoders, type EncoderCase, type SyntheticEncoder } from './encoder-harness';
import { HARNESS_INSTALL_HINT, isHarnessInstalled } from './llama-harness';
import { u32 } from '../support/gguf-writer';

const installed = isHarnessInstalled();
if (!installed) console.warn(`[accuracy] skipped: ${HARNESS_INSTALL_HINT}`);

const MiB = 1024 * 1024;

const BASE: SyntheticEncoder = {
  layers: 2,
  hidden: 768,
  ff: 3072,
  heads: 12,
  vocab: 4096,
  positions: 2048,
  tokenTypes: 2,
  pooling: 1,
  weightType: 'Q8_0',
};
const LARGE: SyntheticEncoder = {
  layers: 2,
  hidden: 1024,
  ff: 4096,
  heads: 16,
  vocab: 8192,
  positions: 4098,
  tokenTypes: 1,
  pooling: 2,
  weightType: 'F16',
};
// n_ff = n_embd: the Q/K/V phase, not the FFN, is the flash-attention peak.
const NARROW_RANK: SyntheticEncoder = { ...BASE, ff: 768, pooling: 4 };

const CASES: EncoderCase[] = [
  ...[512, 1024, 2048].flatMap((tokens) =>
    [true, false].map((flashAttention) => ({ id: `base T${tokens} fa${flashAttention}`, model: BASE, tokens, flashAttention })),
  ),
  { id: 'base T2048 fa 4 seqs', model: BASE, tokens: 2048, flashAttention: true, sequences: 4 },
  ...[1024, 4096].flatMap((tokens) =>
    [true, false].map((flashAttention) => ({ id: `large T${tokens} fa${flashAttention}`, model: LARGE, tokens, flashAttention })),
  ),
  ...[1024, 2048].flatMap((tokens) =>
    [true, false].map((flashAttention) => ({ id: `rank T${tokens} fa${flashAttention}`, model: NARROW_RANK, tokens, flashAttention })),
  ),
];

/** The HF config a user would import for the synthetic shape (BERT layout, 1 label for a reranker). */
function configOf(m: SyntheticEncoder): Record<string, unknown> {
  return {
    architectures: [m.pooling === 4 ? 'BertForSequenceClassification' : 'BertModel'],
    model_type: 'bert',
    hidden_size: m.hidden,
    intermediate_size: m.ff,
    num_hidden_layers: m.layers,
    num_attention_heads: m.heads,
    vocab_size: m.vocab,
    max_position_embeddings: m.positions,
    type_vocab_size: m.tokenTypes,
    ...(m.pooling === 4 ? { id2label: { '0': 'LABEL_0' } } : {}),
  };
}

function settingsOf(c: EncoderCase): EstimateSettings {
  return {
    ...defaultSettings('llama.cpp'),
    quant: c.model.weightType,
    context: c.tokens,
    ubatch: c.tokens,
    batch: c.tokens,
    parallel: c.sequences ?? 1,
    flashAttention: c.flashAttention,
  };
}

describe.skipIf(!installed)('encoder-only models against the real allocator (CPU backend)', () => {
  it('weights exact, no KV cache, compute within 16 KiB, output at the log precision', async () => {
    const measured = await measureEncoders(CASES);
    const rows = measured.map((m) => {
      const est = estimate({ spec: specFromHfConfig(configOf(m.case.model)).spec }, settingsOf(m.case));
      return {
        id: m.case.id,
        ok: m.ok,
        weights: [m.modelBytes, est.weights.fileBytes],
        kv: [m.kvBytes, est.kvCache.bytes],
        compute: [m.computeBytes, est.compute.cpu ?? -1],
        output: [m.outputBytes, est.outputBuffer.bytes],
      };
    });
    console.table(rows.map((r) => ({ ...r, computeMiB: r.compute.map((b) => (b / MiB).toFixed(3)).join(' / ') })));
    for (const r of rows) {
      expect(r.ok, r.id).toBe(true);
      expect(r.weights[1], `${r.id} weights`).toBe(r.weights[0]);
      expect(r.kv, `${r.id} kv`).toEqual([0, 0]);
      expect(Math.abs(r.compute[1]! - r.compute[0]!), `${r.id} compute ${r.compute.join(' vs ')}`).toBeLessThanOrEqual(16 * 1024);
      expect(Math.abs(r.output[1]! - r.output[0]!), `${r.id} output ${r.output.join(' vs ')}`).toBeLessThanOrEqual(Math.ceil(0.005 * MiB));
    }
  }, 600_000);

  it('a decoder embedding context keeps the n_vocab × n_ubatch logits and one KQ mask', async () => {
    const hidden = 1024;
    const vocab = 32000;
    const rows = await measureDecoderPooling(
      // Last-token pooling, as Qwen3-Embedding's GGUF declares it.
      {
        architecture: 'qwen2',
        layers: 2,
        hidden,
        ff: 3072,
        heads: 16,
        kvHeads: 8,
        vocab,
        fileType: 'F16',
        tied: true,
        extraMetadata: [['qwen2.pooling_type', u32(3)]],
      },
      [1024, 2048].flatMap((tokens) => [true, false].map((flashAttention) => ({ tokens, flashAttention }))),
    );
    for (const r of rows) {
      const T = r.tokens;
      const mask = (r.flashAttention ? 2 : 4) * T * T;
      const logitsPhase = 4 * T * (vocab + 2 * hidden) + mask;
      const predicted = Math.max(r.chat.compute, logitsPhase);
      const label = `T${T} fa${r.flashAttention}: chat ${r.chat.compute}, embedding ${r.embedding.compute}, predicted ${predicted}`;
      // The chat logits alone are what the old pooled rule removed: the embedding buffer is never below them.
      expect(r.embedding.compute, label).toBeGreaterThanOrEqual(4 * T * vocab);
      expect(Math.abs(r.embedding.compute - predicted) / predicted, label).toBeLessThanOrEqual(0.002);
      expect(Math.abs(r.embedding.output - 4 * (vocab + hidden)), label).toBeLessThanOrEqual(Math.ceil(0.005 * MiB));
    }
  }, 600_000);
});
