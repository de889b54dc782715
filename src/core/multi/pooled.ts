// Embedding and reranker servers in llama.cpp (--embedding / --reranking) pool the last hidden state
// into one vector (or a rank score) per sequence. For a decoder (Qwen3-Embedding / Reranker) that does
// not shrink the graph: the model still ends at its lm_head, and llama.cpp reserves the worst-case graph
// with every token of the micro-batch an output, so the n_vocab × n_ubatch logits stay in the compute
// buffer, and the KQ mask stays live beside them until pooling. Measured on the real allocator
// (node-llama-cpp 3.21.1, CPU backend, a synthetic 1024-wide decoder, vocabulary 32,000, T 1024 and
// 2048, last-token pooling as Qwen3-Embedding's GGUF sets it; tests/accuracy/encoder.test.ts): the
// logits phase of an embedding context is 4·T·(n_vocab + 2·n_embd) plus one mask (2·T·n_kv with flash
// attention, 4·T·n_kv without), the buffer the larger of that and the chat graph's other phases, and the
// output buffer (n_vocab + n_embd) × 4 B per sequence. Encoder-only models (no lm_head, no KV cache) are priced by
// the engine itself (estimate/encoder-compute.ts) and pass through unchanged.

import type { Estimate } from '../estimate/types';
import type { MemberRole } from './types';

export function pooledEstimate(role: MemberRole, est: Estimate): Estimate {
  const s = est.settings;
  if ((role !== 'embedding' && role !== 'reranker') || s.runtime !== 'llama.cpp' || est.model.encoder) return est;
  const spec = est.model;
  const T = est.compute.tokens ?? Math.min(s.ubatch, s.batch);
  const nKv = est.kvCache.contextAllocated;
  const mask = (s.flashAttention ? 2 : 4) * T * nKv;
  const logitsPhase = 4 * T * (spec.vocabSize + 2 * spec.hiddenSize) + mask;
  const device = Math.max(est.compute.device, logitsPhase);
  const cpu = Math.max(est.compute.cpu ?? 0, logitsPhase);
  const host = est.compute.host;
  const compute = {
    ...est.compute,
    bytes: device + host,
    device,
    cpu,
    basis: `${est.compute.basis} Pooled ${role}: llama.cpp still reserves the n_vocab × ${T} logits (every token of the micro-batch is an output), with the KQ mask live beside them.`,
  };
  const output = 4 * (spec.vocabSize + spec.hiddenSize) * s.parallel;
  const totalBytes = est.totalBytes - est.compute.bytes - est.outputBuffer.bytes + compute.bytes + output;
  return {
    ...est,
    compute,
    outputBuffer: {
      bytes: output,
      basis: `llama.cpp ${role} output buffer: (n_vocab + n_embd) × ${s.parallel} sequence(s) × 4 B (a logits row and the pooled embedding per sequence).`,
    },
    totalBytes,
  };
}
