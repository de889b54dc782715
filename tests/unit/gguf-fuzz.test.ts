// Mutates real headers thousands of times and checks the parser's promise: every input either parses
// or throws GgufError, never reads past the byte limit, and never hangs.
import { describe, expect, it } from 'vitest';
import { GgufError, parseGgufHeader, type ByteSource } from '../../src/core/model/gguf/parse';
import { ggufToModelInput } from '../../src/core/model/gguf/to-spec';
import { encodeSyntheticGguf, type SyntheticModel } from '../support/gguf-writer';

/** mulberry32: small seeded PRNG so a failure reproduces from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LIMIT = 16 * 1024 * 1024;

/** Reports a large sparse size (like a real model file) and serves zeros past the header bytes. */
function source(bytes: Uint8Array, size: number): ByteSource & { read_: number } {
  const s = {
    size,
    read_: 0,
    read(offset: number, length: number) {
      s.read_ += length;
      const out = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
      if (offset < bytes.length) out.set(bytes.subarray(offset, Math.min(bytes.length, offset + out.length)));
      return Promise.resolve(out);
    },
  };
  return s;
}

const models: SyntheticModel[] = [
  { architecture: 'llama', layers: 2, hidden: 256, ff: 512, heads: 4, kvHeads: 2, vocab: 300, fileType: 'Q4_K_M' },
  { architecture: 'gemma3', layers: 2, hidden: 256, ff: 512, heads: 4, kvHeads: 1, vocab: 300, fileType: 'Q8_0', slidingWindow: 512 },
  {
    architecture: 'qwen2moe',
    layers: 1,
    hidden: 256,
    ff: 512,
    heads: 4,
    kvHeads: 4,
    vocab: 300,
    fileType: 'F16',
    experts: 4,
    expertsUsed: 2,
  },
];

function mutate(orig: Uint8Array, rnd: () => number): { bytes: Uint8Array; size: number } {
  const bytes = orig.slice();
  const kind = Math.floor(rnd() * 5);
  const at = Math.floor(rnd() * bytes.length);
  const view = new DataView(bytes.buffer);
  switch (kind) {
    case 0: {
      // random byte flips
      const flips = 1 + Math.floor(rnd() * 8);
      for (let i = 0; i < flips; i++) bytes[Math.floor(rnd() * bytes.length)] = Math.floor(rnd() * 256);
      return { bytes, size: 1 << 30 };
    }
    case 1:
      // truncation, both of the bytes and of the reported size
      return { bytes: bytes.subarray(0, at), size: at };
    case 2: {
      // a plausible length/count field set to a huge or boundary value
      const values = [2n ** 64n - 1n, 2n ** 63n, 2n ** 53n, 2n ** 32n, 2n ** 31n - 1n, 0n, 1n];
      if (at + 8 <= bytes.length) view.setBigUint64(at, values[Math.floor(rnd() * values.length)]!, true);
      return { bytes, size: 1 << 30 };
    }
    case 3: {
      // a u32 (type id, n_dims, item type) set to an edge value
      const values = [0xffffffff, 9, 13, 5, 4, 39, 40, 1024];
      if (at + 4 <= bytes.length) view.setUint32(at, values[Math.floor(rnd() * values.length)]!, true);
      return { bytes, size: 1 << 30 };
    }
    default: {
      // splice: duplicate a random slice into another position
      const len = Math.floor(rnd() * 64);
      const from = Math.floor(rnd() * Math.max(1, bytes.length - len));
      bytes.copyWithin(at, from, from + len);
      return { bytes, size: bytes.length + Math.floor(rnd() * 1e6) };
    }
  }
}

describe('GGUF parser fuzzing', () => {
  it('parses or throws GgufError on 3000 mutated headers, within the byte limit', async () => {
    const rnd = prng(0x5eed);
    const originals = models.map((m) => encodeSyntheticGguf(m).header);
    let parsed = 0;
    let rejected = 0;
    for (let i = 0; i < 3000; i++) {
      const orig = originals[i % originals.length]!;
      const { bytes, size } = mutate(orig, rnd);
      const src = source(bytes, size);
      try {
        const h = await parseGgufHeader(src);
        expect(h.bytesRead).toBeLessThanOrEqual(LIMIT);
        // The mapping must also cope with whatever metadata survived.
        const r = ggufToModelInput([h]);
        expect(r.parameterCount).toBeGreaterThanOrEqual(0);
        parsed++;
      } catch (err) {
        if (!(err instanceof GgufError)) throw new Error(`case ${i}: ${String(err)}`);
        expect(err.message.length).toBeGreaterThan(10);
        expect(err.message.length).toBeLessThan(400);
        rejected++;
      }
      expect(src.read_).toBeLessThanOrEqual(LIMIT);
    }
    expect(parsed).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(100);
  });
});
