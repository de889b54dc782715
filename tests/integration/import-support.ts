// Builders for the import tests: real safetensors files (valid headers, zero data), tiny HF folders and
// the on-disk layouts of Ollama, LM Studio and the Hugging Face hub cache, all under os.tmpdir().

import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createHash } from 'node:crypto';

export const DTYPE_BYTES: Record<string, number> = {
  F32: 4,
  F16: 2,
  BF16: 2,
  F8_E4M3: 1,
  I8: 1,
  U8: 1,
  I32: 4,
  U32: 4,
  I64: 8,
};

export interface TensorDef {
  name: string;
  dtype: string;
  shape: number[];
}

export function tensorBytes(t: TensorDef): number {
  return t.shape.reduce((a, b) => a * b, 1) * DTYPE_BYTES[t.dtype]!;
}

/** Writes a valid safetensors file; returns its size. Header padded with spaces to 8 bytes as the spec allows. */
export async function writeSafetensors(path: string, tensors: TensorDef[], metadata?: Record<string, string>): Promise<number> {
  const header: Record<string, unknown> = {};
  if (metadata) header['__metadata__'] = metadata;
  let offset = 0;
  for (const t of tensors) {
    const bytes = tensorBytes(t);
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  while (json.length % 8 !== 0) json += ' ';
  const prefix = Buffer.alloc(8);
  prefix.writeBigUInt64LE(BigInt(Buffer.byteLength(json)));
  const file = Buffer.concat([prefix, Buffer.from(json), Buffer.alloc(offset)]);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, file);
  return file.length;
}

export interface TinyLlama {
  layers: number;
  hidden: number;
  heads: number;
  kvHeads: number;
  ff: number;
  vocab: number;
  tied?: boolean;
}

export const TINY: TinyLlama = { layers: 2, hidden: 64, heads: 4, kvHeads: 2, ff: 128, vocab: 256 };

export function tinyLlamaConfig(m: TinyLlama = TINY, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    architectures: ['LlamaForCausalLM'],
    model_type: 'llama',
    hidden_size: m.hidden,
    intermediate_size: m.ff,
    num_attention_heads: m.heads,
    num_hidden_layers: m.layers,
    num_key_value_heads: m.kvHeads,
    vocab_size: m.vocab,
    max_position_embeddings: 4096,
    rms_norm_eps: 1e-5,
    tie_word_embeddings: m.tied ?? false,
    torch_dtype: 'bfloat16',
    ...extra,
  };
}

/** HF Llama tensors, row-major [out, in] as PyTorch stores them. */
export function tinyLlamaTensors(m: TinyLlama = TINY, dtype = 'BF16'): TensorDef[] {
  const hd = m.hidden / m.heads;
  const out: TensorDef[] = [{ name: 'model.embed_tokens.weight', dtype, shape: [m.vocab, m.hidden] }];
  for (let l = 0; l < m.layers; l++) {
    const p = `model.layers.${l}.`;
    out.push(
      { name: `${p}self_attn.q_proj.weight`, dtype, shape: [m.heads * hd, m.hidden] },
      { name: `${p}self_attn.k_proj.weight`, dtype, shape: [m.kvHeads * hd, m.hidden] },
      { name: `${p}self_attn.v_proj.weight`, dtype, shape: [m.kvHeads * hd, m.hidden] },
      { name: `${p}self_attn.o_proj.weight`, dtype, shape: [m.hidden, m.heads * hd] },
      { name: `${p}mlp.gate_proj.weight`, dtype, shape: [m.ff, m.hidden] },
      { name: `${p}mlp.up_proj.weight`, dtype, shape: [m.ff, m.hidden] },
      { name: `${p}mlp.down_proj.weight`, dtype, shape: [m.hidden, m.ff] },
      { name: `${p}input_layernorm.weight`, dtype, shape: [m.hidden] },
      { name: `${p}post_attention_layernorm.weight`, dtype, shape: [m.hidden] },
    );
  }
  out.push({ name: 'model.norm.weight', dtype, shape: [m.hidden] });
  if (!m.tied) out.push({ name: 'lm_head.weight', dtype, shape: [m.vocab, m.hidden] });
  return out;
}

export function elementsOf(tensors: TensorDef[]): number {
  return tensors.reduce((sum, t) => sum + t.shape.reduce((a, b) => a * b, 1), 0);
}

/** Writes config.json and the tensors split over `shards` files with an index (shards > 1) or model.safetensors. */
export async function writeHfFolder(
  dir: string,
  config: Record<string, unknown>,
  tensors: TensorDef[],
  shards = 1,
): Promise<{ files: string[]; fileBytes: number }> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'config.json'), JSON.stringify(config, null, 2));
  const files: string[] = [];
  let fileBytes = 0;
  if (shards <= 1) {
    const path = join(dir, 'model.safetensors');
    fileBytes += await writeSafetensors(path, tensors, { format: 'pt' });
    files.push(path);
    return { files, fileBytes };
  }
  const per = Math.ceil(tensors.length / shards);
  const weightMap: Record<string, string> = {};
  for (let i = 0; i < shards; i++) {
    const name = `model-${String(i + 1).padStart(5, '0')}-of-${String(shards).padStart(5, '0')}.safetensors`;
    const part = tensors.slice(i * per, (i + 1) * per);
    for (const t of part) weightMap[t.name] = name;
    const path = join(dir, name);
    fileBytes += await writeSafetensors(path, part, { format: 'pt' });
    files.push(path);
  }
  await writeFile(
    join(dir, 'model.safetensors.index.json'),
    JSON.stringify({ metadata: { total_size: tensors.reduce((s, t) => s + tensorBytes(t), 0) }, weight_map: weightMap }),
  );
  return { files, fileBytes };
}

/** Lays a folder out as the HF hub cache does: real files in blobs/<sha>, snapshots/<rev>/* as relative symlinks. */
export async function hubCacheRepo(hubDir: string, repoId: string, sourceDir: string, names: string[]): Promise<string> {
  const repoDir = join(hubDir, `models--${repoId.replace('/', '--')}`);
  const rev = createHash('sha1').update(repoId).digest('hex');
  const snapshot = join(repoDir, 'snapshots', rev);
  await mkdir(join(repoDir, 'blobs'), { recursive: true });
  await mkdir(snapshot, { recursive: true });
  await mkdir(join(repoDir, 'refs'), { recursive: true });
  await writeFile(join(repoDir, 'refs', 'main'), rev);
  const { readFile, rename } = await import('node:fs/promises');
  for (const name of names) {
    const data = await readFile(join(sourceDir, name));
    const sha = createHash('sha256').update(data).digest('hex');
    const blob = join(repoDir, 'blobs', sha);
    await rename(join(sourceDir, name), blob).catch(async () => writeFile(blob, data));
    await symlink(relative(snapshot, blob), join(snapshot, name));
  }
  return snapshot;
}

export async function makeTempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `vram-import-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
