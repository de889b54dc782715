// Measures real llama.cpp (node-llama-cpp, CPU backend) on synthetic encoder-only GGUFs (BERT /
// XLM-RoBERTa layout, llama.cpp arch "bert") and on decoder GGUFs loaded as embedding contexts, so the
// pooled-model compute formula is checked against the allocator rather than against itself. The file
// layout follows llama.cpp's BERT loader (token_embd, token_types, position_embd, token_embd_norm, per
// layer attn_q/k/v/output + biases, attn_output_norm, ffn_up/down + biases, layer_output_norm; cls and
// cls.output for a rank head). Tensor data are zeros in a sparse file, as in gguf-writer.ts.

import { join, resolve, dirname } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  bool,
  encodeGgufHeader,
  f32,
  numArr,
  str,
  strArr,
  u32,
  writeGgufFile,
  writeSyntheticGguf,
  type Kv,
  type SyntheticModel,
  type TensorSpec,
} from '../support/gguf-writer';
import { HARNESS_DIR, HARNESS_INSTALL_HINT, isHarnessInstalled, parseLlamaLog, pinBaselineCpuBackend } from './llama-harness';

const here = dirname(fileURLToPath(import.meta.url));

export interface SyntheticEncoder {
  layers: number;
  hidden: number;
  ff: number;
  heads: number;
  vocab: number;
  /** Rows of position_embd (max_position_embeddings). */
  positions: number;
  tokenTypes: number;
  /** llama.cpp pooling type: 1 mean, 2 cls, 4 rank (adds cls + cls.output). */
  pooling: 1 | 2 | 4;
  weightType: 'F16' | 'Q8_0';
}

/** Tensors in llama.cpp's BERT naming; matrices in the weight type, vectors in F32 as convert_hf_to_gguf writes them. */
export function encoderTensors(m: SyntheticEncoder): TensorSpec[] {
  const h = m.hidden;
  const w = (name: string, dims: number[]): TensorSpec => ({ name, dims, type: m.weightType });
  const v = (name: string, n: number): TensorSpec => ({ name, dims: [n], type: 'F32' });
  const t: TensorSpec[] = [
    w('token_embd.weight', [h, m.vocab]),
    // convert_hf_to_gguf writes position_embd and token_types in F32 and llama-quantize leaves them so.
    { name: 'token_types.weight', dims: [h, m.tokenTypes], type: 'F32' },
    { name: 'position_embd.weight', dims: [h, m.positions], type: 'F32' },
    v('token_embd_norm.weight', h),
    v('token_embd_norm.bias', h),
  ];
  for (let i = 0; i < m.layers; i++) {
    const b = `blk.${i}.`;
    for (const p of ['attn_q', 'attn_k', 'attn_v', 'attn_output']) t.push(w(`${b}${p}.weight`, [h, h]), v(`${b}${p}.bias`, h));
    t.push(v(`${b}attn_output_norm.weight`, h), v(`${b}attn_output_norm.bias`, h));
    t.push(w(`${b}ffn_up.weight`, [h, m.ff]), v(`${b}ffn_up.bias`, m.ff));
    t.push(w(`${b}ffn_down.weight`, [m.ff, h]), v(`${b}ffn_down.bias`, h));
    t.push(v(`${b}layer_output_norm.weight`, h), v(`${b}layer_output_norm.bias`, h));
  }
  if (m.pooling === 4)
    t.push(w('cls.weight', [h, h]), v('cls.bias', h), { name: 'cls.output.weight', dims: [h, 1], type: 'F32' }, v('cls.output.bias', 1));
  return t;
}

function tokenizer(vocab: number, tokenTypes: number): Kv[] {
  const tokens = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
  for (let i = tokens.length; i < vocab; i++) tokens.push(`t${i}`);
  return [
    ['tokenizer.ggml.model', str('bert')],
    ['tokenizer.ggml.tokens', strArr(tokens)],
    [
      'tokenizer.ggml.token_type',
      numArr(
        'i32',
        tokens.map((_, i) => (i < 5 ? 3 : 1)),
      ),
    ],
    ['tokenizer.ggml.token_type_count', u32(tokenTypes)],
    ['tokenizer.ggml.padding_token_id', u32(0)],
    ['tokenizer.ggml.unknown_token_id', u32(1)],
    ['tokenizer.ggml.cls_token_id', u32(2)],
    ['tokenizer.ggml.seperator_token_id', u32(3)],
    ['tokenizer.ggml.mask_token_id', u32(4)],
  ];
}

export function encoderKvs(m: SyntheticEncoder): Kv[] {
  return [
    ['general.architecture', str('bert')],
    ['general.name', str('synthetic-bert')],
    ['general.file_type', u32(m.weightType === 'F16' ? 1 : 7)],
    ['general.alignment', u32(32)],
    ['bert.context_length', u32(m.positions)],
    ['bert.embedding_length', u32(m.hidden)],
    ['bert.feed_forward_length', u32(m.ff)],
    ['bert.block_count', u32(m.layers)],
    ['bert.attention.head_count', u32(m.heads)],
    ['bert.attention.layer_norm_epsilon', f32(1e-5)],
    ['bert.attention.causal', bool(false)],
    ['bert.pooling_type', u32(m.pooling)],
    ...tokenizer(m.vocab, m.tokenTypes),
  ];
}

export interface EncoderCase {
  id: string;
  model: SyntheticEncoder;
  /** n_ctx = n_batch = n_ubatch: an encoder takes each input in one micro-batch. */
  tokens: number;
  sequences?: number;
  flashAttention: boolean;
}

export interface EncoderMeasured {
  case: EncoderCase;
  ok: boolean;
  error?: string;
  modelBytes: number;
  kvBytes: number;
  computeBuffers: Record<string, number>;
  computeBytes: number;
  outputBytes: number;
  log: string[];
}

type Nlc = {
  getLlama(o: Record<string, unknown>): Promise<{ loadModel(o: Record<string, unknown>): Promise<NlcModel> }>;
  LlamaLogLevel: Record<string, string>;
};
type NlcModel = {
  size: number;
  createContext(o: Record<string, unknown>): Promise<{ dispose(): Promise<void> }>;
  dispose(): Promise<void>;
};

let llamaPromise: Promise<{ llama: Awaited<ReturnType<Nlc['getLlama']>>; lines: string[] }> | null = null;

function harnessLlama() {
  llamaPromise ??= (async () => {
    if (!isHarnessInstalled()) throw new Error(HARNESS_INSTALL_HINT);
    pinBaselineCpuBackend();
    const nlc = (await import(pathToFileURL(join(HARNESS_DIR, 'node_modules', 'node-llama-cpp', 'dist', 'index.js')).href)) as Nlc;
    const lines: string[] = [];
    const llama = await nlc.getLlama({
      gpu: false,
      build: 'never',
      progressLogs: false,
      logLevel: nlc.LlamaLogLevel['debug'],
      logger: (_l: unknown, msg: string) => lines.push(...msg.split('\n').filter((x) => x.trim())),
    });
    return { llama, lines };
  })();
  return llamaPromise;
}

function computeOf(lines: string[]): { compute: number; output: number; kv: number } {
  const p = parseLlamaLog(lines);
  return { compute: Object.values(p.computeBuffers).reduce((a, b) => a + b, 0), output: p.outputBytes, kv: p.kvBytes };
}

/** Loads each synthetic encoder once and opens one embedding (or ranking) context per case. */
export async function measureEncoders(cases: EncoderCase[], dir = resolve(here, '..', '.tmp', 'encoder-grid')): Promise<EncoderMeasured[]> {
  await mkdir(dir, { recursive: true });
  const { llama, lines } = await harnessLlama();
  const out: EncoderMeasured[] = [];
  const byModel = new Map<string, EncoderCase[]>();
  for (const c of cases) byModel.set(JSON.stringify(c.model), [...(byModel.get(JSON.stringify(c.model)) ?? []), c]);
  let n = 0;
  for (const list of byModel.values()) {
    const m = list[0]!.model;
    const path = join(dir, `bert-${m.weightType}-${m.layers}L-${m.hidden}h-${n++}.gguf`);
    await writeGgufFile(path, encodeGgufHeader(encoderKvs(m), encoderTensors(m)));
    const model = await llama.loadModel({ modelPath: path, gpuLayers: 0, useMmap: true, ignoreMemorySafetyChecks: true });
    for (const c of list) {
      lines.splice(0);
      let error: string | undefined;
      try {
        const ctx = await model.createContext({
          contextSize: c.tokens,
          batchSize: c.tokens,
          sequences: c.sequences ?? 1,
          flashAttention: c.flashAttention,
          ignoreMemorySafetyChecks: true,
          failedCreationRemedy: false,
          _embeddings: true,
          ...(m.pooling === 4 ? { _ranking: true } : {}),
        });
        await ctx.dispose();
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      const p = parseLlamaLog(lines);
      const { compute, output, kv } = computeOf(lines);
      out.push({
        case: c,
        ok: !error && compute > 0,
        ...(error ? { error } : {}),
        modelBytes: model.size,
        kvBytes: kv,
        computeBuffers: p.computeBuffers,
        computeBytes: compute,
        outputBytes: output,
        log: error || compute === 0 ? lines.slice(-40) : [],
      });
    }
    await model.dispose();
  }
  return out;
}

export interface DecoderPoolingMeasured {
  tokens: number;
  flashAttention: boolean;
  chat: { compute: number; output: number; kv: number };
  embedding: { compute: number; output: number; kv: number };
}

/** A decoder GGUF opened twice per case, as a chat context and as an embedding context, same n_ctx = n_ubatch. */
export async function measureDecoderPooling(
  model: SyntheticModel,
  cases: { tokens: number; flashAttention: boolean }[],
  dir = resolve(here, '..', '.tmp', 'encoder-grid'),
): Promise<DecoderPoolingMeasured[]> {
  await mkdir(dir, { recursive: true });
  const { llama, lines } = await harnessLlama();
  const path = join(dir, `decoder-pooling-${model.architecture}-${model.hidden}h.gguf`);
  await writeSyntheticGguf(path, model);
  const loaded = await llama.loadModel({ modelPath: path, gpuLayers: 0, useMmap: true, ignoreMemorySafetyChecks: true });
  const out: DecoderPoolingMeasured[] = [];
  for (const c of cases) {
    const one = async (embeddings: boolean) => {
      lines.splice(0);
      const ctx = await loaded.createContext({
        contextSize: c.tokens,
        batchSize: c.tokens,
        flashAttention: c.flashAttention,
        ignoreMemorySafetyChecks: true,
        failedCreationRemedy: false,
        ...(embeddings ? { _embeddings: true } : {}),
      });
      await ctx.dispose();
      return computeOf(lines);
    };
    out.push({ ...c, chat: await one(false), embedding: await one(true) });
  }
  await loaded.dispose();
  return out;
}
