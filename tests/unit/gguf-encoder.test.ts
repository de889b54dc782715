// A bert GGUF (the file llama.cpp's converter writes for BGE / E5 / XLM-RoBERTa rerankers) read back as an
// encoder: no output head means untied, not tied; no KV cache; the reranker's cls head is found.

import { describe, expect, it } from 'vitest';
import { defaultSettings, estimate } from '../../src/core/estimate';
import { parseGgufHeader, type ByteSource } from '../../src/core/model/gguf/parse';
import { ggufToModelInput } from '../../src/core/model/gguf/to-spec';
import { encodeGgufHeader, type EncodedGguf } from '../support/gguf-writer';
import { encoderKvs, encoderTensors, type SyntheticEncoder } from '../accuracy/encoder-harness';

function source(enc: EncodedGguf): ByteSource {
  return {
    size: enc.fileBytes,
    read(offset, length) {
      const out = new Uint8Array(length);
      if (offset < enc.header.length) out.set(enc.header.subarray(offset, Math.min(enc.header.length, offset + length)));
      return Promise.resolve(out);
    },
  };
}

async function read(m: SyntheticEncoder) {
  const header = await parseGgufHeader(source(encodeGgufHeader(encoderKvs(m), encoderTensors(m))));
  return ggufToModelInput([header]);
}

const RERANKER: SyntheticEncoder = {
  layers: 2,
  hidden: 768,
  ff: 3072,
  heads: 12,
  vocab: 4096,
  positions: 514,
  tokenTypes: 1,
  pooling: 4,
  weightType: 'Q8_0',
};

describe('bert GGUF import', () => {
  it('reads the encoder parts and raises no unknown-architecture warning', async () => {
    const r = await read(RERANKER);
    expect(r.input.spec.encoder).toEqual({
      positions: 514,
      tokenTypes: 1,
      fusedQkv: false,
      classifier: { labels: 1 },
      unloadedParameters: 0,
    });
    expect(r.input.spec.tiedEmbeddings).toBe(false);
    expect(r.warnings.join(' ')).not.toMatch(/not one VRAM Planner knows/);
  });

  it('prices the file exactly, with no tied output copy and no KV cache', async () => {
    const r = await read(RERANKER);
    const e = estimate(r.input, { ...defaultSettings('llama.cpp'), context: 512, ubatch: 512, batch: 512 });
    expect(e.weights.bytes).toBe(r.weightsBytes);
    expect(e.weights.output).toBe(0);
    expect(e.kvCache.bytes).toBe(0);
  });
});
