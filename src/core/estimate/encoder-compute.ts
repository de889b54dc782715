// llama.cpp buffers of an encoder-only embedding or reranker model (BERT, XLM-RoBERTa, NomicBERT):
// no KV cache (create_memory returns nullptr for these architectures), no n_vocab logits (the graph
// ends at the pooled hidden state), and bidirectional attention over the micro-batch itself, so the
// attention matrix and mask are T × T for a T-token micro-batch rather than T × n_ctx.
//
// The compute terms were fitted to the real allocator (node-llama-cpp 3.21.1, CPU backend, synthetic
// "bert" GGUFs of n_embd 768 and 1024, n_ff 768 to 4096, 12 and 16 heads, T 512 to 4096, 1 and 4
// sequences; tests/accuracy/encoder.test.ts) and reproduce every measured buffer to within 8 KiB:
//   flash attention on   2·T² (the f16 mask) + 4·T·(max(n_ff + 3·n_embd, 5.5·n_embd) + 3)
//   flash attention off  4·T²·(n_head + 1) (the f32 KQ matrix and mask) + 4·T·(6·n_embd + 3)
//   mean pooling         + 4·T·n_seq (the pooling matrix; CLS and rank pooling hold none)
// A gated FFN (NomicBERT's SwiGLU) holds gate and up at once, so its FFN phase counts 2·n_ff; that
// variant was not in the measured grid. The output buffer is 4·(n_vocab + n_embd) bytes per sequence
// (llama.cpp reserves a logits row beside the pooled embedding even for an encoder; measured exactly).

import type { ModelSpec } from '../model/types';
import type { KvResult } from './kv';
import type { RuntimeParts } from './runtimes/types';
import { CUDA_CONTEXT_BYTES } from './runtimes/types';

const MiB = 1024 * 1024;

export interface EncoderCompute {
  device: number;
  host: number;
  cpu: number;
  basis: string;
}

export function llamaCppEncoderCompute(spec: ModelSpec, tokens: number, parallel: number, flashAttention: boolean): EncoderCompute {
  const T = tokens;
  const h = spec.hiddenSize;
  const ffn = (spec.gatedFfn ? 2 : 1) * spec.intermediateSize;
  const ffnPhase = ffn + 3 * h;
  // Mean pooling's T × n_seq f32 matrix; counted for every encoder, as the pooling type lives in the GGUF.
  const meanPool = 4 * T * parallel;
  const graph =
    meanPool +
    (flashAttention
      ? 2 * T * T + 4 * T * (Math.max(ffnPhase, 5.5 * h) + 3)
      : Math.max(4 * T * T * (spec.heads + 1) + 4 * T * (6 * h + 3), 4 * T * T + 4 * T * (ffnPhase + 3)));
  // With layers on a GPU the host keeps the graph inputs: token embeddings and the f32 T × T mask, as
  // the decoder's host buffer keeps 4·T·(n_embd + n_kv) with n_kv = T here.
  const host = 4 * T * (h + T);
  const peak = flashAttention ? 'the FFN (or Q/K/V) activations and the f16 T × T mask' : 'the attention matrix T × T × n_head × 4 B';
  return {
    device: Math.round(graph),
    host,
    cpu: Math.round(graph),
    basis: `llama.cpp encoder graph for ${T}-token micro-batches (bidirectional attention over the batch itself), peak at ${peak}; the host buffer holds the input embeddings and the T × T mask (${(host / MiB).toFixed(2)} MiB).`,
  };
}

/** The llama.cpp parts of an encoder-only model: zero KV, the encoder graph and the pooled output buffer. */
export function llamaCppEncoderParts(
  spec: ModelSpec,
  settings: { parallel: number; context: number; flashAttention: boolean },
  tokens: number,
  kv: KvResult,
  warnings: string[],
): RuntimeParts {
  const { parallel, flashAttention } = settings;
  if (tokens < settings.context) {
    // llama-server refuses a non-causal input longer than n_ubatch ("input is too large to process").
    warnings.push(
      `An encoder takes each input in one micro-batch: with -ub ${tokens}, inputs over ${tokens} tokens are refused; set -ub and -b to ${settings.context} to embed inputs of the full context.`,
    );
  }
  const c = llamaCppEncoderCompute(spec, tokens, parallel, flashAttention);
  return {
    kv: {
      ...kv,
      bytes: 0,
      bytesPerToken: 0,
      basis: 'No KV cache: llama.cpp creates no memory for encoder-only architectures (bert, nomic-bert, jina-bert-v3).',
    },
    compute: { bytes: c.device + c.host, device: c.device, host: c.host, cpu: c.cpu, basis: c.basis, tokens },
    outputBuffer: {
      bytes: 4 * (spec.vocabSize + spec.hiddenSize) * parallel,
      basis: `llama.cpp output buffer: (n_vocab + n_embd) × ${parallel} sequence(s) × 4 B (a logits row is reserved beside each pooled embedding), in host memory.`,
    },
    overhead: {
      bytes: CUDA_CONTEXT_BYTES,
      basis: 'CUDA/ROCm context and driver allocations per GPU, about 0.5 GiB (0.3–1 GiB in public logs).',
    },
    vllm: undefined,
    warnings,
  };
}
