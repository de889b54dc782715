// estimate(): bytes per component for one model, quant and runtime setting, each with its basis.
// See docs/methodology.md for the formulas and their sources.

import type { ModelSpec } from '../model/types';
import { resolveQuant, type QuantFormat } from '../quant/formats';
import { activeFfnWidth, llamaCppCompute, transformersActivation, vllmActivation } from './compute';
import { kvRowBytes, layerPlan, llamaCppKv, padTo, transformersKv, vllmKv, type KvResult, type LayerPlan } from './kv';
import { seedFormula } from './seed';
import { EstimateInputError, validateSettings } from './settings';
import type { Estimate, EstimateSettings, ModelInput, UncertaintyBasis } from './types';
import { priceExactWeights, priceSpecWeights, specEntry, specMemo, type PricedWeights } from './weights';

export { defaultSettings, kvCacheTypesFor, validateSettings, EstimateInputError, MAX_CONTEXT } from './settings';
export { seedFormula, specFromParameterCount } from './seed';
export { cachedTensors } from './weights';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/**
 * Per-GPU memory outside the runtime's own buffers. llama.cpp / transformers: the CUDA context with
 * cuBLAS handles and driver allocations, 0.3–1 GiB per device in public logs (a Vulkan run left
 * 0.83 GiB unaccounted); 0.5 GiB is the middle of that range. vLLM: its measured "non-torch memory"
 * (0.03–0.1 GiB on small single GPUs, 1.8 GiB on an H100) on top of the same context.
 */
export const CUDA_CONTEXT_BYTES = 0.5 * GiB;
export const VLLM_NON_TORCH_BYTES = 0.15 * GiB;

/** Relative half-width of the uncertainty band per basis of the weights. */
const BAND: Record<UncertaintyBasis, number> = {
  gguf: 0.03,
  safetensors: 0.04,
  catalog: 0.06,
  config: 0.07,
  parameters: 0.25,
};

function positiveInt(v: unknown, name: string): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0 || v > 1e8) {
    throw new EstimateInputError(`The model's ${name} is ${String(v)}, which is not a usable positive whole number.`);
  }
}

function wholeSize(v: unknown, name: string): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1e8) {
    throw new EstimateInputError(`The model's ${name} is ${String(v)}, which is not a usable whole number.`);
  }
}

function checkSpec(spec: ModelSpec): void {
  if (typeof spec !== 'object' || spec === null) throw new EstimateInputError('The model is missing; pick a model or import a config first.');
  positiveInt(spec.layers, 'layers');
  positiveInt(spec.hiddenSize, 'hidden size');
  positiveInt(spec.heads, 'attention heads');
  positiveInt(spec.vocabSize, 'vocabulary size');
  if (spec.layers > 10000) throw new EstimateInputError(`The model's layer count of ${spec.layers} is not plausible.`);
  wholeSize(spec.headDimK, 'head dimension');
  wholeSize(spec.headDimV, 'value head dimension');
  wholeSize(spec.intermediateSize, 'feed-forward width');
  wholeSize(spec.normsPerLayer, 'norms per layer');
  const kv = spec.kvHeads;
  const kvOk =
    typeof kv === 'number' ? Number.isInteger(kv) && kv >= 0 && kv <= 1e6 : Array.isArray(kv) && kv.every((k) => Number.isInteger(k) && k >= 0);
  if (!kvOk) throw new EstimateInputError(`The model's KV head count ${String(kv)} is not usable.`);
  if (typeof spec.bias !== 'object' || spec.bias === null) {
    throw new EstimateInputError('The model description is incomplete (no bias flags); re-import it.');
  }
  const moe = spec.moe;
  if (moe && !(Number.isInteger(moe.experts) && moe.experts > 0 && moe.experts <= 1e5 && moe.expertsActive > 0 && moe.expertFfnSize > 0)) {
    throw new EstimateInputError('The model’s mixture-of-experts fields are incomplete (experts, experts per token, expert width).');
  }
}

function floatBytesOfFormat(f: QuantFormat): number {
  return f.scheme === 'float' && f.floatBytes === 4 ? 4 : 2;
}

interface RuntimeParts {
  kv: KvResult;
  compute: Estimate['compute'];
  outputBuffer: Estimate['outputBuffer'];
  overhead: Estimate['overheadPerGpu'];
  vllm: Estimate['vllm'];
  warnings: string[];
}

/** KV, compute, output and overhead: they depend on the spec and settings but not on the weight quant. */
function runtimeParts(spec: ModelSpec, settings: EstimateSettings, format: QuantFormat, plan: LayerPlan): RuntimeParts {
  const rt = settings.runtime;
  const warnings: string[] = [];
  let kv: KvResult;
  let compute: Estimate['compute'];
  let outputBuffer: Estimate['outputBuffer'];
  let overhead: Estimate['overheadPerGpu'];
  let vllm: Estimate['vllm'];

  if (rt === 'llama.cpp') {
    if (settings.kvTypeK === 'fp8' || settings.kvTypeV === 'fp8') {
      warnings.push('llama.cpp has no fp8 KV cache; q8_0 was assumed.');
    }
    if (!settings.flashAttention && !['f16', 'f32', 'bf16'].includes(settings.kvTypeV)) {
      warnings.push('llama.cpp needs flash attention for a quantised V cache; turn flash attention on or use an f16 V cache.');
    }
    const pad = settings.kvPadding ?? 256;
    const unified = settings.kvUnified === true && settings.parallel > 1;
    const ctxSeq = unified ? padTo(settings.context * settings.parallel, pad) : padTo(settings.context, pad);
    const nCtx = unified ? ctxSeq : ctxSeq * settings.parallel;
    const nBatch = Math.min(nCtx, settings.batch);
    const T = Math.min(nBatch, settings.ubatch);
    kv = llamaCppKv(spec, settings, T, plan);
    const hasFull = plan.hasFull;
    const maxRow = kvRowBytes('f16', plan.maxElems);
    const quantKv = !['f16', 'f32', 'bf16'].includes(settings.kvTypeK) || !['f16', 'f32', 'bf16'].includes(settings.kvTypeV);
    const c = llamaCppCompute(spec, {
      tokens: T,
      nKv: ctxSeq,
      nSwa: kv.slidingCells,
      hasFullLayers: hasFull,
      flashAttention: settings.flashAttention,
      quantKvF16CopyBytes:
        settings.flashAttention && quantKv && ['cuda', 'rocm'].includes(settings.backend ?? 'cuda')
          ? maxRow * (hasFull ? ctxSeq : kv.slidingCells)
          : 0,
    });
    compute = { bytes: c.device + c.host, device: c.device, host: c.host, cpu: c.cpu, basis: c.basis, tokens: T };
    const out = spec.vocabSize * 4 * settings.parallel;
    outputBuffer = { bytes: out, basis: `llama.cpp output buffer: n_vocab × ${settings.parallel} sequence(s) × 4 B of logits, in host memory.` };
    overhead = {
      bytes: CUDA_CONTEXT_BYTES,
      basis: 'CUDA/ROCm context and driver allocations per GPU, about 0.5 GiB (0.3–1 GiB in public logs).',
    };
  } else if (rt === 'vllm') {
    const v = vllmKv(spec, settings, plan);
    kv = v;
    const dtype = floatBytesOfFormat(format);
    const maxSeqs = settings.maxSeqs ?? 256;
    const act = vllmActivation(spec, settings.maxBatchedTokens, maxSeqs, dtype);
    compute = {
      bytes: act,
      device: act,
      host: 0,
      tokens: settings.maxBatchedTokens,
      basis: `vLLM profiling peak: ${settings.maxBatchedTokens} batched tokens × (2·n_ff + 4·n_embd) in ${dtype}-byte activations plus the sampler's logits for ${Math.min(maxSeqs, settings.maxBatchedTokens)} sequences.`,
    };
    outputBuffer = { bytes: 0, basis: 'vLLM keeps logits inside its activation peak.' };
    overhead = {
      bytes: CUDA_CONTEXT_BYTES + VLLM_NON_TORCH_BYTES,
      basis: 'CUDA context (~0.5 GiB) plus vLLM non-torch memory (~0.15 GiB on one GPU; up to ~1.8 GiB on H100 and more per GPU with tensor parallelism).',
    };
    vllm = {
      activationPeakBytes: act,
      nonTorchBytes: VLLM_NON_TORCH_BYTES,
      kvBytesPerToken: v.perTokenAllLayers,
      blockSize: 16,
    };
  } else {
    const dtype = floatBytesOfFormat(format);
    kv = transformersKv(spec, settings, dtype, plan);
    const prompt = Math.min(settings.prefillTokens ?? settings.context, settings.context);
    const act = transformersActivation(spec, prompt, settings.parallel, 2);
    compute = {
      bytes: act,
      device: act,
      host: 0,
      tokens: prompt,
      basis: `transformers prefill of ${prompt} tokens: (3·n_ff + 4·n_embd) activations per token in 16-bit plus fp32 logits of the last position.`,
    };
    outputBuffer = { bytes: 0, basis: 'transformers keeps logits inside its activation peak.' };
    overhead = {
      bytes: CUDA_CONTEXT_BYTES,
      basis: 'CUDA context and the caching allocator’s slack per GPU, about 0.5 GiB, outside torch’s allocated figure.',
    };
  }

  return { kv, compute, outputBuffer, overhead, vllm, warnings };
}

/** The settings fields KV/compute depend on (everything but the weight quant). */
function runtimeFields(s: EstimateSettings, dtype: number): unknown[] {
  return [
    s.runtime,
    s.context,
    s.parallel,
    s.kvTypeK,
    s.kvTypeV,
    s.flashAttention,
    s.ubatch,
    s.batch,
    s.maxBatchedTokens,
    s.swaFull,
    s.kvPadding,
    s.kvUnified,
    s.backend,
    s.prefillTokens,
    s.maxSeqs,
    dtype,
  ];
}

const keyCache = new WeakMap<EstimateSettings, { fields: unknown[]; key: string }>();

/**
 * A memo key for the quant-independent parts. The same string instance is handed out while a settings
 * object is unchanged, so V8 keeps its hash and Map lookups stay cheap on the hot path.
 */
function runtimeKey(s: EstimateSettings, dtype: number): string {
  const fields = runtimeFields(s, dtype);
  const hit = keyCache.get(s);
  if (hit && hit.fields.length === fields.length && hit.fields.every((v, i) => v === fields[i])) return hit.key;
  const key = fields.map((v) => (v === undefined ? '' : String(v))).join('|');
  keyCache.set(s, { fields, key });
  return key;
}

const basisCache = new Map<string, string>();

function basisFor(w: PricedWeights, format: QuantFormat): string {
  if (w.exact) return 'Exact: the sum of the tensor sizes in the file header.';
  const hit = basisCache.get(format.id);
  if (hit) return hit;
  const text =
    format.family === 'gguf'
      ? `Per tensor from the model's shapes with llama-quantize's ${format.id} recipe and ggml block sizes.`
      : `Per tensor from the model's shapes as ${format.label} stores them; embeddings, norms and lm_head kept in 16-bit${format.scheme === 'mlx' ? ' (MLX quantises embeddings too)' : ''}.`;
  if (basisCache.size < 256) basisCache.set(format.id, text);
  return text;
}

export function estimate(input: ModelInput, settings: EstimateSettings): Estimate {
  validateSettings(settings);
  if (typeof input !== 'object' || input === null) throw new EstimateInputError('The model input is missing.');
  const spec = input.spec;
  checkSpec(spec);
  const warnings: string[] = [];
  const format = resolveQuant(settings.quant);
  const rt = settings.runtime;
  const entry = specEntry(spec);

  // Weights.
  let w: PricedWeights;
  if (input.tensors && input.tensors.length > 0) {
    w = priceExactWeights(spec, input.tensors);
  } else {
    w = priceSpecWeights(spec, format.id, settings.imatrix, entry);
    if (!format.runtimes.includes(rt)) {
      warnings.push(`${format.id} is not a format ${rt} loads; its weights are shown as ${format.id} stores them.`);
    }
  }
  const bitsPerWeight = w.elements > 0 ? (w.bytes * 8) / w.elements : 0;
  // llama.cpp with tied embeddings: the GPU holds the matrix as the output layer and the host keeps the
  // input table, so the table is resident twice (Gemma 3 27B Q4_K_M: 15773.97 MiB GPU + 1102.77 MiB host).
  // A file is tied when it has no output.weight, whatever the spec says.
  const tied = w.exact ? w.output === 0 && w.tokenEmbedding > 0 : spec.tiedEmbeddings;
  const tiedCopy = rt === 'llama.cpp' && tied && w.output === 0 ? w.tokenEmbedding : 0;
  const weightsBytes = w.bytes + tiedCopy;
  const outputBytes = w.output + tiedCopy;

  if (settings.context > spec.maxContext && spec.maxContext > 0) {
    warnings.push(`A context of ${settings.context} tokens is above the model's trained ${spec.maxContext}; quality may drop.`);
  }

  const dtype = floatBytesOfFormat(format);
  const memoKey = runtimeKey(settings, rt === 'llama.cpp' ? 0 : dtype);
  const plan = specMemo(spec, 'plan', () => layerPlan(spec), entry);
  const parts = specMemo(spec, memoKey, () => runtimeParts(spec, settings, format, plan), entry);
  const { kv, compute, outputBuffer, overhead, vllm } = parts;
  warnings.push(...parts.warnings);

  const weightsBasis = basisFor(w, format);

  const totalBytes = weightsBytes + kv.bytes + compute.device + compute.host + outputBuffer.bytes + overhead.bytes;
  const basisForBand: UncertaintyBasis = w.exact ? (spec.basis === 'safetensors' ? 'safetensors' : 'gguf') : spec.basis;
  const rel = BAND[basisForBand] ?? 0.1;

  const seedBits = format.nominalBits;
  return {
    model: spec,
    settings,
    quantLabel: w.label,
    weights: {
      bytes: weightsBytes,
      basis: tiedCopy > 0 ? `${weightsBasis} Tied embeddings: llama.cpp keeps the table in host memory and a second copy on the GPU as the output layer.` : weightsBasis,
      perLayer: w.perLayer,
      tokenEmbedding: w.tokenEmbedding,
      output: outputBytes,
      fileBytes: w.bytes,
      other: w.other,
      byType: w.byType,
      fromFile: w.exact,
      bitsPerWeight,
      parameterCount: w.parameterCount,
      activeParameterCount: w.activeParameterCount,
    },
    kvCache: {
      bytes: kv.bytes,
      basis: kv.basis,
      perLayer: kv.perLayer,
      contextAllocated: kv.contextAllocated,
      bytesPerToken: kv.bytesPerToken,
      slidingCells: kv.slidingCells,
      fixedBytes: kv.fixedBytes,
    },
    compute,
    outputBuffer,
    overheadPerGpu: overhead,
    totalBytes,
    band: { low: totalBytes * (1 - rel), high: totalBytes * (1 + rel), relative: rel, basis: basisForBand },
    seedFormula: { bytes: seedFormula(w.parameterCount, seedBits), bits: seedBits, parameters: w.parameterCount },
    vllm,
    warnings,
  };
}

/** Exposed for the advisor: the per-token FFN width the compute model uses. */
export { activeFfnWidth };
