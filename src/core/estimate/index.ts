// estimate(): bytes per component for one model, quant and runtime setting, each with its basis.
// The runtime-specific rules live in ./runtimes (one file per runtime); see docs/methodology.md for the
// formulas and their sources.

import { resolveQuant } from '../quant/formats';
import { activeFfnWidth } from './compute';
import { checkSpec } from './check';
import { layerPlan } from './kv';
import { basisFor, runtimeKey } from './memo';
import { RUNTIME_RULES, floatBytesOfFormat } from './runtimes';
import { seedFormula } from './seed';
import { EstimateInputError, validateSettings } from './settings';
import type { Estimate, EstimateSettings, ModelInput, UncertaintyBasis } from './types';
import { priceExactWeights, priceSpecWeights, specEntry, specMemo, type PricedWeights } from './weights';

export { defaultSettings, kvCacheTypesFor, validateSettings, EstimateInputError, MAX_CONTEXT } from './settings';
export { seedFormula, specFromParameterCount } from './seed';
export { cachedTensors } from './weights';
export { CUDA_CONTEXT_BYTES, VLLM_NON_TORCH_BYTES } from './runtimes';

/** Relative half-width of the uncertainty band per basis of the weights. */
const BAND: Record<UncertaintyBasis, number> = {
  gguf: 0.03,
  safetensors: 0.04,
  catalog: 0.06,
  config: 0.07,
  parameters: 0.25,
};

/** Exact from a file's tensor table, else priced per tensor from the spec with the format's recipe. */
function priceWeights(
  input: ModelInput,
  settings: EstimateSettings,
  format: ReturnType<typeof resolveQuant>,
  entry: ReturnType<typeof specEntry>,
  warnings: string[],
): PricedWeights {
  if (input.tensors && input.tensors.length > 0) return priceExactWeights(input.spec, input.tensors);
  if (!format.runtimes.includes(settings.runtime)) {
    warnings.push(`${format.id} is not a format ${settings.runtime} loads; its weights are shown as ${format.id} stores them.`);
  }
  return priceSpecWeights(input.spec, format.id, settings.imatrix, entry);
}

export function estimate(input: ModelInput, settings: EstimateSettings): Estimate {
  validateSettings(settings);
  if (typeof input !== 'object' || input === null) throw new EstimateInputError('The model input is missing.');
  const spec = input.spec;
  checkSpec(spec);
  // What the importer could not model travels with every estimate of the spec, never silently.
  const warnings: string[] = [...(spec.approximations ?? [])];
  const format = resolveQuant(settings.quant);
  const rt = settings.runtime;
  const entry = specEntry(spec);

  const w = priceWeights(input, settings, format, entry, warnings);
  const bitsPerWeight = w.elements > 0 ? (w.bytes * 8) / w.elements : 0;
  // A file is tied when it has no output.weight, whatever the spec says.
  // An encoder has no output head at all, so a file without output.weight is not tied.
  const tied = spec.encoder ? false : w.exact ? w.output === 0 && w.tokenEmbedding > 0 : spec.tiedEmbeddings;
  const rules = RUNTIME_RULES[rt];
  const tiedCopy = rules.tiedOutputCopy && tied && w.output === 0 ? w.tokenEmbedding : 0;
  const weightsBytes = w.bytes + tiedCopy;
  const outputBytes = w.output + tiedCopy;

  if (settings.context > spec.maxContext && spec.maxContext > 0) {
    warnings.push(`A context of ${settings.context} tokens is above the model's trained ${spec.maxContext}; quality may drop.`);
  }

  const dtype = floatBytesOfFormat(format);
  const memoKey = runtimeKey(settings, rules.dtypeFromFormat ? dtype : 0);
  const plan = specMemo(spec, 'plan', () => layerPlan(spec), entry);
  const parts = specMemo(spec, memoKey, () => rules.parts(spec, settings, format, plan), entry);
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
      basis: `${weightsBasis}${
        tiedCopy > 0 ? ' Tied embeddings: llama.cpp keeps the table in host memory and a second copy on the GPU as the output layer.' : ''
      }${spec.mtpLayers ? ` ${spec.mtpLayers} multi-token-prediction layer(s) left out: runtimes load them only to draft tokens (vLLM speculative decoding).` : ''}`,
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
