// A small, explicit stand-in for estimate() so the advisor's own logic (placement, verdicts, search,
// remedies) is tested on numbers a reader can check by hand, independently of the memory engine.

import { GiB, MiB } from '../../units';
import type { Estimate, EstimateSettings, KvCacheType, ModelInput } from '../../estimate/types';
import type { ModelSpec } from '../../model/types';

const BPW: Record<string, number> = {
  F32: 32,
  F16: 16,
  BF16: 16,
  Q8_0: 8.5,
  Q6_K: 6.5625,
  Q5_K_M: 5.7,
  Q4_K_M: 4.85,
  Q4_0: 4.5,
  Q3_K_M: 3.9,
  Q2_K: 3.0,
  fp32: 32,
  fp16: 16,
  bf16: 16,
  fp8: 8,
  int8: 8,
  awq: 4.25,
  nf4: 4.5,
};
const KV_BYTES: Record<KvCacheType, number> = {
  f32: 4,
  f16: 2,
  bf16: 2,
  q8_0: 34 / 32,
  q4_0: 18 / 32,
  q4_1: 20 / 32,
  q5_0: 22 / 32,
  q5_1: 24 / 32,
  iq4_nl: 18 / 32,
  fp8: 1,
};

export function spec(over: Partial<ModelSpec> & { params?: number } = {}): ModelSpec {
  const { params, ...rest } = over;
  return {
    id: 'test-model',
    name: 'Test model',
    architecture: 'llama',
    layers: 32,
    hiddenSize: 4096,
    intermediateSize: 14336,
    heads: 32,
    kvHeads: 8,
    headDimK: 128,
    headDimV: 128,
    vocabSize: 128256,
    tiedEmbeddings: false,
    maxContext: 131072,
    gatedFfn: true,
    bias: { qkv: false, attnOut: false, ffn: false },
    norm: 'rms',
    normsPerLayer: 2,
    qkNorm: false,
    basis: 'parameters',
    parameterCountOverride: params ?? 8e9,
    ...rest,
  };
}

export function settings(over: Partial<EstimateSettings> = {}): EstimateSettings {
  return {
    runtime: 'llama.cpp',
    quant: 'Q4_K_M',
    context: 8192,
    parallel: 1,
    kvTypeK: 'f16',
    kvTypeV: 'f16',
    flashAttention: true,
    ubatch: 512,
    batch: 2048,
    gpuMemoryUtilization: 0.9,
    maxBatchedTokens: 8192,
    ...over,
  };
}

export function fakeEstimate(input: ModelInput, s: EstimateSettings): Estimate {
  const m = input.spec;
  const bpw = BPW[s.quant];
  if (bpw === undefined) throw new Error(`unknown quant ${s.quant}`);
  const P = m.parameterCountOverride ?? 8e9;
  const embParams = m.vocabSize * m.hiddenSize;
  const outParams = m.tiedEmbeddings ? 0 : embParams;
  const layerParams = (P - embParams - outParams) / m.layers;
  const perLayer = Array.from({ length: m.layers }, () => (layerParams * bpw) / 8);
  const tokenEmbedding = (embParams * bpw) / 8;
  const output = (outParams * bpw) / 8;
  const pad = s.runtime === 'llama.cpp' ? 256 : 16;
  const ctx = Math.ceil(s.context / pad) * pad;
  const kvHeads = typeof m.kvHeads === 'number' ? m.kvHeads : Math.max(...m.kvHeads);
  const perTokenLayer = kvHeads * (m.headDimK * KV_BYTES[s.kvTypeK] + m.headDimV * KV_BYTES[s.kvTypeV]);
  const kvPerLayer = Array.from({ length: m.layers }, () => perTokenLayer * ctx * s.parallel);
  const kvBytes = kvPerLayer.reduce((a, b) => a + b, 0);
  const logits = m.vocabSize * s.ubatch * 4;
  const attn = s.flashAttention ? 0 : ctx * s.ubatch * m.heads * 4;
  const computeDevice = logits + attn;
  const overhead = s.runtime === 'vllm' ? 1.5 * GiB : 512 * MiB;
  const weightsBytes = perLayer.reduce((a, b) => a + b, 0) + tokenEmbedding + output;
  const est: Estimate = {
    model: m,
    settings: s,
    quantLabel: s.quant,
    weights: {
      bytes: weightsBytes,
      basis: 'fake',
      perLayer,
      tokenEmbedding,
      output,
      other: 0,
      byType: {},
      fromFile: false,
      bitsPerWeight: bpw,
      parameterCount: P,
      activeParameterCount: P,
    },
    kvCache: { bytes: kvBytes, basis: 'fake', perLayer: kvPerLayer, contextAllocated: ctx, bytesPerToken: perTokenLayer * m.layers },
    compute: { bytes: computeDevice + 16 * MiB, basis: 'fake', device: computeDevice, host: 16 * MiB },
    outputBuffer: { bytes: m.vocabSize * 4 * s.parallel, basis: 'fake' },
    overheadPerGpu: { bytes: overhead, basis: 'fake' },
    totalBytes: 0,
    band: { low: 0.95, high: 1.05, relative: 0.05, basis: m.basis },
    seedFormula: { bytes: P * (bpw / 8) * 1.2, bits: bpw, parameters: P },
    warnings: [],
  };
  est.totalBytes = weightsBytes + kvBytes + est.compute.bytes + est.outputBuffer.bytes + overhead;
  if (s.runtime === 'vllm') {
    est.vllm = { activationPeakBytes: 1 * GiB, nonTorchBytes: overhead, kvBytesPerToken: perTokenLayer * m.layers, blockSize: 16 };
  }
  return est;
}
