// A member's settings from the main model's: each model of a set has its own context, parallel slots and
// quant, and the roles differ in what those default to.

import type { EstimateSettings, ModelInput } from '../estimate/types';
import type { MemberRole, SetMember } from './types';

export interface MemberOptions {
  ctx?: number;
  parallel?: number;
  quant?: string;
}

/**
 * Sequence length an embedding or reranker server is planned for when none is given: 8,192 tokens
 * (a long passage, or a query + document pair), capped at the model's own context.
 */
export const RETRIEVAL_DEFAULT_SEQUENCE = 8192;

/** GGUF quant an embedding or reranker is planned with when none is given: Q8_0, what Qwen publishes beside f16. */
export const RETRIEVAL_DEFAULT_QUANT_GGUF = 'Q8_0';

export function memberSettings(role: MemberRole, input: ModelInput, main: EstimateSettings, o: MemberOptions = {}): EstimateSettings {
  const s: EstimateSettings = { ...main };
  if (role === 'embedding' || role === 'reranker') {
    // Sized by batch × sequence length: parallel = inputs in flight, context = tokens per input.
    s.context = o.ctx ?? Math.min(RETRIEVAL_DEFAULT_SEQUENCE, Math.max(1, input.spec.maxContext || RETRIEVAL_DEFAULT_SEQUENCE));
    s.parallel = o.parallel ?? 1;
    s.quant = o.quant ?? (main.runtime === 'llama.cpp' ? RETRIEVAL_DEFAULT_QUANT_GGUF : main.quant);
    if (main.runtime === 'llama.cpp') {
      // llama-server pools an embedding / rerank score over the whole input, which must arrive in one
      // physical batch, so -ub = -b = the sequence length; the compute buffer is sized for that many tokens.
      s.ubatch = s.context;
      s.batch = s.context;
    }
    s.kvTypeK = main.runtime === 'llama.cpp' ? 'f16' : main.kvTypeK;
    s.kvTypeV = s.kvTypeK;
    return s;
  }
  // A draft model (and anything else in the main process) runs at the main model's context and slots:
  // llama-server gives the draft its own KV cache of the same size (-cd defaults to -c).
  if (o.ctx !== undefined) s.context = o.ctx;
  if (o.parallel !== undefined) s.parallel = o.parallel;
  if (o.quant !== undefined) s.quant = o.quant;
  return s;
}

export function makeMember(id: string, role: MemberRole, input: ModelInput, main: EstimateSettings, o: MemberOptions = {}): SetMember {
  return { id, role, input, settings: role === 'main' ? { ...main } : memberSettings(role, input, main, o) };
}
