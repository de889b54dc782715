// A hybrid model's GGUF header read back by the app's importer gives the same recurrent layers, state and
// parameters as the config it was written from (no llama.cpp needed; the accuracy grid checks the
// same files against the real allocator).
import { describe, expect, it } from 'vitest';
import { parseGgufHeader, type ByteSource } from '../../src/core/model/gguf/parse';
import { ggufToModelInput } from '../../src/core/model/gguf/to-spec';
import { countParameters } from '../../src/core/model/params';
import { HYBRID_MODELS } from '../accuracy/llama-grid-hybrid';
import { encodeSyntheticGguf, type EncodedGguf } from '../support/gguf-writer';

/** The header bytes, then zeros: a sparse file as the writer makes it. */
function source(enc: EncodedGguf): ByteSource {
  return {
    size: enc.fileBytes,
    read(offset, length) {
      const out = new Uint8Array(Math.max(0, Math.min(length, enc.fileBytes - offset)));
      if (offset < enc.header.length) out.set(enc.header.subarray(offset, Math.min(enc.header.length, offset + out.length)));
      return Promise.resolve(out);
    },
  };
}

describe.each(HYBRID_MODELS.map((m) => [m.architecture, m] as const))('%s GGUF round trip', (_arch, model) => {
  it('recovers the recurrent layers, their state and the parameter count', async () => {
    const enc = encodeSyntheticGguf(model);
    const r = ggufToModelInput([await parseGgufHeader(source(enc))]);
    const spec = model.spec!;
    expect(r.warnings).toEqual([]);
    expect(r.input.spec.recurrent?.layers).toEqual(spec.recurrent?.layers);
    expect(r.input.spec.recurrent?.stateElementsPerLayer).toBe(spec.recurrent?.stateElementsPerLayer);
    expect(r.parameterCount).toBe(countParameters(spec).total);
  });
});
