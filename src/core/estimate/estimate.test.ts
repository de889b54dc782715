import { describe, expect, it } from 'vitest';
import { specFromHfConfig } from '../model/from-hf-config';
import { countParameters } from '../model/params';
import { listTensors } from '../model/tensors';
import { ggmlBytes, ggmlType } from '../quant/ggml-types';
import { tensorTypeForFileType } from '../quant/recipes';
import { defaultSettings, estimate, EstimateInputError, seedFormula, specFromParameterCount, validateSettings } from './index';
import { genericSpecError } from './seed';
import { getModel } from '../catalog';
import type { EstimateSettings, TensorInfo } from './types';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

const llama31 = specFromHfConfig({
  model_type: 'llama',
  num_hidden_layers: 32,
  hidden_size: 4096,
  intermediate_size: 14336,
  num_attention_heads: 32,
  num_key_value_heads: 8,
  vocab_size: 128256,
  max_position_embeddings: 131072,
}).spec;

const gemma3_27b = specFromHfConfig({
  model_type: 'gemma3_text',
  num_hidden_layers: 62,
  hidden_size: 5376,
  intermediate_size: 21504,
  num_attention_heads: 32,
  num_key_value_heads: 16,
  head_dim: 128,
  vocab_size: 262208,
  sliding_window: 1024,
}).spec;

const qwen7b = specFromHfConfig({
  model_type: 'qwen2',
  num_hidden_layers: 28,
  hidden_size: 3584,
  intermediate_size: 18944,
  num_attention_heads: 28,
  num_key_value_heads: 4,
  vocab_size: 152064,
}).spec;

function llamaCpp(over: Partial<EstimateSettings> = {}): EstimateSettings {
  return { ...defaultSettings('llama.cpp'), ...over };
}

describe('seed formula and generic models', () => {
  it('reproduces the article examples', () => {
    expect(seedFormula(70e9, 16)).toBe(168e9);
    expect(seedFormula(70e9, 4)).toBe(42e9);
    expect(() => seedFormula(0, 4)).toThrow(EstimateInputError);
  });

  it('builds a Llama-like spec within 1 % of a bare parameter count', () => {
    for (const p of [1e7, 1e8, 1e9, 3e9, 7e9, 8e9, 13e9, 34e9, 70e9, 405e9, 1e12]) {
      const spec = specFromParameterCount(p);
      expect(spec.basis).toBe('parameters');
      // The stated P is the model's count; the laid-out tensors must land within 1 % of it.
      expect(countParameters(spec).total).toBe(Math.round(p));
      expect(Math.abs(genericSpecError(p)), `${p}`).toBeLessThan(0.01);
    }
    const s70 = specFromParameterCount(70e9);
    expect(s70.hiddenSize).toBe(8192);
    expect(Math.abs(s70.layers - 80)).toBeLessThanOrEqual(2);
    expect(specFromParameterCount(8e9).hiddenSize).toBe(4096);
    expect(() => specFromParameterCount(-5)).toThrow(EstimateInputError);
  });
});

describe('defaults and validation', () => {
  it('llama.cpp and vLLM defaults', () => {
    expect(defaultSettings()).toMatchObject({ context: 4096, parallel: 1, kvTypeK: 'f16', flashAttention: true, ubatch: 512, batch: 2048 });
    expect(defaultSettings('vllm')).toMatchObject({ gpuMemoryUtilization: 0.9, maxBatchedTokens: 8192 });
  });

  it('rejects absurd settings with one clear sentence', () => {
    const bad: Array<[Partial<EstimateSettings>, RegExp]> = [
      [{ context: 0 }, /Context length must be at least 1/],
      [{ context: 1e12 }, /above the supported maximum/],
      [{ context: 1.5 }, /whole number/],
      [{ parallel: -1 }, /Parallel sequences/],
      [{ quant: 'Q9_K' }, /Unknown quantisation "Q9_K"/],
      [{ gpuMemoryUtilization: 1.5 }, /utilisation/],
      [{ ubatch: Number.NaN }, /whole number/],
      [{ kvTypeK: 'q3_k' as never }, /K cache type/],
    ];
    for (const [over, msg] of bad) {
      expect(() => validateSettings(llamaCpp(over)), JSON.stringify(over)).toThrow(EstimateInputError);
      expect(() => validateSettings(llamaCpp(over))).toThrow(msg);
    }
    expect(() => estimate({ spec: { ...llama31, layers: 0 } }, llamaCpp())).toThrow(/layers is 0/);
  });

  it('garbage input fails with EstimateInputError, never a crash', () => {
    const junk: unknown[] = [null, undefined, 'x', -1, 1e308, Number.NaN, {}, [], { a: 1 }];
    for (const j of junk) {
      expect(() => estimate({ spec: llama31 }, j as never)).toThrow(EstimateInputError);
      expect(() => estimate(j as never, llamaCpp())).toThrow(EstimateInputError);
      for (const field of ['layers', 'hiddenSize', 'kvHeads', 'headDimK', 'intermediateSize', 'bias', 'vocabSize', 'moe'] as const) {
        // Either a usable estimate (an empty bias object is just "no biases") or a clear input error.
        try {
          const e = estimate({ spec: { ...llama31, [field]: j } as never }, llamaCpp());
          expect(Number.isFinite(e.totalBytes), `${field}=${String(j)}`).toBe(true);
        } catch (err) {
          expect(err, `${field}=${String(j)}`).toBeInstanceOf(EstimateInputError);
        }
      }
    }
  });
});

describe('llama.cpp KV cache', () => {
  it('Llama-3.1-8B at 8192 f16 is 1024 MiB, q8_0 544 MiB', () => {
    expect(estimate({ spec: llama31 }, llamaCpp({ context: 8192 })).kvCache.bytes).toBe(1024 * MiB);
    expect(estimate({ spec: llama31 }, llamaCpp({ context: 8192, kvTypeK: 'q8_0', kvTypeV: 'q8_0' })).kvCache.bytes).toBe(544 * MiB);
  });

  it('pads the context to 256 and multiplies by parallel sequences', () => {
    const e = estimate({ spec: llama31 }, llamaCpp({ context: 5000 }));
    expect(e.kvCache.contextAllocated).toBe(5120);
    expect(e.kvCache.bytes).toBe(640 * MiB);
    expect(estimate({ spec: llama31 }, llamaCpp({ context: 4096, parallel: 4 })).kvCache.bytes).toBe(4 * 512 * MiB);
    expect(e.kvCache.bytesPerToken).toBe(32 * 8 * 128 * 2 * 2);
    // --kv-unified: one stream of pad(3 × 1000) = 3072 cells instead of 3 × pad(1000) = 3 × 1024.
    const u = estimate({ spec: llama31 }, llamaCpp({ context: 1000, parallel: 3, kvUnified: true }));
    expect(u.kvCache.contextAllocated).toBe(3072);
    expect(u.kvCache.bytes).toBe(3072 * 32 * 8 * 128 * 4);
  });

  it('sliding-window layers keep window + ubatch (padded to 256) unless --swa-full', () => {
    // 10 global layers × 32768 cells + 52 local layers × pad(1024 + 512) = 1536 cells, 16 heads × 128 × 2 × 2 B.
    const row = 16 * 128 * 2 * 2;
    const e = estimate({ spec: gemma3_27b }, llamaCpp({ quant: 'Q4_K_M', context: 32768 }));
    expect(e.kvCache.slidingCells).toBe(1536);
    expect(e.kvCache.bytes).toBe(10 * 32768 * row + 52 * 1536 * row);
    expect(estimate({ spec: gemma3_27b }, llamaCpp({ context: 32768, swaFull: true })).kvCache.bytes).toBe(15872 * MiB);
  });

  it('MLA caches one latent row per layer', () => {
    // The library's DeepSeek-V3 (its config is tested in model.test.ts): 576-wide latent per layer.
    const ds = getModel('deepseek-v3')!.spec;
    expect(estimate({ spec: ds }, llamaCpp({ context: 4096 })).kvCache.bytes).toBe(61 * 4096 * 576 * 2);
    // vLLM also stores the latent; transformers' DeepSeek code caches full per-head K and V.
    const v = estimate({ spec: ds }, { ...defaultSettings('vllm'), context: 4096 });
    expect(v.vllm?.kvBytesPerToken).toBe(61 * 576 * 2);
  });
});

describe('weights', () => {
  it('keeps the token embedding separate (host-resident in llama.cpp)', () => {
    const e = estimate({ spec: llama31 }, llamaCpp({ quant: 'Q4_0' }));
    expect(e.weights.tokenEmbedding / MiB).toBeCloseTo(281.81, 2);
    expect((e.weights.bytes - e.weights.tokenEmbedding) / MiB).toBeCloseTo(4155.99, 2);
    expect(e.weights.perLayer).toHaveLength(32);
    expect(e.weights.perLayer.reduce((a, b) => a + b, 0) + e.weights.tokenEmbedding + e.weights.output + e.weights.other).toBe(
      e.weights.bytes,
    );
  });

  it('llama.cpp duplicates a tied embedding as the GPU output layer', () => {
    const e = estimate({ spec: gemma3_27b }, llamaCpp({ quant: 'Q4_K_M' }));
    expect(e.weights.tokenEmbedding / MiB).toBeCloseTo(1102.77, 2);
    expect(e.weights.output).toBe(e.weights.tokenEmbedding);
    expect(e.weights.bytes - (e.weights.fileBytes ?? 0)).toBe(e.weights.tokenEmbedding);
    const hf = estimate({ spec: gemma3_27b }, { ...defaultSettings('transformers') });
    expect(hf.weights.output).toBe(0);
  });

  it('is exact (0 bytes off) when the file tensors are given', () => {
    const tensors: TensorInfo[] = listTensors(llama31).map((t) => {
      const type = tensorTypeForFileType('Q5_K_M', t.role, t.layer, llama31, { shape: t.shape });
      return {
        name: t.name,
        shape: t.shape,
        type,
        bytes:
          ggmlBytes(
            ggmlType(type),
            t.shape.reduce((a, b) => a * b, 1),
          ) + 7,
        layer: t.layer,
      };
    });
    const sum = tensors.reduce((a, t) => a + t.bytes, 0);
    const e = estimate({ spec: { ...llama31, basis: 'gguf' }, tensors }, llamaCpp({ quant: 'Q4_0' }));
    expect(e.weights.bytes).toBe(sum);
    expect(e.weights.byType.Q6_K).toBeGreaterThan(0);
    expect(e.band.basis).toBe('gguf');
    expect(e.band.relative).toBeLessThan(0.05);
    // Without output.weight the file is tied: fileBytes stays the file, bytes adds the GPU output copy.
    const tied = tensors.filter((t) => t.name !== 'output.weight');
    const tiedSum = tied.reduce((a, t) => a + t.bytes, 0);
    const et = estimate({ spec: { ...llama31, basis: 'gguf' }, tensors: tied }, llamaCpp());
    expect(et.weights.fileBytes).toBe(tiedSum);
    expect(et.weights.bytes).toBe(tiedSum + et.weights.tokenEmbedding);
  });

  it('HF formats keep embeddings and lm_head in 16-bit', () => {
    const nf4 = estimate({ spec: llama31 }, { ...defaultSettings('transformers'), quant: 'nf4' });
    expect(nf4.weights.tokenEmbedding).toBe(128256 * 4096 * 2);
    expect(nf4.weights.output).toBe(128256 * 4096 * 2);
    expect(nf4.weights.bitsPerWeight).toBeGreaterThan(5);
    const bf16 = estimate({ spec: llama31 }, { ...defaultSettings('vllm') });
    // vLLM logs "Model loading took 14.96 GiB" for Llama-3-8B in bf16.
    expect(bf16.weights.bytes / GiB).toBeCloseTo(14.96, 2);
  });
});

describe('compute and totals', () => {
  it('llama.cpp compute is proportional to ubatch; FA off grows 4·ubatch·(n_head+1) per context token on CPU', () => {
    const a = estimate({ spec: llama31 }, llamaCpp({ context: 32768, flashAttention: false, ubatch: 512 }));
    const b = estimate({ spec: llama31 }, llamaCpp({ context: 33024, flashAttention: false, ubatch: 512 }));
    expect((b.compute.cpu ?? 0) - (a.compute.cpu ?? 0)).toBe(256 * 4 * 512 * (32 + 1));
    const u1 = estimate({ spec: llama31 }, llamaCpp({ ubatch: 256 }));
    const u2 = estimate({ spec: llama31 }, llamaCpp({ ubatch: 512 }));
    expect(u2.compute.device).toBe(2 * u1.compute.device);
    // Flash attention on: the logits n_vocab × n_ubatch × 4 B (+ two hidden states) dominate.
    expect(u2.compute.device).toBe(4 * 512 * (128256 + 2 * 4096));
    // Host inputs: f32 embeddings and the f16 mask of a flash-attention graph.
    expect(estimate({ spec: llama31 }, llamaCpp({ context: 16384, ubatch: 1024 })).compute.host).toBe(4 * 1024 * 4096 + 2 * 1024 * 16384);
    expect(u2.outputBuffer.bytes).toBe(128256 * 4);
  });

  it('reproduces the CPU allocator measured with node-llama-cpp (2-layer Llama shapes, n_ubatch 512)', () => {
    const shape = (hidden: number, ff: number, heads: number, kv: number) =>
      specFromHfConfig({
        model_type: 'llama',
        num_hidden_layers: 2,
        hidden_size: hidden,
        intermediate_size: ff,
        num_attention_heads: heads,
        num_key_value_heads: kv,
        vocab_size: 4096,
      }).spec;
    const cpu = (spec: ReturnType<typeof shape>, context: number, fa: boolean) =>
      (estimate({ spec }, llamaCpp({ quant: 'Q8_0', context, flashAttention: fa, ubatch: 512, batch: 512 })).compute.cpu ?? 0) / MiB;
    // Measured: 49.514 / 158.010 / 97.014 / 320.010 / 28.514 / 77.510 MiB.
    expect(cpu(shape(2048, 5632, 16, 4), 512, true)).toBeCloseTo(49.5, 1);
    expect(cpu(shape(2048, 5632, 16, 4), 4096, false)).toBeCloseTo(158.0, 1);
    expect(cpu(shape(4096, 11008, 32, 32), 512, true)).toBeCloseTo(97.0, 1);
    expect(cpu(shape(4096, 11008, 32, 32), 4096, false)).toBeCloseTo(320.0, 1);
    expect(cpu(shape(512, 4096, 8, 2), 512, true)).toBeCloseTo(28.5, 1);
    expect(cpu(shape(512, 4096, 8, 2), 4096, false)).toBeCloseTo(77.5, 1);
  });

  it('transformers peaks follow Qwen2.5-7B bf16 (14.38 GiB at 1 prompt token, 19.97 GiB at 30720)', () => {
    const at = (prompt: number) => {
      const e = estimate({ spec: qwen7b }, { ...defaultSettings('transformers'), context: prompt + 2048, prefillTokens: prompt });
      return (e.weights.bytes + e.kvCache.bytes + e.compute.device) / GiB;
    };
    expect(Math.abs(at(1) / 14.38 - 1)).toBeLessThan(0.02);
    expect(Math.abs(at(30720) / 19.97 - 1)).toBeLessThan(0.02);
  });

  it('vLLM fills Estimate.vllm with 16-token blocks and KV bytes per token', () => {
    const e = estimate({ spec: llama31 }, { ...defaultSettings('vllm'), context: 1000 });
    expect(e.vllm).toMatchObject({ blockSize: 16, kvBytesPerToken: 32 * 8 * 256 * 2 });
    expect(e.kvCache.contextAllocated).toBe(1008);
    expect(e.vllm!.activationPeakBytes).toBeGreaterThan(0);
  });

  it('total adds every component and the band widens as the basis gets vaguer', () => {
    const e = estimate({ spec: llama31 }, llamaCpp());
    expect(e.totalBytes).toBe(
      e.weights.bytes + e.kvCache.bytes + e.compute.device + e.compute.host + e.outputBuffer.bytes + e.overheadPerGpu.bytes,
    );
    const generic = estimate({ spec: specFromParameterCount(70e9) }, llamaCpp());
    expect(generic.band.relative).toBeGreaterThan(e.band.relative);
    expect(generic.seedFormula.bits).toBe(4);
    expect(e.quantLabel).toMatch(/Q4_K_M \(Q4_K/);
  });
});

describe('vLLM and SGLang KV row of a sparse-attention model', () => {
  it("DeepSeek-V3.2: the bf16 latent plus the indexer's fp8 key and fp32 scale, 61 × (1152 + 132) B per token as S252's pools log", () => {
    const spec = getModel('deepseek-v3.2')!.spec;
    for (const runtime of ['vllm', 'sglang'] as const) {
      const e = estimate({ spec }, { ...defaultSettings(runtime), quant: 'fp8', context: 8192 });
      expect(e.kvCache.bytesPerToken).toBe(61 * (1152 + 132));
    }
    // An fp8 cache halves the latent; the indexer's key is fp8 either way.
    const fp8 = estimate({ spec }, { ...defaultSettings('vllm'), quant: 'fp8', context: 8192, kvTypeK: 'fp8', kvTypeV: 'fp8' });
    expect(fp8.kvCache.bytesPerToken).toBe(61 * (576 + 132));
  });
});
