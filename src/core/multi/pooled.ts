// Embedding and reranker servers in llama.cpp (--embedding / --reranking) pool the last hidden state
// instead of computing logits: the graph ends at an n_embd-wide state (a rank head of one row for a
// reranker), and the output buffer holds n_embd floats per sequence rather than n_vocab. The engine
// sizes a chat server, whose largest buffer for a long micro-batch is the n_vocab × n_ubatch logits; this
// re-prices those two parts with the same compute formula and the pooled output width.

import { llamaCppCompute } from '../estimate/compute';
import { kvRowBytes, layerPlan, padTo } from '../estimate/kv';
import type { Estimate } from '../estimate/types';
import type { MemberRole } from './types';

const FLOAT_KV = ['f32', 'f16', 'bf16'];

export function pooledEstimate(role: MemberRole, est: Estimate): Estimate {
  const s = est.settings;
  if ((role !== 'embedding' && role !== 'reranker') || s.runtime !== 'llama.cpp') return est;
  const spec = est.model;
  const plan = layerPlan(spec);
  const pad = s.kvPadding ?? 256;
  const unified = s.kvUnified === true && s.parallel > 1;
  const ctxSeq = unified ? padTo(s.context * s.parallel, pad) : padTo(s.context, pad);
  const quantKv = !FLOAT_KV.includes(s.kvTypeK) || !FLOAT_KV.includes(s.kvTypeV);
  const f16Copy = s.flashAttention && quantKv && ['cuda', 'rocm'].includes(s.backend ?? 'cuda');
  const tokens = est.compute.tokens ?? Math.min(s.ubatch, s.batch);
  // Pooled head width: 0 vocabulary rows for an embedding (the graph stops at the final norm), one for a rank score.
  const head = role === 'reranker' ? 1 : 0;
  const c = llamaCppCompute(
    { ...spec, vocabSize: head },
    {
      tokens,
      nKv: ctxSeq,
      nSwa: est.kvCache.slidingCells ?? 0,
      hasFullLayers: plan.hasFull,
      flashAttention: s.flashAttention,
      quantKvF16CopyBytes: f16Copy ? kvRowBytes('f16', plan.maxElems) * (plan.hasFull ? ctxSeq : (est.kvCache.slidingCells ?? 0)) : 0,
    },
  );
  const output = spec.hiddenSize * 4 * s.parallel;
  const compute = {
    ...est.compute,
    bytes: c.device + c.host,
    device: c.device,
    host: c.host,
    cpu: c.cpu,
    basis: `${c.basis} Pooled ${role} output: no n_vocab logits.`,
  };
  const totalBytes = est.totalBytes - est.compute.bytes - est.outputBuffer.bytes + compute.bytes + output;
  return {
    ...est,
    compute,
    outputBuffer: {
      bytes: output,
      basis: `llama.cpp ${role} output buffer: n_embd × ${s.parallel} sequence(s) × 4 B (pooled, no logits).`,
    },
    totalBytes,
  };
}
