import { describe, expect, it } from 'vitest';
import { parseGgufHeader, type ByteSource, type GgufHeader } from '../../src/core/model/gguf/parse';
import { ggufToModelInput } from '../../src/core/model/gguf/to-spec';
import {
  encodeGgufHeader,
  encodeSyntheticGguf,
  i32,
  numArr,
  str,
  syntheticKvs,
  syntheticTensors,
  syntheticTotals,
  u16,
  u32,
  type EncodedGguf,
  type SyntheticModel,
} from '../support/gguf-writer';

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

async function headerOf(m: SyntheticModel): Promise<GgufHeader> {
  return parseGgufHeader(source(encodeSyntheticGguf(m)));
}

const base = { layers: 6, hidden: 512, ff: 1536, heads: 8, kvHeads: 2, vocab: 4096 } as const;

describe('ggufToModelInput', () => {
  it('maps a llama header to an exact spec and tensor list', async () => {
    const m: SyntheticModel = { architecture: 'llama', ...base, fileType: 'Q4_K_M', contextLength: 8192 };
    const r = ggufToModelInput([await headerOf(m)]);
    const totals = syntheticTotals(m);
    expect(r.architecture).toBe('llama');
    expect(r.fileType).toBe('Q4_K_M');
    expect(r.parameterCount).toBe(totals.parameters);
    expect(r.weightsBytes).toBe(totals.weightsBytes);
    expect(r.warnings).toEqual([]);
    const s = r.input.spec;
    expect(s).toMatchObject({
      architecture: 'llama',
      layers: 6,
      hiddenSize: 512,
      intermediateSize: 1536,
      heads: 8,
      kvHeads: 2,
      headDimK: 64,
      headDimV: 64,
      vocabSize: 4096,
      tiedEmbeddings: false,
      maxContext: 8192,
      gatedFfn: true,
      norm: 'rms',
      normsPerLayer: 2,
      qkNorm: false,
      basis: 'gguf',
      parameterCountOverride: totals.parameters,
    });
    expect(s.bias).toEqual({ qkv: false, attnOut: false, ffn: false });
    expect(s.slidingWindow).toBeUndefined();
    expect(s.moe).toBeUndefined();
    const tensors = r.input.tensors!;
    expect(tensors).toHaveLength(totals.tensors);
    expect(tensors.reduce((a, t) => a + t.bytes, 0)).toBe(totals.weightsBytes);
    expect(tensors.find((t) => t.name === 'blk.5.ffn_down.weight')).toMatchObject({ layer: 5, shape: [1536, 512], type: 'Q6_K' });
    expect(tensors.find((t) => t.name === 'token_embd.weight')!.layer).toBeNull();
  });

  it('reads qwen2 biases and tied embeddings', async () => {
    const r = ggufToModelInput([await headerOf({ architecture: 'qwen2', ...base, fileType: 'Q8_0', tied: true })]);
    expect(r.input.spec.bias.qkv).toBe(true);
    expect(r.input.spec.tiedEmbeddings).toBe(true);
    expect(r.fileType).toBe('Q8_0');
  });

  it('derives the sliding-window pattern of gemma2 and gemma3', async () => {
    const g2 = ggufToModelInput([await headerOf({ architecture: 'gemma2', ...base, headDim: 128, fileType: 'F16', slidingWindow: 4096 })]);
    expect(g2.input.spec.slidingWindow).toEqual({ window: 4096, period: 2, kind: 'sliding' });
    expect(g2.input.spec.headDimK).toBe(128);
    expect(g2.input.spec.normsPerLayer).toBe(4);
    expect(g2.input.spec.tiedEmbeddings).toBe(true);
    const g3 = ggufToModelInput([await headerOf({ architecture: 'gemma3', ...base, fileType: 'F16', slidingWindow: 512 })]);
    expect(g3.input.spec.slidingWindow).toEqual({ window: 512, period: 6, kind: 'sliding' });
    expect(g3.input.spec.qkNorm).toBe(true);
  });

  it('reads MoE fields of qwen3moe and qwen2moe', async () => {
    const q3 = ggufToModelInput([
      await headerOf({ architecture: 'qwen3moe', ...base, fileType: 'Q4_K_M', experts: 16, expertsUsed: 4, expertFf: 256 }),
    ]);
    expect(q3.input.spec.moe).toMatchObject({
      experts: 16,
      expertsActive: 4,
      sharedExperts: 0,
      expertFfnSize: 256,
      denseLeadingLayers: 0,
      layerStep: 1,
    });
    const q2 = ggufToModelInput([
      await headerOf({
        architecture: 'qwen2moe',
        ...base,
        fileType: 'Q8_0',
        experts: 8,
        expertsUsed: 2,
        expertFf: 256,
        sharedExpertFf: 1024,
      }),
    ]);
    expect(q2.input.spec.moe).toMatchObject({
      experts: 8,
      expertsActive: 2,
      sharedExperts: 1,
      expertFfnSize: 256,
      sharedExpertFfnSize: 1024,
      sharedExpertGate: true,
    });
  });

  it('takes per-layer head counts and MLA ranks from metadata', async () => {
    const m: SyntheticModel = {
      architecture: 'llama',
      ...base,
      fileType: 'F16',
      extraMetadata: [
        ['llama.attention.kv_lora_rank', u32(512)],
        ['llama.attention.q_lora_rank', u32(1536)],
        ['llama.attention.key_length_mla', u32(192)],
        ['llama.attention.value_length_mla', u32(128)],
      ],
    };
    const kvs = syntheticKvs(m).map(([k, v]) =>
      k === 'llama.attention.head_count_kv' ? ([k, numArr('i32', [2, 2, 4, 4, 0, 2])] as const) : ([k, v] as const),
    );
    const enc = encodeGgufHeader(
      kvs.map(([k, v]) => [k, v]),
      syntheticTensors(m),
    );
    const r = ggufToModelInput([await parseGgufHeader(source(enc))]);
    expect(r.input.spec.kvHeads).toEqual([2, 2, 4, 4, 0, 2]);
    expect(r.input.spec.mla).toEqual({ kvLoraRank: 512, qLoraRank: 1536, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 });
  });

  it('falls back to the header for an unknown architecture and lists what is missing', async () => {
    const m: SyntheticModel = { architecture: 'llama', ...base, fileType: 'F16' };
    const kvs = syntheticKvs(m)
      .filter(([k]) => !k.startsWith('llama.'))
      .map(([k, v]) => (k === 'general.architecture' ? ([k, str('mystery')] as [string, typeof v]) : ([k, v] as [string, typeof v])));
    const r = ggufToModelInput([await parseGgufHeader(source(encodeGgufHeader(kvs, syntheticTensors(m))))]);
    expect(r.architecture).toBe('mystery');
    expect(r.input.spec.layers).toBe(6);
    expect(r.input.spec.hiddenSize).toBe(512);
    expect(r.input.spec.vocabSize).toBe(4096);
    expect(r.input.spec.intermediateSize).toBe(1536);
    const text = r.warnings.join('\n');
    expect(text).toMatch(/mystery\.block_count/);
    expect(text).toMatch(/mystery\.attention\.head_count/);
    expect(text).toMatch(/not one VRAM Planner knows/);
  });

  it('merges the tensors of a split set in shard order', async () => {
    const m: SyntheticModel = { architecture: 'qwen2', ...base, fileType: 'Q4_0' };
    const kvs = syntheticKvs(m);
    const tensors = syntheticTensors(m);
    const third = Math.ceil(tensors.length / 3);
    const shards: GgufHeader[] = [];
    for (let i = 0; i < 3; i++) {
      const split = [
        ['split.no', u16(i)],
        ['split.count', u16(3)],
        ['split.tensors.count', i32(tensors.length)],
      ] as [string, ReturnType<typeof u16>][];
      shards.push(
        await parseGgufHeader(source(encodeGgufHeader(i === 0 ? [...split, ...kvs] : split, tensors.slice(i * third, (i + 1) * third)))),
      );
    }
    const r = ggufToModelInput([shards[2]!, shards[0]!, shards[1]!]);
    const totals = syntheticTotals(m);
    expect(r.parameterCount).toBe(totals.parameters);
    expect(r.weightsBytes).toBe(totals.weightsBytes);
    expect(r.input.tensors!.map((t) => t.name)).toEqual(tensors.map((t) => t.name));
    expect(r.warnings).toEqual([]);
    const partial = ggufToModelInput([shards[0]!, shards[1]!]);
    expect(partial.warnings.join(' ')).toMatch(/3 files but 2 were read/);
  });
});

describe('ggufToModelInput, less common headers', () => {
  it('derives the recurrent state of state-space layers', async () => {
    const m: SyntheticModel = {
      architecture: 'llama',
      ...base,
      fileType: 'F16',
      extraMetadata: [
        ['llama.ssm.conv_kernel', u32(4)],
        ['llama.ssm.inner_size', u32(1024)],
        ['llama.ssm.state_size', u32(128)],
        ['llama.ssm.group_count', u32(1)],
      ],
    };
    const tensors = [
      ...syntheticTensors(m),
      { name: 'blk.2.ssm_in.weight', dims: [512, 2048], type: 'F16' },
      { name: 'blk.4.ssm_in.weight', dims: [512, 2048], type: 'F16' },
    ];
    const r = ggufToModelInput([await parseGgufHeader(source(encodeGgufHeader(syntheticKvs(m), tensors)))]);
    expect(r.input.spec.recurrent).toEqual({ layers: [2, 4], stateElementsPerLayer: 3 * (1024 + 2 * 128) + 128 * 1024 });
  });

  it('uses llama.cpp default windows where the file has none (Llama 4 chunks)', async () => {
    const m: SyntheticModel = { architecture: 'llama', ...base, fileType: 'F16' };
    const kvs = syntheticKvs(m).map(
      ([k, v]) => [k.replace(/^llama\./, 'llama4.'), k === 'general.architecture' ? str('llama4') : v] as [string, typeof v],
    );
    const r = ggufToModelInput([await parseGgufHeader(source(encodeGgufHeader(kvs, syntheticTensors(m))))]);
    expect(r.input.spec.slidingWindow).toEqual({ window: 8192, period: 4, kind: 'chunked' });
  });
});
