// A LoRA adapter's memory at inference: llama.cpp (--lora) loads every adapter tensor as stored, beside the
// base layer it patches, so the bytes are the sum of the adapter's tensors. Two sources: a GGUF adapter
// (convert_lora_to_gguf.py: general.type = "adapter", adapter.type = "lora", tensors *.lora_a / *.lora_b),
// or a PEFT folder (adapter_config.json + adapter_model.safetensors, whose JSON header gives dtype and shape).

import type { GgufHeader } from '../model/gguf/parse';

export interface LoraInfo {
  format: 'gguf' | 'peft';
  tensorCount: number;
  bytes: number;
  rank: number | null;
  alpha: number | null;
}

export class LoraError extends Error {}

export function loraFromGguf(h: GgufHeader): LoraInfo {
  const type = h.metadata.get('general.type');
  if (type !== 'adapter')
    throw new LoraError(
      `its general.type is ${typeof type === 'string' ? `"${type}"` : 'missing'}, not "adapter", so it is not a LoRA adapter GGUF.`,
    );
  const kind = h.metadata.get('adapter.type');
  if (kind !== undefined && kind !== 'lora') throw new LoraError(`it is a "${String(kind)}" adapter, not a LoRA one.`);
  const lora = h.tensors.filter((t) => /\.lora_[ab]$/.test(t.name));
  if (lora.length === 0) throw new LoraError('it has no *.lora_a / *.lora_b tensors.');
  const alpha = h.metadata.get('adapter.lora.alpha');
  // lora_a is [n_in, r] in ggml order: its second dimension is the rank.
  const rank = lora.find((t) => t.name.endsWith('.lora_a'))?.dims[1] ?? null;
  return {
    format: 'gguf',
    tensorCount: h.tensors.length,
    bytes: h.tensors.reduce((a, t) => a + t.bytes, 0),
    rank,
    alpha: typeof alpha === 'number' ? alpha : null,
  };
}

/** Bytes per element of the safetensors dtypes an adapter is saved in. */
const DTYPE_BYTES: Record<string, number> = {
  F64: 8,
  F32: 4,
  F16: 2,
  BF16: 2,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U8: 1,
  F8_E4M3: 1,
  F8_E5M2: 1,
};

/**
 * `config`: adapter_config.json parsed; `header`: the safetensors JSON header (tensor name →
 * { dtype, shape, data_offsets }). Bytes are data_offsets' span, which equals dtype size × elements.
 */
export function loraFromPeft(config: unknown, header: unknown): LoraInfo {
  if (typeof config !== 'object' || config === null) throw new LoraError('adapter_config.json is not a JSON object.');
  const c = config as Record<string, unknown>;
  if (typeof c.peft_type === 'string' && c.peft_type.toUpperCase() !== 'LORA')
    throw new LoraError(`adapter_config.json names a ${c.peft_type} adapter, not a LoRA one.`);
  if (typeof header !== 'object' || header === null) throw new LoraError('the safetensors header is not a JSON object.');
  let bytes = 0;
  let count = 0;
  for (const [name, t] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') continue;
    const info = t as { dtype?: unknown; shape?: unknown };
    const size = typeof info.dtype === 'string' ? DTYPE_BYTES[info.dtype] : undefined;
    if (size === undefined || !Array.isArray(info.shape) || !info.shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0))
      throw new LoraError(`the safetensors entry "${name}" has no readable dtype and shape.`);
    bytes += size * (info.shape as number[]).reduce((a, d) => a * d, 1);
    count++;
  }
  if (count === 0) throw new LoraError('the safetensors file lists no tensors.');
  return {
    format: 'peft',
    tensorCount: count,
    bytes,
    rank: typeof c.r === 'number' ? c.r : null,
    alpha: typeof c.lora_alpha === 'number' ? c.lora_alpha : null,
  };
}
