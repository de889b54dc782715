// Writes GGUF v3 files for tests, fuzzing, benchmarks and the llama.cpp accuracy harness. The header is
// real (metadata, tokenizer, every tensor llama.cpp's loader expects with the right shape and type);
// tensor data is left as zeros by extending the file with ftruncate, so a 70B-shaped file costs a few
// MB of disk on filesystems with sparse files.

import { open } from 'node:fs/promises';
import { ggmlBytes, ggmlType } from '../../src/core/quant/ggml-types';
import type { ModelSpec } from '../../src/core/model/types';
import { specArchKvs, specTensorList } from './gguf-spec-writer';

// ---------------------------------------------------------------------------------------------------
// Low-level encoder

export type KvValue =
  | { type: 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32' | 'f32' | 'f64'; value: number }
  | { type: 'u64' | 'i64'; value: number | bigint }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'array'; itemType: 'string'; values: string[] }
  | { type: 'array'; itemType: 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32' | 'f32' | 'f64' | 'bool'; values: number[] };

export type Kv = [key: string, value: KvValue];

export interface TensorSpec {
  name: string;
  /** ggml order, innermost first. */
  dims: number[];
  /** ggml type name ("Q4_K"). */
  type: string;
}

const TYPE_IDS: Record<string, number> = {
  u8: 0,
  i8: 1,
  u16: 2,
  i16: 3,
  u32: 4,
  i32: 5,
  f32: 6,
  bool: 7,
  string: 8,
  array: 9,
  u64: 10,
  i64: 11,
  f64: 12,
};

export const u32 = (value: number): KvValue => ({ type: 'u32', value });
export const i32 = (value: number): KvValue => ({ type: 'i32', value });
export const f32 = (value: number): KvValue => ({ type: 'f32', value });
export const u16 = (value: number): KvValue => ({ type: 'u16', value });
export const str = (value: string): KvValue => ({ type: 'string', value });
export const bool = (value: boolean): KvValue => ({ type: 'bool', value });
export const strArr = (values: string[]): KvValue => ({ type: 'array', itemType: 'string', values });
export const numArr = (itemType: 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32' | 'f32' | 'f64' | 'bool', values: number[]): KvValue => ({
  type: 'array',
  itemType,
  values,
});

class ByteWriter {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  length = 0;
  private static enc = new TextEncoder();

  private grow(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number): void {
    this.grow(1);
    this.view.setUint8(this.length, v);
    this.length += 1;
  }
  u32(v: number): void {
    this.grow(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }
  u64(v: number | bigint): void {
    this.grow(8);
    this.view.setBigUint64(this.length, BigInt(v), true);
    this.length += 8;
  }
  scalar(type: string, v: number | bigint | boolean): void {
    const n = typeof v === 'boolean' ? (v ? 1 : 0) : v;
    this.grow(8);
    const at = this.length;
    switch (type) {
      case 'u8':
        this.view.setUint8(at, Number(n));
        this.length += 1;
        break;
      case 'i8':
        this.view.setInt8(at, Number(n));
        this.length += 1;
        break;
      case 'bool':
        this.view.setUint8(at, Number(n));
        this.length += 1;
        break;
      case 'u16':
        this.view.setUint16(at, Number(n), true);
        this.length += 2;
        break;
      case 'i16':
        this.view.setInt16(at, Number(n), true);
        this.length += 2;
        break;
      case 'u32':
        this.view.setUint32(at, Number(n), true);
        this.length += 4;
        break;
      case 'i32':
        this.view.setInt32(at, Number(n), true);
        this.length += 4;
        break;
      case 'f32':
        this.view.setFloat32(at, Number(n), true);
        this.length += 4;
        break;
      case 'f64':
        this.view.setFloat64(at, Number(n), true);
        this.length += 8;
        break;
      case 'u64':
        this.view.setBigUint64(at, BigInt(n), true);
        this.length += 8;
        break;
      case 'i64':
        this.view.setBigInt64(at, BigInt(n), true);
        this.length += 8;
        break;
      default:
        throw new Error(`unknown scalar type ${type}`);
    }
  }
  string(s: string): void {
    const bytes = ByteWriter.enc.encode(s);
    this.u64(bytes.length);
    this.grow(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }
  padTo(alignment: number): void {
    const target = Math.ceil(this.length / alignment) * alignment;
    this.grow(target - this.length);
    this.length = target; // buffer is zero-initialised
  }
  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

export interface EncodedGguf {
  /** Header bytes including the padding up to the data section. */
  header: Uint8Array;
  dataOffset: number;
  dataBytes: number;
  /** Header + data: the full file size. */
  fileBytes: number;
}

export function encodeGgufHeader(kvs: Kv[], tensors: TensorSpec[], opts: { alignment?: number; version?: number } = {}): EncodedGguf {
  const alignment = opts.alignment ?? 32;
  const w = new ByteWriter();
  w.u8(0x47);
  w.u8(0x47);
  w.u8(0x55);
  w.u8(0x46);
  w.u32(opts.version ?? 3);
  w.u64(tensors.length);
  w.u64(kvs.length);
  for (const [key, v] of kvs) {
    w.string(key);
    w.u32(TYPE_IDS[v.type]!);
    if (v.type === 'string') w.string(v.value);
    else if (v.type === 'array') {
      w.u32(TYPE_IDS[v.itemType]!);
      w.u64(v.values.length);
      if (v.itemType === 'string') for (const s of v.values as string[]) w.string(s);
      else for (const n of v.values as number[]) w.scalar(v.itemType, n);
    } else w.scalar(v.type, v.value);
  }
  let offset = 0;
  for (const t of tensors) {
    w.string(t.name);
    w.u32(t.dims.length);
    for (const d of t.dims) w.u64(d);
    const type = ggmlType(t.type);
    w.u32(type.id);
    w.u64(offset);
    const elements = t.dims.reduce((a, b) => a * b, 1);
    offset += Math.ceil(ggmlBytes(type, elements) / alignment) * alignment;
  }
  w.padTo(alignment);
  const header = w.bytes();
  return { header, dataOffset: header.length, dataBytes: offset, fileBytes: header.length + offset };
}

/** Writes the header and extends the file with zeros (sparse) to its full size. */
export async function writeGgufFile(path: string, encoded: EncodedGguf): Promise<void> {
  const fh = await open(path, 'w');
  try {
    await fh.write(encoded.header, 0, encoded.header.length, 0);
    await fh.truncate(encoded.fileBytes);
  } finally {
    await fh.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// Synthetic models llama.cpp loads

export type SyntheticArch =
  | 'llama'
  | 'qwen2'
  | 'gemma2'
  | 'gemma3'
  | 'qwen3moe'
  | 'qwen2moe'
  // Spec-driven (gguf-spec-writer.ts): hybrid stacks whose layers differ.
  | 'qwen3next'
  | 'granitehybrid'
  | 'nemotron_h'
  | 'lfm2'
  | 'glm4moe'
  | 'minimax-m2'
  | 'seed_oss'
  | 'smollm3'
  | 'ernie4_5-moe'
  | 'olmo2'
  | 'gemma3n'
  | 'lfm2moe';

/** File types the recipe knows; K-quant mixes follow llama-quantize's main rules in simplified form. */
export type SyntheticFileType =
  'F32' | 'F16' | 'BF16' | 'Q8_0' | 'Q4_0' | 'Q4_1' | 'Q5_0' | 'Q6_K' | 'Q4_K_M' | 'Q4_K_S' | 'Q5_K_M' | 'Q3_K_M' | 'Q2_K';

export interface SyntheticModel {
  architecture: SyntheticArch;
  name?: string;
  layers: number;
  hidden: number;
  /** Dense FFN width (for MoE: written as feed_forward_length but unused by the graph). */
  ff: number;
  heads: number;
  kvHeads: number;
  /** Head dimension; defaults to hidden / heads. */
  headDim?: number;
  vocab: number;
  contextLength?: number;
  slidingWindow?: number;
  experts?: number;
  expertsUsed?: number;
  expertFf?: number;
  /** qwen2moe shared expert width. */
  sharedExpertFf?: number;
  /** No output.weight: the runtime reuses token_embd. Gemma 2 is always tied. */
  tied?: boolean;
  fileType: SyntheticFileType;
  extraMetadata?: Kv[];
  /** When set, tensors and `<arch>.*` metadata come from this spec (gguf-spec-writer.ts); the flat fields above only label the case. */
  spec?: ModelSpec;
}

const FTYPE_IDS: Record<SyntheticFileType, number> = {
  F32: 0,
  F16: 1,
  Q4_0: 2,
  Q4_1: 3,
  Q8_0: 7,
  Q5_0: 8,
  Q2_K: 10,
  Q3_K_M: 12,
  Q4_K_S: 14,
  Q4_K_M: 15,
  Q5_K_M: 17,
  Q6_K: 18,
  BF16: 32,
};

/** llama-quantize's "use more bits" layer choice for attn_v / ffn_down in the _M mixes. */
function useMoreBits(layer: number, layers: number): boolean {
  return layer < layers / 8 || layer >= (7 * layers) / 8 || (layer - Math.floor(layers / 8)) % 3 === 2;
}

/** ggml type of a 2-D+ weight under a file type, simplified from llama-quantize. */
export function recipeType(fileType: SyntheticFileType, name: string, layer: number | null, layers: number): string {
  const base: Record<SyntheticFileType, string> = {
    F32: 'F32',
    F16: 'F16',
    BF16: 'BF16',
    Q8_0: 'Q8_0',
    Q4_0: 'Q4_0',
    Q4_1: 'Q4_1',
    Q5_0: 'Q5_0',
    Q6_K: 'Q6_K',
    Q4_K_M: 'Q4_K',
    Q4_K_S: 'Q4_K',
    Q5_K_M: 'Q5_K',
    Q3_K_M: 'Q3_K',
    Q2_K: 'Q2_K',
  };
  const t = base[fileType];
  if (name === 'output.weight') {
    if (fileType === 'F32' || fileType === 'F16' || fileType === 'BF16' || fileType === 'Q8_0') return t;
    return 'Q6_K';
  }
  if (name === 'token_embd.weight') {
    if (fileType === 'Q4_0' || fileType === 'Q4_1' || fileType === 'Q5_0') return 'Q6_K';
    return t;
  }
  const mixed = fileType === 'Q4_K_M' || fileType === 'Q5_K_M' || fileType === 'Q3_K_M';
  if (
    mixed &&
    layer !== null &&
    (name.endsWith('attn_v.weight') || name.endsWith('ffn_down.weight') || name.endsWith('ffn_down_exps.weight'))
  ) {
    if (useMoreBits(layer, layers)) return 'Q6_K';
  }
  if (fileType === 'Q3_K_M' && name.endsWith('attn_v.weight')) return 'Q5_K';
  return t;
}

function tensorList(m: SyntheticModel): TensorSpec[] {
  if (m.spec) return specTensorList({ spec: m.spec, fileType: m.fileType });
  const hd = m.headDim ?? m.hidden / m.heads;
  const qDim = m.heads * hd;
  const kvDim = m.kvHeads * hd;
  const h = m.hidden;
  const a = m.architecture;
  const moe = a === 'qwen3moe' || a === 'qwen2moe';
  const gemma = a === 'gemma2' || a === 'gemma3';
  const tied = a === 'gemma2' ? true : (m.tied ?? false);
  const out: TensorSpec[] = [];
  const w = (name: string, dims: number[], layer: number | null) =>
    out.push({ name, dims, type: dims.length === 1 ? 'F32' : recipeType(m.fileType, name, layer, m.layers) });
  w('token_embd.weight', [h, m.vocab], null);
  w('output_norm.weight', [h], null);
  if (!tied) w('output.weight', [h, m.vocab], null);
  for (let i = 0; i < m.layers; i++) {
    const p = `blk.${i}.`;
    w(`${p}attn_norm.weight`, [h], i);
    w(`${p}attn_q.weight`, [h, qDim], i);
    w(`${p}attn_k.weight`, [h, kvDim], i);
    w(`${p}attn_v.weight`, [h, kvDim], i);
    w(`${p}attn_output.weight`, [qDim, h], i);
    if (a === 'qwen2' || a === 'qwen2moe') {
      w(`${p}attn_q.bias`, [qDim], i);
      w(`${p}attn_k.bias`, [kvDim], i);
      w(`${p}attn_v.bias`, [kvDim], i);
    }
    if (a === 'gemma3' || a === 'qwen3moe') {
      w(`${p}attn_q_norm.weight`, [hd], i);
      w(`${p}attn_k_norm.weight`, [hd], i);
    }
    if (gemma) w(`${p}post_attention_norm.weight`, [h], i);
    w(`${p}ffn_norm.weight`, [h], i);
    if (moe) {
      const E = m.experts ?? 8;
      const eff = m.expertFf ?? m.ff;
      // The router stays F32 in real files (llama-quantize skips ffn_gate_inp).
      out.push({ name: `${p}ffn_gate_inp.weight`, dims: [h, E], type: 'F32' });
      w(`${p}ffn_gate_exps.weight`, [h, eff, E], i);
      w(`${p}ffn_down_exps.weight`, [eff, h, E], i);
      w(`${p}ffn_up_exps.weight`, [h, eff, E], i);
      if (a === 'qwen2moe') {
        const sff = m.sharedExpertFf ?? eff;
        out.push({ name: `${p}ffn_gate_inp_shexp.weight`, dims: [h], type: 'F32' });
        w(`${p}ffn_gate_shexp.weight`, [h, sff], i);
        w(`${p}ffn_down_shexp.weight`, [sff, h], i);
        w(`${p}ffn_up_shexp.weight`, [h, sff], i);
      }
    } else {
      w(`${p}ffn_gate.weight`, [h, m.ff], i);
      w(`${p}ffn_down.weight`, [m.ff, h], i);
      w(`${p}ffn_up.weight`, [h, m.ff], i);
    }
    if (gemma) w(`${p}post_ffw_norm.weight`, [h], i);
  }
  return out;
}

/** A SentencePiece-style vocab of dummy tokens: unk, bos, eos, the 256 byte tokens, then filler. */
function tokenizerKvs(vocab: number): Kv[] {
  if (vocab < 260) throw new Error('synthetic vocab must hold at least 260 tokens');
  const tokens: string[] = ['<unk>', '<s>', '</s>'];
  const types: number[] = [2, 3, 3];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(6);
  }
  for (let i = tokens.length; i < vocab; i++) {
    tokens.push(`\u2581t${i}`);
    types.push(1);
  }
  const scores = tokens.map((_, i) => -i);
  return [
    ['tokenizer.ggml.model', str('llama')],
    ['tokenizer.ggml.tokens', strArr(tokens)],
    ['tokenizer.ggml.scores', numArr('f32', scores)],
    ['tokenizer.ggml.token_type', numArr('i32', types)],
    ['tokenizer.ggml.bos_token_id', u32(1)],
    ['tokenizer.ggml.eos_token_id', u32(2)],
    ['tokenizer.ggml.unknown_token_id', u32(0)],
  ];
}

export function syntheticKvs(m: SyntheticModel): Kv[] {
  const a = m.architecture;
  const hd = m.headDim ?? m.hidden / m.heads;
  const kv: Kv[] = [
    ['general.architecture', str(a)],
    ['general.name', str(m.name ?? `synthetic-${a}`)],
    ['general.file_type', u32(FTYPE_IDS[m.fileType])],
    ['general.alignment', u32(32)],
  ];
  if (m.spec)
    return [
      ...kv,
      ...specArchKvs({ spec: m.spec, fileType: m.fileType }, m.contextLength ?? 32768),
      ...tokenizerKvs(m.vocab),
      ...(m.extraMetadata ?? []),
    ];
  kv.push(
    [`${a}.context_length`, u32(m.contextLength ?? 32768)],
    [`${a}.embedding_length`, u32(m.hidden)],
    [`${a}.block_count`, u32(m.layers)],
    [`${a}.feed_forward_length`, u32(m.ff)],
    [`${a}.attention.head_count`, u32(m.heads)],
    [`${a}.attention.head_count_kv`, u32(m.kvHeads)],
    [`${a}.attention.key_length`, u32(hd)],
    [`${a}.attention.value_length`, u32(hd)],
    [`${a}.attention.layer_norm_rms_epsilon`, f32(1e-6)],
    [`${a}.rope.freq_base`, f32(10000)],
  );
  if (a === 'llama') kv.push([`${a}.rope.dimension_count`, u32(hd)]);
  if (a === 'gemma2' || a === 'gemma3') {
    kv.push([`${a}.attention.sliding_window`, u32(m.slidingWindow ?? (a === 'gemma2' ? 4096 : 1024))]);
  }
  if (a === 'gemma2') {
    kv.push([`${a}.attn_logit_softcapping`, f32(50)], [`${a}.final_logit_softcapping`, f32(30)]);
  }
  const moe = a === 'qwen3moe' || a === 'qwen2moe';
  if (moe) {
    kv.push([`${a}.expert_count`, u32(m.experts ?? 8)], [`${a}.expert_used_count`, u32(m.expertsUsed ?? 2)]);
    kv.push([`${a}.expert_feed_forward_length`, u32(m.expertFf ?? m.ff)]);
    if (a === 'qwen2moe') kv.push([`${a}.expert_shared_feed_forward_length`, u32(m.sharedExpertFf ?? m.expertFf ?? m.ff)]);
  }
  kv.push(...tokenizerKvs(m.vocab));
  kv.push(...(m.extraMetadata ?? []));
  return kv;
}

export function syntheticTensors(m: SyntheticModel): TensorSpec[] {
  return tensorList(m);
}

export function encodeSyntheticGguf(m: SyntheticModel): EncodedGguf {
  return encodeGgufHeader(syntheticKvs(m), tensorList(m));
}

export async function writeSyntheticGguf(path: string, model: SyntheticModel): Promise<void> {
  await writeGgufFile(path, encodeSyntheticGguf(model));
}

/**
 * Writes a split set like llama-gguf-split: `<prefix>-00001-of-0000N.gguf` ...; the first shard holds
 * all metadata, every shard holds split.no / split.count / split.tensors.count and its share of tensors.
 * Returns the paths in order.
 */
export async function writeSyntheticGgufSplit(prefix: string, model: SyntheticModel, count: number): Promise<string[]> {
  const kvs = syntheticKvs(model);
  const tensors = tensorList(model);
  const per = Math.ceil(tensors.length / count);
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const part = tensors.slice(i * per, (i + 1) * per);
    const splitKvs: Kv[] = [
      ['split.no', u16(i)],
      ['split.count', u16(count)],
      ['split.tensors.count', i32(tensors.length)],
    ];
    const shardKvs = i === 0 ? [...kvs.slice(0, 1), ...splitKvs, ...kvs.slice(1)] : splitKvs;
    const path = `${prefix}-${String(i + 1).padStart(5, '0')}-of-${String(count).padStart(5, '0')}.gguf`;
    await writeGgufFile(path, encodeGgufHeader(shardKvs, part));
    paths.push(path);
  }
  return paths;
}

/** Exact expectations for tests: parameter count and weight bytes of a synthetic model. */
export function syntheticTotals(m: SyntheticModel): { parameters: number; weightsBytes: number; tensors: number } {
  let parameters = 0;
  let weightsBytes = 0;
  const list = tensorList(m);
  for (const t of list) {
    const n = t.dims.reduce((x, y) => x * y, 1);
    parameters += n;
    weightsBytes += ggmlBytes(ggmlType(t.type), n);
  }
  return { parameters, weightsBytes, tensors: list.length };
}
